// The beam decoder against the greedy one and against the tree invariants,
// with the shipped model (models/syntax/en_ewt.model): width 1 makes
// exactly the greedy decisions; every width gives one projective,
// single-rooted tree; a 5,000-word sentence parses with arena memory
// bounded by 2n+1 nodes per beam slot (linear, no copying of the stack).
#include "src/syntax/parser.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "src/syntax/model.h"
#include "src/syntax/score_cache.h"
#include "storyline/syntax.h"

namespace storyline::syntax {
namespace {

class ParserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Load(std::string(STORYLINE_SOURCE_DIR) + "/models/syntax/en_ewt.model");
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(*a).release();
  }
  static void TearDownTestSuite() { delete analyzer_; }

  static std::vector<std::string_view> Words(const std::string& text,
                                             std::vector<std::string>* store) {
    store->clear();
    size_t i = 0;
    while (i < text.size()) {
      size_t j = text.find(' ', i);
      if (j == std::string::npos) j = text.size();
      if (j > i) store->push_back(text.substr(i, j - i));
      i = j + 1;
    }
    return std::vector<std::string_view>(store->begin(), store->end());
  }

  struct Input {
    std::vector<TokenAtoms> atoms;
    std::vector<int> tags;
  };
  static Input Prepare(const std::vector<std::string_view>& words) {
    const SyntaxModel& m = analyzer_->model();
    Input in;
    ComputeAtoms(words, &in.atoms, &m.clusters);
    in.tags.resize(words.size());
    m.tagger.Tag(in.atoms.data(), static_cast<int>(words.size()), in.tags.data());
    m.supertagger.Supertag(in.atoms.data(), static_cast<int>(words.size()), in.tags.data());
    return in;
  }

  // Runs the beam to the end, scoring with the model's table.
  static void RunBeam(const Parser& p, const Input& in, int n, int width, Beam* beam) {
    beam->Init(n, width, p.num_labels);
    while (!beam->Done())
      beam->Step<int32_t>(p, in.atoms.data(), in.tags.data(), true,
                          [&](const uint64_t* f, int k, int32_t* s) { p.weights.Score(f, k, s); });
  }

  // Checks: heads in range, exactly one root, no cycles, projective.
  static void ExpectTree(const std::vector<int>& heads, const std::string& what) {
    const int n = static_cast<int>(heads.size());
    int roots = 0;
    for (int i = 0; i < n; ++i) {
      ASSERT_GE(heads[i], -1) << what;
      ASSERT_LT(heads[i], n) << what;
      ASSERT_NE(heads[i], i) << what;
      roots += heads[i] == -1;
    }
    EXPECT_EQ(roots, 1) << what;
    for (int i = 0; i < n; ++i) {  // every word reaches the root
      int a = i, steps = 0;
      while (a != -1 && steps++ <= n) a = heads[a];
      EXPECT_EQ(a, -1) << what << ": cycle through word " << i;
    }
    for (int d = 0; d < n; ++d) {  // no crossing arcs
      if (heads[d] < 0) continue;
      const int lo = std::min(d, heads[d]), hi = std::max(d, heads[d]);
      for (int k = lo + 1; k < hi; ++k) {
        int a = k, steps = 0;
        while (a != -1 && a != heads[d] && steps++ <= n) a = heads[a];
        EXPECT_EQ(a, heads[d]) << what << ": arc " << heads[d] << " -> " << d
                               << " is crossed by word " << k;
      }
    }
  }

  static Analyzer* analyzer_;
};

Analyzer* ParserTest::analyzer_ = nullptr;

const char* const kSentences[] = {
    "Russian lawmakers will vote on the bill next week , officials said on Tuesday .",
    "The company , which was founded in 1998 , reported a loss of $ 10 million .",
    "He said that he did n't know whether the talks would resume .",
    "Troops were sent to the region after fighting broke out between rival groups .",
    "Yes",
    ". . . ! ?",
    "I saw the man with the telescope and the woman who waved at us from the hill .",
    "\"We are ready,\" she told reporters in London , adding that more help was needed .",
};

