// Tests for the plain-text reader: the " date YYYY-MM-DD " header and its
// variants, metadata defaults, each bad-input class, and the real seeds.
#include "src/ingest/text_reader.h"

#include <gtest/gtest.h>

#include <string>

#include "src/ingest/testing.h"
#include "storyline/ingest.h"

namespace storyline::ingest {
namespace {

using testing::ReadAll;
using testing::ReadAllBytes;
using testing::SharedDir;
using testing::TempDir;

struct HeaderCase {
  const char* input;
  const char* date;  // "" when no header is found
  size_t length;     // bytes stripped
};

TEST(DateHeaderTest, Table) {
  const HeaderCase kCases[] = {
      {" date 2024-11-05 Russian lawmakers", "2024-11-05", 17},
      {"date 2024-11-05 Text", "2024-11-05", 16},
      {" date 2024-11-05\nText", "2024-11-05", 17},
      {" date 2024-11-05\r\nText", "2024-11-05", 18},
      {"date 2024-11-05", "2024-11-05", 15},
      {"Date: 2024-11-05 Text", "2024-11-05", 17},
      {"DATE\t2024-11-05 Text", "2024-11-05", 16},
      {"\xEF\xBB\xBF date 2024-11-05 Text", "2024-11-05", 20},
      // Only one space is part of the header; the rest is article text.
      {" date 2024-11-05  Two spaces", "2024-11-05", 17},
      {"date 2024-11-05T10:00 Text", "", 0},
      {"date 2024-11-0 Text", "", 0},
      {"dated 2024-11-05 Text", "", 0},
      {"date2024-11-05 Text", "", 0},
      {"Plain text about a date 2024-11-05 here", "", 0},
      {"", "", 0},
  };
  for (const HeaderCase& c : kCases) {
    DateHeader h = ParseDateHeader(c.input);
    EXPECT_EQ(h.date ? h.date->ToString() : "", c.date) << c.input;
    EXPECT_EQ(h.length, c.length) << c.input;
  }
}

TEST(DateHeaderTest, InvalidDayIsAWarningNotAHeader) {
  DateHeader h = ParseDateHeader(" date 2024-13-45 Text");
  EXPECT_FALSE(h.date);
  EXPECT_EQ(h.length, 0u);
  EXPECT_EQ(h.warning, "date header '2024-13-45' is not a valid day; kept as text");
}

TEST(TextReaderTest, StripsHeaderAndOneSpace) {
  TempDir dir;
  std::string path = dir.Write("wire/a.txt", " date 2024-11-05 Body text.\n");
  auto c = ReadAll(path);
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.articles.size(), 1u);
  const RawArticle& a = c.articles[0];
  EXPECT_EQ(a.text, "Body text.\n");
  EXPECT_EQ(a.raw, " date 2024-11-05 Body text.\n");
  EXPECT_EQ(a.meta.date->ToString(), "2024-11-05");
  EXPECT_EQ(a.meta.date_source, "header");
  EXPECT_EQ(a.meta.source, "wire");
  EXPECT_EQ(a.meta.origin, path);
  EXPECT_EQ(a.meta.title, "");
  EXPECT_TRUE(a.warnings.empty());
}

TEST(TextReaderTest, HeaderOnItsOwnLine) {
  auto c = ReadAllBytes("a.txt", "date 2024-11-05\nFirst line.\n\nSecond.");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "First line.\n\nSecond.");
  EXPECT_EQ(c.articles[0].meta.date_source, "header");
}

TEST(TextReaderTest, NoHeaderKeepsTextUnchanged) {
  auto c = ReadAllBytes("feeds/a.txt", "  Indented first line.\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "  Indented first line.\n");
  EXPECT_FALSE(c.articles[0].meta.date);
  EXPECT_EQ(c.articles[0].meta.date_source, "");
  EXPECT_EQ(c.articles[0].meta.source, "feeds");
}

TEST(TextReaderTest, StripsByteOrderMark) {
  auto c = ReadAllBytes("a.txt", "\xEF\xBB\xBFHello.");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Hello.");
  EXPECT_EQ(c.articles[0].raw, "\xEF\xBB\xBFHello.");
}

TEST(TextReaderTest, InvalidHeaderDayWarnsAndKeepsText) {
  auto c = ReadAllBytes("a.txt", " date 2024-02-30 Text.");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, " date 2024-02-30 Text.");
  EXPECT_FALSE(c.articles[0].meta.date);
  ASSERT_EQ(c.articles[0].warnings.size(), 1u);
  EXPECT_EQ(c.articles[0].warnings[0],
            "a.txt: date header '2024-02-30' is not a valid day; kept as text");
}

