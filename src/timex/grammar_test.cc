// Rule-family tests for the timex tagger: each table is one family of the
// grammar, checked end to end (extent, type, value) against a fixed DCT.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storyline/timex.h"

namespace storyline::timex {
namespace {

struct Case {
  const char* text;
  const char* expect_extent;  // "" = no timex expected
  const char* type;
  const char* value;
  const char* mod = "";
};

constexpr Date kTuesday{2024, 11, 5};

void Check(const std::vector<Case>& cases, Date dct = kTuesday) {
  for (const Case& c : cases) {
    std::string text = c.text;
    std::vector<Timex> found = Tag(text, dct);
    if (*c.expect_extent == '\0') {
      EXPECT_TRUE(found.empty()) << c.text << " -> " << (found.empty() ? "" : found[0].value);
      continue;
    }
    bool hit = false;
    for (const Timex& t : found) {
      if (text.substr(t.begin, t.end - t.begin) != c.expect_extent) continue;
      hit = true;
      EXPECT_EQ(TypeName(t.type), c.type) << c.text;
      EXPECT_EQ(t.value, c.value) << c.text;
      EXPECT_EQ(t.mod, c.mod) << c.text;
    }
    EXPECT_TRUE(hit) << c.text << ": no timex '" << c.expect_extent << "'";
  }
}

TEST(GrammarTest, WeekdaysFollowTense) {
  Check({{"Lawmakers will vote Wednesday.", "Wednesday", "DATE", "2024-11-06"},
         {"The minister said Tuesday that it was over.", "Tuesday", "DATE", "2024-11-05"},
         {"He told reporters on Monday that he had left.", "Monday", "DATE", "2024-11-04"},
         {"They met Friday.", "Friday", "DATE", "2024-11-01"},
         {"The vote is set to take place Thursday.", "Thursday", "DATE", "2024-11-07"},
         {"They arrived last Friday.", "last Friday", "DATE", "2024-11-01"},
         {"They will meet next Tuesday.", "next Tuesday", "DATE", "2024-11-12"},
         {"Missiles were fired early Tuesday.", "early Tuesday", "TIME", "2024-11-05TMO", "START"},
         {"It happened Sunday night.", "Sunday night", "DATE", "2024-11-03TNI"},
         {"He left last Wednesday night.", "last Wednesday night", "DATE", "2024-10-30TNI"},
         // An AP caption: "this" points at the photo; the date has its year.
         {"In this Aug. 21, 2012, file photo, a logo is seen.", "Aug. 21, 2012", "DATE",
          "2012-08-21"}});
}

// "planned to", "agreed to", "set to" look ahead from a past verb; the verb
// keeps its tense for what precedes it, and "had been due to" is a past plan.
TEST(GrammarTest, PlansLookAheadFromAPastVerb) {
  Check({{"Protesters planned to march on Thursday.", "Thursday", "DATE", "2024-11-07"},
         {"The board agreed to sell the unit in December.", "December", "DATE", "2024-12"},
         {"They have scheduled a hearing Thursday.", "Thursday", "DATE", "2024-11-07"},
         {"On Friday, Kenya planned to pay the claims.", "Friday", "DATE",
          "2024-11-01"},
         {"The offer had been due to expire Friday.", "Friday", "DATE", "2024-11-01"},
         {"It had been scheduled to close Friday.", "Friday", "DATE", "2024-11-01"},
         // A present "is set for" is a plan ahead; a past "was set for" is not.
         {"The match is set for Saturday.", "Saturday", "DATE", "2024-11-09"},
         {"The match was set for Saturday.", "Saturday", "DATE", "2024-11-02"},
         // A participle before "by" is no past cue.
         {"Flights will double by February in markets untouched by the crisis.", "February",
          "DATE", "2025-02"},
         // A month after until/through/by is an end point ahead.
         {"Lenders extended the loans through January.", "January", "DATE", "2025-01"},
         // So is the day a change takes effect.
         {"The bank created an office, effective Feb. 1.", "Feb. 1", "DATE", "2025-02-01"},
         {"The pact, effective June 1, raised costs.", "June 1", "DATE", "2025-06-01"},
         {"The cut was effective Oct. 1.", "Oct. 1", "DATE", "2024-10-01"},
         // After "since" a month is a start point already past.
         {"The carrier, on patrol since March, will return.", "March", "DATE", "2024-03"},
         // A present "is to" is a plan ahead.
         {"The stock is to resume trading in Paris Tuesday.", "Tuesday", "DATE", "2024-11-05"},
         {"The vote is to take place Saturday.", "Saturday", "DATE", "2024-11-09"},
         {"The couple are to be married in May.", "May", "DATE", "2025-05"},
         // "has" before "to", "until" or an article is a main verb, not the
         // perfect: no past cue.
         {"Cyprus has until Friday to raise the money.", "Friday", "DATE", "2024-11-08"},
         {"The board has to decide by Thursday.", "Thursday", "DATE", "2024-11-07"},
         {"Ministers have a meeting on Friday.", "Friday", "DATE", "2024-11-08"},
         {"The board has decided on Friday.", "Friday", "DATE", "2024-11-01"},
         // "vs." and "Mr." do not end the sentence that holds the verb.
         {"In January, after Roe vs. Wade was argued, a bomb killed a guard.", "January", "DATE",
          "2024-01"}});
}

TEST(GrammarTest, TheYearAlone) {
  Check({{"Shares hit a high for the year in June.", "the year", "DATE", "2024"},
         {"Sales rose in the first nine months of the year.", "the year", "DATE", "2024"},
         {"For the year ended Sept. 30, it earned $4 million.", "the year", "DURATION", "P1Y"},
         {"In the fiscal year ended Jan. 31, sales rose.", "the fiscal year", "DURATION", "P1Y"},
         {"Profit should rise throughout the fiscal year.", "the fiscal year", "DATE", "2024"},
         {"Rates may fall in the near term.", "the near term", "DATE", "FUTURE_REF"},
         {"He was named Man of the Year.", "", "", ""},
         {"It was the year 99999.", "", "", ""},
         {"Since the end of the year, it fell.", "the end of the year", "DATE", "2024", "END"}});
}

TEST(GrammarTest, RangesOfAmountsAreOneDuration) {
  Check({{"Repairs will take two to three weeks.", "two to three weeks", "DURATION", "P2W"},
         {"It lasts one or two days.", "one or two days", "DURATION", "P1D"},
         {"Rates rose 2 to 3 percent.", "", "", ""},
         {"It took three to two weeks.", "two weeks", "DURATION", "P2W"}});
}

TEST(GrammarTest, EarlierAndLaterStayOutsideWeekdaysAndWeeks) {
  Check({{"Earlier Friday, the police said it was over.", "Friday", "DATE", "2024-11-01"},
         {"Later Thursday, the talks will resume.", "Thursday", "DATE", "2024-11-07"},
         {"She left earlier this week.", "this week", "DATE", "2024-W45"},
         {"It rose earlier this year.", "earlier this year", "DATE", "2024", "START"}});
}

TEST(GrammarTest, PreviousWeekdayCountsFromTheReferenceDay) {
  Check({{"Stocks fell on Oct. 23, 1998, down 4% from the previous Friday.", "the previous Friday",
          "DATE", "1998-10-16"},
         {"He arrived on June 3, 1998, and left the following Monday.", "the following Monday",
          "DATE", "1998-06-08"},
         {"Stocks fell 4% from the previous Friday.", "the previous Friday", "DATE",
          "2024-11-01"}});
  std::vector<Timex> t = Tag("It rose from the previous Friday.", std::nullopt);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].value, "XXXX-WXX-5");
}

