// Tests for the CoNLL 2018 scorer on tiny hand-made gold/system pairs.
#include "src/syntax/ud_scorer.h"

#include <gtest/gtest.h>

namespace storyline::syntax {
namespace {

std::vector<ConlluSentence> Parse(const char* s) {
  auto r = ParseConllu(s, "t");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

constexpr char kGold[] =
    "1\tThey\tthey\tPRON\tPRP\tCase=Nom|Number=Plur\t3\tnsubj\t_\t_\n"
    "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tca\tcan\tAUX\tMD\tVerbForm=Fin\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

TEST(UdScorerTest, GoldTokensAlignOneToOne) {
  // System: wrong XPOS on "go", wrong head for "They", a subtype-only
  // difference on "n't" (ignored by LAS), a different non-universal feature.
  constexpr char kSys[] =
      "1\tThey\tthey\tPRON\tPRP\tCase=Nom|Number=Plur|Typo=Yes\t4\tnsubj\t_\t_\n"
      "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tca\tcan\tAUX\tMD\tVerbForm=Fin\t4\taux\t_\t_\n"
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod:neg\t_\t_\n"
      "4\tgo\tgo\tVERB\tVBP\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n"
      "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";
  auto r = ScoreUd(Parse(kGold), Parse(kSys));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_DOUBLE_EQ(r->words.f1(), 1.0);
  EXPECT_DOUBLE_EQ(r->upos.f1(), 1.0);
  EXPECT_DOUBLE_EQ(r->xpos.f1(), 0.8);
  EXPECT_DOUBLE_EQ(r->ufeats.f1(), 1.0);  // Typo is not a universal feature
  EXPECT_DOUBLE_EQ(r->uas.f1(), 0.8);
  EXPECT_DOUBLE_EQ(r->las.f1(), 0.8);
  EXPECT_NE(r->ToString(false).find("LAS: 0.8000"), std::string::npos);
}

TEST(UdScorerTest, RawTokensAlignByCharactersAndLcsInsideMultiwords) {
  // System split "can't" as "can" + "'t" in one token each and merged "go." .
  constexpr char kSys[] =
      "1\tThey\tthey\tPRON\tPRP\tCase=Nom|Number=Plur\t3\tnsubj\t_\t_\n"
      "2\tca\tcan\tAUX\tMD\tVerbForm=Fin\t4\taux\t_\tSpaceAfter=No\n"
      "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
      "4\tgo.\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\t_\n\n";
  auto r = ScoreUd(Parse(kGold), Parse(kSys));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Gold 5 words, system 4; aligned: They, ca, n't (by LCS) = 3.
  EXPECT_DOUBLE_EQ(r->words.correct, 3);
  EXPECT_DOUBLE_EQ(r->words.f1(), 2.0 * 3 / 9);
  EXPECT_DOUBLE_EQ(r->tokens.correct, 1);  // only "They" matches as a token
  // "They" head: gold 3 (n't), system 3 (n't) -> aligned; ca and n't heads
  // point to unaligned "go" in both: not matched.
  EXPECT_DOUBLE_EQ(r->uas.correct, 1);
}

TEST(UdScorerTest, DifferentTextIsAnError) {
  constexpr char kSys[] = "1\tThem\tthey\tPRON\tPRP\t_\t0\troot\t_\t_\n\n";
  auto r = ScoreUd(Parse(kGold), Parse(kSys));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

TEST(UdScorerTest, GoldUnderscoreLemmaCountsAsCorrect) {
  constexpr char kG[] = "1\tx\t_\tX\tX\t_\t0\troot\t_\t_\n\n";
  constexpr char kS[] = "1\tx\ty\tX\tX\t_\t0\troot\t_\t_\n\n";
  auto r = ScoreUd(Parse(kG), Parse(kS));
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->lemmas.f1(), 1.0);
}

}  // namespace
}  // namespace storyline::syntax