TEST(TextReaderTest, OptionsFillSourceAndDate) {
  ReadOptions options;
  options.source = "Daily Planet";
  options.date = Date{2023, 1, 2};
  auto c = ReadAllBytes("x/a.txt", "Undated text.", options);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].meta.source, "Daily Planet");
  EXPECT_EQ(c.articles[0].meta.date->ToString(), "2023-01-02");
  EXPECT_EQ(c.articles[0].meta.date_source, "flag");
}

TEST(TextReaderTest, HeaderDateWinsOverFlag) {
  ReadOptions options;
  options.date = Date{2023, 1, 2};
  auto c = ReadAllBytes("a.txt", " date 2024-11-05 Text.", options);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].meta.date->ToString(), "2024-11-05");
  EXPECT_EQ(c.articles[0].meta.date_source, "header");
}

struct BadCase {
  const char* name;
  std::string bytes;
  const char* message;
};

TEST(TextReaderTest, BadInputsAreOneLineErrors) {
  const BadCase kCases[] = {
      {"empty", "", "f.txt: empty article"},
      {"whitespace", " \n\t\r\n  ", "f.txt: empty article"},
      {"header only", " date 2024-11-05 ", "f.txt: empty article (only a date header)"},
      {"nul", std::string("abc\0def", 7), "f.txt: binary file, not text"},
      {"control", std::string(50, '\x01') + std::string(50, 'a'),
       "f.txt: binary file, not text"},
      {"latin1", "caf\xE9 au lait", "f.txt: invalid UTF-8 at byte 3"},
      {"truncated", "ok \xE2\x80", "f.txt: invalid UTF-8 at byte 3"},
  };
  for (const BadCase& c : kCases) {
    auto got = ReadAllBytes("f.txt", c.bytes);
    ASSERT_EQ(got.errors.size(), 1u) << c.name;
    EXPECT_TRUE(got.articles.empty()) << c.name;
    EXPECT_EQ(got.errors[0].code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(got.errors[0].message(), c.message) << c.name;
  }
}

TEST(TextReaderTest, AFewControlBytesAreText) {
  auto c = ReadAllBytes("a.txt", "Page one.\fPage two.\x1b end");
  ASSERT_EQ(c.articles.size(), 1u);
}

TEST(TextReaderTest, HugeFileIsRefusedWithoutReading) {
  TempDir dir;
  std::string path = dir.Write("huge.txt", "");
  // Sparse: 200 MB of size, no blocks on disk.
  std::filesystem::resize_file(path, 200'000'000);
  auto c = ReadAll(path);
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(),
            path + ": article is 190.7 MiB, over the 16 MiB limit");
}

TEST(TextReaderTest, LimitIsConfigurable) {
  ReadOptions options;
  options.max_article_bytes = 10;
  auto c = ReadAllBytes("a.txt", "eleven byte", options);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(),
            "a.txt: article is 11 bytes, over the 10 bytes limit");
}

TEST(SeedsTest, FirstSeedHasHeaderDate) {
  std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  auto c = ReadAll(shared + "/seeds");
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  ASSERT_TRUE(c.errors.empty());
  ASSERT_EQ(c.articles.size(), 2u);
  const RawArticle& first = c.articles[0];
  ASSERT_TRUE(first.meta.date);
  EXPECT_EQ(first.meta.date->ToString(), "2024-11-05");
  EXPECT_EQ(first.meta.date_source, "header");
  EXPECT_EQ(first.text.rfind("Russian lawmakers", 0), 0u);
  EXPECT_EQ(first.raw.substr(0, 17), " date 2024-11-05 ");
  EXPECT_EQ(first.raw.substr(17), first.text);
  EXPECT_EQ(first.meta.source, "seeds");

  const RawArticle& second = c.articles[1];
  EXPECT_FALSE(second.meta.date);
  EXPECT_EQ(second.meta.date_source, "");
  EXPECT_EQ(second.text, second.raw);
  EXPECT_EQ(second.text.rfind("The upper house", 0), 0u);
}

}  // namespace
}  // namespace storyline::ingest