TEST(GrammarTest, SecondDayOfTheSameMonth) {
  Check({{"The summit will be held on April 24 and 25.", "April 24", "DATE", "2025-04-24"},
         {"The summit will be held on April 24 and 25.", "25", "DATE", "2025-04-25"},
         {"Sales on April 24 and 25 percent of profit.", "April 24", "DATE", "2025-04-24"}});
  std::vector<Timex> t = Tag("Sales on April 24 and 25 percent of profit.", kTuesday);
  EXPECT_EQ(t.size(), 1u);
}

TEST(GrammarTest, BareClockTimesTakeTheReferenceDay) {
  Check({{"The bomb went off on Aug. 7, 1998, at 10:35 a.m.", "10:35 a.m.", "TIME",
          "1998-08-07T10:35"},
         {"The vote closes at 5 p.m.", "5 p.m.", "TIME", "2024-11-05T17:00"},
         // "mid afternoon" is that part of the reference day, with MID.
         {"By mid afternoon, the operation was over.", "mid afternoon", "TIME",
          "2024-11-05TAF", "MID"},
         {"On Aug. 7, 1998, by mid-morning, crowds had gathered.", "mid-morning", "TIME",
          "1998-08-07TMO", "MID"},
         {"At mid-afternoon yesterday, shares were up.", "mid-afternoon yesterday", "TIME",
          "2024-11-04TAF", "MID"}});
}

TEST(GrammarTest, EarlySeasonsAndYearsEnd) {
  Check({{"Output will recover by the early summer.", "the early summer", "DATE", "2025-SU",
          "START"},
         {"Sales slowed in late spring.", "late spring", "DATE", "2024-SP", "END"},
         {"Debt will fall by year's end.", "year's end", "DATE", "2024"},
         {"Prices may rise in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"},
         {"The years were hard.", "", "", ""}});
}

