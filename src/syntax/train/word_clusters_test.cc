// Word clusters from a tiny JSON Lines corpus: every clustered word gets a
// fine, coarse and (when asked) finer cluster; case profiles count only
// capitals away from a sentence's start; the result is deterministic.
#include "src/syntax/train/word_clusters.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace storyline::syntax {
namespace {

class WordClustersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / "word_clusters_test";
    std::filesystem::create_directories(dir_);
    // "The" opens every sentence, "the" is lower-case inside them; "Paris"
    // and "Reuters" are always capitalised, "NATO" in capitals; "march" is
    // the month (capitalised) half of the time.
    std::ofstream out(dir_ / "news.jsonl");
    const char* const kSentences[] = {
        "The minister said the talks in Paris failed.",
        "The troops arrived in the city on Tuesday, Reuters said.",
        "The protesters will march to the NATO office in Paris.",
        "The vote was held in March and the result surprised the minister.",
        "The city said the office will open in March, Reuters reported.",
        "The talks failed and the troops left the city on Tuesday.",
        "The NATO minister will march with the protesters, officials said.",
        "The result of the vote was held back by the office in Paris.",
    };
    for (int copy = 0; copy < 3; ++copy)
      for (const char* s : kSentences) out << "{\"text\": \"" << s << "\"}\n";
  }

  ClusterOptions Options() const {
    ClusterOptions o;
    o.min_count = 2;
    o.context_words = 40;
    o.dims = 16;
    o.fine = 8;
    o.coarse = 2;
    o.finer = 12;
    return o;
  }

  std::filesystem::path dir_;
};

uint64_t Atom(std::string_view word) { return HashBytes(NormalizeWord(word), 1); }

TEST_F(WordClustersTest, GivesEveryClusteredWordAllThreeGranularities) {
  WordClusters c;
  ASSERT_TRUE(BuildWordClusters(dir_.string(), {}, Options(), &c, nullptr).ok());
  ASSERT_FALSE(c.fine.empty());
  EXPECT_EQ(c.coarse_of.size(), 8u);
  EXPECT_EQ(c.finer.size(), c.fine.size());
  for (const auto& [word, id] : c.fine) {
    EXPECT_LT(id, 8);
    EXPECT_LT(c.coarse_of[id], 2);
    ASSERT_TRUE(c.finer.count(word));
    EXPECT_LT(c.finer.at(word), 12);
  }
  std::vector<TokenAtoms> atoms;
  std::vector<std::string_view> words = {"The", "minister", "zzyzx"};
  ComputeAtoms(words, &atoms, &c);
  EXPECT_NE(atoms[1].cluster, 0u);
  EXPECT_NE(atoms[1].finer, 0u);
  EXPECT_EQ(atoms[2].cluster, 0u);  // unseen
  EXPECT_EQ(atoms[2].finer, 0u);
  EXPECT_EQ(atoms[2].caps, 0u);
}

TEST_F(WordClustersTest, CaseProfilesIgnoreTheSentenceStart) {
  WordClusters c;
  ASSERT_TRUE(BuildWordClusters(dir_.string(), {}, Options(), &c, nullptr).ok());
  EXPECT_EQ(c.caps.at(Atom("the")), 1);      // "The" only opens sentences
  EXPECT_EQ(c.caps.at(Atom("paris")), 6);    // always capitalised
  EXPECT_EQ(c.caps.at(Atom("reuters")), 6);
  EXPECT_EQ(c.caps.at(Atom("nato")), 7);     // capitals only
  EXPECT_EQ(c.caps.at(Atom("march")), 4);    // the month half of the time
  std::vector<TokenAtoms> atoms;
  std::vector<std::string_view> words = {"PARIS", "the"};
  ComputeAtoms(words, &atoms, &c);
  EXPECT_EQ(atoms[0].caps, 6u);  // looked up by the normalised word
  EXPECT_EQ(atoms[1].caps, 1u);
}

TEST_F(WordClustersTest, FinerZeroLeavesNoFinerClusters) {
  ClusterOptions o = Options();
  o.finer = 0;
  WordClusters c;
  ASSERT_TRUE(BuildWordClusters(dir_.string(), {}, o, &c, nullptr).ok());
  EXPECT_FALSE(c.fine.empty());
  EXPECT_TRUE(c.finer.empty());
}

TEST_F(WordClustersTest, IsDeterministic) {
  WordClusters a, b;
  ASSERT_TRUE(BuildWordClusters(dir_.string(), {}, Options(), &a, nullptr).ok());
  ASSERT_TRUE(BuildWordClusters(dir_.string(), {}, Options(), &b, nullptr).ok());
  EXPECT_EQ(a.fine, b.fine);
  EXPECT_EQ(a.coarse_of, b.coarse_of);
  EXPECT_EQ(a.finer, b.finer);
  EXPECT_EQ(a.caps, b.caps);
}

TEST_F(WordClustersTest, MissingCorpusIsNotFound) {
  WordClusters c;
  Status s = BuildWordClusters((dir_ / "absent").string(), {}, Options(), &c, nullptr);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace storyline::syntax
