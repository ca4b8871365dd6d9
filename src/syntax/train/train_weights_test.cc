// TrainScoreMemo against TrainWeights::Score over all the groups' keys:
// equal sums on repeated and new inputs, and no stale sums after the
// weights change and the memo is cleared.
#include "src/syntax/train/train_weights.h"

#include <gtest/gtest.h>

#include <vector>

#include "src/syntax/features.h"

namespace storyline::syntax {
namespace {

constexpr int kClasses = 20;

// A toy group: two input words, five templates over them.
struct Pair {
  uint64_t a, b;
};
int PairKeys(const void* in, uint64_t* out) {
  const Pair& p = *static_cast<const Pair*>(in);
  for (int t = 0; t < 5; ++t) out[t] = Feat(t, p.a, p.b);
  return 5;
}
int SingleKeys(const void* in, uint64_t* out) {
  out[0] = Feat(9, static_cast<const Pair*>(in)->a);
  return 1;
}

class TrainScoreMemoTest : public ::testing::Test {
 protected:
  // Scores two groups over inputs (a, b) both ways and compares.
  void ExpectSameScores(uint64_t a, uint64_t b) {
    Pair p{a, b}, q{b, a};
    const ScoreCache::Group groups[] = {{&p, 2, &p, &PairKeys}, {&q, 2, &q, &SingleKeys}};
    std::vector<float> want(kClasses, 0.0f), got(kClasses, 0.0f);
    uint64_t keys[8];
    w_.Score(keys, PairKeys(&p, keys), want.data());
    w_.Score(keys, SingleKeys(&q, keys), want.data());
    memo_.Score(groups, 2, got.data());
    EXPECT_EQ(got, want) << a << " " << b;
  }
  void Train(uint64_t salt) {
    for (uint64_t i = 0; i < 200; ++i) {
      Pair p{(i * 7 + salt) % 13, (i * 3) % 5};
      uint64_t keys[8];
      const int k = PairKeys(&p, keys);
      w_.Update(keys, k, static_cast<int>((i + salt) % kClasses), static_cast<int>(i % kClasses));
      keys[0] = Feat(9, p.a);
      w_.Add(keys, 1, static_cast<int>(i % kClasses), 1.0f);
      w_.Tick();
    }
  }
  TrainWeights w_{kClasses};
  TrainScoreMemo memo_{&w_, kClasses, 4};  // 16 entries: clashes happen too
};

TEST_F(TrainScoreMemoTest, SumsEqualPlainScoringAcrossUpdates) {
  Train(1);
  for (int round = 0; round < 2; ++round)  // the second round hits the memo
    for (uint64_t a = 0; a < 13; ++a)
      for (uint64_t b = 0; b < 5; ++b) ExpectSameScores(a, b);
  Train(5);  // the weights change: the memo must forget
  memo_.Clear();
  for (uint64_t a = 0; a < 13; ++a)
    for (uint64_t b = 0; b < 5; ++b) ExpectSameScores(a, b);
}

}  // namespace
}  // namespace storyline::syntax