TEST(GrammarTest, RelativeUnitsUseTheDct) {
  Check({{"She said so last week.", "last week", "DATE", "2024-W44"},
         {"Prices rose this year.", "this year", "DATE", "2024"},
         {"It fell last month.", "last month", "DATE", "2024-10"},
         {"It will rise next year.", "next year", "DATE", "2025"},
         {"He spoke this morning.", "this morning", "TIME", "2024-11-05TMO"},
         {"It rained last night.", "last night", "TIME", "2024-11-04TNI"},
         {"They met yesterday.", "yesterday", "DATE", "2024-11-04"},
         {"They meet tomorrow.", "tomorrow", "DATE", "2024-11-06"},
         {"Troops are currently there.", "currently", "DATE", "PRESENT_REF"},
         {"Prices rose in recent months.", "recent months", "DURATION", "PXM"},
         {"Prices rose in recent years.", "recent years", "DATE", "PAST_REF"},
         {"It was bigger two years ago.", "two years ago", "DATE", "2022"},
         {"Sales fell earlier this month.", "earlier this month", "DATE", "2024-11", "START"}});
  // "the weekend" under a past tense is the one just past, on any weekday
  // (2024-11-08 is a Friday, 2024-11-10 a Sunday); otherwise the coming one.
  Check({{"Over the weekend, crowds gathered.", "the weekend", "DATE", "2024-W44-WE"},
         {"Crowds will gather over the weekend.", "the weekend", "DATE", "2024-W45-WE"}},
        Date{2024, 11, 8});
  Check({{"Over the weekend, crowds gathered.", "the weekend", "DATE", "2024-W45-WE"}},
        Date{2024, 11, 10});
  Check({{"Over the weekend, crowds gathered.", "the weekend", "DATE", "2024-W44-WE"}});
}

TEST(GrammarTest, MonthsAndDates) {
  Check({{"They signed it in June.", "June", "DATE", "2024-06"},
         {"The treaty was signed on June 19.", "June 19", "DATE", "2024-06-19"},
         // Within two months ahead a past-tense date stays in the DCT's year
         // (kMargin: schedules reported under "said").
         {"The treaty was signed on December 3.", "December 3", "DATE", "2024-12-03"},
         {"Talks will resume in March.", "March", "DATE", "2025-03"},
         {"It rose in June last year.", "June last year", "DATE", "2023-06"},
         {"It began in January nineteen ninety-seven.", "January nineteen ninety-seven", "DATE",
          "1997-01"},
         {"It was shot last Oct. 23.", "last Oct. 23", "DATE", "2024-10-23"},
         // A weekday abbreviation without its period only before a date.
         {"Posted Fri March 22, 2013", "Fri March 22, 2013", "DATE", "2013-03-22"},
         {"On Sat, crowds gathered.", "", "", ""},
         {"It froze in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four",
          "DATE", "1994-WI"},
         {"It began in January this year.", "January this year", "DATE", "2024-01"},
         {"It will start on March 3 next year.", "March 3 next year", "DATE", "2025-03-03"},
         {"On June 19, 2024 they met.", "June 19, 2024", "DATE", "2024-06-19"},
         {"It grew since March 2022.", "March 2022", "DATE", "2022-03"},
         {"It took more land in October.", "October", "DATE", "2024-10"},
         {"Sept. 30 was the deadline.", "Sept. 30", "DATE", "2024-09-30"},
         // "the week of" a day is that day's ISO week (TimeBank: 2000-W10).
         {"It may be resolved in a hearing the week of March 6.", "the week of March 6", "DATE",
          "2025-W10"},
         {"Prices rose during the week of Jan. 14, 2013.", "the week of Jan. 14, 2013", "DATE",
          "2013-W03"},
         {"Ice formed the week of Dec. 30, 2024.", "the week of Dec. 30, 2024", "DATE",
          "2025-W01"},
         {"It ended on 19 June 2024.", "19 June 2024", "DATE", "2024-06-19"},
         {"It started in 1998.", "1998", "DATE", "1998"},
         {"Growth in the 1990s was fast.", "the 1990s", "DATE", "199"},
         {"the mid-1990s", "the mid-1990s", "DATE", "199", "MID"},
         {"The deal closed in late November.", "late November", "DATE", "2024-11", "END"},
         {"You may go.", "", "", ""}});
}