TEST_F(ParserTest, BeamOfOneMakesTheGreedyDecisions) {
  const Parser& p = analyzer_->model().parser;
  std::vector<std::string> store;
  for (const char* text : kSentences) {
    auto words = Words(text, &store);
    Input in = Prepare(words);
    const int n = static_cast<int>(words.size());
    ParseState st;
    st.Init(n);
    p.GreedyParse(in.atoms.data(), in.tags.data(), &st);
    Beam beam;
    RunBeam(p, in, n, 1, &beam);
    std::vector<int> actions;
    beam.Actions(0, &actions);
    ASSERT_EQ(static_cast<int>(actions.size()), 2 * n) << text;
    ParseState replay;
    replay.Init(n);
    for (int a : actions) p.Apply(&replay, a);
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(replay.head(i), st.head(i)) << text << " word " << i;
      EXPECT_EQ(replay.label(i), st.label(i)) << text << " word " << i;
    }
  }
}

TEST_F(ParserTest, EveryWidthGivesOneProjectiveSingleRootedTree) {
  const Parser& p = analyzer_->model().parser;
  std::vector<std::string> store;
  for (const char* text : kSentences) {
    auto words = Words(text, &store);
    Input in = Prepare(words);
    const int n = static_cast<int>(words.size());
    for (int width : {1, 2, 4, 8, 16}) {
      std::vector<int> heads(n), labels(n);
      p.Parse(in.atoms.data(), in.tags.data(), n, heads.data(), labels.data(), width);
      ExpectTree(heads, std::string(text) + " (beam " + std::to_string(width) + ")");
      for (int i = 0; i < n; ++i) {
        EXPECT_GE(labels[i], 0);
        EXPECT_LT(labels[i], p.num_labels);
        EXPECT_EQ(labels[i] == p.root_label, heads[i] == -1) << text << " word " << i;
      }
    }
  }
}

TEST_F(ParserTest, BeamKeepsTheBestScoringItemFirst) {
  const Parser& p = analyzer_->model().parser;
  std::vector<std::string> store;
  auto words = Words(kSentences[0], &store);
  Input in = Prepare(words);
  const int n = static_cast<int>(words.size());
  Beam beam;
  beam.Init(n, 8, p.num_labels);
  while (!beam.Done()) {
    beam.Step<int32_t>(p, in.atoms.data(), in.tags.data(), true,
                       [&](const uint64_t* f, int k, int32_t* s) { p.weights.Score(f, k, s); });
    const auto& items = beam.items();
    ASSERT_LE(items.size(), 8u);
    for (size_t k = 1; k < items.size(); ++k) EXPECT_GE(items[k - 1].score, items[k].score);
  }
  EXPECT_EQ(beam.step(), 2 * n);
}

// Differential: the beam with the ScoreCache (as Parse runs it) against
// the beam with Extract and the plain table, step by step, for random
// widths and cache sizes (a tiny cache forces entries to be overwritten
// within a call and a step).
TEST_F(ParserTest, ScoreCacheGivesExactlyThePlainScores) {
  const Parser& p = analyzer_->model().parser;
  std::mt19937 rng(7);
  std::vector<std::string> store;
  for (const char* text : kSentences) {
    auto words = Words(text, &store);
    Input in = Prepare(words);
    const int n = static_cast<int>(words.size());
    for (int trial = 0; trial < 4; ++trial) {
      const int width = 1 + static_cast<int>(rng() % 16);
      const int capacity_log2 = 1 + static_cast<int>(rng() % 10);
      const std::string what = std::string(text) + " (beam " + std::to_string(width) +
                               ", 2^" + std::to_string(capacity_log2) + " entries)";
      ScoreCache cache(&p.weights, capacity_log2);
      auto cached_score = [&](const StateView& v, int32_t* s) {
        p.ScoreCached(v, in.atoms.data(), in.tags.data(), &cache, s);
      };
      auto plain_score = [&](const uint64_t* f, int k, int32_t* s) { p.weights.Score(f, k, s); };
      Beam cached, plain;
      cached.Init(n, width, p.num_labels);
      plain.Init(n, width, p.num_labels);
      std::vector<int32_t> a(p.num_classes()), b(p.num_classes());
      while (!plain.Done()) {
        // Every item's scores, not only the survivors'.
        for (const Beam::Item& it : plain.items()) {
          uint64_t f[Parser::kMaxFeatures];
          const int k = Parser::Extract(plain.View(it), in.atoms.data(), in.tags.data(), f);
          std::fill(a.begin(), a.end(), 0);
          std::fill(b.begin(), b.end(), 0);
          cached_score(plain.View(it), a.data());
          plain_score(f, k, b.data());
          ASSERT_EQ(a, b) << what << " step " << plain.step();
        }
        cached.Step<int32_t>(p, in.atoms.data(), in.tags.data(), true, cached_score);
        plain.Step<int32_t>(p, in.atoms.data(), in.tags.data(), true, plain_score);
        ASSERT_EQ(cached.items().size(), plain.items().size()) << what;
        for (size_t j = 0; j < plain.items().size(); ++j) {
          EXPECT_EQ(cached.items()[j].score, plain.items()[j].score) << what;
          EXPECT_EQ(cached.items()[j].parent, plain.items()[j].parent) << what;
          EXPECT_EQ(cached.items()[j].action, plain.items()[j].action) << what;
        }
      }
      if (capacity_log2 >= 6 && width > 1) {
        EXPECT_GT(cache.hits(), 0u) << what;
      }
      std::vector<int> heads(n), labels(n);
      p.Parse(in.atoms.data(), in.tags.data(), n, heads.data(), labels.data(), width);
      ParseState st;
      st.Init(n);
      std::vector<int> actions;
      plain.Actions(0, &actions);
      for (int act : actions) p.Apply(&st, act);
      for (int i = 0; i < n; ++i) {
        EXPECT_EQ(heads[i], st.head(i) == n ? -1 : st.head(i)) << what << " word " << i;
        EXPECT_EQ(labels[i], st.label(i) < 0 ? p.root_label : st.label(i)) << what;
      }
    }
  }
}

