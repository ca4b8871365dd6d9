// Proleptic Gregorian calendar arithmetic for the timex resolver: day
// numbers, weekdays, ISO 8601 weeks, month and quarter shifts. Dates are
// plain (year, month, day) triples; every function is total on years
// 1-9999 and clamps the day when a month shift lands on a shorter month.
#ifndef STORYLINE_SRC_TIMEX_CALENDAR_H_
#define STORYLINE_SRC_TIMEX_CALENDAR_H_

#include <cstdint>

#include "storyline/document.h"

namespace storyline::timex {

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);  // month 1-12
bool IsValidDay(int year, int month, int day);

// Days since 1970-01-01 (Howard Hinnant's days_from_civil) and back.
int64_t DayNumber(const Date& d);
Date FromDayNumber(int64_t days);

Date AddDays(const Date& d, int64_t days);
Date AddMonths(const Date& d, int months);  // clamps the day

// ISO weekday: 1 = Monday .. 7 = Sunday.
int Weekday(const Date& d);

// ISO 8601 week: the week-numbering year and week 1-53.
struct IsoWeek { int year = 0, week = 0; };
IsoWeek IsoWeekOf(const Date& d);

// Quarter 1-4, half 1-2 and meteorological season of a month
// (1 spring MAM, 2 summer JJA, 3 fall SON, 4 winter DJF).
inline int QuarterOf(int month) { return (month - 1) / 3 + 1; }
inline int HalfOf(int month) { return month <= 6 ? 1 : 2; }
int SeasonOf(int month);

// The nth (1-based; -1 = last) `weekday` of year/month, e.g. Thanksgiving =
// NthWeekday(y, 11, 4, 4).
Date NthWeekday(int year, int month, int weekday, int nth);

// Easter Sunday of a Gregorian year (the anonymous Gregorian computus).
Date EasterSunday(int year);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_CALENDAR_H_