TEST(GrammarTest, DurationsNeverBecomeDates) {
  Check({{"his first trip in 24 years", "24 years", "DURATION", "P24Y"},
         {"its second launch in days", "days", "DURATION", "PXD"},
         {"months of cooperation", "months", "DURATION", "PXM"},
         {"more than two and a half years after", "more than two and a half years", "DURATION",
          "P2.5Y", "MORE_THAN"},
         {"a two-year deal", "two-year", "DURATION", "P2Y"},
         {"over the past three months", "the past three months", "DURATION", "P3M"},
         // TimeBank: "about" stays outside a duration's extent; the mod keeps it.
         {"for about a decade", "a decade", "DURATION", "P10Y", "APPROX"},
         {"It rose about two years ago.", "about two years ago", "DATE", "2022", "APPROX"},
         {"a year and a half", "a year and a half", "DURATION", "P1.5Y"},
         {"in 24 hours", "24 hours", "DURATION", "PT24H"},
         {"for 10,000 years", "10,000 years", "DURATION", "P10000Y"},
         {"the year 99999", "", "", ""}});
}

TEST(GrammarTest, QuartersSeasonsHolidays) {
  Check({{"Profit fell in the third quarter.", "the third quarter", "DATE", "2024-Q3"},
         {"third-quarter profit", "third-quarter", "DATE", "2024-Q3"},
         {"the fourth quarter of 1998", "the fourth quarter of 1998", "DATE", "1998-Q4"},
         {"Sales rose in the first half.", "the first half", "DATE", "2024-H1"},
         {"It has been mounting since the summer.", "the summer", "DATE", "2024-SU"},
         {"They met last fall.", "last fall", "DATE", "2023-FA"},
         {"the summer of 2022", "the summer of 2022", "DATE", "2022-SU"},
         {"They will meet at Christmas.", "Christmas", "DATE", "2024-12-25"},
         {"They met on Thanksgiving.", "Thanksgiving", "DATE", "2023-11-23"}});
}

TEST(GrammarTest, TimesAndSets) {
  Check({{"It exploded at 10:35 a.m.", "10:35 a.m.", "TIME", "2024-11-05T10:35"},
         {"The vote is at 9 p.m. Wednesday.", "9 p.m. Wednesday", "TIME", "2024-11-06T21:00"},
         {"They publish daily.", "daily", "SET", "P1D"},
         {"They meet every week.", "every week", "SET", "P1W"},
         {"They meet each Friday.", "each Friday", "SET", "XXXX-WXX-5"},
         // Wire style: four digits before a time zone are a clock time.
         {"Polls close at 8 p.m. (2000 GMT).", "2000 GMT", "TIME", "2024-11-05T20:00"},
         {"It was founded in 2000.", "2000", "DATE", "2000"}});
}

TEST(GrammarTest, WithoutDctRelativeValuesStayUnderspecified) {
  std::string text = "Lawmakers will vote Wednesday, a week after last month's talks in 2023.";
  std::vector<Timex> found = Tag(text, std::nullopt);
  ASSERT_GE(found.size(), 3u);
  EXPECT_EQ(found[0].value, "XXXX-WXX-3");
  EXPECT_EQ(found[0].anchor, "none");
  std::vector<std::string> values;
  for (const Timex& t : found) values.push_back(t.value);
  EXPECT_NE(std::find(values.begin(), values.end(), "XXXX-XX"), values.end());
  EXPECT_NE(std::find(values.begin(), values.end(), "2023"), values.end());
  // Resolution is a separate step that can be rerun once a date is known.
  Resolve(&found, Date{2024, 11, 5});
  EXPECT_EQ(found[0].value, "2024-11-06");
  EXPECT_EQ(found[0].anchor, "DCT:2024-11-05");
}

TEST(GrammarTest, TagContextTenseOverridesCues) {
  std::string text = "The council votes Thursday.";
  TagContext ctx;
  ctx.has_verbs = true;
  ctx.verbs.push_back({12, 17, Tense::kPast, false});
  std::vector<Timex> found = Tag(text, kTuesday, &ctx);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "2024-10-31");
  ctx.verbs[0].tense = Tense::kFuture;
  found = Tag(text, kTuesday, &ctx);
  EXPECT_EQ(found[0].value, "2024-11-07");
}

// A cue word keeps its meaning on its own token: the tagger says "is" is
// present, but "is set for" is a plan ahead.
TEST(GrammarTest, CueWordsOverrideTheSyntaxVerbOnTheirToken) {
  std::string text = "The match is set for Saturday.";
  TagContext ctx;
  ctx.has_verbs = true;
  ctx.verbs.push_back({10, 12, Tense::kPresent, false});
  std::vector<Timex> found = Tag(text, kTuesday, &ctx);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].value, "2024-11-09");
}

TEST(GrammarTest, PastTenseMonthsBeyondTheMarginAreLastYears) {
  Check({{"The treaty was signed on December 3.", "December 3", "DATE", "2023-12-03"},
         {"The treaty was signed on May 3.", "May 3", "DATE", "2024-05-03"}},
        Date{2024, 3, 5});
}

