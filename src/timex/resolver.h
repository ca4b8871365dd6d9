// Reference-time resolution for anaphoric expressions ("that year", "the
// next day"): the timex stage keeps the last date mentioned in the text as
// the reference time, as HeidelTime does for narratives, and resolves
// anaphoric forms against it. ResolveValue (timex.h) covers every other form.
#ifndef STORYLINE_SRC_TIMEX_RESOLVER_H_
#define STORYLINE_SRC_TIMEX_RESOLVER_H_

#include <string>
#include <string_view>

#include "storyline/document.h"
#include "storyline/timex.h"

namespace storyline::timex {

// A date mentioned in the text and its precision: kYear (month and day
// unknown), kMonth (day unknown), kWeek (an ISO week, dated by its Monday)
// or kDay.
struct RefTime {
  Date date;
  Unit precision = Unit::kDay;
};

// The reference time a resolved DATE/TIME value gives ("1998", "1998-06",
// "1998-W25", "1998-06-19T10:00"); false for anything coarser or vaguer
// ("199", "1998-Q3", "PRESENT_REF", "XXXX-06").
bool RefTimeOf(std::string_view value, RefTime* ref);

// True when `ref` is fine enough to anchor an anaphoric form of `unit`.
bool CanAnchor(const RefTime& ref, Unit unit);

// The value of an anaphoric form against `ref` (which CanAnchor accepts).
std::string ResolveAnaphor(const Semantics& s, const RefTime& ref);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_RESOLVER_H_
