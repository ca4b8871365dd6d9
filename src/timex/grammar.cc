// The timex grammar; see grammar.h. Each rule is a method that looks at the
// tokens from position i and returns the match it recognises, if any. The
// rule list (kRules) is the grammar; the words come from lexicon.cc and the
// few small tables at the top of this file.
#include "src/timex/grammar.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "src/timex/calendar.h"
#include "src/timex/lexicon.h"

namespace storyline::timex {
namespace {

using K = Semantics::Kind;

// Relative words: "last week", "next Friday", "this summer".
struct RelWord { std::string_view word; int offset; bool needs_the; };
constexpr RelWord kRelWords[] = {
    {"last", -1, false}, {"past", -1, true}, {"previous", -1, true},
    {"this", 0, false}, {"current", 0, true}, {"next", 1, false},
    {"coming", 1, true}, {"following", 1, true}};

// Before "last", the verb: "expected to last six weeks", "could last years".
constexpr std::string_view kBeforeVerbLast[] = {
    "to", "will", "would", "could", "can", "may", "might", "should", "must", "shall",
    "won't", "not", "did", "does", "do", "it", "they", "which", "that"};

// Words that introduce a duration's span: "the past two months".
constexpr std::string_view kDurationLeads[] = {
    "past", "last", "next", "coming", "first", "final", "previous",
    "following", "latest", "initial", "remaining", "further", "additional",
    "recent", "ensuing", "same"};

// A four-digit number before these is a quantity, not a year.
constexpr std::string_view kNotAfterYear[] = {
    "%", "percent", "million", "billion", "people", "troops", "soldiers",
    "points", "shares", "tons", "tonnes", "barrels", "dollars", "euros",
    "pounds", "yen", "feet", "miles", "meters", "metres", "kilometers",
    "kilometres", "acres", "employees", "workers", "jobs", "cars", "units",
    "cases", "deaths", "votes", "seats", "homes", "rooms", "pages", "words",
    "students", "members", "times", "hours", "minutes", "days", "weeks",
    "months", "years", "yards", "pounds", "kilograms", "kg", "km", "mph"};
// Before a year of 1000-1899 (bare years are 1900-2099).
constexpr std::string_view kYearIntro[] = {
    "in", "since", "of", "by", "until", "from", "during", "year", "fiscal",
    "before", "after", "around", "through", "between", "early", "late", "mid"};
// Month names that are also common words need one of these before them,
// or a day or year after.
constexpr std::string_view kMonthIntro[] = {
    "in", "since", "of", "by", "until", "till", "from", "during", "early",
    "late", "mid", "last", "next", "this", "before", "after", "through",
    "between", "and", "or", "to", "on", "end", "beginning", "start"};
constexpr std::string_view kTimeZones[] = {
    "est", "edt", "et", "cst", "cdt", "ct", "mst", "mdt", "pst", "pdt", "pt",
    "gmt", "utc", "bst", "cet", "cest"};
constexpr std::string_view kBarePluralIntro[] = {"for", "within", "over", "in", "after", "from"};
// Before "a year", "a week": an amount, so the phrase is a rate.
constexpr std::string_view kRateBefore[] = {
    "million", "billion", "trillion", "thousand", "hundred", "cents", "dollars", "flights",
    "times"};
// Decades in words, all of the twentieth century ("the nineties" = 199).
constexpr std::string_view kDecadeWords[] = {
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"};
// Words after "a second" that keep it a duration ("a second or two").
constexpr std::string_view kAfterASecond[] = {"or", "and", "later", "earlier", "ago", "before",
                                              "after", "long"};
constexpr std::string_view kPossessives[] = {
    "the", "those", "these", "their", "his", "her", "its", "our", "my", "your"};

// Length first, then bytes: the lists are short and most words differ in
// length, so this avoids a memcmp call per entry.
template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view w) {
  for (std::string_view x : list) {
    if (x.size() != w.size()) continue;
    size_t k = 0;
    while (k < w.size() && x[k] == w[k]) ++k;
    if (k == w.size()) return true;
  }
  return false;
}

std::string FormatNumber(double v) {
  char buf[48];
  if (v == static_cast<double>(static_cast<int64_t>(v)))
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  else {
    // Fixed notation ("%g" turns 999999.5 into "1e+06"), trailing zeros cut.
    std::snprintf(buf, sizeof buf, "%.3f", v);
    char* e = buf + std::strlen(buf);
    while (e > buf && e[-1] == '0') *--e = '\0';
    if (e > buf && e[-1] == '.') *--e = '\0';
  }
  return buf;
}

std::optional<Unit> CalendarUnit(DurUnit u) {
  switch (u) {
    case DurUnit::kCentury: return Unit::kCentury;
    case DurUnit::kDecade: return Unit::kDecade;
    case DurUnit::kYear: return Unit::kYear;
    case DurUnit::kQuarter: return Unit::kQuarter;
    case DurUnit::kMonth: return Unit::kMonth;
    case DurUnit::kWeek: return Unit::kWeek;
    case DurUnit::kWeekend: return Unit::kWeek;
    case DurUnit::kDay: return Unit::kDay;
    default: return std::nullopt;
  }
}

Semantics Literal(std::string value) {
  Semantics s;
  s.kind = K::kLiteral;
  s.literal = std::move(value);
  return s;
}

Semantics Shift(Unit unit, int offset, std::string suffix = "") {
  Semantics s;
  s.kind = K::kShift;
  s.unit = unit;
  s.offset = offset;
  s.suffix = std::move(suffix);
  return s;
}

Semantics Named(Unit unit, int n, int offset, int day = 0) {
  Semantics s;
  s.kind = K::kNamed;
  s.unit = unit;
  s.n = n;
  s.offset = offset;
  s.day = day;
  return s;
}

// A duration value: "P2.5Y", "PT24H", "PXM", decades as years.
std::string DurationValue(std::string_view amount, double value, bool x, DurUnit unit) {
  double factor = 1;
  if (unit == DurUnit::kDecade) { factor = 10; unit = DurUnit::kYear; }
  if (unit == DurUnit::kCentury) { factor = 100; unit = DurUnit::kYear; }
  if (unit == DurUnit::kMillennium) { factor = 1000; unit = DurUnit::kYear; }
  if (unit == DurUnit::kFortnight) { factor = 2; unit = DurUnit::kWeek; }
  bool time_part = false;
  std::string code(DurationCode(unit, &time_part));
  std::string out = time_part ? "PT" : "P";
  if (x) {
    // Vague decades are years, as counted ones are ("decades-long" PXY in
    // TimeBank); centuries keep their unit ("centuries" PXCE).
    out += "X";
    if (factor == 10) return out + "Y";
    if (factor == 100) return out + "CE";
    return out + code;
  }
  double v = value * factor;
  if (v != static_cast<double>(static_cast<int64_t>(v)) && v > 0 && v < 1000000) {
    // Fractions as TimeML writes them: "5 1/2 hours" PT5H30M, "a minute and
    // a half" PT1M30S, "half a year" P6M, "half a day" PT12H. Longer
    // fractional years and days keep the decimal ("P2.5Y", as the seeds).
    auto whole = [](double d) { return d == static_cast<double>(static_cast<int64_t>(d)); };
    auto num = [](double d) { return FormatNumber(d); };
    double w = static_cast<double>(static_cast<int64_t>(v));
    if (unit == DurUnit::kHour && whole((v - w) * 60))
      return "PT" + (w > 0 ? num(w) + "H" : "") + num((v - w) * 60) + "M";
    if (unit == DurUnit::kMinute && whole((v - w) * 60))
      return "PT" + (w > 0 ? num(w) + "M" : "") + num((v - w) * 60) + "S";
    if (unit == DurUnit::kYear && v < 1 && whole(v * 12)) return "P" + num(v * 12) + "M";
    if (unit == DurUnit::kDay && v < 1 && whole(v * 24)) return "PT" + num(v * 24) + "H";
    if (unit == DurUnit::kWeek && v < 1 && whole(v * 7)) return "P" + num(v * 7) + "D";
    return out + num(v) + code;
  }
  out += factor == 1 ? std::string(amount) : FormatNumber(v);
  return out + code;
}

// The phrase tables of lexicon.cc split into words once, so matching a
// phrase is a few string_view compares (most fail on the first word).
using WordList = std::vector<std::string_view>;
WordList SplitWords(std::string_view phrase) {
  WordList out;
  while (!phrase.empty()) {
    size_t cut = phrase.find_first_of(" -");
    out.push_back(phrase.substr(0, cut));
    phrase = cut == std::string_view::npos ? std::string_view() : phrase.substr(cut + 1);
  }
  return out;
}
struct SplitTables {
  std::vector<WordList> phrases, modifiers, holidays;
  // First word's table entry -> indices into phrases / modifiers (keyed
  // by the entry's address: hashing a pointer, not a string).
  std::unordered_map<const WordInfo*, std::vector<size_t>> phrases_by_first, modifiers_by_first;
};
const SplitTables& Split() {
  static const SplitTables* t = [] {
    auto* r = new SplitTables;
    for (const Phrase& p : Phrases()) r->phrases.push_back(SplitWords(p.words));
    for (const Modifier& m : Modifiers()) r->modifiers.push_back(SplitWords(m.words));
    for (const Holiday& h : Holidays()) r->holidays.push_back(SplitWords(h.words));
    for (size_t k = 0; k < r->phrases.size(); ++k)
      r->phrases_by_first[LookupWord(r->phrases[k][0])].push_back(k);
    for (size_t k = 0; k < r->modifiers.size(); ++k)
      r->modifiers_by_first[LookupWord(r->modifiers[k][0])].push_back(k);
    return r;
  }();
  return *t;
}

class Grammar {
 public:
  explicit Grammar(const std::vector<Token>& t) : t_(t) {}