TEST(GrammarTest, WeekdaysNextToTheDctAreTheNearerDay) {
  // Tomorrow's weekday under "said", yesterday's under "would".
  Check({{"The company said it meets Wednesday.", "Wednesday", "DATE", "2024-11-06"},
         {"He said it would end Monday.", "Monday", "DATE", "2024-11-04"},
         {"The company said it met Thursday.", "Thursday", "DATE", "2024-10-31"}});
}

TEST(GrammarTest, AnaphoraResolveAgainstTheLastDate) {
  Check({{"He fled in June 1998 and returned later that year.", "later that year", "DATE", "1998",
          "END"},
         {"Farkas became a general on May 22, 1995, and the following year he left.",
          "the following year", "DATE", "1996"},
         {"The fire began on Oct. 23, 1999. The next day it was out.", "The next day", "DATE",
          "1999-10-24"},
         {"Imports rose in 1988, as they did in the whole market that year.", "that year", "DATE",
          "1988"},
         {"They met on March 3, 2001. The same month they split.", "The same month", "DATE",
          "2001-03"},
         {"They met on March 3, 2001 and talked that night.", "that night", "TIME",
          "2001-03-03TNI"},
         // "the week of" a day is a reference for coarser units; "last week"
         // is none, so a clock time after it keeps the day before it.
         {"Staff train the week of Feb. 9, 2015, before the launch the following month.",
          "the following month", "DATE", "2015-03"},
         {"On March 3, 2001, he met them, as he had last week, at 10 a.m.", "10 a.m.", "TIME",
          "2001-03-03T10:00"},
         // Without an earlier date precise enough, the DCT is the reference.
         {"Officials met that day.", "that day", "DATE", "2024-11-05"},
         {"It was cold in 1998. The next day it rained.", "The next day", "DATE", "2024-11-06"}});
  std::vector<Timex> found = Tag("On June 3, 2001 they met; the next day they left.", kTuesday);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[1].anchor, "ref:2001-06-03");
  EXPECT_EQ(found[1].semantics.kind, Semantics::Kind::kAnaphoric);
}

TEST(GrammarTest, FinancialYearAgoIsTheQuarterAYearBack) {
  // In a text about quarters "a year ago" is the reported quarter, a year back.
  Check({{"Third-quarter profit rose 5% from a year ago.", "a year ago", "DATE", "2023-Q3"},
         {"Net income fell from $3 million a year earlier in the quarter.", "a year earlier",
          "DATE", "2023-Q3"},
         {"It was bigger a year ago.", "a year ago", "DATE", "2023"},
         {"Profit rose 5% from the 1988 period.", "the 1988 period", "DATE", "1988-Q3"},
         {"Profit for the fiscal year rose.", "the fiscal year", "DATE", "2024"},
         {"Sales fell from the year-ago third quarter.", "the year-ago third quarter", "DATE",
          "2023-Q3"},
         // Compared over nine months, the year ago is the calendar year; over
         // three months it is the quarter.
         {"Third-quarter profit rose. For the nine months, net was $2 million, compared with "
          "$1 million a year earlier.",
          "a year earlier", "DATE", "2023"},
         {"Third-quarter profit rose. In the first two months, exports rose from a year "
          "earlier.",
          "a year earlier", "DATE", "2023"},
         {"Third-quarter profit rose. For the three months, net was $2 million, compared with "
          "$1 million a year earlier.",
          "a year earlier", "DATE", "2023-Q3"}});
  // The reported quarter is the one that ended last, even late in a quarter.
  Check({{"Fourth-quarter profit rose 5% from a year earlier.", "a year earlier", "DATE",
          "2003-Q4"}},
        Date{2005, 3, 16});
  // A quarter without money is a game's: the year ago stays a year, and a
  // bare half or quarter is no date.
  Check({{"They led in the fourth quarter, as they did a year ago.", "a year ago", "DATE",
          "2023"},
         {"Chelsea scored early in the second half.", "", "", ""},
         {"The pack struggled for the first quarter.", "", "", ""},
         {"They reached a quarter-final.", "", "", ""},
         {"She won in the quarter-finals.", "", "", ""},
         {"The Fed raised rates by a quarter point.", "", "", ""},
         {"Analysts warned about the fourth quarter of 2024.", "the fourth quarter of 2024", "DATE",
          "2024-Q4"},
         {"Sales rose in the last quarter of this year.", "the last quarter of this year", "DATE",
          "2024-Q4"},
         {"The vote is due in the first half of 2025.", "the first half of 2025", "DATE",
          "2025-H1"}});
}

