// TempEval-3 Task A timex scoring (UzZaman et al. 2013), as the official
// evaluate_entities.py does it: a system timex and a gold timex match
// (relaxed) when their extents overlap, one-to-one, first come first served
// in gold order; a relaxed match is strict when the extents are identical.
// Counts are summed over documents (micro-average). Type and value are
// compared only on relaxed matches: accuracy = equal / relaxed matches, and
// attribute F1 = accuracy x relaxed F1. The DCT is not scored.
#ifndef STORYLINE_SRC_TIMEX_TEMPEVAL_SCORER_H_
#define STORYLINE_SRC_TIMEX_TEMPEVAL_SCORER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace storyline::timex {

struct ScoredTimex {
  uint32_t begin = 0, end = 0;  // bytes into the same text on both sides
  std::string type, value;
};

struct TempEvalCounts {
  int64_t gold = 0, system = 0;
  int64_t strict = 0, relaxed = 0;
  int64_t type_equal = 0, value_equal = 0;  // among relaxed matches
  TempEvalCounts& operator+=(const TempEvalCounts& o);
};

struct TempEvalScores {
  double strict_p = 0, strict_r = 0, strict_f1 = 0;
  double relaxed_p = 0, relaxed_r = 0, relaxed_f1 = 0;
  double type_accuracy = 0, type_f1 = 0;
  double value_accuracy = 0, value_f1 = 0;
};

// Matches one document's system timexes against its gold timexes.
TempEvalCounts ScoreDocument(const std::vector<ScoredTimex>& gold,
                             const std::vector<ScoredTimex>& system);
TempEvalScores Summarize(const TempEvalCounts& counts);
// The report table; its last line is "timex value F1: 0.XXXX".
std::string FormatScores(const TempEvalCounts& counts, const TempEvalScores& s);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_TEMPEVAL_SCORER_H_
