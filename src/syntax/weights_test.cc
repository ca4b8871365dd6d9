// SparseWeights against an obvious map-based scorer: short rows (kept in
// their slots when the table has <= 128 classes, apart otherwise), longer
// sparse and long (dense) rows, absent keys, the one-byte file codes and
// the write/read round trip all give the same sums.
#include "src/syntax/weights.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "src/syntax/features.h"

namespace storyline::syntax {
namespace {

std::vector<SparseWeights::Row> RandomRows(int n, int num_classes) {
  std::vector<SparseWeights::Row> rows;
  uint64_t s = 12345;
  auto next = [&] {
    s = Mix64(s + 0x9E3779B97F4A7C15ULL);
    return s;
  };
  for (int i = 0; i < n; ++i) {
    SparseWeights::Row r;
    r.key = Feat(7, static_cast<uint64_t>(i));
    // Every 7th row is long (stored dense), the others short (sparse).
    const bool dense = i % 7 == 0;
    const int len = dense ? num_classes : 1 + static_cast<int>(next() % 9);
    for (int c = 0; c < num_classes && static_cast<int>(r.entries.size()) < len; ++c)
      if (next() % (dense ? 2 : 3) == 0) {
        const int w = static_cast<int>(next() % 20001) - 10000;
        r.entries.push_back({static_cast<uint16_t>(c), static_cast<int16_t>(w == 0 ? 1 : w)});
      }
    if (!r.entries.empty()) rows.push_back(r);
  }
  return rows;
}

std::vector<int32_t> Naive(const std::vector<SparseWeights::Row>& rows, const uint64_t* feats,
                           int n, int num_classes) {
  std::map<uint64_t, const SparseWeights::Row*> by_key;
  for (const auto& r : rows) by_key[r.key & SparseWeights::kKeyMask] = &r;
  std::vector<int32_t> out(num_classes, 0);
  for (int i = 0; i < n; ++i) {
    auto it = by_key.find(feats[i] & SparseWeights::kKeyMask);
    if (it == by_key.end()) continue;
    for (const WeightEntry& e : it->second->entries) out[e.cls] += e.w;
  }
  return out;
}

void ExpectNaiveSumsBeforeAndAfterRoundTrip(int num_classes) {
  std::vector<SparseWeights::Row> rows = RandomRows(3000, num_classes);
  SparseWeights::RoundToCodes(&rows);
  SparseWeights built;
  built.Build(rows, 0.5f);
  std::vector<SparseWeights::Row> copy = rows;
  ByteWriter w;
  SparseWeights::WriteRows(&copy, 0.5f, &w);
  SparseWeights read;
  ByteReader r(w.bytes());
  ASSERT_TRUE(read.Read(&r, num_classes));
  EXPECT_EQ(read.num_features(), rows.size());
  EXPECT_FLOAT_EQ(read.scale(), 0.5f);
  // Windows of present keys mixed with absent ones.
  for (int start = 0; start < 3000; start += 37) {
    uint64_t feats[60];
    for (int i = 0; i < 60; ++i)
      feats[i] = Feat(i % 2 == 0 ? 7 : 8, static_cast<uint64_t>(start + i));
    const std::vector<int32_t> want = Naive(rows, feats, 60, num_classes);
    std::vector<int32_t> a(num_classes, 0), b(num_classes, 0);
    built.Score(feats, 60, a.data());
    read.Score(feats, 60, b.data());
    EXPECT_EQ(a, want) << start;
    EXPECT_EQ(b, want) << start;
  }
}

TEST(SparseWeightsTest, MatchesNaiveScorerBeforeAndAfterRoundTrip) {
  ExpectNaiveSumsBeforeAndAfterRoundTrip(40);
}

TEST(SparseWeightsTest, WideTablesMatchNaiveScorerToo) {
  ExpectNaiveSumsBeforeAndAfterRoundTrip(200);
}

TEST(SparseWeightsTest, FindRowAndAddRowAddWhatScoreAdds) {
  constexpr int kClasses = 40;
  std::vector<SparseWeights::Row> rows = RandomRows(500, kClasses);
  SparseWeights t;
  t.Build(rows, 1.0f);
  uint64_t feats[80];
  for (int i = 0; i < 80; ++i) feats[i] = Feat(i % 3 == 0 ? 8 : 7, static_cast<uint64_t>(i));
  std::vector<int32_t> want(kClasses, 0);
  t.Score(feats, 80, want.data());
  std::vector<int32_t> acc(static_cast<size_t>(t.width()), 0);
  for (int i = 0; i < 80; ++i) t.AddRow(t.FindRow(feats[i]), acc.data());
  acc.resize(kClasses);
  EXPECT_EQ(acc, want);
  EXPECT_EQ(t.FindRow(Feat(9, 1)), SparseWeights::kNoRow);
}

TEST(SparseWeightsTest, CodesKeepWeightsWithinThreePercent) {
  std::vector<SparseWeights::Row> rows = RandomRows(500, 30);
  std::vector<SparseWeights::Row> coded = rows;
  SparseWeights::RoundToCodes(&coded);
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].entries.size(); ++j) {
      const double a = rows[i].entries[j].w, b = coded[i].entries[j].w;
      EXPECT_EQ(a < 0, b < 0);
      EXPECT_LE(std::abs(a - b), 0.05 * std::abs(a) + 0.5) << a << " " << b;
    }
}

// Model formats 3-5 stored the key deltas as uint64, not byte planes.
TEST(SparseWeightsTest, ReadsKeysOfOlderFormats) {
  ByteWriter w;
  w.Put<float>(1.0f);
  std::vector<int16_t> book(127);
  for (int l = 0; l < 127; ++l) book[l] = static_cast<int16_t>(l + 1);
  w.PutVector(book);
  const uint64_t k1 = Feat(7, 1) & SparseWeights::kKeyMask, k2 = Feat(7, 2) & SparseWeights::kKeyMask;
  const uint64_t lo = std::min(k1, k2), hi = std::max(k1, k2);
  w.PutVector(std::vector<uint64_t>{lo, hi - lo});
  w.PutVector(std::vector<uint16_t>{1, 2});
  w.PutVector(std::vector<uint8_t>{3, 0, 4});          // classes
  w.PutVector(std::vector<uint8_t>{9, 0x80 | 4, 19});  // +10, -5, +20
  SparseWeights t;
  ByteReader r(w.bytes());
  ASSERT_TRUE(t.Read(&r, 5, /*key_planes=*/false));
  std::vector<int32_t> s(5, 0);
  const uint64_t feats[] = {hi};
  t.Score(feats, 1, s.data());
  EXPECT_EQ(s, (std::vector<int32_t>{-5, 0, 0, 0, 20}));
  std::fill(s.begin(), s.end(), 0);
  const uint64_t first[] = {lo};
  t.Score(first, 1, s.data());
  EXPECT_EQ(s, (std::vector<int32_t>{0, 0, 0, 10, 0}));
}

TEST(SparseWeightsTest, RejectsDamagedTables) {
  std::vector<SparseWeights::Row> rows = RandomRows(50, 10);
  ByteWriter w;
  SparseWeights::WriteRows(&rows, 1.0f, &w);
  SparseWeights t;
  ByteReader too_few_classes(w.bytes());
  EXPECT_FALSE(t.Read(&too_few_classes, 5));
  ByteReader truncated(std::string_view(w.bytes()).substr(0, w.bytes().size() - 3));
  EXPECT_FALSE(t.Read(&truncated, 10));
}

}  // namespace
}  // namespace storyline::syntax