TEST(GrammarTest, AdjectivalDurationsLeaveTheOut) {
  Check({{"They bought it in the 30-day period.", "30-day", "DURATION", "P30D"},
         {"It rose in the nine months.", "the nine months", "DURATION", "P9M"},
         // A vague plural before "-long" is a length too; vague decades are
         // years, as counted ones are.
         {"It ended a decades-long conflict.", "decades-long", "DURATION", "PXY"},
         {"After a months-long standoff they met.", "months-long", "DURATION", "PXM"},
         {"They fought for decades.", "decades", "DURATION", "PXY"},
         {"It lasted two decades.", "two decades", "DURATION", "P20Y"},
         {"They have ruled for centuries.", "centuries", "DURATION", "PXCE"}});
}

TEST(GrammarTest, ClockTimesJoinTheirDay) {
  Check({{"Polls close Wednesday at 9 p.m.", "Wednesday at 9 p.m.", "TIME", "2024-11-06T21:00"},
         {"The strike began at noon Thursday.", "noon Thursday", "TIME", "2024-10-31T12:00"},
         {"It ends at midnight on Friday.", "midnight on Friday", "TIME", "2024-11-08T24:00"},
         // A date after the weekday is that weekday's date, not the next one.
         {"It happened around noon on Saturday, Nov. 2.", "around noon on Saturday, Nov. 2",
          "TIME", "2024-11-02T12:00", "APPROX"},
         {"It began at noon on Friday, Nov. 1, 2024.", "noon on Friday, Nov. 1, 2024", "TIME",
          "2024-11-01T12:00"}});
}

// Without "the", "following" is a preposition, not a duration's lead.
TEST(GrammarTest, FollowingWithoutTheIsAPreposition) {
  Check({{"He was freed following five hours of talks.", "five hours", "DURATION", "PT5H"},
         {"The following five hours were tense.", "The following five hours", "DURATION",
          "PT5H"},
         {"They left the following day.", "the following day", "DATE", "2024-11-06"},
         // After "to" or a modal, "last" is the verb.
         {"The trial is expected to last six weeks.", "six weeks", "DURATION", "P6W"},
         {"The battery will last 24 hours.", "24 hours", "DURATION", "PT24H"},
         {"It grew in the last five years.", "the last five years", "DURATION", "P5Y"},
         {"Prices rose in each of the last three years.", "the last three years", "DURATION",
          "P3Y"}});
}

TEST(GrammarTest, AgesAndSoonAreNotTimeExpressions) {
  // TimeBank leaves ages, rates ("$500 million a year") and "soon" (annotated
  // 4 times in 21) untagged.
  Check({{"It will end soon.", "", "", ""},
         {"It saves $500 million a year.", "", "", ""},
         {"It took years to build.", "", "", ""},
         {"He waited for years.", "years", "DURATION", "PXY"},
         {"A 6-year-old boy was found.", "", "", ""},
         {"It lasted six years.", "six years", "DURATION", "P6Y"}});
}

TEST(GrammarTest, LayerRoundTrip) {
  std::string text = "Lawmakers will vote Wednesday for more than two years.";
  std::vector<Timex> found = Tag(text, kTuesday);
  Layer layer = ToLayer(found);
  EXPECT_EQ(layer.name, "timex");
  ASSERT_EQ(layer.spans.size(), 2u);
  EXPECT_EQ(layer.spans[0].label, "DATE");
  EXPECT_EQ(layer.spans[0].attr("value"), "2024-11-06");
  EXPECT_EQ(layer.spans[1].attr("mod"), "MORE_THAN");
  Result<std::vector<Timex>> back = FromLayer(layer);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, found);
  Layer broken = layer;
  broken.spans[0].set_attr("form", "nonsense");
  EXPECT_FALSE(FromLayer(broken).ok());
}

TEST(GrammarTest, RangesTakeTheClosingYear) {
  Check({{"He served from March to May 2001.", "March", "DATE", "2001-03"},
         {"He served from March to May 2001.", "May 2001", "DATE", "2001-05"},
         {"The fair runs March 3-5, 2001.", "March 3", "DATE", "2001-03-03"},
         {"It ran between June 1 and July 4, 1998.", "June 1", "DATE", "1998-06-01"},
         {"He served from 1990-1995.", "1990", "DATE", "1990"},
         {"He served from 1990-1995.", "1995", "DATE", "1995"}});
}

