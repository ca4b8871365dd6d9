// Word tables of the timex grammar. Adding a word is adding a row here; the
// grammar in grammar.cc reads roles, never spellings (except a handful of
// function words it names in its own small tables).
#include "src/timex/lexicon.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace storyline::timex {
namespace {

struct NamedInt { const char* word; int value; };

constexpr NamedInt kMonths[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3},
    {"mar", 3}, {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6},
    {"july", 7}, {"jul", 7}, {"august", 8}, {"aug", 8}, {"september", 9},
    {"sept", 9}, {"sep", 9}, {"october", 10}, {"oct", 10}, {"november", 11},
    {"nov", 11}, {"december", 12}, {"dec", 12}};

constexpr NamedInt kWeekdays[] = {
    {"monday", 1}, {"mon", 1}, {"tuesday", 2}, {"tue", 2}, {"tues", 2},
    {"wednesday", 3}, {"wed", 3}, {"thursday", 4}, {"thu", 4}, {"thur", 4},
    {"thurs", 4}, {"friday", 5}, {"fri", 5}, {"saturday", 6}, {"sat", 6},
    {"sunday", 7}, {"sun", 7}};

// Plural weekdays are sets ("on Tuesdays" = every Tuesday).
constexpr NamedInt kWeekdayPlurals[] = {
    {"mondays", 1}, {"tuesdays", 2}, {"wednesdays", 3}, {"thursdays", 4},
    {"fridays", 5}, {"saturdays", 6}, {"sundays", 7}};

// Short forms that are only month/weekday names when written with a dot or
// followed by a number ("Jan. 8", "Sept 30"); "sun", "sat", "wed", "mar" are
// ordinary words otherwise.
constexpr const char* kAbbreviations[] = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun",
    "st"};  // "St. Patrick's Day": the dot is not a sentence end

constexpr NamedInt kSeasons[] = {
    {"spring", 1}, {"summer", 2}, {"fall", 3}, {"autumn", 3}, {"winter", 4}};