  std::vector<Match> Run() {
    std::vector<Match> out;
    size_t i = 0;
    while (i < t_.size()) {
      std::optional<Match> m = Best(i);
      // "quarter-to-quarter", "day-to-day", "year-over-year": a comparison,
      // not a time.
      if (m && m->last > i && Has(m->last) && t_[m->last].hyphen_before &&
          (Word(m->last, "to") || Word(m->last, "over") || Word(m->last, "on")))
        m.reset();
      // No expression runs across a blank line ("on 9/11" + "September 11
      // also marks ..." in the next paragraph).
      for (size_t k = i + 1; m && k < m->last; ++k)
        if (t_[k].para_before) m.reset();
      if (m && m->last > i) {
        if (Word(m->last, "or") && Word(m->last + 1, "so")) {
          if (m->mod.empty()) m->mod = "APPROX";
          m->last += 2;
        }
        i = m->last;
        // "April 24 and 25": the second day is a date of the same month.
        if (m->sem.kind == K::kNamed && m->sem.unit == Unit::kMonth && m->sem.day &&
            m->type == TimexType::kDate && (Word(i, "and") || Word(i, "or")) && Has(i + 1) &&
            t_[i + 1].kind == Token::Kind::kNumber && DayAt(i + 1) > m->sem.day &&
            !(Has(i + 2) && (t_[i + 2].kind == Token::Kind::kNumber ||
                             UnitAt(i + 2) != DurUnit::kNone ||
                             In(kNotAfterYear, t_[i + 2].lower) || MonthAt(i + 2)))) {
          Match second = *m;
          second.first = i + 1;
          second.last = i + 2;
          second.sem.day = DayAt(i + 1);
          out.push_back(std::move(*m));
          out.push_back(std::move(second));
          i += 2;
          continue;
        }
        out.push_back(std::move(*m));
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  using Rule = std::optional<Match> (Grammar::*)(size_t) const;

  // --- token helpers ---
  bool Has(size_t i) const { return i < t_.size(); }
  // Length and first letter first: most compares fail there, without a
  // call to memcmp. Always inlined: gcc kept it out of line (7% of the
  // time went to the calls); inline, tagging runs 10% fewer instructions.
  [[gnu::always_inline]] bool Word(size_t i, std::string_view w) const {
    if (i >= t_.size()) return false;
    const Token& t = t_[i];
    if (t.kind != Token::Kind::kWord || t.lower.size() != w.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
      if (t.lower[k] != w[k]) return false;
    return true;
  }
  bool Punct(size_t i, char c) const { return i < t_.size() && t_[i].IsPunct(c); }
  const WordInfo* Info(size_t i) const { return i < t_.size() ? t_[i].info : nullptr; }
  // Matches the space- or hyphen-separated words of `phrase` at i; returns
  // the end token or 0.
  size_t Words(size_t i, const WordList& words) const {
    size_t j = i;
    for (std::string_view w : words) {
      if (!Word(j, w)) return 0;
      ++j;
    }
    return j;
  }
  int MonthAt(size_t i) const {
    const WordInfo* w = Info(i);
    if (!w || !w->month) return 0;
    const Token& t = t_[i];
    if (w->abbreviation && !t.dot && !(Has(i + 1) && t_[i + 1].kind == Token::Kind::kNumber))
      return 0;
    if (!t.cap && !t.dot) return 0;  // month names are capitalised in news
    return w->month;
  }
  int WeekdayAt(size_t i) const {
    const WordInfo* w = Info(i);
    if (!w || !w->weekday) return 0;
    if (w->abbreviation && !t_[i].dot) return 0;
    if (w->abbreviation && !t_[i].cap) return 0;  // "she was already wed."
    // "told The Sun.": after an article an abbreviation is a name.
    if (w->abbreviation && i > 0 && t_[i - 1].Is("the")) return 0;
    return w->weekday;
  }
  // A capitalised word followed by a capitalised word the lexicon does not
  // know: part of a name ("Daily News", "Winter Olympics", "20th Century
  // Fox"), not a time.
  bool NameGoesOn(size_t i) const {
    return t_[i].cap && Has(i + 1) && t_[i + 1].cap && t_[i + 1].kind == Token::Kind::kWord &&
           !Info(i + 1);
  }
  // A capitalised word after a capitalised word the lexicon does not know:
  // the end of a name ("Jamie Noon", "Investor's Business Daily").
  bool NameEndsHere(size_t i) const {
    return t_[i].cap && i > 0 && t_[i - 1].cap && t_[i - 1].kind == Token::Kind::kWord &&
           !Info(i - 1);
  }
  DurUnit UnitAt(size_t i) const {
    const WordInfo* w = Info(i);
    if (!w) return DurUnit::kNone;
    if (w->unit == DurUnit::kQuarter && NotAQuarterOfTheYear(i)) return DurUnit::kNone;
    return w->unit;
  }
  // "a quarter-final", "a quarter point": a round of a cup, a fraction of
  // a percentage point, not three months.
  bool NotAQuarterOfTheYear(size_t i) const {
    if (!Has(i + 1)) return false;
    if (NameGoesOn(i)) return true;  // "a Quarter Pounder"
    const Token& t = t_[i + 1];
    if (t.hyphen_before && (t.Is("final") || t.Is("finals") || t.Is("finalist") ||
                            t.Is("finalists")))
      return true;
    return t.Is("point") || t.Is("points") || t.Is("percent") || t.Is("percentage");
  }
  bool PluralAt(size_t i) const { return Info(i) && Info(i)->plural; }
  // A year written in digits at i (1000-2999), or -1.
  int YearAt(size_t i, bool intro) const {
    if (!Has(i)) return -1;
    const Token& t = t_[i];
    if (t.kind != Token::Kind::kNumber || t.digits != 4 || t.decade || t.ordinal ||
        t.decimal || t.comma_number)
      return -1;
    int64_t y = t.num;
    if (y < (intro ? 1000 : 1900) || y > (intro ? 2999 : 2099)) return -1;
    if (Has(i + 1) && !t_[i + 1].hyphen_before && In(kNotAfterYear, t_[i + 1].lower)) return -1;
    if (Punct(i + 1, '%')) return -1;
    if (i > 0 && (Punct(i - 1, '$') || Punct(i - 1, '#'))) return -1;
    return static_cast<int>(y);
  }
  // A day of the month at i (1-31, digits or "19th"), or 0.
  int DayAt(size_t i) const {
    if (!Has(i)) return 0;
    const Token& t = t_[i];
    if (t.kind == Token::Kind::kNumber && !t.decade && !t.decimal && !t.comma_number &&
        t.digits >= 1 && t.digits <= 2 && t.num >= 1 && t.num <= 31)
      return static_cast<int>(t.num);
    const WordInfo* w = Info(i);
    if (w && w->ordinal >= 1 && w->ordinal <= 31) return w->ordinal;
    return 0;
  }

  // A year in words at i ("nineteen ninety-six"), its end in *end; or -1.
  int YearWordsAt(size_t i, size_t* end) const {
    if (!Word(i, "nineteen")) return -1;
    std::optional<Quantity> n = NumberWords(i + 1);
    if (!n || n->value < 10 || n->value > 99) return -1;
    *end = n->end;
    return 1900 + static_cast<int>(n->value);
  }

  struct Quantity {
    std::string text;
    double value = 0;
    bool x = false;        // "several", "a few"
    bool one = false;      // "a", "an", "one": takes a singular unit
    bool numeric = false;  // an explicit number
    bool fraction = false; // has a half or "1/2": no second "and a half"
    size_t end = 0;
  };

  // A glued fraction "1/2", "3/4" at i (numerator below denominator, not a
  // date such as "1/2/98"): its value, or 0.
  double FractionAt(size_t i) const {
    if (!Has(i + 2) || t_[i].kind != Token::Kind::kNumber || !Punct(i + 1, '/') ||
        t_[i + 1].space_before || t_[i + 2].space_before ||
        t_[i + 2].kind != Token::Kind::kNumber || Punct(i + 3, '/'))
      return 0;
    int64_t num = t_[i].num, den = t_[i + 2].num;
    if (num < 1 || den < 2 || den > 4 || num >= den || t_[i].decimal || t_[i + 2].decimal)
      return 0;
    return static_cast<double>(num) / static_cast<double>(den);
  }

  // Number words: "twenty four", "twenty-four", "a hundred", "two dozen".
  std::optional<Quantity> NumberWords(size_t i) const {
    int64_t total = 0;
    size_t j = i;
    bool any = false;
    while (Has(j) && j < i + 5) {
      const WordInfo* w = Info(j);
      if (!w || w->number < 0) break;
      int n = w->number;
      if (n == 100 || (n == 12 && t_[j].Is("dozen"))) {
        total = (total ? total : 1) * n;
      } else if (n == 1000) {
        total = (total ? total : 1) * 1000;
      } else if (n >= 20 && n < 100) {
        if (total % 100 != 0) break;
        total += n;
      } else {
        if (total % 10 != 0 || (total % 100 != 0 && n >= 10)) break;
        if (total % 100 >= 1 && total % 100 < 20) break;
        total += n;
      }
      any = true;
      ++j;
    }
    if (!any) return std::nullopt;
    Quantity q;
    q.value = static_cast<double>(total);
    q.end = j;
    q.numeric = true;
    return q;
  }

  std::optional<Quantity> ParseQuantity(size_t i) const {
    if (!Has(i)) return std::nullopt;
    Quantity q;
    // A fraction of one unit ("a half hour", "a quarter of a century",
    // "1/2 hour") ending before token `end`.
    auto fraction = [&q](double value, size_t end) {
      q.value = value;
      q.numeric = true;
      q.one = true;
      q.fraction = true;
      q.end = end;
    };
    const Token& t = t_[i];
    if (Word(i, "a") || Word(i, "an")) {
      if (Word(i + 1, "few")) { q.x = true; q.end = i + 2; return q; }
      if (Word(i + 1, "couple")) {
        q.value = 2; q.numeric = true; q.end = Word(i + 2, "of") ? i + 3 : i + 2;
        q.text = "2";
        return q;
      }
      if (Word(i + 1, "number") && Word(i + 2, "of")) { q.x = true; q.end = i + 3; return q; }
      if (auto n = NumberWords(i + 1); n && (t_[i + 1].Is("hundred") || t_[i + 1].Is("dozen") ||
                                            t_[i + 1].Is("thousand"))) {
        q = *n;
      } else if (Word(i + 1, "half")) {
        // "a half hour", "a half-hour"
        fraction(0.5, i + 2);
      } else if (Word(i + 1, "quarter") && UnitAt(i + 2) != DurUnit::kNone &&
                 UnitAt(i + 2) != DurUnit::kQuarter) {
        // "a quarter century", "a quarter hour" (but "a quarter" alone is
        // three months)
        fraction(0.25, i + 2);
      } else if (Word(i + 1, "quarter") && Word(i + 2, "of") &&
                 (Word(i + 3, "a") || Word(i + 3, "an"))) {
        // "a quarter of a century"
        fraction(0.25, i + 4);
      } else {
        q.value = 1; q.one = true; q.numeric = true; q.end = i + 1;
      }
    } else if (Word(i, "half") && (Word(i + 1, "a") || Word(i + 1, "an"))) {
      fraction(0.5, i + 2);
    } else if (Word(i, "quarter") && Word(i + 1, "of") && (Word(i + 2, "a") || Word(i + 2, "an"))) {
      fraction(0.25, i + 3);
    } else if (Word(i, "few") || Word(i, "several") || Word(i, "many") ||
               Word(i, "numerous") || Word(i, "some")) {
      q.x = true; q.end = i + 1;
    } else if ((Word(i, "dozens") || Word(i, "hundreds") || Word(i, "thousands")) &&
               Word(i + 1, "of")) {
      q.x = true; q.end = i + 2;
    } else if (Word(i, "couple") && Word(i + 1, "of")) {
      q.value = 2; q.numeric = true; q.end = i + 2;
    } else if (double f = FractionAt(i); f > 0) {  // "1/2 hour"
      fraction(f, i + 3);
      q.text = FormatNumber(f);
      return q;
    } else if (t.kind == Token::Kind::kNumber && !t.decade && !t.ordinal) {
      if (t.comma_number) {
        if (t.lower.size() > 7 || t.decimal) return std::nullopt;  // up to 999,999
        int64_t v = 0;
        for (char c : t.lower)
          if (c >= '0' && c <= '9') v = v * 10 + (c - '0');
        q.value = static_cast<double>(v);
      } else if (t.decimal) {
        if (t.lower.size() > 12) return std::nullopt;
        q.text = std::string(t.lower);
        q.value = std::strtod(q.text.c_str(), nullptr);
      } else {
        if (t.num < 0 || t.num > 999999) return std::nullopt;
        q.value = static_cast<double>(t.num);
      }
      q.numeric = true;
      q.end = i + 1;
      // "2 1/2 years"
      if (double frac = FractionAt(i + 1); frac > 0 && !t.decimal && t_[i + 1].space_before) {
        q.value += frac;
        q.fraction = true;
        q.end = i + 4;
      }
    } else if (auto n = NumberWords(i)) {
      q = *n;
      if (t.Is("one")) q.one = true;
    } else {
      return std::nullopt;
    }
    // "two and a half"
    if (q.numeric && !q.x && Word(q.end, "and") && Word(q.end + 1, "a") &&
        Word(q.end + 2, "half")) {
      q.value += 0.5;
      q.end += 3;
      q.one = false;
      q.fraction = true;
    }
    if (q.numeric && q.value == 1 && !t.decimal) q.one = true;
    if (q.numeric && q.text.empty()) q.text = FormatNumber(q.value);
    return q;
  }

  // --- rules ---

  // Fixed phrases: "yesterday", "the near future", "currently"; with a part
  // of the day after a day word ("yesterday morning").
  std::optional<Match> RulePhrase(size_t i) const {
    if (!Has(i) || !t_[i].info || !t_[i].info->phrase_start) return std::nullopt;
    if (NameEndsHere(i)) return std::nullopt;  // "Jamie Noon"
    std::optional<Match> best;
    auto cands = Split().phrases_by_first.find(t_[i].info);
    if (cands == Split().phrases_by_first.end()) return std::nullopt;
    for (size_t k : cands->second) {
      const Phrase& p = Phrases()[k];
      size_t end = Words(i, Split().phrases[k]);
      if (!end || (best && end <= best->last)) continue;
      Match m;
      m.first = i;
      m.last = end;
      m.type = p.type;
      m.sem = p.kind == K::kLiteral ? Literal(p.literal) : Shift(p.unit, p.offset, p.suffix);
      best = m;
    }
    if (best && best->sem.kind == K::kShift && best->sem.unit == Unit::kDay &&
        best->sem.suffix.empty() && Info(best->last) && Info(best->last)->part_of_day) {
      best->sem.suffix = std::string("T") + Info(best->last)->part_of_day;
      best->type = TimexType::kTime;
      best->last += 1;
    }
    // "noon Thursday", "midnight Friday": that day's clock time.
    if (best && best->type == TimexType::kTime && best->sem.kind == K::kShift &&
        best->sem.offset == 0 && best->sem.suffix.size() == 6 && best->sem.suffix[0] == 'T') {
      size_t k = best->last;
      if (Word(k, "on")) ++k;
      if (int wd = WeekdayAt(k)) {
        std::string suffix = best->sem.suffix;
        // "noon on Saturday, Aug. 9": the weekday's date when one follows.
        std::optional<Match> day = RuleWeekday(k);
        if (day && day->last > k + 1 && day->sem.suffix.empty() &&
            (day->sem.kind != K::kLiteral || day->sem.literal.size() == 10)) {
          best->sem = day->sem;
          if (best->sem.kind == K::kLiteral) best->sem.literal += suffix;
          else best->sem.suffix = std::move(suffix);
          best->last = day->last;
        } else {
          best->sem = Named(Unit::kDay, wd, Semantics::kByTense);
          best->sem.suffix = std::move(suffix);
          best->last = k + 1;
        }
      }
    }
    return best;
  }

  // "last week", "this year", "next month", "the past year", "this morning",
  // "last night", "last Friday", "next April", "this summer".
  std::optional<Match> RuleRelative(size_t i) const {
    size_t j = i;
    bool the = Word(j, "the");
    if (the) ++j;
    const RelWord* rel = nullptr;
    for (const RelWord& r : kRelWords)
      if (Word(j, r.word)) rel = &r;
    if (!rel || (rel->needs_the && !the && rel->word != "past")) return std::nullopt;
    if (the && (rel->word == "this" || (rel->word == "last" && !Has(j + 1)))) return std::nullopt;
    int offset = rel->offset;
    ++j;
    // "this past spring", "this coming Sunday"
    if (rel->word == "this" && (Word(j, "past") || Word(j, "coming"))) {
      offset = Word(j, "past") ? -1 : 1;
      ++j;
    }
    Match m;
    m.first = i;
    m.last = j + 1;
    // A capitalised title just after an opening quote: ABC's "This Week"
    // (TimeBank leaves both mentions untagged).
    if (t_[i].cap && Has(j) && t_[j].cap && Info(j) && Info(j)->unit != DurUnit::kNone &&
        i > 0 && !t_[i].space_before &&
        (t_[i - 1].IsPunct('"') || t_[i - 1].lower == "\xE2\x80\x9C"))
      return std::nullopt;
    if (DurUnit u = UnitAt(j); u != DurUnit::kNone && !PluralAt(j)) {
      std::optional<Unit> cu = CalendarUnit(u);
      if (!cu) return std::nullopt;
      if (u == DurUnit::kDay) return std::nullopt;  // "the next day": event-anchored
      if ((u == DurUnit::kDecade || u == DurUnit::kCentury) &&
          ((offset < 0 && rel->word != "last") || (offset > 0 && the))) {
        // "the past decade", "the next decade": TimeML reads them as
        // durations (the ten years before or after now).
        m.type = TimexType::kDuration;
        m.sem = Literal(u == DurUnit::kDecade ? "P10Y" : "P100Y");
        return m;
      }
      m.sem = Shift(*cu, offset, u == DurUnit::kWeekend ? "-WE" : "");
      return m;
    }
    if (const WordInfo* w = Info(j); w && w->part_of_day) {
      if (rel->word == "last" && t_[j].Is("night")) {
        m.sem = Shift(Unit::kDay, -1, "TNI");
      } else if (rel->word == "this") {
        m.sem = Shift(Unit::kDay, 0, std::string("T") + w->part_of_day);
      } else {
        return std::nullopt;
      }
      m.type = TimexType::kTime;
      return m;
    }
    if (int wd = WeekdayAt(j)) {
      m.sem = Named(Unit::kDay, wd, offset);
      // "the previous Friday", "the following Monday": counted from the
      // reference time (the last day mentioned), as "the next day" is.
      if (the && (rel->word == "previous" || rel->word == "following"))
        m.sem.kind = K::kAnaphoric;
      // "last Wednesday night": the part of the day joins, a DATE as a bare
      // weekday's does (RuleWeekday).
      if (const WordInfo* w = Info(j + 1); w && w->part_of_day && !w->plural) {
        m.sem.suffix = std::string("T") + w->part_of_day;
        m.last = j + 2;
      }
      return m;
    }
    if (int mo = MonthAt(j); mo || (Info(j) && Info(j)->month && !t_[j].cap &&
                                     Info(j)->month != 5 && Info(j)->month != 3)) {
      if (!mo) mo = Info(j)->month;
      // "last Oct. 23": that day of the month.
      int day = DayAt(j + 1);
      if (day && t_[j + 1].kind == Token::Kind::kNumber && !(Has(j + 2) && UnitAt(j + 2) != DurUnit::kNone))
        m.last = j + 2;
      else
        day = 0;
      // "In this Aug. 21, 2012, file photo": a date with its year, which
      // the month rule reads; "this" only points at the photo.
      if (day && Punct(j + 2, ',') && YearAt(j + 3, true) > 0) return std::nullopt;
      m.sem = Named(Unit::kMonth, mo, offset, day);
      return m;
    }
    if (const WordInfo* w = Info(j); w && w->season) {
      m.sem = Named(Unit::kSeason, w->season, offset);
      return m;
    }
    for (size_t h = 0; Info(j) && Info(j)->holiday_start && h < Holidays().size(); ++h) {
      if (size_t end = Words(j, Split().holidays[h])) {
        m.sem = Named(Unit::kDay, 0, offset);
        m.sem.holiday = static_cast<int>(h);
        m.last = end;
        return m;
      }
    }
    return std::nullopt;
  }

  // Anaphoric expressions, resolved against the last date mentioned (the
  // reference time): "that year", "that same day", "the same month", "the
  // next day", "the following week", "the previous year", "that night".
  std::optional<Match> RuleAnaphor(size_t i) const {
    size_t j = i;
    int offset = 0;
    bool day_only = false;  // "the next day" is anaphoric, "the next year" deictic
    if (Word(j, "that")) {
      ++j;
      if (Word(j, "same")) ++j;
    } else if (Word(j, "the") && Word(j + 1, "same")) {
      j += 2;
    } else if (Word(j, "the") && (Word(j + 1, "following") || Word(j + 1, "previous") ||
                                  Word(j + 1, "preceding") || Word(j + 1, "next"))) {
      offset = Word(j + 1, "following") || Word(j + 1, "next") ? 1 : -1;
      day_only = Word(j + 1, "next");
      j += 2;
    } else {
      return std::nullopt;
    }
    Match m;
    m.first = i;
    m.last = j + 1;
    m.sem.kind = K::kAnaphoric;
    m.sem.offset = offset;
    if (const WordInfo* w = Info(j); w && w->part_of_day) {
      // "that night": the reference day's night; "the next morning": the
      // next day (TimeBank annotates it as the date).
      m.sem.unit = Unit::kDay;
      if (offset == 0) {
        m.sem.suffix = std::string("T") + w->part_of_day;
        m.type = TimexType::kTime;
      }
      return m;
    }
    DurUnit u = UnitAt(j);
    std::optional<Unit> cu = CalendarUnit(u);
    if (!cu || PluralAt(j) || u == DurUnit::kWeekend || u == DurUnit::kQuarter)
      return std::nullopt;
    if (day_only && u != DurUnit::kDay) return std::nullopt;
    m.sem.unit = *cu;
    return m;
  }

  // "the year", "the month", "the week": only after "the end of" and
  // similar (RuleModified passes allow_bare).
  std::optional<Match> BareTheUnit(size_t i) const {
    if (!Word(i, "the")) return std::nullopt;
    DurUnit u = UnitAt(i + 1);
    std::optional<Unit> cu = CalendarUnit(u);
    if (!cu || PluralAt(i + 1) || u == DurUnit::kDay) return std::nullopt;
    Match m;
    m.first = i;
    m.last = i + 2;
    m.sem = Shift(*cu, 0, u == DurUnit::kWeekend ? "-WE" : "");
    return m;
  }

  // "the year" alone: TimeBank tags it wherever it stands (13 of 13 on the
  // train split). "the year ended Sept. 30" is the fiscal year as a length
  // (DURATION P1Y, 4 of 5); otherwise it is the DCT's year ("a high for the
  // year", "the first nine months of the year"). Not "Man of the Year", nor
  // "the year-earlier period" (RuleQuarter) or "the year 2000" (RuleYear).
  // "the fiscal year ended Jan. 31" is a DURATION too (2 of 2); "the fiscal
  // year" otherwise stays a phrase (DATE).
  std::optional<Match> RuleTheYear(size_t i) const {
    if (!Word(i, "the")) return std::nullopt;
    size_t y = Word(i + 1, "fiscal") ? i + 2 : i + 1;
    if (!Word(y, "year") || t_[y].cap) return std::nullopt;
    // Not "the year-earlier", nor "the year 99999" (a year out of range).
    if (Has(y + 1) && (t_[y + 1].hyphen_before || t_[y + 1].kind == Token::Kind::kNumber))
      return std::nullopt;
    bool ended = Word(y + 1, "ended") || Word(y + 1, "ending");
    if (y != i + 1 && !ended) return std::nullopt;
    Match m;
    m.first = i;
    m.last = y + 1;
    if (ended) {
      m.type = TimexType::kDuration;
      m.sem = Literal("P1Y");
    } else {
      m.sem = Shift(Unit::kYear, 0);
    }
    return m;
  }

  // Weekdays: "Wednesday", "Friday night", "Friday, Aug. 7" (the date wins).
  std::optional<Match> RuleWeekday(size_t i) const {
    int wd = WeekdayAt(i);
    // An abbreviation without its period ("Fri", "Sat": also words) only
    // before a date: "Fri March 22, 2013" in a dateline.
    const WordInfo* info = Info(i);
    const bool bare_abbreviation =
        !wd && info && info->weekday && info->abbreviation && t_[i].cap;
    if (!wd && !bare_abbreviation) return std::nullopt;
    // "Friday, Aug. 7, 1998": a full date with its weekday.
    size_t j = i + 1;
    if (Punct(j, ',')) ++j;
    if (auto date = RuleMonth(j); date && date->sem.day + (date->sem.kind == K::kLiteral ? 1 : 0)) {
      date->first = i;
      return date;
    }
    if (bare_abbreviation) return std::nullopt;
    Match m;
    m.first = i;
    m.last = i + 1;
    // "on Tuesdays", "Tuesday nights": every such day (TimeML SET).
    const WordInfo* pod = Info(i + 1);
    if (pod && !pod->part_of_day) pod = nullptr;
    if (PluralAt(i) || (pod && pod->plural)) {
      m.type = TimexType::kSet;
      std::string v = "XXXX-WXX-" + std::to_string(wd);
      if (pod) {
        v += std::string("T") + pod->part_of_day;
        m.last = i + 2;
      }
      m.sem = Literal(std::move(v));
      return m;
    }
    m.sem = Named(Unit::kDay, wd, Semantics::kByTense);
    if (Info(i + 1) && Info(i + 1)->part_of_day && NameGoesOn(i + 1))
      return std::nullopt;  // "Monday Night Football"
    if (const WordInfo* w = Info(i + 1); w && w->part_of_day) {
      // TimeBank types a weekday with its part of the day as a DATE (15 of
      // 19 on the train split; type F1 +0.01 on train and dev); the value
      // keeps the TimeML suffix ("1998-10-27TNI").
      m.sem.suffix = std::string("T") + w->part_of_day;
      m.type = TimexType::kDate;
      m.last = i + 2;
    } else if (size_t k = Word(i + 1, "at") ? i + 2 : Punct(i + 1, ',') ? i + 2 : 0;
               k && Has(k) && t_[k].kind == Token::Kind::kNumber) {
      // "Wednesday at 9 p.m.", "Friday, 10:30 a.m.": the clock time of that day.
      if (std::optional<Match> time = RuleTime(k);
          time && time->sem.kind == K::kAnaphoric && time->sem.offset == 0 &&
          !time->sem.suffix.empty()) {
        m.sem.suffix = time->sem.suffix;
        m.type = TimexType::kTime;
        m.last = time->last;
      }
    }
    return m;
  }

  // Months: "June 19, 2024", "June 19", "June 2024", "June of 2024",
  // "19 June 2024", "the 19th of June", "June".
  std::optional<Match> RuleMonth(size_t i) const {
    Match m;
    m.first = i;
    size_t j = i;
    int day = 0, month = 0;
    size_t month_tok = j;
    bool day_first = true;
    if (Word(j, "the") && DayAt(j + 1) && Word(j + 2, "of") && MonthAt(j + 3)) {
      day = DayAt(j + 1);
      month = MonthAt(j + 3);
      month_tok = j + 3;
      j += 4;
    } else if (DayAt(j) && t_[j].kind == Token::Kind::kNumber && MonthAt(j + 1)) {
      day = DayAt(j);
      month = MonthAt(j + 1);
      month_tok = j + 1;
      j += 2;
    } else if ((month = MonthAt(j))) {
      day_first = false;
      ++j;
      if (int d = DayAt(j); d && !(Has(j + 1) && UnitAt(j + 1) != DurUnit::kNone) &&
                            !(t_[j].kind == Token::Kind::kNumber && t_[j].hyphen_before)) {
        day = d;
        ++j;
      }
    } else {
      return std::nullopt;
    }
    int year = -1;
    if (Punct(j, ',') && YearAt(j + 1, true) > 0) {
      year = YearAt(j + 1, true);
      j += 2;
    } else if (YearAt(j, true) > 0) {
      year = YearAt(j, true);
      j += 1;
    } else if (!day && Word(j, "of") && YearAt(j + 1, true) > 0) {
      year = YearAt(j + 1, true);
      j += 2;
    } else if (size_t end = 0; YearWordsAt(j, &end) > 0) {  // "January nineteen ninety-seven"
      year = YearWordsAt(j, &end);
      j = end;
    }
    if (day) {
      int y = year > 0 ? year : 2000;  // 2000 is a leap year: Feb 29 allowed
      if (day > DaysInMonthFor(y, month)) {
        // "February 30": not a day; keep the month alone ("30 February":
        // nothing).
        if (day_first) return std::nullopt;
        day = 0;
        j = month_tok + 1;
        year = -1;
      }
    }
    if (!day && year < 0) {
      // A month alone; ambiguous names need context.
      const WordInfo* w = Info(month_tok);
      bool ambiguous = w && (w->month == 5 || w->month == 3) && !t_[month_tok].dot;
      if (ambiguous && !(month_tok > 0 && In(kMonthIntro, t_[month_tok - 1].lower)))
        return std::nullopt;
      // "March" as a verb/noun at a sentence start is rare enough; weekday
      // abbreviations are excluded by MonthAt.
    }
    m.last = j;
    // The first end of a range takes the year of the second: "from March to
    // May 2001", "March 3-5, 2001", "between June 1 and July 4, 1998".
    if (year < 0) year = RangeYear(j, day != 0);
    char buf[48];
    if (year > 0) {
      if (day)
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      else
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      m.sem = Literal(buf);
    } else if ((Word(j, "this") || Word(j, "last") || Word(j, "next")) && Word(j + 1, "year")) {
      // "June last year", "January this year": that month of the DCT's
      // year moved by whole years (offset/100).
      int off = Word(j, "last") ? -1 : Word(j, "next") ? 1 : 0;
      m.sem = Named(Unit::kMonth, month, off == 0 ? 0 : off * 100, day);
      m.last = j + 2;
    } else {
      m.sem = Named(Unit::kMonth, month, Semantics::kByTense, day);
    }
    return m;
  }

  // The year closing a range that starts before j ("to May 2001", "-5,
  // 2001"), or -1. Bounded lookahead, no recursion: linear time.
  int RangeYear(size_t j, bool day) const {
    size_t k = j;
    if (Word(k, "to") || Word(k, "through") || Word(k, "until") || Word(k, "till") ||
        Word(k, "and") || Punct(k, '-')) {
      ++k;
      if (MonthAt(k)) {
        ++k;
        if (DayAt(k) && t_[k].kind == Token::Kind::kNumber) ++k;
      } else if (day && DayAt(k) && t_[k].kind == Token::Kind::kNumber) {
        ++k;
      } else {
        return -1;
      }
    } else if (day && Has(k) && t_[k].kind == Token::Kind::kNumber && t_[k].hyphen_before &&
               DayAt(k)) {
      ++k;  // "March 3-5"
    } else {
      return -1;
    }
    if (Punct(k, ',')) ++k;
    return YearAt(k, true);
  }

  // Numeric dates: ISO "2013-03-19" and slashed "03/19/2013", "3/19/13"
  // (month first, as US news writes them; day first when the first number
  // cannot be a month). A bare "3/21" is left alone (fractions, scores).
  std::optional<Match> RuleNumericDate(size_t i) const {
    if (!Has(i + 2) || t_[i].kind != Token::Kind::kNumber) return std::nullopt;
    auto plain = [&](size_t k, int max_digits) {
      const Token& t = t_[k];
      return t.kind == Token::Kind::kNumber && !t.decimal && !t.comma_number && !t.decade &&
             !t.ordinal && t.digits >= 1 && t.digits <= max_digits && t.num >= 0;
    };
    int y = 0, mo = 0, d = 0;
    size_t last = 0;
    if (t_[i].digits == 4 && plain(i, 4) && plain(i + 1, 2) && plain(i + 2, 2) &&
        t_[i + 1].hyphen_before && t_[i + 2].hyphen_before && t_[i + 1].digits == 2 &&
        t_[i + 2].digits == 2) {
      y = static_cast<int>(t_[i].num);
      mo = static_cast<int>(t_[i + 1].num);
      d = static_cast<int>(t_[i + 2].num);
      last = i + 3;
    } else if (Has(i + 4) && plain(i, 2) && Punct(i + 1, '/') && plain(i + 2, 2) &&
               Punct(i + 3, '/') && plain(i + 4, 4) && !t_[i + 1].space_before &&
               !t_[i + 2].space_before && !t_[i + 3].space_before && !t_[i + 4].space_before &&
               (t_[i + 4].digits == 4 || t_[i + 4].digits == 2) && !Punct(i + 5, '/')) {
      int a = static_cast<int>(t_[i].num), b = static_cast<int>(t_[i + 2].num);
      y = static_cast<int>(t_[i + 4].num);
      if (t_[i + 4].digits == 2) y += y < 50 ? 2000 : 1900;
      mo = a, d = b;
      if (a > 12 && b <= 12) mo = b, d = a;
      last = i + 5;
    } else {
      return std::nullopt;
    }
    if (y < 1000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > DaysInMonthFor(y, mo))
      return std::nullopt;
    Match m;
    m.first = i;
    m.last = last;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    m.sem = Literal(buf);
    return m;
  }

  static int DaysInMonthFor(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
  }

  // Years, decades, centuries: "1998", "fiscal 1989", "the year 2000",
  // "the 1990s", "'90s", "the 20th century".
  std::optional<Match> RuleYear(size_t i) const {
    Match m;
    m.first = i;
    size_t j = i;
    bool the = Word(j, "the");
    if (the) ++j;
    // "FY2013", "FY 2013", "FY13": a fiscal year.
    if (!the && Word(j, "fy") && t_[j].cap && Has(j + 1) && t_[j + 1].kind == Token::Kind::kNumber &&
        !t_[j + 1].decimal && !t_[j + 1].comma_number && !t_[j + 1].decade &&
        (t_[j + 1].digits == 4 || (t_[j + 1].digits == 2 && !t_[j + 1].space_before))) {
      int y = t_[j + 1].digits == 4 ? YearAt(j + 1, true)
                                    : static_cast<int>(t_[j + 1].num < 50 ? 2000 + t_[j + 1].num
                                                                          : 1900 + t_[j + 1].num);
      if (y > 0) {
        m.last = j + 2;
        m.sem = Literal(std::to_string(y));
        return m;
      }
    }
    if (!the && Word(j, "fiscal") && YearAt(j + 1, true) > 0) {
      m.last = j + 2;
      m.sem = Literal(std::to_string(YearAt(j + 1, true)));
      return m;
    }
    if (the && Word(j, "year") && YearAt(j + 1, true) > 0) {
      m.last = j + 2;
      m.sem = Literal(std::to_string(YearAt(j + 1, true)));
      return m;
    }
    // "the year two thousand", "the year nineteen ninety-nine"
    if (the && Word(j, "year")) {
      size_t end = 0;
      int y = YearWordsAt(j + 1, &end);
      if (y < 0) {
        if (std::optional<Quantity> q = NumberWords(j + 1);
            q && q->value >= 1000 && q->value <= 2999) {
          y = static_cast<int>(q->value);
          end = q->end;
        }
      }
      if (y > 0) {
        m.last = end;
        m.sem = Literal(std::to_string(y));
        return m;
      }
    }
    // "the nineties", "the late sixties" (the modifier holds "the late").
    for (size_t d = 0; d < std::size(kDecadeWords) && Has(j); ++d) {
      if (t_[j].lower != kDecadeWords[d]) continue;
      if (!the && !(i > 0 && (t_[i - 1].Is("the") || t_[i - 1].Is("late") ||
                              t_[i - 1].Is("early") || t_[i - 1].Is("mid"))))
        break;
      m.last = j + 1;
      m.sem = Literal("19" + std::to_string(d + 2));
      return m;
    }
    if (Has(j) && t_[j].decade && t_[j].num >= 0) {
      int64_t v = t_[j].num;
      bool apostrophe = t_[j].lower[0] == '\'';
      // An age: "in his early 40s", "both in their mid-20s".
      if (t_[j].digits == 2 && !apostrophe) {
        size_t k = j;
        while (k > 0 && (t_[k - 1].Is("early") || t_[k - 1].Is("mid") || t_[k - 1].Is("late") ||
                         t_[k - 1].Is("-")))
          --k;
        if (k > 0 && In(kPossessives, t_[k - 1].lower) && !t_[k - 1].Is("the")) return std::nullopt;
      }
      if (t_[j].digits == 4 && v >= 1000 && v <= 2990) {
        m.sem = Literal(std::to_string(v / 10));
      } else if (t_[j].digits == 2 && (apostrophe || the || (i > 0 && In(kYearIntro, t_[i - 1].lower)))) {
        m.sem = Literal(std::to_string(190 + v / 10));
      } else {
        return std::nullopt;
      }
      m.last = j + 1;
      return m;
    }
    // "the 20th century", "the twentieth century"
    if (Has(j + 1) && UnitAt(j + 1) == DurUnit::kCentury && !PluralAt(j + 1)) {
      if (NameGoesOn(j + 1)) return std::nullopt;  // "20th Century Fox"
      int n = 0;
      if (t_[j].ordinal && t_[j].num >= 1 && t_[j].num <= 30) n = static_cast<int>(t_[j].num);
      else if (Info(j) && Info(j)->ordinal) n = Info(j)->ordinal;
      if (!n) return std::nullopt;
      char buf[48];
      std::snprintf(buf, sizeof buf, "%02d", n - 1);
      m.sem = Literal(buf);
      m.last = j + 2;
      return m;
    }
    // Years in words: "nineteen ninety-six".
    if (size_t end = 0; !the && YearWordsAt(i, &end) > 0) {
      m.last = end;
      m.sem = Literal(std::to_string(YearWordsAt(i, &end)));
      return m;
    }
    if (the) return std::nullopt;
    bool intro = i > 0 && In(kYearIntro, t_[i - 1].lower);
    int y = YearAt(i, intro);
    if (y < 0) return std::nullopt;
    // "1998-99": a fiscal span; keep the first year only.
    m.last = i + 1;
    m.sem = Literal(std::to_string(y));
    return m;
  }

  // Quarters and halves: "the third quarter", "third-quarter", "the fourth
  // quarter of 1998", "the first half", "the quarter", "the year-ago quarter".
  std::optional<Match> RuleQuarter(size_t i) const {
    Match m;
    m.first = i;
    size_t j = i;
    // "its third quarter": the possessive is context, not extent.
    if (Word(j, "its") || Word(j, "their")) return std::nullopt;
    // "last year's fourth quarter", "1998's first half": one expression.
    {
      size_t k = j;
      int off = -1000, year = -1;
      if ((Word(k, "last") || Word(k, "this") || Word(k, "next")) && Word(k + 1, "year") &&
          Word(k + 2, "'s")) {
        off = Word(k, "last") ? -100 : Word(k, "next") ? 100 : 0;
        k += 3;
      } else if (YearAt(k, true) > 0 && Word(k + 1, "'s")) {
        year = YearAt(k, true);
        k += 2;
      }
      int n = 0;
      if (k != j && Has(k + 1)) {
        if (t_[k].ordinal && t_[k].num >= 1 && t_[k].num <= 4) n = static_cast<int>(t_[k].num);
        else if (Info(k) && Info(k)->ordinal >= 1 && Info(k)->ordinal <= 4) n = Info(k)->ordinal;
        else if (Word(k, "final")) n = 4;
      }
      bool quarter = n && Word(k + 1, "quarter");
      bool half = n && (n <= 2 || Word(k, "final")) && Word(k + 1, "half");
      if (quarter || half) {
        Unit unit = quarter ? Unit::kQuarter : Unit::kHalf;
        if (half && Word(k, "final")) n = 2;
        m.last = k + 2;
        if (year > 0) {
          char buf[48];
          std::snprintf(buf, sizeof buf, "%04d-%c%d", year, quarter ? 'Q' : 'H', n);
          m.sem = Literal(buf);
        } else {
          m.sem = Named(unit, n, off);
        }
        return m;
      }
    }
    // "Q1 2013", "Q3", "H1 2013": the quarter or half written as a code.
    if ((Word(j, "q") || Word(j, "h")) && t_[j].cap && Has(j + 1) &&
        t_[j + 1].kind == Token::Kind::kNumber && !t_[j + 1].space_before &&
        t_[j + 1].digits == 1 && t_[j + 1].num >= 1 && t_[j + 1].num <= (Word(j, "q") ? 4 : 2) &&
        !(Has(j + 2) && (t_[j + 2].kind == Token::Kind::kNumber || t_[j + 2].kind == Token::Kind::kWord) &&
          !t_[j + 2].space_before)) {
      Unit unit = Word(j, "q") ? Unit::kQuarter : Unit::kHalf;
      int n = static_cast<int>(t_[j + 1].num);
      m.last = j + 2;
      int year = YearAt(j + 2, true);
      if (year > 0) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%04d-%c%d", year, unit == Unit::kQuarter ? 'Q' : 'H', n);
        m.sem = Literal(buf);
        m.last = j + 3;
      } else {
        m.sem = Named(unit, n, Semantics::kByTense);
      }
      return m;
    }
    bool the = Word(j, "the") || (i > 0 && (t_[i - 1].Is("its") || t_[i - 1].Is("their")));
    if (Word(j, "the")) ++j;
    if (Word(j, "fiscal")) ++j;
    int lead_year = -1;  // "the 1988 third quarter"
    if (Word(i, "the") && YearAt(j, true) > 0 && Info(j + 1) && Info(j + 1)->ordinal) {
      lead_year = YearAt(j, true);
      ++j;
    }
    // "the 1988 quarter", "the 1989 period": the reported quarter of that
    // year (earnings reports compare a quarter with the year-ago one).
    if (Word(i, "the") && j == i + 1 && YearAt(j, true) > 0 &&
        (Word(j + 1, "quarter") || Word(j + 1, "period"))) {
      m.last = j + 2;
      m.sem.kind = K::kReported;
      m.sem.unit = Unit::kQuarter;
      m.sem.n = YearAt(j, true);
      return m;
    }
    // "the year-ago third quarter", "the year-earlier second quarter".
    bool year_ago = false;
    if (Word(i, "the") && j == i + 1 && Word(j, "year") &&
        (Word(j + 1, "ago") || Word(j + 1, "earlier")) && t_[j + 1].hyphen_before &&
        Info(j + 2) && Info(j + 2)->ordinal && Word(j + 3, "quarter")) {
      year_ago = true;
      j += 2;
    }
    // "the year-ago quarter", "the year-earlier period"
    if (the) {
      size_t k = j;
      if (Word(k, "comparable") || Word(k, "same")) ++k;
      if (Word(k, "year") && (Word(k + 1, "ago") || Word(k + 1, "earlier")) &&
          (Word(k + 2, "quarter") || Word(k + 2, "period"))) {
        m.last = k + 3;
        m.sem.kind = K::kReported;
        m.sem.unit = Unit::kQuarter;
        m.sem.offset = -4;
        return m;
      }
      if ((Word(j, "latest") || Word(j, "recent")) && (Word(j + 1, "quarter") || Word(j + 1, "period"))) {
        m.last = j + 2;
        m.sem.kind = K::kReported;
        m.sem.unit = Unit::kQuarter;
        return m;
      }
      if (Word(j, "quarter") && j == i + 1 && !Word(j + 1, "of") && !Word(j + 1, "century") &&
          !NotAQuarterOfTheYear(j)) {
        m.last = j + 1;
        m.sem.kind = K::kReported;
        m.sem.unit = Unit::kQuarter;
        return m;
      }
    }
    int n = 0;
    if (Has(j) && t_[j].ordinal && t_[j].num >= 1 && t_[j].num <= 4) n = static_cast<int>(t_[j].num);
    else if (Info(j) && Info(j)->ordinal >= 1 && Info(j)->ordinal <= 4) n = Info(j)->ordinal;
    else if (Word(j, "final") || Word(j, "last")) n = 4;
    if (!n) return std::nullopt;
    // "last quarter" is relative, but "the last quarter of this year" is Q4,
    // and "the last half of 1989" the second half ("the last half of the
    // '80s" is not a half of a year).
    const bool of_year = Word(j + 2, "of") &&
                         (YearAt(j + 3, true) > 0 ||
                          ((Word(j + 3, "this") || Word(j + 3, "last") || Word(j + 3, "next")) &&
                           Word(j + 4, "year")));
    if (Word(j, "last") && !of_year) return std::nullopt;
    Unit unit;
    if (Word(j + 1, "quarter")) {
      unit = Unit::kQuarter;
    } else if (Word(j + 1, "half") && (n <= 2 || of_year)) {
      unit = Unit::kHalf;
      if (t_[j].Is("final") || t_[j].Is("last")) n = 2;
    } else {
      return std::nullopt;
    }
    if (unit == Unit::kQuarter && t_[j].Is("final")) n = 4;
    // Without "the" only the adjectival "third-quarter" form counts.
    if (!the && !t_[j + 1].hyphen_before && !Word(i, "fiscal")) return std::nullopt;
    // "the third-quarter profit": the adjectival form's extent has no "the".
    if (Word(i, "the") && t_[j + 1].hyphen_before && lead_year < 0 && j == i + 1) m.first = j;
    j += 2;
    int year = lead_year;
    if (year > 0) {
    } else if (Word(j, "of") && YearAt(j + 1, true) > 0) { year = YearAt(j + 1, true); j += 2; }
    else if (YearAt(j, true) > 0) { year = YearAt(j, true); j += 1; }
    m.last = j;
    if (year > 0) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04d-%c%d", year, unit == Unit::kQuarter ? 'Q' : 'H', n);
      m.sem = Literal(buf);
    } else if (Word(j, "of") && (Word(j + 1, "last") || Word(j + 1, "next") || Word(j + 1, "this")) &&
               Word(j + 2, "year")) {
      int off = Word(j + 1, "last") ? -1 : Word(j + 1, "next") ? 1 : 0;
      m.sem = Named(unit, n, off * 100);  // offset/100: whole years
      m.last = j + 3;
    } else if (year_ago) {
      m.sem = Named(unit, n, -100);  // offset/100: whole years
    } else {
      m.sem = Named(unit, n, Semantics::kByTense);
    }
    return m;
  }

  // "the week of March 6": the ISO week holding that day (TimeML gives the
  // week, not the day: 2000-W10).
  std::optional<Match> RuleWeekOf(size_t i) const {
    if (!Word(i, "the") || !Word(i + 1, "week") || !Word(i + 2, "of")) return std::nullopt;
    std::optional<Match> date = RuleMonth(i + 3);
    if (!date || date->sem.day + (date->sem.kind == K::kLiteral ? 1 : 0) == 0) return std::nullopt;
    Match m = *date;
    m.first = i;
    if (m.sem.kind == K::kLiteral) {
      const std::string& v = m.sem.literal;  // "2000-03-06" (a month alone has no day)
      if (v.size() != 10) return std::nullopt;
      Date d{std::atoi(v.substr(0, 4).c_str()), std::atoi(v.substr(5, 2).c_str()),
             std::atoi(v.substr(8, 2).c_str())};
      IsoWeek w = IsoWeekOf(d);
      if (w.year < 1 || w.year > 9999) return std::nullopt;
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04d-W%02d", w.year, w.week);
      m.sem = Literal(buf);
    }
    // Named: the month n, day `day`, as a week; literal: the week of a day
    // (a reference time for what follows, see Resolve()).
    m.sem.unit = Unit::kWeek;
    return m;
  }

  // Seasons: "the summer", "summer 2024", "the summer of 2024", "in spring".
  std::optional<Match> RuleSeason(size_t i) const {
    Match m;
    m.first = i;
    size_t j = i;
    bool the = Word(j, "the");
    if (the) ++j;
    const WordInfo* w = Info(j);
    if (!w || !w->season) return std::nullopt;
    // "the Winter Olympic Games", "Summer Games": a name, as "Daily News" is.
    if (NameGoesOn(j)) return std::nullopt;
    int year = -1;
    size_t end = j + 1;
    if (YearAt(j + 1, true) > 0) { year = YearAt(j + 1, true); end = j + 2; }
    else if (Word(j + 1, "of") && YearAt(j + 2, true) > 0) { year = YearAt(j + 2, true); end = j + 3; }
    else if (size_t e = 0; Word(j + 1, "of") && YearWordsAt(j + 2, &e) > 0) {
      year = YearWordsAt(j + 2, &e);  // "the winter of nineteen ninety-four"
      end = e;
    }
    if (year < 0 && !the) {
      // Bare "spring"/"summer" needs a preposition; "fall" needs more.
      // "early summer", "late spring": the modifier makes it a time too.
      bool prep = i > 0 && (t_[i - 1].Is("in") || t_[i - 1].Is("since") || t_[i - 1].Is("until") ||
                            t_[i - 1].Is("by") || t_[i - 1].Is("during") || t_[i - 1].Is("this") ||
                            t_[i - 1].Is("early") || t_[i - 1].Is("late"));
      if (!prep || t_[j].Is("fall")) return std::nullopt;
    }
    m.last = end;
    static constexpr const char* kCodes[] = {"", "SP", "SU", "FA", "WI"};
    if (year > 0) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04d-%s", year, kCodes[w->season]);
      m.sem = Literal(buf);
    } else {
      m.sem = Named(Unit::kSeason, w->season, Semantics::kByTense);
    }
    return m;
  }

  std::optional<Match> RuleHoliday(size_t i) const {
    if (!Has(i) || !t_[i].cap || !t_[i].info || !t_[i].info->holiday_start) return std::nullopt;
    for (size_t h = 0; h < Holidays().size(); ++h) {
      if (size_t end = Words(i, Split().holidays[h])) {
        Match m;
        m.first = i;
        m.last = end;
        int year = YearAt(end, true);
        m.sem = Named(Unit::kDay, 0, Semantics::kByTense);
        m.sem.holiday = static_cast<int>(h);
        if (year > 0) {  // "Christmas 2023": resolvable without a DCT
          m.last = end + 1;
          m.sem = Literal(ResolveValue(m.sem, Date{year, 6, 30}, Tense::kUnknown));
        }
        return m;
      }
    }
    return std::nullopt;
  }

  // Durations: "24 years", "two and a half years", "the past two months",
  // "a year and a half", "two-year", "months", "the coming weeks".
  std::optional<Match> RuleDuration(size_t i) const {
    Match m;
    m.first = i;
    size_t j = i;
    bool the = Word(j, "the");
    if (the) ++j;
    bool lead = Info(j) && Info(j)->starter && In(kDurationLeads, t_[j].lower);
    // Without "the", "following" is a preposition: "following five hours
    // of surgery" is the duration "five hours".
    if (lead && !the && t_[j].Is("following")) return std::nullopt;
    // "is expected to last six weeks": the verb "last"; the duration is
    // "six weeks".
    if (lead && !the && t_[j].Is("last") && i > 0 && In(kBeforeVerbLast, t_[i - 1].lower))
      return std::nullopt;
    if (lead) ++j;
    if (the && !lead) {
      // "the nine months" is fine; "the year" is not a duration here.
    }
    std::optional<Quantity> q = ParseQuantity(j);
    if (q && q->x && t_[j].Is("some") && !PluralAt(q->end)) return std::nullopt;
    // A rate: "$1.76 a year", "$500 million a year", "three flights a week"
    // (TimeBank tags 2 of 20 after an amount).
    if (q && j == i && (Word(j, "a") || Word(j, "an")) && i > 0 &&
        (t_[i - 1].kind == Token::Kind::kNumber || In(kRateBefore, t_[i - 1].lower)))
      return std::nullopt;
    size_t u_at = q ? q->end : j;
    // A range of amounts, "two to three weeks", "one or two days": one
    // duration, valued at the first amount (TimeBank: P2W).
    bool range = false;
    if (q && q->numeric && !q->x && (Word(u_at, "to") || Word(u_at, "or"))) {
      std::optional<Quantity> q2 = ParseQuantity(u_at + 1);
      if (q2 && q2->numeric && !q2->x && q2->value > q->value && q2->end > u_at + 1 &&
          UnitAt(q2->end) != DurUnit::kNone && PluralAt(q2->end)) {
        u_at = q2->end;
        range = true;
      }
    }
    // "two more weeks", "an additional year", "an extra day".
    if (q && (Word(u_at, "more") || Word(u_at, "additional") || Word(u_at, "extra") ||
              Word(u_at, "further")) &&
        UnitAt(u_at + 1) != DurUnit::kNone)
      ++u_at;
    DurUnit unit = UnitAt(u_at);
    if (unit == DurUnit::kNone || unit == DurUnit::kWeekend) return std::nullopt;
    bool plural = PluralAt(u_at);
    if (!q) {
      // Bare plural: "years", "the coming weeks".
      if (!plural) return std::nullopt;
      // "the weeks ahead" is "the coming weeks".
      if (the && !lead && !Word(u_at + 1, "ahead")) return std::nullopt;
      // Bare plurals count after a preposition of extent ("for years",
      // "within weeks") or before "of" ("months of talks"); elsewhere
      // TimeBank mostly leaves them out.
      // "a decades-long conflict", "years-long": the adjective is a length.
      const bool long_adjective =
          !the && !lead && Word(u_at + 1, "long") && t_[u_at + 1].hyphen_before;
      if (!the && !lead && !(i > 0 && In(kBarePluralIntro, t_[i - 1].lower)) &&
          !Word(u_at + 1, "of") && !long_adjective)
        return std::nullopt;
      if (!the && !lead && i > 0 && In(kPossessives, t_[i - 1].lower)) return std::nullopt;
      if (t_[u_at].cap && u_at > 0 && !t_[u_at].space_before) return std::nullopt;
      Quantity x;
      x.x = true;
      q = x;
    } else {
      if (q->one && plural && !range) return std::nullopt;
      if (!q->one && !q->x && !plural && !t_[u_at].hyphen_before &&
          !(Has(u_at + 1) && t_[u_at + 1].kind == Token::Kind::kWord && q->value > 1 &&
            !In(kDurationLeads, t_[u_at + 1].lower)))
        return std::nullopt;
      if (q->one && !q->numeric) return std::nullopt;
      // "the 1988 second quarter": a year is not an amount of seconds.
      if (q->value >= 1000 && !plural) return std::nullopt;
      if (!plural && !q->one && !t_[u_at].hyphen_before && unit == DurUnit::kSecond)
        return std::nullopt;
      // Without a lead word, "the" must come with a number: "the nine months".
    }
    if (lead && !q->numeric && !q->x) return std::nullopt;
    // "the past year" (singular, a lead word, no number) is a date: RuleRelative.
    if (lead && q->one && t_[j].kind == Token::Kind::kWord && !t_[j].Is("one") &&
        !t_[j].Is("a") && !t_[j].Is("an"))
      return std::nullopt;
    size_t end = u_at + 1;
    double value = q->value;
    std::string amount = q->text;
    // "a year and a half"
    if (q->numeric && !q->fraction && Word(end, "and") && Word(end + 1, "a") &&
        Word(end + 2, "half") && UnitAt(end + 3) == DurUnit::kNone) {
      value += 0.5;
      amount = FormatNumber(value);
      end += 3;
    }
    // Ages ("a 6-year-old boy", "52 years old") are not time expressions in
    // TimeBank (1 of 34 tagged).
    if (Word(end, "old")) return std::nullopt;
    // Fractions of a whole: "a quarter of the market", "three-quarters of
    // its food".
    if (unit == DurUnit::kQuarter && Word(end, "of") && (q->one || t_[u_at].hyphen_before))
      return std::nullopt;
    // The ordinal: "a second group", "a second time".
    if (unit == DurUnit::kSecond && q->one && Has(end) && t_[end].kind == Token::Kind::kWord &&
        !In(kAfterASecond, t_[end].lower))
      return std::nullopt;
    // "ago" makes a date: RuleAgo.
    // "ago" and "earlier" make a date: RuleAgo. Before "later" the amount
    // stays a duration and "later" a signal, as TimeBank annotates it ("Three
    // days later", "over an hour later": 4 of 4 on the train split).
    if (Word(end, "ago") || (Word(end, "earlier") && !the))
      return std::nullopt;
    if (the && !lead && !q->numeric && Word(end, "ahead")) ++end;
    m.last = end;
    // "the 30-day period": TimeBank leaves "the" out of an adjectival
    // duration (6 of 6 on the train split); "the nine months" keeps it.
    if (the && !lead && t_[u_at].hyphen_before) m.first = i + 1;
    // "a day-long meeting": the adjective is the extent ("day-long").
    if (Word(end, "long") && t_[end].hyphen_before && (!plural || (q->x && !q->numeric))) {
      m.last = end + 1;
      if (q->one && (Word(j, "a") || Word(j, "an")) && u_at == j + 1) m.first = u_at;
    }
    m.type = TimexType::kDuration;
    m.quantity = q->numeric;
    if (q->x && !q->numeric) amount = "X";
    m.sem = Literal(DurationValue(amount, value, q->x, unit));
    if (Word(end, "or") && Word(end + 1, "so")) { m.mod = "APPROX"; m.last = end + 2; }
    else if (Word(end, "or") && Word(end + 1, "more")) { m.mod = "EQUAL_OR_MORE"; m.last = end + 2; }
    return m;
  }

  // "two years ago", "a year earlier", "three months from now",
  // "several years ago" (PAST_REF).
  std::optional<Match> RuleAgo(size_t i) const {
    std::optional<Quantity> q = ParseQuantity(i);
    size_t u_at = q ? q->end : i;
    DurUnit unit = UnitAt(u_at);
    std::optional<Unit> cu = CalendarUnit(unit);
    if (!cu || unit == DurUnit::kWeekend) return std::nullopt;
    size_t end = u_at + 1;
    int sign = 0;
    if (Word(end, "ago") || Word(end, "earlier") || Word(end, "before")) sign = -1;
    else if (Word(end, "hence")) sign = 1;
    else if (Word(end, "from") && Word(end + 1, "now")) { sign = 1; ++end; }
    if (!sign || (Word(end, "before") && !q)) return std::nullopt;
    if (Word(end, "before")) return std::nullopt;  // "a day before the vote"
    Match m;
    m.first = i;
    m.last = end + 1;
    if (!q || q->x) {
      m.sem = Literal(sign < 0 ? "PAST_REF" : "FUTURE_REF");
      return m;
    }
    double v = q->value;
    Unit u = *cu;
    // "a year earlier": counted from the reference time (the last date
    // mentioned; the DCT when there is none), as HeidelTime does for
    // narratives. "ago" and "from now" count from the DCT.
    bool anaphoric = Word(end, "earlier");
    // "a half century ago": fractions of decades and centuries in years.
    if (v != static_cast<double>(static_cast<int64_t>(v)) &&
        (u == Unit::kDecade || u == Unit::kCentury)) {
      v *= u == Unit::kDecade ? 10 : 100;
      u = Unit::kYear;
    }
    if (v != static_cast<double>(static_cast<int64_t>(v))) {
      if (u == Unit::kYear && v * 12 == static_cast<double>(static_cast<int64_t>(v * 12))) {
        u = Unit::kMonth;
        v *= 12;
      } else {
        return std::nullopt;
      }
    }
    if (v > 100000) return std::nullopt;
    m.sem = Shift(u, sign * static_cast<int>(v));
    if (anaphoric) m.sem.kind = K::kAnaphoric;
    return m;
  }

  // Times of day: "10 a.m.", "10:30 p.m. EST", "7:15 p.m. Wednesday", "14:30".
  std::optional<Match> RuleTime(size_t i) const {
    if (!Has(i) || t_[i].kind != Token::Kind::kNumber || t_[i].num < 0) return std::nullopt;
    // Wire style "0800 GMT", "(2000 GMT)": four digits are a clock time only
    // before a time zone (otherwise a year).
    const bool wire = t_[i].digits == 4 && Has(i + 1) && In(kTimeZones, t_[i + 1].lower) &&
                      t_[i].num / 100 < 24 && t_[i].num % 100 < 60;
    if (t_[i].digits > 2 && !wire) return std::nullopt;
    int hour = static_cast<int>(t_[i].num), minute = 0;
    if (wire) {
      minute = hour % 100;
      hour /= 100;
    }
    size_t j = i + 1;
    bool colon = wire;
    if (!wire && Punct(j, ':') && !t_[j].space_before && Has(j + 1) && !t_[j + 1].space_before &&
        t_[j + 1].kind == Token::Kind::kNumber && t_[j + 1].digits == 2 && t_[j + 1].num < 60) {
      minute = static_cast<int>(t_[j + 1].num);
      colon = true;
      j += 2;
    }
    bool ampm = false;
    if (wire) {
    } else if (Word(j, "a.m.") || Word(j, "a.m") || Word(j, "am")) {
      if (hour < 1 || hour > 12) return std::nullopt;
      if (hour == 12) hour = 0;
      ampm = true;
    } else if (Word(j, "p.m.") || Word(j, "p.m") || Word(j, "pm")) {
      if (hour < 1 || hour > 12) return std::nullopt;
      if (hour != 12) hour += 12;
      ampm = true;
    }
    if (ampm) ++j;
    if (!ampm && (!colon || hour > 23)) return std::nullopt;
    if (!ampm && Has(j) && t_[j].kind == Token::Kind::kNumber) return std::nullopt;
    if (Has(j) && In(kTimeZones, t_[j].lower)) ++j;
    Match m;
    m.first = i;
    m.type = TimexType::kTime;
    char buf[48];
    std::snprintf(buf, sizeof buf, "T%02d:%02d", hour, minute);
    size_t k = j;
    if (Punct(k, ',')) ++k;
    if (Word(k, "on")) ++k;
    std::optional<Match> day;
    if (WeekdayAt(k)) day = RuleWeekday(k);
    else if (Word(k, "today") || Word(k, "yesterday") || Word(k, "tomorrow")) day = RulePhrase(k);
    else if (MonthAt(k)) day = RuleMonth(k);
    if (day && (day->sem.kind != K::kLiteral || day->sem.literal.size() == 10) &&
        day->sem.suffix.empty()) {
      m.sem = day->sem;
      m.last = day->last;
    } else {
      // A clock time alone is on the day last mentioned, else the DCT's
      // (HeidelTime's narrative reading).
      m.sem = Shift(Unit::kDay, 0);
      m.sem.kind = K::kAnaphoric;
      m.last = j;
    }
    if (m.sem.kind == K::kLiteral) m.sem.literal += buf;
    else m.sem.suffix = buf;
    return m;
  }

  // Sets: "every year", "each Friday", "daily", "twice a year", "per day".
  std::optional<Match> RuleSet(size_t i) const {
    Match m;
    m.first = i;
    m.type = TimexType::kSet;
    if (const WordInfo* w = Info(i); w && w->set_value) {
      // "Daily News", "the Weekly Standard": a capitalised frequency word
      // before another capitalised word names a publication.
      if (NameGoesOn(i) || NameEndsHere(i)) return std::nullopt;
      m.last = i + 1;
      m.sem = Literal(w->set_value);
      return m;
    }
    size_t j = i;
    // A frequency before the set is part of its extent: "twice a year",
    // "three times a week" (TimeML: value P1Y, freq 2X).
    bool freq = false;
    if (Word(j, "once") || Word(j, "twice")) {
      freq = true;
      ++j;
    } else if (std::optional<Quantity> q = ParseQuantity(j);
               q && q->numeric && !q->x && q->end > j && Word(q->end, "times") &&
               q->end <= j + 3) {
      freq = true;
      j = q->end + 1;
    }
    bool every = Word(j, "every") || Word(j, "each");
    bool per = Word(j, "per") ||
               ((Word(j, "a") || Word(j, "an")) &&
                (freq || (i > 0 && (t_[i - 1].Is("once") || t_[i - 1].Is("twice") ||
                                    t_[i - 1].Is("times") || t_[i - 1].Is("%") ||
                                    t_[i - 1].Is("percent")))));
    if (!every && !per) return std::nullopt;
    ++j;
    int n = 1;
    if (Word(j - 1, "each") && Word(j, "other")) return std::nullopt;  // "accused each other Tuesday"
    if (every && Word(j, "other")) { n = 2; ++j; }
    if (every && Has(j) && t_[j].kind == Token::Kind::kNumber && t_[j].num > 0 &&
        t_[j].num < 1000 && PluralAt(j + 1)) {
      n = static_cast<int>(t_[j].num);
      ++j;
    }
    if (int wd = WeekdayAt(j); wd && every) {
      m.last = j + 1;
      std::string v = "XXXX-WXX-" + std::to_string(wd);
      if (const WordInfo* pod = Info(j + 1); pod && pod->part_of_day && !pod->plural) {
        v += std::string("T") + pod->part_of_day;  // "every Tuesday night"
        m.last = j + 2;
      }
      m.sem = Literal(std::move(v));
      return m;
    }
    if (int mo = MonthAt(j); mo && every) {  // "each July"
      m.last = j + 1;
      char buf[16];
      std::snprintf(buf, sizeof buf, "XXXX-%02d", mo);
      m.sem = Literal(buf);
      return m;
    }
    DurUnit u = UnitAt(j);
    if (u == DurUnit::kNone || (PluralAt(j) && n == 1)) return std::nullopt;
    if (u == DurUnit::kWeekend) {
      m.last = j + 1;
      m.sem = Literal("XXXX-WXX-WE");
      return m;
    }
    m.last = j + 1;
    m.sem = Literal(DurationValue(std::to_string(n), n, false, u));
    return m;
  }

  // "By mid afternoon", "mid-afternoon yesterday": that part of the
  // reference day (or of yesterday), a TIME (TimeBank: 2 of 2 tagged).
  // Out of line: RuleModified runs at every modifier word.
  [[gnu::noinline]] std::optional<Match> MidPartOfDay(size_t i, size_t j) const {
    if (t_[j].Is("night")) return std::nullopt;
    Match c;
    c.first = i;
    c.last = j + 1;
    c.type = TimexType::kTime;
    const std::string suffix = std::string("T") + Info(j)->part_of_day;
    if (Word(j + 1, "yesterday") || Word(j + 1, "today") || Word(j + 1, "tomorrow")) {
      c.sem = Shift(Unit::kDay, Word(j + 1, "yesterday") ? -1 : Word(j + 1, "today") ? 0 : 1,
                    suffix);
      c.last = j + 2;
    } else {
      c.sem.kind = K::kAnaphoric;
      c.sem.unit = Unit::kDay;
      c.sem.suffix = suffix;
    }
    return c;
  }

  // Prefix modifiers ("more than", "about", "early", "the end of") over a
  // core expression; "early Tuesday" is the morning of that day.
  std::optional<Match> RuleModified(size_t i) const {
    if (!Has(i) || !t_[i].info || !t_[i].info->modifier_start) return std::nullopt;
    std::optional<Match> best;
    auto cands = Split().modifiers_by_first.find(t_[i].info);
    if (cands == Split().modifiers_by_first.end()) return std::nullopt;
    for (size_t k : cands->second) {
      const Modifier& mod = Modifiers()[k];
      size_t j = Words(i, Split().modifiers[k]);
      if (!j) continue;
      std::optional<Match> core;
      for (Rule r : {&Grammar::RuleDuration, &Grammar::RuleAgo, &Grammar::RuleAnaphor,
                     &Grammar::RuleRelative,
                     &Grammar::RuleMonth, &Grammar::RuleYear, &Grammar::RuleWeekday,
                     &Grammar::RuleSeason, &Grammar::RuleQuarter, &Grammar::RuleTime,
                     &Grammar::RulePhrase, &Grammar::BareTheUnit}) {
        if (r == &Grammar::BareTheUnit && !mod.point_only) continue;
        std::optional<Match> c = (this->*r)(j);
        if (c && (!core || c->last > core->last)) core = c;
      }
      if (!core && Info(j) && Info(j)->part_of_day && std::string_view(mod.words) == "mid")
        core = MidPartOfDay(i, j);
      if (!core) continue;
      bool duration = core->type == TimexType::kDuration;
      if (mod.needs_quantity && !(duration && core->quantity)) continue;
      if (mod.point_only && (duration || core->type == TimexType::kSet)) continue;
      if (std::string_view(mod.words) == "mid" && !t_[j].hyphen_before && !t_[j].space_before) continue;
      if (core->sem.kind == K::kLiteral && core->sem.literal.find("_REF") != std::string::npos)
        continue;
      // "warning about the fourth quarter": before "the", "about" is a
      // preposition, not an approximation.
      if (std::string_view(mod.words) == "about" && Word(j, "the")) continue;
      // "over a week" is MORE_THAN; "over the past two years" is extent.
      if (std::string_view(mod.words) == "over" &&
          (Word(j, "the") || (Info(j) && In(kDurationLeads, t_[j].lower))))
        continue;
      if (best && core->last <= best->last) continue;
      // TimeBank leaves "about"/"almost" out of a duration's or a clock
      // time's extent (6 of 8 on the train split; "about two years ago"
      // keeps it); the mod still records them.
      std::string_view mw(mod.words);
      core->first = (mw == "about" || mw == "almost") &&
                            (core->type == TimexType::kDuration || core->type == TimexType::kTime)
                        ? j
                        : i;
      // "Earlier Friday", "Later Thursday", "earlier this week": the adverb
      // is outside the extent and no mod (train split: 7 of 8 weekdays and
      // weeks; "earlier this year/month" keep it, 9 of 12).
      if ((mw == "earlier" || mw == "later") &&
          ((core->sem.kind == K::kNamed && core->sem.unit == Unit::kDay &&
            core->sem.holiday < 0) ||
           (core->sem.kind == K::kShift && core->sem.unit == Unit::kWeek))) {
        core->first = j;
        best = core;
        continue;
      }
      if (core->mod.empty()) core->mod = mod.mod;
      // "early Tuesday": the morning of that day (TimeML TMO).
      if (std::string_view(mod.words) == "early" && core->sem.suffix.empty() &&
          ((core->sem.kind == K::kNamed && core->sem.unit == Unit::kDay) ||
           (core->sem.kind == K::kShift && core->sem.unit == Unit::kDay))) {
        core->sem.suffix = "TMO";
        core->type = TimexType::kTime;
      }
      best = core;
    }
    return best;
  }

  std::optional<Match> Best(size_t i) const {
    static constexpr Rule kRules[] = {
        &Grammar::RuleTheYear,  // before RulePhrase: "the fiscal year ended"
        &Grammar::RulePhrase,   &Grammar::RuleModified, &Grammar::RuleAnaphor,
        &Grammar::RuleRelative,
        &Grammar::RuleAgo,      &Grammar::RuleQuarter,  &Grammar::RuleWeekday,
        &Grammar::RuleMonth,    &Grammar::RuleHoliday,  &Grammar::RuleYear,
        &Grammar::RuleWeekOf,
        &Grammar::RuleSeason,   &Grammar::RuleTime,     &Grammar::RuleSet,
        &Grammar::RuleDuration, &Grammar::RuleNumericDate,
    };
    // Only tokens that can start an expression are worth the rules.
    const Token& t = t_[i];
    if (t.kind == Token::Kind::kPunct && !t.IsPunct('\'')) return std::nullopt;
    if (t.kind == Token::Kind::kOther) return std::nullopt;
    if (t.kind == Token::Kind::kWord && !t.info) return std::nullopt;
    // Rules that need a number or a calendar word first are skipped for
    // plain function words ("the", "a", "last" still try the rest).
    const bool number = t.kind == Token::Kind::kNumber;
    const WordInfo* w = t.info;
    const bool calendar = number || (w && (w->month || w->weekday || w->season ||
                                           w->unit != DurUnit::kNone || w->set_value ||
                                           w->number >= 0 || w->ordinal));
    // "the", "a", "that", "this" start an expression only before a table
    // word or a number ("the third quarter", "a year ago"), or a word of the
    // short list that rules read by spelling ("the comparable year-ago
    // quarter", "a number of years"); the phrase and modifier tables cover
    // the rest ("the future", "the end of"). Most articles stop here.
    if (!calendar && (t.Is("the") || t.Is("a") || t.Is("an") || t.Is("that") || t.Is("this"))) {
      const Token* next = Has(i + 1) ? &t_[i + 1] : nullptr;
      bool may = next && (next->kind == Token::Kind::kNumber || next->info ||
                          next->Is("comparable") || next->Is("preceding") || next->Is("number"));
      if (!may) {
        std::optional<Match> m = RulePhrase(i);
        std::optional<Match> mod = RuleModified(i);
        if (mod && mod->last > i && (!m || mod->last > m->last)) m = std::move(mod);
        return m && m->last > i ? m : std::nullopt;
      }
    }
    std::optional<Match> best;
    for (Rule r : kRules) {
      if (!calendar && (r == &Grammar::RuleWeekday || r == &Grammar::RuleTime ||
                        (r == &Grammar::RuleHoliday && !t.cap)))
        continue;
      if (!number && (r == &Grammar::RuleTime || r == &Grammar::RuleNumericDate)) continue;
      if (calendar && r == &Grammar::RuleWeekOf) continue;  // starts at "the"
      std::optional<Match> m = (this->*r)(i);
      if (m && m->last > i && (!best || m->last > best->last)) best = std::move(m);
    }
    return best;
  }

  const std::vector<Token>& t_;
};

}  // namespace

std::vector<Match> FindExpressions(const std::vector<Token>& tokens) {
  return Grammar(tokens).Run();
}

}  // namespace storyline::timex
