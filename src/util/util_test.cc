#include <gtest/gtest.h>

#include "src/util/utf8.h"
#include "storyline/document.h"
#include "storyline/span.h"
#include "storyline/status.h"

namespace storyline {
namespace {

TEST(StatusTest, ToStringNamesCodeAndMessage) {
  EXPECT_EQ(Status().ToString(), "OK");
  EXPECT_EQ(Status::NotFound("x.txt: no such file").ToString(),
            "NotFound: x.txt: no such file");
  EXPECT_EQ(Status::IOError("disk").WithPrefix("a.db").message(), "a.db: disk");
}

Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd");
  return x / 2;
}
Result<int> Quarter(int x) {
  SL_ASSIGN_OR_RETURN(int h, Half(x));
  SL_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_EQ(Quarter(6).status().message(), "odd");
}

TEST(DateTest, ParsesValidDaysOnly) {
  ASSERT_TRUE(Date::Parse("2024-11-05").ok());
  EXPECT_EQ(Date::Parse("2024-11-05")->ToString(), "2024-11-05");
  EXPECT_TRUE(Date::Parse("2024-02-29").ok());
  EXPECT_FALSE(Date::Parse("2023-02-29").ok());
  EXPECT_FALSE(Date::Parse("2024-13-01").ok());
  EXPECT_FALSE(Date::Parse("2024-1-01").ok());
  EXPECT_FALSE(Date::Parse("").ok());
}

TEST(DocumentTest, IdDependsOnSourceAndText) {
  auto a = Document::ComputeId("afp", "text");
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a, Document::ComputeId("afp", "text"));
  EXPECT_NE(a, Document::ComputeId("reuters", "text"));
  EXPECT_NE(a, Document::ComputeId("afp", "text2"));
}

TEST(LayerCodecTest, RoundTrips) {
  Layer l{"timex", 3, {}};
  l.spans.push_back({0, 9, "DATE", {{"value", "2024-11-06"}}});
  l.spans.push_back({12, 20, "DURATION", {{"value", "P24Y"}, {"mod", ""}}});
  l.spans.push_back({5, 6, "DATE", {}});  // out of order is tolerated
  Layer back;
  ASSERT_TRUE(DecodeLayer(EncodeLayer(l), &back));
  EXPECT_EQ(back, l);
}

TEST(LayerCodecTest, RejectsTruncatedAndGarbage) {
  Layer l{"tokens", 1, {{0, 3, "w", {}}, {4, 9, "w", {}}}};
  std::string bytes = EncodeLayer(l);
  Layer back;
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(DecodeLayer(std::string_view(bytes).substr(0, n), &back)) << n;
  EXPECT_FALSE(DecodeLayer("garbage", &back));
}

TEST(Utf8Test, FindsFirstInvalidByte) {
  EXPECT_EQ(util::FindInvalidUtf8("plain ascii text, long enough"), std::string_view::npos);
  EXPECT_EQ(util::FindInvalidUtf8("Kyiv \xE2\x80\x99s"), std::string_view::npos);
  EXPECT_EQ(util::FindInvalidUtf8("abc\xFF"), 3u);
  EXPECT_EQ(util::FindInvalidUtf8("abcdefghij\xC0\x80"), 10u);  // overlong
  EXPECT_EQ(util::FindInvalidUtf8("\xED\xA0\x80"), 0u);         // surrogate
  EXPECT_EQ(util::FindInvalidUtf8("\xE2\x80"), 0u);             // truncated
}

}  // namespace
}  // namespace storyline
