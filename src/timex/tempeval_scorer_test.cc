// TempEval-3 Task A scoring on a tiny hand-made gold/system pair whose
// scores are computed by hand in the comments.
#include "src/timex/tempeval_scorer.h"

#include <gtest/gtest.h>

namespace storyline::timex {
namespace {

TEST(TempEvalScorerTest, HandComputedScores) {
  // Gold: "Friday" [3,9), "a week ago" [11,21), "two days" [38,46).
  std::vector<ScoredTimex> gold = {{3, 9, "DATE", "2024-11-01"},
                                   {11, 21, "DATE", "2024-W44"},
                                   {38, 46, "DURATION", "P2D"}};
  // System: exact "Friday" (all right); "week ago" overlaps gold 2 (relaxed
  // only, wrong value); a spurious span; exact "two days" with a wrong type.
  std::vector<ScoredTimex> sys = {{3, 9, "DATE", "2024-11-01"},
                                  {13, 21, "DATE", "2024-10-29"},
                                  {30, 34, "DATE", "PAST_REF"},
                                  {38, 46, "DATE", "P2D"}};
  TempEvalCounts c = ScoreDocument(gold, sys);
  EXPECT_EQ(c.gold, 3);
  EXPECT_EQ(c.system, 4);
  EXPECT_EQ(c.strict, 2);
  EXPECT_EQ(c.relaxed, 3);
  EXPECT_EQ(c.type_equal, 2);
  EXPECT_EQ(c.value_equal, 2);
  TempEvalScores s = Summarize(c);
  // strict P = 2/4, R = 2/3, F1 = 2(.5)(.6667)/(1.1667) = 4/7
  EXPECT_NEAR(s.strict_p, 0.5, 1e-9);
  EXPECT_NEAR(s.strict_r, 2.0 / 3, 1e-9);
  EXPECT_NEAR(s.strict_f1, 4.0 / 7, 1e-9);
  // relaxed P = 3/4, R = 1, F1 = 6/7
  EXPECT_NEAR(s.relaxed_p, 0.75, 1e-9);
  EXPECT_NEAR(s.relaxed_r, 1.0, 1e-9);
  EXPECT_NEAR(s.relaxed_f1, 6.0 / 7, 1e-9);
  // type and value accuracy 2/3 on relaxed matches; F1 = 2/3 * 6/7 = 4/7
  EXPECT_NEAR(s.type_accuracy, 2.0 / 3, 1e-9);
  EXPECT_NEAR(s.type_f1, 4.0 / 7, 1e-9);
  EXPECT_NEAR(s.value_f1, 4.0 / 7, 1e-9);
  std::string table = FormatScores(c, s);
  EXPECT_NE(table.find("timex value F1: 0.5714\n"), std::string::npos);
  EXPECT_EQ(table.substr(table.rfind("timex value F1")), "timex value F1: 0.5714\n");
}

TEST(TempEvalScorerTest, MatchingIsOneToOne) {
  // Two system timexes overlap one gold timex: the first matches, the
  // second is spurious.
  std::vector<ScoredTimex> gold = {{0, 10, "DATE", "2024"}};
  std::vector<ScoredTimex> sys = {{0, 4, "DATE", "2024"}, {5, 10, "DATE", "2024"}};
  TempEvalCounts c = ScoreDocument(gold, sys);
  EXPECT_EQ(c.relaxed, 1);
  EXPECT_EQ(c.strict, 0);
  EXPECT_NEAR(Summarize(c).relaxed_p, 0.5, 1e-9);
}

TEST(TempEvalScorerTest, EmptyInputsScoreZeroWithoutDividingByZero) {
  TempEvalScores s = Summarize(ScoreDocument({}, {}));
  EXPECT_EQ(s.relaxed_f1, 0);
  EXPECT_EQ(s.value_f1, 0);
}

}  // namespace
}  // namespace storyline::timex
