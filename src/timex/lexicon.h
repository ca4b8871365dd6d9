// The timex word tables: every word the grammar knows (month and weekday
// names, calendar units, number words, ordinals, seasons, parts of the day),
// fixed phrases with a direct meaning ("yesterday", "the near future"),
// prefix modifiers ("more than" -> MORE_THAN) and holidays. The tables are
// data in lexicon.cc; the grammar (grammar.cc) only combines them.
#ifndef STORYLINE_SRC_TIMEX_LEXICON_H_
#define STORYLINE_SRC_TIMEX_LEXICON_H_

#include <cstdint>
#include <span>
#include <string_view>

#include "storyline/timex.h"

namespace storyline::timex {

// A unit of duration as TimeML writes it (P2Y, PT3H, P1W...).
enum class DurUnit : uint8_t {
  kNone, kMillennium, kCentury, kDecade, kYear, kQuarter, kMonth, kFortnight,
  kWeek, kWeekend, kDay, kHour, kMinute, kSecond
};

// What one lower-cased word (without a trailing abbreviation dot) can be.
// A word may have several roles ("second": ordinal and unit).
struct WordInfo {
  int8_t month = 0;        // 1-12
  int8_t weekday = 0;      // 1 = Monday .. 7
  int8_t season = 0;       // 1 spring .. 4 winter
  int8_t ordinal = 0;      // "third" = 3, "31st" is handled by the tokenizer
  int16_t number = -1;     // "twenty" = 20; "hundred" = 100
  DurUnit unit = DurUnit::kNone;
  bool plural = false;     // "years", "Tuesdays", "nights"
  bool abbreviation = false;  // "sept": needs its dot or a following number
  const char* part_of_day = nullptr;  // "MO", "AF", "EV", "NI"
  const char* set_value = nullptr;    // "daily" -> "P1D"
  bool starter = false;    // may begin an expression ("the", "about", ...)
  // First word of a Phrases() / Modifiers() / Holidays() row: the grammar
  // tries those tables only at such words.
  bool phrase_start = false, modifier_start = false, holiday_start = false;
};

// The entry for `lower` or null.
const WordInfo* LookupWord(std::string_view lower);

// Words that can begin an expression without another role ("the", "last",
// "every", "about", "yesterday") have an entry with `starter` set, so the
// grammar can skip every word that has no entry without trying its rules.

// Phrases whose meaning needs no combination ("yesterday", "the future").
struct Phrase {
  const char* words;   // space-separated lower-case tokens
  TimexType type;
  Semantics::Kind kind;  // kLiteral or kShift
  const char* literal;   // for kLiteral
  Unit unit;             // for kShift
  int offset;
  const char* suffix;
};
std::span<const Phrase> Phrases();

// Prefix modifiers: "about", "more than", "early", "the end of"...
struct Modifier {
  const char* words;
  const char* mod;          // TimeML mod
  bool needs_quantity;      // only before "<number> <unit>" ("over two years")
  bool point_only;          // only before a date ("early", "the end of")
};
std::span<const Modifier> Modifiers();

// Holidays with a fixed day, an nth weekday of a month or a day relative to
// Easter Sunday.
struct Holiday {
  const char* words;  // "christmas day"
  int month;          // 0: relative to Easter Sunday
  int day;            // fixed day, or 0
  int weekday;        // with nth: e.g. Thanksgiving = 4th Thursday
  int nth;            // -1 = last
  int plus = 0;       // days added: Good Friday = Easter - 2, Election Day =
                      // the first Monday of November + 1
};
std::span<const Holiday> Holidays();

// Duration letter(s) for a unit and whether it goes after "T" (hours...).
std::string_view DurationCode(DurUnit unit, bool* time_part);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_LEXICON_H_
