// Tests for the calendar arithmetic behind timex resolution.
#include "src/timex/calendar.h"

#include <gtest/gtest.h>

namespace storyline::timex {
namespace {

TEST(CalendarTest, DayNumbersRoundTrip) {
  for (int64_t z = -700000; z < 2900000; z += 997) {
    Date d = FromDayNumber(z);
    ASSERT_EQ(DayNumber(d), z);
    ASSERT_TRUE(IsValidDay(d.year, d.month, d.day)) << z;
  }
}

TEST(CalendarTest, WeekdaysAndIsoWeeks) {
  EXPECT_EQ(Weekday(Date{2024, 11, 5}), 2);  // a Tuesday
  EXPECT_EQ(Weekday(Date{1970, 1, 1}), 4);
  struct { Date d; int year, week; } cases[] = {
      {{2024, 11, 5}, 2024, 45}, {{2024, 10, 29}, 2024, 44}, {{2021, 1, 3}, 2020, 53},
      {{2019, 12, 30}, 2020, 1}, {{1998, 1, 8}, 1998, 2}};
  for (const auto& c : cases) {
    IsoWeek w = IsoWeekOf(c.d);
    EXPECT_EQ(w.year, c.year) << c.d.ToString();
    EXPECT_EQ(w.week, c.week) << c.d.ToString();
  }
}

TEST(CalendarTest, MonthShiftsClampTheDay) {
  EXPECT_EQ(AddMonths(Date{2024, 1, 31}, 1).ToString(), "2024-02-29");
  EXPECT_EQ(AddMonths(Date{2024, 11, 5}, -11).ToString(), "2023-12-05");
  EXPECT_EQ(NthWeekday(2024, 11, 4, 4).ToString(), "2024-11-28");  // Thanksgiving
  EXPECT_EQ(NthWeekday(2024, 5, 1, -1).ToString(), "2024-05-27");  // Memorial Day
}

}  // namespace
}  // namespace storyline::timex
