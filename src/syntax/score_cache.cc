// Memo of partial class scores; see score_cache.h.
#include "src/syntax/score_cache.h"

#include <algorithm>
#include <cstring>

#include "src/syntax/features.h"

namespace storyline::syntax {

namespace {

typedef int32_t V8i __attribute__((vector_size(32)));

// acc[0..n) += row[0..n), eight at a time (n a multiple of 8); -O2 does not
// vectorise the plain loop. AVX2 where the CPU has it, as in weights.cc.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void AddSums(int32_t* acc, const int32_t* row, int n) {
  for (int c = 0; c < n; c += 8) {
    V8i a, r;
    std::memcpy(&a, acc + c, sizeof(a));
    std::memcpy(&r, row + c, sizeof(r));
    a += r;
    std::memcpy(acc + c, &a, sizeof(a));
  }
}

}  // namespace

ScoreCache::ScoreCache(const SparseWeights* weights, std::span<const uint8_t> group_of,
                       int capacity_log2)
    : weights_(weights),
      num_features_(static_cast<int>(group_of.size())),
      num_classes_(weights->num_classes()),
      width_(weights->width()),
      shift_(64 - capacity_log2) {
  for (int i = 0; i < num_features_; ++i) {
    const int g = group_of[i];
    if (g >= kMaxGroups || groups_[g].size == kMaxGroupSize) {
      num_features_ = -1;  // unusable layout: every call takes the plain path
      break;
    }
    groups_[g].index[groups_[g].size++] = static_cast<uint8_t>(i);
    num_groups_ = std::max(num_groups_, g + 1);
  }
  const size_t entries = size_t{1} << capacity_log2;
  sigs_.assign(entries, 0);
  // Left uninitialised: an entry is read only after its signature is set.
  keys_ = std::make_unique_for_overwrite<uint64_t[]>(entries * kMaxGroupSize);
  partial_ = std::make_unique_for_overwrite<int32_t[]>(entries * static_cast<size_t>(width_));
}

uint64_t ScoreCache::Signature(int g, const uint64_t* feats, uint64_t* keys) const {
  const Group& grp = groups_[g];
  // The keys are hashes already: their sum is a good signature, and the
  // exact keys are compared too, so a clash only costs a miss.
  uint64_t sum = 0;
  for (int j = 0; j < grp.size; ++j) {
    keys[j] = feats[grp.index[j]];
    sum += keys[j];
  }
  uint64_t sig = (Mix64(sum + static_cast<uint64_t>(g)) & ~uint64_t{15}) | static_cast<uint64_t>(g);
  return sig < 16 ? sig | 16 : sig;  // never 0 (empty)
}

bool ScoreCache::Cached(uint64_t sig, const uint64_t* keys, int size, size_t* entry) const {
  const size_t e = static_cast<size_t>(sig >> shift_);
  *entry = e;
  return sigs_[e] == sig &&
         std::memcmp(&keys_[e * kMaxGroupSize], keys, sizeof(uint64_t) * static_cast<size_t>(size)) == 0;
}

void ScoreCache::Score(const uint64_t* feats, int n, int32_t* scores) {
  if (n != num_features_ || width_ == 0) {
    weights_->Score(feats, n, scores);
    return;
  }
  // Group sums are added here, then once to `scores` (num_classes_ long,
  // not a multiple of 8).
  alignas(32) int32_t acc[SparseWeights::kMaxClasses];
  std::fill(acc, acc + width_, 0);
  uint64_t keys[kMaxGroups][kMaxGroupSize];
  size_t miss[kMaxGroups];
  int num_miss = 0, miss_group[kMaxGroups];
  for (int g = 0; g < num_groups_; ++g) {
    const Group& grp = groups_[g];
    if (grp.size == 0) continue;
    const uint64_t sig = Signature(g, feats, keys[g]);
    size_t e;
    ++lookups_;
    if (Cached(sig, keys[g], grp.size, &e)) {
      ++hits_;
      AddSums(acc, &partial_[e * static_cast<size_t>(width_)], width_);
      continue;
    }
    sigs_[e] = sig;
    miss[num_miss] = e;
    miss_group[num_miss++] = g;
  }
  // Missing groups: all their table slots are requested first, then all
  // their rows, then the rows are added, so the cache misses of all the
  // lookups overlap.
  for (int m = 0; m < num_miss; ++m)
    weights_->Prefetch(keys[miss_group[m]], groups_[miss_group[m]].size);
  uint32_t rows[kMaxGroups][kMaxGroupSize];
  for (int m = 0; m < num_miss; ++m) {
    const int g = miss_group[m];
    for (int j = 0; j < groups_[g].size; ++j) rows[m][j] = weights_->FindRow(keys[g][j]);
    features_scored_ += static_cast<uint64_t>(groups_[g].size);
  }
  for (int m = 0; m < num_miss; ++m) {
    const int g = miss_group[m];
    const size_t e = miss[m];
    std::memcpy(&keys_[e * kMaxGroupSize], keys[g],
                sizeof(uint64_t) * static_cast<size_t>(groups_[g].size));
    int32_t* p = &partial_[e * static_cast<size_t>(width_)];
    std::fill(p, p + width_, 0);
    for (int j = 0; j < groups_[g].size; ++j) weights_->AddRow(rows[m][j], p);
    AddSums(acc, p, width_);
  }
  const int whole = num_classes_ / 8 * 8;
  AddSums(scores, acc, whole);
  for (int c = whole; c < num_classes_; ++c) scores[c] += acc[c];
}

}  // namespace storyline::syntax
