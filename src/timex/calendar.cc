// Calendar arithmetic; see calendar.h. The day-number conversions are the
// public-domain algorithms of H. Hinnant ("chrono-Compatible Low-Level Date
// Algorithms"), exact for the whole proleptic Gregorian calendar.
#include "src/timex/calendar.h"

namespace storyline::timex {

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsValidDay(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

int64_t DayNumber(const Date& d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date FromDayNumber(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return Date{static_cast<int>(year), static_cast<int>(month), static_cast<int>(day)};
}

Date AddDays(const Date& d, int64_t days) { return FromDayNumber(DayNumber(d) + days); }

Date AddMonths(const Date& d, int months) {
  int64_t total = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  Date r;
  r.year = static_cast<int>(total / 12);
  r.month = static_cast<int>(total % 12) + 1;
  int dim = DaysInMonth(r.year, r.month);
  r.day = d.day > dim ? dim : d.day;
  return r;
}

int Weekday(const Date& d) {
  // 1970-01-01 was a Thursday (4).
  int64_t z = DayNumber(d);
  int64_t w = (z % 7 + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

IsoWeek IsoWeekOf(const Date& d) {
  // The ISO week of a day is the week of its Thursday.
  Date thursday = AddDays(d, 4 - Weekday(d));
  Date jan1{thursday.year, 1, 1};
  int64_t ordinal = DayNumber(thursday) - DayNumber(jan1);
  return IsoWeek{thursday.year, static_cast<int>(ordinal / 7) + 1};
}

int SeasonOf(int month) {
  if (month >= 3 && month <= 5) return 1;
  if (month >= 6 && month <= 8) return 2;
  if (month >= 9 && month <= 11) return 3;
  return 4;
}

Date NthWeekday(int year, int month, int weekday, int nth) {
  if (nth < 0) {
    Date last{year, month, DaysInMonth(year, month)};
    int back = (Weekday(last) - weekday + 7) % 7;
    return AddDays(last, -back);
  }
  Date first{year, month, 1};
  int fwd = (weekday - Weekday(first) + 7) % 7;
  return AddDays(first, fwd + 7 * (nth - 1));
}

Date EasterSunday(int year) {
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int x = h + l - 7 * m + 114;
  return Date{year, x / 31, x % 31 + 1};
}

}  // namespace storyline::timex
