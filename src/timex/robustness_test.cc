// Bad input: out-of-range years, impossible days, empty text, 10 MB of
// digits, 10,000 "Tuesday"s, invalid UTF-8. Nothing may crash, every value
// must be well formed and spans in bounds. Linear time is checked by
// counting, not timing: 10x the input gives ~10x the expressions.
#include <gtest/gtest.h>

#include <string>

#include "storyline/timex.h"

namespace storyline::timex {
namespace {

constexpr Date kDct{2024, 11, 5};

void ExpectSane(const std::string& text, const std::vector<Timex>& found) {
  uint32_t last_end = 0;
  for (const Timex& t : found) {
    ASSERT_LE(t.begin, t.end);
    ASSERT_LE(t.end, text.size());
    ASSERT_GE(t.begin, last_end);
    last_end = t.end;
    EXPECT_TRUE(IsWellFormedValue(t.value)) << "'" << t.value << "' for '"
                                            << text.substr(t.begin, t.end - t.begin) << "'";
  }
}

TEST(RobustnessTest, ImpossibleDatesGiveNoWildValues) {
  for (const char* s : {"the year 99999", "February 30", "February 30, 2023",
                        "February 29, 2023", "99999 years ago", "in 3000 years",
                        "the 99th century", "on 31/31/2024", "at 25:99", "Jan. 0",
                        "June 45", "1,000,000 years", "0 days ago", "the year 0000"}) {
    std::string text = s;
    for (std::optional<Date> dct : {std::optional<Date>(kDct), std::optional<Date>(),
                                    std::optional<Date>(Date{1000, 1, 1}),
                                    std::optional<Date>(Date{9999, 12, 31})}) {
      std::vector<Timex> found = Tag(text, dct);
      ExpectSane(text, found);
    }
  }
  std::vector<Timex> f = Tag("February 30", kDct);
  for (const Timex& t : f) EXPECT_NE(t.value.substr(0, 10), "2024-02-30");
}

TEST(RobustnessTest, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Tag("", kDct).empty());
  EXPECT_TRUE(Tag(".", kDct).empty());
  EXPECT_TRUE(Tag("   \n\n  ", std::nullopt).empty());
}

TEST(RobustnessTest, TenMegabytesOfDigits) {
  std::string text(10u << 20, '7');
  std::vector<Timex> found = Tag(text, kDct);
  EXPECT_TRUE(found.empty());
  std::string mixed;
  for (int i = 0; i < 200000; ++i) mixed += "2024 ";
  found = Tag(mixed, kDct);
  ExpectSane(mixed, found);
}

TEST(RobustnessTest, TenThousandTuesdaysScaleLinearly) {
  std::string small, big;
  for (int i = 0; i < 1000; ++i) small += "Tuesday ";
  for (int i = 0; i < 10000; ++i) big += "Tuesday ";
  std::vector<Timex> a = Tag(small, kDct), b = Tag(big, kDct);
  EXPECT_EQ(a.size(), 1000u);
  EXPECT_EQ(b.size(), 10000u);
  ExpectSane(big, b);
  for (const Timex& t : b) EXPECT_EQ(t.value, "2024-11-05");
}

TEST(RobustnessTest, NewRuleFamiliesStaySaneAndLinear) {
  for (const char* s : {"Easter 99999", "Q9 2013", "Q1 99999", "FY99999", "FY00", "13/13/2013",
                        "02/30/2013", "9999-99-99", "0000-01-01", "1/0 years", "3/2 hours",
                        "from March to May 99999", "March 31-35, 2013", "every Sundays",
                        "twice a Tuesdays", "the year nine thousand", "the 0th century",
                        "Good Friday", "Election Day", "a half second", "999999 1/2 years",
                        "999998 to 999999 years", "one or 1e9 days", "the year",
                        "the week of Feb. 30", "the week of Dec. 31, 9999",
                        "the week of Jan. 1, 0001", "the week of March 6"}) {
    std::string text = s;
    for (std::optional<Date> dct : {std::optional<Date>(kDct), std::optional<Date>(),
                                    std::optional<Date>(Date{1, 1, 1}),
                                    std::optional<Date>(Date{9999, 12, 31})})
      ExpectSane(text, Tag(text, dct));
  }
  // Chains the range and set rules look into: the count grows with the text.
  for (const char* unit : {"March to ", "June 3-", "1/2 ", "twice a ", "Q1 ", "Tuesdays ",
                           "1 to 2 weeks ", "May 1 and 2 "}) {
    std::string small, big;
    for (int i = 0; i < 1000; ++i) small += unit;
    for (int i = 0; i < 10000; ++i) big += unit;
    std::vector<Timex> a = Tag(small, kDct), b = Tag(big, kDct);
    ExpectSane(big, b);
    EXPECT_GE(b.size(), a.size() * 9) << unit;
    EXPECT_LE(b.size(), a.size() * 11 + 10) << unit;
  }
}

TEST(RobustnessTest, InvalidUtf8AndControlBytes) {
  std::string text = "said \xff\xfe Tuesday \xc3 in June\x01\x02 2024 \xe2\x80";
  std::vector<Timex> found = Tag(text, kDct);
  ExpectSane(text, found);
  EXPECT_FALSE(found.empty());
}

}  // namespace
}  // namespace storyline::timex