// The keys Extract writes, in order, for every configuration of the greedy
// parses of kSentences, as one checksum: the templates, their atoms and
// their order (the trainer sums in that order) must not change without a
// new feature set id. Recompute the constant only together with
// kFeatureSetId.
// Pins the keys Extract writes and their order (the trainer's float sums
// depend on it). Independent of the committed model's weights, clusters and
// tagger, so retraining does not move it: atoms without clusters, tags and
// supertags by position, and transition scores from a hash of each state's features.
TEST_F(ParserTest, ExtractKeepsItsKeysAndTheirOrder) {
  const Parser& p = analyzer_->model().parser;
  std::vector<std::string> store;
  uint64_t sum = 0;
  int states = 0;
  for (const char* text : kSentences) {
    auto words = Words(text, &store);
    std::vector<TokenAtoms> atoms;
    ComputeAtoms(words, &atoms, nullptr);
    const int n = static_cast<int>(words.size());
    std::vector<int> tags(n);
    for (int i = 0; i < n; ++i) {
      tags[i] = (i * 7) % 17;
      atoms[i].stag = static_cast<uint32_t>(i * 5) % 11;
    }
    Beam beam;  // width 1: one state per step
    beam.Init(n, 1, p.num_labels);
    while (!beam.Done())
      beam.Step<int32_t>(p, atoms.data(), tags.data(), true,
                         [&](const uint64_t* f, int k, int32_t* s) {
                           EXPECT_EQ(k, Parser::kNumFeatures);
                           uint64_t h = 0;
                           for (int i = 0; i < k; ++i) h = Mix64(h ^ (f[i] + static_cast<uint64_t>(i)));
                           sum = Mix64(sum ^ h);
                           ++states;
                           for (int c = 0; c < p.num_classes(); ++c)
                             s[c] = static_cast<int32_t>(Mix64(h + static_cast<uint64_t>(c)) % 1000);
                         });
  }
  EXPECT_EQ(states, 93);
  EXPECT_EQ(sum, 12222822551840675919u);
}

TEST_F(ParserTest, LongSentenceParsesInLinearMemory) {
  const Parser& p = analyzer_->model().parser;
  const char* const pattern[] = {"The", "minister", "said", "that", "the", "talks", "in",
                                 "Geneva", "would", "continue", ",", "and"};
  std::vector<std::string_view> words;
  for (int i = 0; i < 5000; ++i) words.push_back(pattern[i % 12]);
  Input in = Prepare(words);
  const int n = static_cast<int>(words.size());
  Beam beam;
  RunBeam(p, in, n, 8, &beam);
  EXPECT_EQ(beam.step(), 2 * n);
  // At most one new stack node per item and step: the stack is shared, not copied.
  EXPECT_LE(beam.arena_size(), static_cast<size_t>(2 * n + 1) * 8);
  std::vector<int> heads(n), labels(n);
  p.Parse(in.atoms.data(), in.tags.data(), n, heads.data(), labels.data(), 8);
  ExpectTree(heads, "5,000 words");
}

}  // namespace
}  // namespace storyline::syntax