TEST(GrammarTest, SetsOfDaysMonthsAndFrequencies) {
  Check({{"The shop opens on Tuesdays.", "Tuesdays", "SET", "XXXX-WXX-2"},
         {"She works Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"},
         {"They meet every Tuesday night.", "every Tuesday night", "SET", "XXXX-WXX-2TNI"},
         {"The fair returns each July.", "each July", "SET", "XXXX-07"},
         {"The board meets twice a year.", "twice a year", "SET", "P1Y"},
         {"He calls three times a week.", "three times a week", "SET", "P1W"},
         {"The index is published every week.", "every week", "SET", "P1W"},
         // A capitalised frequency word before a name is the name's.
         {"He told the Daily News on Monday.", "Monday", "DATE", "2024-11-04"},
         {"She writes for the Weekly Standard.", "", "", ""},
         {"Daily Mail reporters were there.", "", "", ""},
         {"He brought the Winter Olympic Games to Nagano.", "", "", ""},
         {"He runs 20th Century Fox.", "", "", ""},
         {"Jamie Noon is injured.", "", "", ""},
         {"He ate a Quarter Pounder.", "", "", ""},
         {"It aired during Monday Night Football.", "", "", ""},
         // A capitalised relative unit just after an opening quote is a title.
         {"Baker said on ABC's \"This Week With David Brinkley\" that it was over.", "", "",
          ""},
         {"He spoke on \xE2\x80\x9CThis Week,\xE2\x80\x9D a show.", "", "", ""},
         {"\"This week, we vote,\" he said.", "This week", "DATE", "2024-W45"},
         {"\"It will hold.\"  Last April, he left.", "Last April", "DATE", "2024-04"},
         {"Attacks were planned for 9/11\n\nSeptember 11 also marks it.", "September 11", "DATE",
          "2024-09-11"},
         {"It was first reported by Investor's Business Daily.", "", "", ""},
         {"They accused each other Tuesday.", "Tuesday", "DATE", "2024-11-05"},
         {"The talks resume at Noon.", "Noon", "TIME", "2024-11-05T12:00"},
         {"The Winter was harsh.", "The Winter", "DATE", "2023-WI"},
         {"Daily, the paper prints 10,000 copies.", "Daily", "SET", "P1D"},
         {"He told The Sun.", "", "", ""},
         {"She was already wed.", "", "", ""},
         {"It opens Sun. Nov. 10.", "Sun. Nov. 10", "DATE", "2024-11-10"}});
}

TEST(GrammarTest, FractionsOfUnits) {
  Check({{"It took 2 1/2 years.", "2 1/2 years", "DURATION", "P2.5Y"},
         {"It took two and a half years.", "two and a half years", "DURATION", "P2.5Y"},
         {"The talks lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"},
         {"He waited a half hour.", "a half hour", "DURATION", "PT30M"},
         {"He waited half an hour.", "half an hour", "DURATION", "PT30M"},
         {"It took a minute and a half.", "a minute and a half", "DURATION", "PT1M30S"},
         {"It took half a year.", "half a year", "DURATION", "P6M"},
         {"It took a year and a half.", "a year and a half", "DURATION", "P1.5Y"},
         {"It took a quarter century.", "a quarter century", "DURATION", "P25Y"},
         {"It lasted a quarter of a century.", "a quarter of a century", "DURATION", "P25Y"},
         {"He waited a quarter of an hour.", "a quarter of an hour", "DURATION", "PT15M"},
         {"Ties were cut a half century ago.", "a half century ago", "DATE", "1974"}});
}

TEST(GrammarTest, DecadesCenturiesAndSpelledYears) {
  Check({{"Prices soared in the nineties.", "the nineties", "DATE", "199"},
         {"It was built in the late sixties.", "the late sixties", "DATE", "196", "END"},
         {"Fears of the year two thousand grew.", "the year two thousand", "DATE", "2000"},
         {"It was a 20th century idea.", "20th century", "DATE", "19"},
         {"It is the 21st century.", "the 21st century", "DATE", "20"},
         {"She is in her sixties.", "", "", ""},
         // New York Times style: "the 1980's", "the mid-1990's".
         {"He rose to fame in the 1980's.", "the 1980's", "DATE", "198"},
         {"He rose to fame in the mid-1990\u2019s.", "the mid-1990\u2019s", "DATE", "199", "MID"},
         {"Prices rose in the early 1970's.", "the early 1970's", "DATE", "197", "START"},
         // Ages are no dates.
         {"He is believed to be in his early 40s.", "", "", ""},
         {"Both men, in their mid-20s, were held.", "", "", ""},
         {"Prices rose in the early 70s.", "the early 70s", "DATE", "197", "START"}});
}

TEST(GrammarTest, MoreHolidays) {
  Check({{"They will march on St. Patrick's Day.", "St. Patrick's Day", "DATE", "2025-03-17"},
         {"The vote is on Election Day.", "Election Day", "DATE", "2024-11-05"},
         {"The church was full at Easter.", "Easter", "DATE", "2024-03-31"},
         {"Shops closed on Good Friday.", "Good Friday", "DATE", "2024-03-29"}});
  Check({{"Pilgrims arrive before Easter.", "Easter", "DATE", "2013-03-31"}},
        Date{2013, 3, 20});
  // No tense cue: the nearer occurrence (last December's, written in March).
  Check({{"On Christmas Eve, the choir sang.", "Christmas Eve", "DATE", "2012-12-24"},
         {"Christmas Eve is the busiest night.", "Christmas Eve", "DATE", "2012-12-24"}},
        Date{2013, 3, 20});
}