constexpr NamedInt kNumbers[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
    {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10},
    {"eleven", 11}, {"twelve", 12}, {"thirteen", 13}, {"fourteen", 14},
    {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
    {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
    {"ninety", 90}, {"hundred", 100}, {"thousand", 1000}, {"dozen", 12}};

constexpr NamedInt kOrdinals[] = {
    {"first", 1}, {"second", 2}, {"third", 3}, {"fourth", 4}, {"fifth", 5},
    {"sixth", 6}, {"seventh", 7}, {"eighth", 8}, {"ninth", 9}, {"tenth", 10},
    {"eleventh", 11}, {"twelfth", 12}, {"thirteenth", 13},
    {"fourteenth", 14}, {"fifteenth", 15}, {"sixteenth", 16},
    {"seventeenth", 17}, {"eighteenth", 18}, {"nineteenth", 19},
    {"twentieth", 20}, {"thirtieth", 30}};

struct UnitWord { const char* word; DurUnit unit; bool plural; };
constexpr UnitWord kUnits[] = {
    {"millennium", DurUnit::kMillennium, false},
    {"millennia", DurUnit::kMillennium, true},
    {"century", DurUnit::kCentury, false}, {"centuries", DurUnit::kCentury, true},
    {"decade", DurUnit::kDecade, false}, {"decades", DurUnit::kDecade, true},
    {"year", DurUnit::kYear, false}, {"years", DurUnit::kYear, true},
    {"yr", DurUnit::kYear, false}, {"yrs", DurUnit::kYear, true},
    {"quarter", DurUnit::kQuarter, false}, {"quarters", DurUnit::kQuarter, true},
    {"month", DurUnit::kMonth, false}, {"months", DurUnit::kMonth, true},
    {"fortnight", DurUnit::kFortnight, false},
    {"week", DurUnit::kWeek, false}, {"weeks", DurUnit::kWeek, true},
    {"weekend", DurUnit::kWeekend, false}, {"weekends", DurUnit::kWeekend, true},
    {"day", DurUnit::kDay, false}, {"days", DurUnit::kDay, true},
    {"hour", DurUnit::kHour, false}, {"hours", DurUnit::kHour, true},
    {"minute", DurUnit::kMinute, false}, {"minutes", DurUnit::kMinute, true},
    {"second", DurUnit::kSecond, false}, {"seconds", DurUnit::kSecond, true}};

struct PodWord { const char* word; const char* code; };
constexpr PodWord kPartsOfDay[] = {
    {"morning", "MO"}, {"afternoon", "AF"}, {"evening", "EV"}, {"night", "NI"}};
// Plural parts of the day make a weekday a set: "Tuesday nights".
constexpr PodWord kPartsOfDayPlural[] = {
    {"mornings", "MO"}, {"afternoons", "AF"}, {"evenings", "EV"}, {"nights", "NI"}};

struct SetWord { const char* word; const char* value; };
constexpr SetWord kSetWords[] = {
    {"daily", "P1D"}, {"nightly", "P1D"}, {"weekly", "P1W"},
    {"monthly", "P1M"}, {"annually", "P1Y"},
    {"yearly", "P1Y"}, {"hourly", "PT1H"}, {"biweekly", "P2W"}};

// Function words that can begin an expression without being in a table
// above ("the third quarter", "a year", "every week", "its third-quarter").
constexpr const char* kGrammarStarters[] = {
    "the", "a", "an", "last", "past", "previous", "this", "current", "next",
    "coming", "following", "every", "each", "per", "fiscal", "its", "their",
    "half", "few", "several", "many", "numerous", "some", "dozens", "hundreds",
    "thousands", "couple", "first", "final", "latest", "initial", "remaining",
    "further", "additional", "recent", "ensuing", "same", "nineteen", "that",
    // Frequencies before a set ("twice a year") and decades in words.
    "once", "twice", "twenties", "thirties", "forties", "fifties", "sixties",
    "seventies", "eighties", "nineties",
    // Codes: "Q1 2013", "H1", "FY2013".
    "q", "h", "fy", "extra"};

using K = Semantics::Kind;
constexpr Phrase kPhrases[] = {
    {"today", TimexType::kDate, K::kShift, "", Unit::kDay, 0, ""},
    {"yesterday", TimexType::kDate, K::kShift, "", Unit::kDay, -1, ""},
    {"tomorrow", TimexType::kDate, K::kShift, "", Unit::kDay, 1, ""},
    {"the day before yesterday", TimexType::kDate, K::kShift, "", Unit::kDay, -2, ""},
    {"the day after tomorrow", TimexType::kDate, K::kShift, "", Unit::kDay, 2, ""},
    {"tonight", TimexType::kTime, K::kShift, "", Unit::kDay, 0, "TNI"},
    {"overnight", TimexType::kTime, K::kShift, "", Unit::kDay, 0, "TNI"},
    {"now", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"currently", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"presently", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"nowadays", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"these days", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"the present", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"at the moment", TimexType::kDate, K::kLiteral, "PRESENT_REF", Unit::kDay, 0, ""},
    {"recently", TimexType::kDate, K::kLiteral, "PAST_REF", Unit::kDay, 0, ""},
    {"lately", TimexType::kDate, K::kLiteral, "PAST_REF", Unit::kDay, 0, ""},
    {"the past", TimexType::kDate, K::kLiteral, "PAST_REF", Unit::kDay, 0, ""},
    {"recent years", TimexType::kDate, K::kLiteral, "PAST_REF", Unit::kDay, 0, ""},
    // TimeBank: "recent months/weeks/days" are vague durations (4 of 5),
    // "recent years" the past (3 of 5).
    {"recent months", TimexType::kDuration, K::kLiteral, "PXM", Unit::kDay, 0, ""},
    {"recent weeks", TimexType::kDuration, K::kLiteral, "PXW", Unit::kDay, 0, ""},
    {"recent days", TimexType::kDuration, K::kLiteral, "PXD", Unit::kDay, 0, ""},
    {"the future", TimexType::kDate, K::kLiteral, "FUTURE_REF", Unit::kDay, 0, ""},
    {"the near future", TimexType::kDate, K::kLiteral, "FUTURE_REF", Unit::kDay, 0, ""},
    // TimeBank: 2 of 2 ("in the near term"); not "near-term" (an adjective).
    {"the near term", TimexType::kDate, K::kLiteral, "FUTURE_REF", Unit::kDay, 0, ""},
    {"the short term", TimexType::kDate, K::kLiteral, "FUTURE_REF", Unit::kDay, 0, ""},
    {"a later date", TimexType::kDate, K::kLiteral, "FUTURE_REF", Unit::kDay, 0, ""},
    {"year-end", TimexType::kDate, K::kShift, "", Unit::kYear, 0, ""},
    // Earnings reports: TimeBank tags these every time (5 of 5).
    {"the full year", TimexType::kDate, K::kShift, "", Unit::kYear, 0, ""},
    {"the fiscal year", TimexType::kDate, K::kShift, "", Unit::kYear, 0, ""},
    {"the current fiscal year", TimexType::kDate, K::kShift, "", Unit::kYear, 0, ""},
    {"year end", TimexType::kDate, K::kShift, "", Unit::kYear, 0, ""},
    {"year 's end", TimexType::kDate, K::kShift, "", Unit::kYear, 0, ""},
    {"year-earlier", TimexType::kDate, K::kShift, "", Unit::kYear, -1, ""},
    {"year-ago", TimexType::kDate, K::kShift, "", Unit::kYear, -1, ""},
    {"the weekend", TimexType::kDate, K::kShift, "", Unit::kWeek, Semantics::kByTense, "-WE"},
    {"noon", TimexType::kTime, K::kShift, "", Unit::kDay, 0, "T12:00"},
    {"midday", TimexType::kTime, K::kShift, "", Unit::kDay, 0, "T12:00"},
    {"midnight", TimexType::kTime, K::kShift, "", Unit::kDay, 0, "T24:00"},
};

constexpr Modifier kModifiers[] = {
    {"about", "APPROX", false, false}, {"around", "APPROX", false, false},
    {"roughly", "APPROX", false, false}, {"approximately", "APPROX", false, false},
    {"some", "APPROX", true, false}, {"nearly", "APPROX", false, false},
    {"almost", "APPROX", false, false}, {"more than", "MORE_THAN", false, false},
    {"just over", "MORE_THAN", true, false},
    {"over", "MORE_THAN", true, false},
    {"less than", "LESS_THAN", false, false}, {"under", "LESS_THAN", true, false},
    {"fewer than", "LESS_THAN", false, false},
    {"at least", "EQUAL_OR_MORE", false, false},
    {"no less than", "EQUAL_OR_MORE", false, false},
    {"at most", "EQUAL_OR_LESS", false, false},
    {"no more than", "EQUAL_OR_LESS", false, false},
    {"up to", "EQUAL_OR_LESS", true, false},
    {"early", "START", false, true}, {"earlier", "START", false, true},
    {"late", "END", false, true}, {"later", "END", false, true},
    {"mid", "MID", false, true}, {"the mid", "MID", false, true},
    {"the early", "START", false, true}, {"the late", "END", false, true},
    {"the end of", "END", false, true}, {"the close of", "END", false, true},
    {"end of", "END", false, true}, {"the beginning of", "START", false, true},
    {"the start of", "START", false, true}, {"beginning of", "START", false, true},
    {"the middle of", "MID", false, true}, {"the dawn of", "START", false, true},
};

constexpr Holiday kHolidays[] = {
    {"christmas day", 12, 25, 0, 0}, {"christmas eve", 12, 24, 0, 0},
    {"christmas", 12, 25, 0, 0}, {"new year 's day", 1, 1, 0, 0},
    {"new year 's eve", 12, 31, 0, 0}, {"halloween", 10, 31, 0, 0},
    {"independence day", 7, 4, 0, 0}, {"valentine 's day", 2, 14, 0, 0},
    {"veterans day", 11, 11, 0, 0}, {"boxing day", 12, 26, 0, 0},
    {"thanksgiving day", 11, 0, 4, 4}, {"thanksgiving", 11, 0, 4, 4},
    {"labor day", 9, 0, 1, 1}, {"memorial day", 5, 0, 1, -1},
    {"martin luther king day", 1, 0, 1, 3}, {"presidents day", 2, 0, 1, 3},
    {"new year 's", 1, 1, 0, 0}, {"st patrick 's day", 3, 17, 0, 0},
    {"saint patrick 's day", 3, 17, 0, 0}, {"mother 's day", 5, 0, 7, 2},
    {"father 's day", 6, 0, 7, 3}, {"columbus day", 10, 0, 1, 2},
    // The Tuesday after the first Monday of November.
    {"election day", 11, 0, 1, 1, 1},
    {"easter sunday", 0, 0, 0, 0, 0}, {"easter monday", 0, 0, 0, 0, 1},
    {"good friday", 0, 0, 0, 0, -2}, {"easter", 0, 0, 0, 0, 0},
};

// Transparent hashing: look words up by string_view without allocating.
struct Hash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
using Table = std::unordered_map<std::string, WordInfo, Hash, std::equal_to<>>;

Table BuildTable() {
  Table t;
  for (const auto& m : kMonths) t[m.word].month = static_cast<int8_t>(m.value);
  for (const auto& w : kWeekdays) t[w.word].weekday = static_cast<int8_t>(w.value);
  for (const auto& w : kWeekdayPlurals) {
    t[w.word].weekday = static_cast<int8_t>(w.value);
    t[w.word].plural = true;
  }
  for (const char* a : kAbbreviations) t[a].abbreviation = true;
  for (const auto& s : kSeasons) t[s.word].season = static_cast<int8_t>(s.value);
  for (const auto& n : kNumbers) t[n.word].number = static_cast<int16_t>(n.value);
  for (const auto& o : kOrdinals) t[o.word].ordinal = static_cast<int8_t>(o.value);
  for (const auto& u : kUnits) {
    t[u.word].unit = u.unit;
    t[u.word].plural = u.plural;
  }
  for (const auto& p : kPartsOfDay) t[p.word].part_of_day = p.code;
  for (const auto& p : kPartsOfDayPlural) {
    t[p.word].part_of_day = p.code;
    t[p.word].plural = true;
  }
  for (const auto& s : kSetWords) t[s.word].set_value = s.value;
  auto first = [](std::string_view words) {
    return std::string(words.substr(0, words.find_first_of(" -")));
  };
  for (const Phrase& p : kPhrases) t[first(p.words)].starter = t[first(p.words)].phrase_start = true;
  for (const Modifier& m : kModifiers)
    t[first(m.words)].starter = t[first(m.words)].modifier_start = true;
  for (const Holiday& h : kHolidays)
    t[first(h.words)].starter = t[first(h.words)].holiday_start = true;
  for (const char* w : kGrammarStarters) t[w].starter = true;
  return t;
}

}  // namespace

// (length, first letter) pairs of the table's words: most text words fail
// this bit test and skip hashing altogether.
struct Prefilter {
  uint32_t by_length[17] = {};  // bit (c - 'a') set when some word fits
  bool May(std::string_view w) const {
    if (w.empty() || w.size() > 16) return false;
    unsigned c = static_cast<unsigned char>(w[0]) - 'a';
    if (c >= 26) return w[0] == '\'';
    return (by_length[w.size()] >> c) & 1u;
  }
};

// The table flattened into an open-addressing index with an inline FNV-1a
// hash: words are at most 16 bytes (Prefilter), so hashing and comparing
// stay in registers instead of calling std::hash and memcmp.
class FlatTable {
 public:
  explicit FlatTable(const Table& t) {
    size_t cap = 16;
    while (cap < t.size() * 4) cap *= 2;
    slots_.assign(cap, -1);
    mask_ = cap - 1;
    for (const auto& [w, info] : t) {
      keys_.push_back(w);
      infos_.push_back(info);
    }
    for (size_t k = 0; k < keys_.size(); ++k) {
      size_t h = Hash(keys_[k]) & mask_;
      while (slots_[h] >= 0) h = (h + 1) & mask_;
      slots_[h] = static_cast<int32_t>(k);
    }
  }
  const WordInfo* Find(std::string_view w) const {
    for (size_t h = Hash(w) & mask_;; h = (h + 1) & mask_) {
      int32_t k = slots_[h];
      if (k < 0) return nullptr;
      const std::string& key = keys_[static_cast<size_t>(k)];
      if (key.size() == w.size() && Same(key.data(), w.data(), w.size()))
        return &infos_[static_cast<size_t>(k)];
    }
  }

 private:
  static bool Same(const char* a, const char* b, size_t n) {
    for (size_t k = 0; k < n; ++k)
      if (a[k] != b[k]) return false;
    return true;
  }
  static size_t Hash(std::string_view w) {
    uint32_t h = 2166136261u;
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h ^ (h >> 15);
  }
  std::vector<std::string> keys_;
  std::vector<WordInfo> infos_;  // never resized after construction: pointers stay valid
  std::vector<int32_t> slots_;
  size_t mask_ = 0;
};

const WordInfo* LookupWord(std::string_view lower) {
  static const FlatTable* table = new FlatTable(BuildTable());
  static const Prefilter* pre = [] {
    auto* p = new Prefilter;
    for (const auto& [w, info] : BuildTable()) {
      unsigned c = static_cast<unsigned char>(w[0]) - 'a';
      if (w.size() <= 16 && c < 26) p->by_length[w.size()] |= 1u << c;
    }
    return p;
  }();
  if (!pre->May(lower)) return nullptr;
  return table->Find(lower);
}

std::span<const Phrase> Phrases() { return kPhrases; }

std::span<const Modifier> Modifiers() { return kModifiers; }
std::span<const Holiday> Holidays() { return kHolidays; }

std::string_view DurationCode(DurUnit unit, bool* time_part) {
  *time_part = false;
  switch (unit) {
    case DurUnit::kMillennium: return "ML";
    case DurUnit::kCentury: return "CE";
    case DurUnit::kDecade: return "DE";
    case DurUnit::kYear: return "Y";
    case DurUnit::kQuarter: return "Q";
    case DurUnit::kMonth: return "M";
    case DurUnit::kFortnight: return "W";
    case DurUnit::kWeek: return "W";
    case DurUnit::kWeekend: return "WE";
    case DurUnit::kDay: return "D";
    case DurUnit::kHour: *time_part = true; return "H";
    case DurUnit::kMinute: *time_part = true; return "M";
    case DurUnit::kSecond: *time_part = true; return "S";
    case DurUnit::kNone: break;
  }
  return "";
}

}  // namespace storyline::timex
