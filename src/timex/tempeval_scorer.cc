// TempEval-3 Task A scoring; see tempeval_scorer.h.
#include "src/timex/tempeval_scorer.h"

#include <cstdio>

namespace storyline::timex {

TempEvalCounts& TempEvalCounts::operator+=(const TempEvalCounts& o) {
  gold += o.gold;
  system += o.system;
  strict += o.strict;
  relaxed += o.relaxed;
  type_equal += o.type_equal;
  value_equal += o.value_equal;
  return *this;
}

TempEvalCounts ScoreDocument(const std::vector<ScoredTimex>& gold,
                             const std::vector<ScoredTimex>& system) {
  TempEvalCounts c;
  c.gold = static_cast<int64_t>(gold.size());
  c.system = static_cast<int64_t>(system.size());
  std::vector<bool> used(system.size(), false);
  for (const ScoredTimex& g : gold) {
    for (size_t k = 0; k < system.size(); ++k) {
      const ScoredTimex& s = system[k];
      if (used[k] || !(s.begin < g.end && g.begin < s.end)) continue;
      used[k] = true;
      ++c.relaxed;
      if (s.begin == g.begin && s.end == g.end) ++c.strict;
      if (s.type == g.type) ++c.type_equal;
      if (s.value == g.value) ++c.value_equal;
      break;
    }
  }
  return c;
}

namespace {
double Ratio(int64_t a, int64_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0; }
double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }
}  // namespace

TempEvalScores Summarize(const TempEvalCounts& c) {
  TempEvalScores s;
  s.strict_p = Ratio(c.strict, c.system);
  s.strict_r = Ratio(c.strict, c.gold);
  s.strict_f1 = F1(s.strict_p, s.strict_r);
  s.relaxed_p = Ratio(c.relaxed, c.system);
  s.relaxed_r = Ratio(c.relaxed, c.gold);
  s.relaxed_f1 = F1(s.relaxed_p, s.relaxed_r);
  s.type_accuracy = Ratio(c.type_equal, c.relaxed);
  s.type_f1 = s.type_accuracy * s.relaxed_f1;
  s.value_accuracy = Ratio(c.value_equal, c.relaxed);
  s.value_f1 = s.value_accuracy * s.relaxed_f1;
  return s;
}

std::string FormatScores(const TempEvalCounts& c, const TempEvalScores& s) {
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "gold timexes: %lld  system timexes: %lld  strict matches: %lld  relaxed matches: %lld\n"
                "              P       R       F1\n"
                "strict    %.4f  %.4f  %.4f\n"
                "relaxed   %.4f  %.4f  %.4f\n"
                "           accuracy  F1\n"
                "type        %.4f  %.4f\n"
                "value       %.4f  %.4f\n"
                "timex value F1: %.4f\n",
                static_cast<long long>(c.gold), static_cast<long long>(c.system),
                static_cast<long long>(c.strict), static_cast<long long>(c.relaxed),
                s.strict_p, s.strict_r, s.strict_f1, s.relaxed_p, s.relaxed_r, s.relaxed_f1,
                s.type_accuracy, s.type_f1, s.value_accuracy, s.value_f1, s.value_f1);
  return buf;
}

}  // namespace storyline::timex