TEST(GrammarTest, EarlierCountsFromTheReferenceTimeLaterIsASignal) {
  Check({{"He left on June 3, 1998. Two days later he returned.", "Two days", "DURATION", "P2D"},
         {"He left on June 3, 1998. Two days earlier he had packed.", "Two days earlier", "DATE",
          "1998-06-01"},
         {"They met in 1996. A year earlier they had argued.", "A year earlier", "DATE", "1995"},
         {"He returned over an hour later.", "over an hour", "DURATION", "PT1H", "MORE_THAN"},
         {"Troops left two years ago.", "two years ago", "DATE", "2022"},
         {"The record stood for over a week.", "over a week", "DURATION", "P1W", "MORE_THAN"},
         {"Prices rose over the past two years.", "the past two years", "DURATION", "P2Y"}});
}

TEST(GrammarTest, AgesFractionsAndOrdinalsAreNotDurations) {
  Check({{"Mr. Smith, 52 years old, retired.", "", "", ""},
         {"Iraq imports about three-quarters of its food.", "", "", ""},
         {"Funds hold more than a quarter of the market.", "", "", ""},
         {"It would be a second betrayal.", "", "", ""},
         {"The light flickered for a second.", "a second", "DURATION", "PT1S"},
         {"The quarter-to-quarter comparison was weak.", "", "", ""},
         {"Sales rose year-over-year.", "", "", ""},
         {"It needs two more weeks.", "two more weeks", "DURATION", "P2W"},
         {"He got an additional year.", "an additional year", "DURATION", "P1Y"},
         {"Take an extra day.", "an extra day", "DURATION", "P1D"},
         {"Demand will grow over the next decade.", "the next decade", "DURATION", "P10Y"},
         {"Demand grew in the past decade.", "the past decade", "DURATION", "P10Y"},
         {"They held a day-long meeting.", "day-long", "DURATION", "P1D"}});
}

TEST(GrammarTest, QuarterHalfAndFiscalYearCodes) {
  Check({{"Q1 2013 results were strong.", "Q1 2013", "DATE", "2013-Q1"},
         {"H1 2012 sales fell.", "H1 2012", "DATE", "2012-H1"},
         {"Q3 revenue rose.", "Q3", "DATE", "2024-Q3"},
         {"The FY2013 outlook.", "FY2013", "DATE", "2013"},
         {"The FY13 outlook.", "FY13", "DATE", "2013"},
         {"The Q10 form.", "", "", ""},
         {"Last year's fourth quarter was weak.", "Last year's fourth quarter", "DATE", "2023-Q4"},
         {"Next year's first half looks better.", "Next year's first half", "DATE", "2025-H1"},
         {"1998's second quarter was strong.", "1998's second quarter", "DATE", "1998-Q2"},
         // "the last half" of a year is its second half; of a decade it is no half.
         {"Earnings for the last half of 1989 fell.", "the last half of 1989", "DATE", "1989-H2"},
         {"Sales in the final half of next year.", "the final half of next year", "DATE",
          "2025-H2"},
         {"It grew in the last half of the '80s.", "the '80s", "DATE", "198"}});
}

TEST(GrammarTest, NumericDates) {
  Check({{"Posted 2013-03-19 by staff.", "2013-03-19", "DATE", "2013-03-19"},
         {"Updated 03/19/2013.", "03/19/2013", "DATE", "2013-03-19"},
         {"Filed 19/03/2013.", "19/03/2013", "DATE", "2013-03-19"},
         {"Filed 3/19/13.", "3/19/13", "DATE", "2013-03-19"},
         {"Filed 2/30/2013.", "2013", "DATE", "2013"},
         {"The score was 3/21.", "", "", ""},
         {"He left the day before yesterday.", "the day before yesterday", "DATE", "2024-11-03"}});
}

TEST(GrammarTest, ValuesAreWellFormed) {
  for (const char* v : {"2024-11-06", "2024-W44", "2024-SU", "2024-10", "P24Y", "PXM", "P2.5Y",
                        "PRESENT_REF", "XXXX-XX-XX", "XXXX-WXX-3", "2024-11-05TMO", "PT24H",
                        "2024-W44-WE", "199", "19", "2024-Q3", "PT5H30M", "PT1M30S",
                        "XXXX-07", "XXXX-WXX-2TNI"})
    EXPECT_TRUE(IsWellFormedValue(v)) << v;
  for (const char* v : {"2048-13", "2023-02-29", "P", "99999", "2024-W44-8", ""})
    EXPECT_FALSE(IsWellFormedValue(v)) << v;
}

}  // namespace
}  // namespace storyline::timex
