// The timex grammar: finds time expressions in a token sequence and gives
// each its type, TimeML mod and unresolved Semantics. It is a token-level
// grammar, not a list of regular expressions: at each token a fixed set of
// rules (dates, weekdays, relative units, durations, "ago" phrases, quarters,
// seasons, holidays, times of day, sets, fixed phrases), each reading word
// roles from the tables in lexicon.cc, propose a match; the longest wins and
// scanning resumes after it. Every rule looks ahead a bounded number of
// tokens, so the pass is linear in the text.
#ifndef STORYLINE_SRC_TIMEX_GRAMMAR_H_
#define STORYLINE_SRC_TIMEX_GRAMMAR_H_

#include <string>
#include <vector>

#include "src/timex/tokenizer.h"
#include "storyline/timex.h"

namespace storyline::timex {

struct Match {
  size_t first = 0, last = 0;  // token range [first, last)
  TimexType type = TimexType::kDate;
  Semantics sem;
  std::string mod;
  bool quantity = false;  // a duration with an explicit number ("two years")
};

// All expressions in `tokens`, in order, non-overlapping.
std::vector<Match> FindExpressions(const std::vector<Token>& tokens);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_GRAMMAR_H_
