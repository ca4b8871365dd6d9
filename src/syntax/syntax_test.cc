// End-to-end tests of the shipped model (models/syntax/en_ewt.model, run
// from the repository root): the seed sentences' key relations, and linear,
// robust behaviour on long, empty, punctuation-only and non-Latin input.
#include "storyline/syntax.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storyline::syntax {
namespace {

class SyntaxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Load(std::string(STORYLINE_SOURCE_DIR) + "/models/syntax/en_ewt.model");
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(*a).release();
  }
  static void TearDownTestSuite() { delete analyzer_; }

  // Until the text layer lands: split on spaces, detach trailing , . " and
  // the possessive 's, as UD tokenisation does.
  static std::vector<std::string> Tokenize(const std::string& text) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && text[i] == ' ') ++i;
      size_t j = i;
      while (j < text.size() && text[j] != ' ') ++j;
      std::string w = text.substr(i, j - i);
      std::vector<std::string> tail;
      while (w.size() > 1 && (w.back() == ',' || w.back() == '.' || w.back() == '"')) {
        tail.insert(tail.begin(), std::string(1, w.back()));
        w.pop_back();
      }
      if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) {
        out.push_back(w.substr(0, w.size() - 2));
        out.push_back("'s");
      } else if (!w.empty()) {
        out.push_back(w);
      }
      for (auto& t : tail) out.push_back(t);
      i = j;
    }
    return out;
  }

  static std::vector<WordAnalysis> Run(const std::vector<std::string>& words) {
    std::vector<std::string_view> v(words.begin(), words.end());
    return analyzer_->Analyze(v);
  }

  static int Find(const std::vector<std::string>& words, const std::string& w) {
    for (size_t i = 0; i < words.size(); ++i)
      if (words[i] == w) return static_cast<int>(i);
    return -1;
  }

  static Analyzer* analyzer_;
};

Analyzer* SyntaxTest::analyzer_ = nullptr;

TEST_F(SyntaxTest, SeedSubjectOfSaidIsJeonHaGyu) {
  auto words = Tokenize(
      "Jeon Ha-gyu, a spokesman for the South Korean Defence Ministry, said Tuesday that "
      "North Korea had sent troops.");
  auto a = Run(words);
  const int said = Find(words, "said");
  ASSERT_GE(said, 0);
  // The subject is the Jeon Ha-gyu name: its head word is Jeon (UD flat) or
  // Ha-gyu; either way the nsubj of "said" lies in the name.
  int subj = -1;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].head == said + 1 && a[i].deprel == "nsubj") subj = static_cast<int>(i);
  ASSERT_GE(subj, 0);
  EXPECT_TRUE(words[subj] == "Jeon" || words[subj] == "Ha-gyu") << words[subj];
  EXPECT_EQ(a[said].lemma, "say");
  EXPECT_EQ(a[said].Feature("Tense"), "Past");
}

TEST_F(SyntaxTest, SeedWillIsAuxiliaryOfVote) {
  auto words = Tokenize(
      "Russian lawmakers will vote Wednesday to ratify a landmark mutual defence pact with "
      "North Korea.");
  auto a = Run(words);
  const int will = Find(words, "will"), vote = Find(words, "vote");
  EXPECT_EQ(a[will].head, vote + 1);
  EXPECT_EQ(a[will].deprel, "aux");
  EXPECT_EQ(a[will].upos, "AUX");
  EXPECT_EQ(a[Find(words, "lawmakers")].head, vote + 1);
}

TEST_F(SyntaxTest, SeedNumberModifiesTroops) {
  auto words = Tokenize(
      "The latest accusations, based on intelligence reports, that North Korea has deployed "
      "around 10,000 troops to Russia suggest even deeper involvement in the conflict.");
  auto a = Run(words);
  const int num = Find(words, "10,000"), troops = Find(words, "troops");
  EXPECT_EQ(a[num].head, troops + 1);
  EXPECT_EQ(a[num].deprel, "nummod");
  EXPECT_EQ(a[num].upos, "NUM");
}

void ExpectTree(const std::vector<WordAnalysis>& a) {
  int roots = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ASSERT_GE(a[i].head, 0);
    ASSERT_LE(a[i].head, static_cast<int>(a.size()));
    ASSERT_NE(a[i].head, static_cast<int>(i) + 1);
    roots += a[i].head == 0;
    // No cycles: walking up reaches the root within n steps.
    int h = static_cast<int>(i) + 1, steps = 0;
    while (h != 0 && steps++ <= static_cast<int>(a.size())) h = a[h - 1].head;
    ASSERT_EQ(h, 0);
  }
  if (!a.empty()) {
    EXPECT_EQ(roots, 1);
  }
}

TEST_F(SyntaxTest, LongSentenceParsesInLinearTime) {
  std::vector<std::string> words;
  const char* cycle[] = {"the", "troops", "said", "that", "10,000", "people", "will", "vote",
                         ",", "and"};
  while (words.size() < 5000) words.push_back(cycle[words.size() % 10]);
  auto a = Run(words);
  ASSERT_EQ(a.size(), 5000u);
  ExpectTree(a);
}

TEST_F(SyntaxTest, EmptyPunctuationAndNonLatinInput) {
  EXPECT_TRUE(Run({}).empty());
  auto p = Run({"!", "?", "...", "--", "\""});
  ASSERT_EQ(p.size(), 5u);
  ExpectTree(p);
  for (const auto& w : p) EXPECT_EQ(w.upos, "PUNCT");
  auto k = Run({"전하규", "대변인은", "말했다", "。", "Путин", "заявил", "北朝鮮"});
  ASSERT_EQ(k.size(), 7u);
  ExpectTree(k);
  auto one = Run({"Hello"});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].head, 0);
  EXPECT_EQ(one[0].deprel, "root");
}

TEST_F(SyntaxTest, AnalysisIsDeterministicAndThreadSafeConst) {
  auto words = Tokenize("North Korea has become one of the most vocal backers of Russia.");
  auto a = Run(words), b = Run(words);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].head, b[i].head);
    EXPECT_EQ(a[i].deprel, b[i].deprel);
    EXPECT_EQ(a[i].lemma, b[i].lemma);
  }
}

}  // namespace
}  // namespace storyline::syntax
