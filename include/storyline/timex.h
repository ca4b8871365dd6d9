// The timex stage: finds TimeML TIMEX3 time expressions and normalises them.
//
//   std::optional<Date> dct = doc.meta().date;         // may be unknown
//   std::vector<timex::Timex> found = timex::Tag(doc.text(), dct);
//   for (const timex::Timex& t : found)
//     Print(t.begin, t.end, timex::TypeName(t.type), t.value);  // "2024-11-06"
//   // Later a story infers the date of an undated article:
//   timex::Resolve(&found, Date{2024, 11, 6});
//   Layer layer = timex::ToLayer(found);                 // stored as "timex"
//
// Tagging is two steps. A token-level grammar (src/timex/grammar.cc, word
// tables in src/timex/lexicon.cc) finds each expression and records what the
// words say as a `Semantics` ("the weekday Wednesday, direction from the
// tense", "the DCT's week minus one"). Resolution then turns that form into a
// TimeML value against the document creation time (DCT) and the tense of the
// governing verb. Without a DCT relative forms stay underspecified
// ("XXXX-WXX-3"); Resolve() can be rerun whenever a date becomes known,
// because the form is kept (and stored in the layer).
//
// The tagger takes plain inputs so it does not depend on the text or syntax
// stages: the pipeline may pass their sentence spans and verb tenses in a
// TagContext; without one the stage splits sentences on punctuation and reads
// tense from cue words (will/'ll/is set to -> future; said/was/-ed -> past).
// All functions are pure and thread-safe.
#ifndef STORYLINE_TIMEX_H_
#define STORYLINE_TIMEX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/document.h"
#include "storyline/span.h"
#include "storyline/status.h"

namespace storyline::timex {

enum class TimexType : uint8_t { kDate, kTime, kDuration, kSet };
// "DATE", "TIME", "DURATION", "SET".
std::string_view TypeName(TimexType type);
// Parses a TimeML type name; false when it is none of the four.
bool ParseType(std::string_view name, TimexType* type);

enum class Tense : uint8_t { kUnknown, kPast, kPresent, kFuture };

// Calendar granularity of a relative expression, coarsest first.
enum class Unit : uint8_t {
  kCentury, kDecade, kYear, kHalf, kQuarter, kSeason, kMonth, kWeek, kDay
};

// What an expression says before a DCT is applied: the unresolved form.
struct Semantics {
  enum class Kind : uint8_t {
    kLiteral,   // `literal` is the value: "1998-08-07", "P24Y", "PRESENT_REF"
    kShift,     // the DCT's `unit` shifted by `offset` units ("last week")
    kNamed,     // the `unit` numbered `n` (weekday 1 = Monday, month 1-12,
                // quarter, half, season 1 = spring .. 4 = winter) with an
                // optional `day` of the month, picked relative to the DCT by
                // `offset`: -1 the last one, +1 the next, 0 this one, and
                // kByTense: the nearest one in the direction of the tense;
                // -100/+100: that unit of the previous/next year ("the first
                // quarter of next year")
    kReported,  // financial "the quarter": the quarter last reported on,
                // shifted by `offset` quarters ("the year-ago quarter" = -4);
                // with `n` > 0 that quarter of the year n ("the 1988 period")
    kAnaphoric, // the reference time's `unit` shifted by `offset` (with `n`
                // a weekday: that weekday before/after the reference day,
                // "the previous Friday"): "that
                // year" (0), "the next day" (+1), "the previous month" (-1).
                // The reference time is the last date mentioned before it
                // that is at least as fine as `unit`, else the DCT
                // (HeidelTime's narrative strategy); see Resolve().
  };
  static constexpr int kByTense = 99;

  Kind kind = Kind::kLiteral;
  Unit unit = Unit::kDay;
  int offset = 0;
  int n = 0;
  int day = 0;           // kNamed months: day of month, 0 = the whole month
  int holiday = -1;      // kNamed: index into the holiday table, or -1
  std::string literal;   // kLiteral: the value
  std::string suffix;    // appended to the resolved value: "TMO", "T10:30", "-WE"

  friend bool operator==(const Semantics&, const Semantics&) = default;
};

// One TIMEX3.
struct Timex {
  uint32_t begin = 0, end = 0;  // bytes into the tagged text, [begin, end)
  TimexType type = TimexType::kDate;
  std::string value;            // TimeML value: "2024-W44", "P2.5Y", "XXXX-XX-XX"
  std::string mod;              // "", "MORE_THAN", "APPROX", "START", ...
  // What the value was resolved against: "" for values complete as written,
  // "DCT:2024-11-05" when computed from the DCT, "ref:1998-06-19" when an
  // anaphoric form took an earlier expression's value, "none" when relative
  // but no DCT was known (the value is then underspecified).
  std::string anchor;
  Semantics semantics;          // the unresolved form, kept for Resolve()
  Tense tense = Tense::kUnknown;  // tense of the governing verb used

  friend bool operator==(const Timex&, const Timex&) = default;
};

// Optional help from earlier stages. Offsets are bytes into the tagged text.
struct TagContext {
  struct Range { uint32_t begin = 0, end = 0; };
  struct Verb {
    uint32_t begin = 0, end = 0;
    Tense tense = Tense::kUnknown;
    // A verb of saying ("said", "told"): its tense is the report's, not the
    // event's, so it counts only when no other verb is in the sentence.
    bool reporting = false;
  };
  std::vector<Range> sentences;  // sorted; empty: split on punctuation
  // Finite verbs (or verb groups) with their morphological tense, sorted.
  // Cue words ("will", "planned to", "is set for", irregular past forms)
  // take precedence on their own tokens; these verbs fill in the rest. Each
  // timex takes the tense of the nearest verb or cue in its sentence.
  std::vector<Verb> verbs;
  bool has_verbs = false;        // true: trust `verbs` even when empty
};

struct Options {
  // Inputs longer than this are tagged in the first max_bytes only (the
  // grammar is linear, this just bounds memory for the token array).
  size_t max_bytes = 64u << 20;  // 64 MiB
};

// Finds and resolves the time expressions of `text` (UTF-8; invalid bytes
// are skipped, never an error). `dct` is the publication date; without it
// relative expressions get underspecified values. `ctx` may be null.
// Returns expressions sorted by begin, non-overlapping.
std::vector<Timex> Tag(std::string_view text, std::optional<Date> dct,
                       const TagContext* ctx = nullptr,
                       const Options& options = {});

// Recomputes value and anchor of every timex from its semantics, tense and
// `dct` (e.g. once the date of an undated article is inferred). `timexes`
// must be in text order: anaphoric forms take the last date before them.
void Resolve(std::vector<Timex>* timexes, std::optional<Date> dct);
// Resolves one form: the TimeML value, given a DCT (or none) and a tense.
// An anaphoric form is resolved against the DCT here.
std::string ResolveValue(const Semantics& semantics, std::optional<Date> dct,
                         Tense tense);

// The stored layer: name "timex", one span per expression, label = type,
// attrs value, mod (when set), anchor (when set), form (the encoded
// semantics) and tense. FromLayer reverses it; Corruption on bad attrs.
Layer ToLayer(const std::vector<Timex>& timexes);
Result<std::vector<Timex>> FromLayer(const Layer& layer);

// Compact text form of Semantics ("shift:week:-1:0:0:-1:0::")
// used by the layer; Decode returns false on malformed input.
std::string EncodeSemantics(const Semantics& s);
bool DecodeSemantics(std::string_view encoded, Semantics* s);

// True when `value` is a well-formed TimeML value of the shapes this tagger
// produces (dates, weeks, quarters, seasons, durations, *_REF, with X digits).
bool IsWellFormedValue(std::string_view value);

}  // namespace storyline::timex

#endif  // STORYLINE_TIMEX_H_
