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

// Each word gets its own multiplier and the products are summed: no chain
// of dependent multiplications through a group's ~10 words.
uint64_t ScoreCache::Signature(int g, const void* inputs, int words) {
  static constexpr uint64_t kMul[ScoreCache::kMaxInputWords] = {
      0x9E3779B97F4A7C15ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL,
      0xD6E8FEB86659FD93ULL, 0xFF51AFD7ED558CCDULL, 0xC4CEB9FE1A85EC53ULL,
      0x85EBCA77C2B2AE63ULL, 0x27D4EB2F165667C5ULL, 0x94D049BB133111EBULL,
      0xBF58476D1CE4E5B9ULL, 0x632BE59BD9B4E019ULL, 0x8CB92BA72F3D8DD7ULL,
      0xA0761D6478BD642FULL, 0xE7037ED1A0B428DBULL, 0x8EBC6AF09C88C6E3ULL,
      0x589965CC75374CC3ULL};
  uint64_t h = static_cast<uint64_t>(g + 1) * 0x1D8E4E27C47D124FULL;
  for (int i = 0; i < words; ++i) {
    uint64_t w;
    std::memcpy(&w, static_cast<const char*>(inputs) + 8 * i, sizeof(w));
    h += (w ^ (w >> 29)) * kMul[i];
  }
  const uint64_t sig = (Mix64(h) & ~uint64_t{15}) | static_cast<uint64_t>(g);
  return sig < 16 ? sig | 16 : sig;
}

ScoreCache::ScoreCache(const SparseWeights* weights, int capacity_log2)
    : weights_(weights),
      num_classes_(weights->num_classes()),
      width_(weights->width()),
      shift_(64 - std::clamp(capacity_log2, 1, 20)) {
  const size_t entries = size_t{1} << (64 - shift_);
  sigs_.assign(entries, 0);
  // Left uninitialised: an entry is read only after its signature is set.
  inputs_ = std::make_unique_for_overwrite<uint64_t[]>(entries * kMaxInputWords);
  partial_ = std::make_unique_for_overwrite<int32_t[]>(entries * static_cast<size_t>(width_));
}

void ScoreCache::Score(const Group* groups, int num_groups, int32_t* scores) {
  uint64_t keys[kMaxGroups][kMaxGroupSize];
  int num_keys[kMaxGroups];
  bool plain = width_ == 0 || num_groups > kMaxGroups;  // no dense layout, too many groups
  for (int g = 0; g < num_groups; ++g) plain |= groups[g].words > kMaxInputWords;
  if (plain) {
    for (int g = 0; g < num_groups; ++g) {
      const int k = groups[g].keys(groups[g].context, keys[0]);
      weights_->Score(keys[0], k, scores);
    }
    return;
  }
  // Group sums are added here, then once to `scores` (num_classes_ long,
  // not a multiple of 8).
  alignas(32) int32_t acc[SparseWeights::kMaxClasses];
  std::fill(acc, acc + width_, 0);
  size_t miss[kMaxGroups];
  int num_miss = 0, miss_group[kMaxGroups];
  for (int g = 0; g < num_groups; ++g) {
    const Group& grp = groups[g];
    const size_t bytes = sizeof(uint64_t) * static_cast<size_t>(grp.words);
    const uint64_t sig = Signature(g, grp.inputs, grp.words);
    const size_t e = static_cast<size_t>(sig >> shift_);
    uint64_t* stored = &inputs_[e * kMaxInputWords];
    ++lookups_;
    if (sigs_[e] == sig && SameInputs(stored, grp.inputs, grp.words)) {
      ++hits_;
      AddSums(acc, &partial_[e * static_cast<size_t>(width_)], width_);
      continue;
    }
    // Claimed now; its sums are written below, before any later call can
    // read them. Another group of this call may claim it again: its
    // signature differs (the group bits), so it is never taken for a hit.
    sigs_[e] = sig;
    std::memcpy(stored, grp.inputs, bytes);
    miss[num_miss] = e;
    miss_group[num_miss++] = g;
  }
  // Missing groups: all their keys are made and their table slots
  // requested first, then all their rows, then the rows are added, so the
  // cache misses of all the lookups overlap.
  for (int m = 0; m < num_miss; ++m) {
    const Group& grp = groups[miss_group[m]];
    num_keys[m] = grp.keys(grp.context, keys[m]);
    weights_->Prefetch(keys[m], num_keys[m]);
    features_scored_ += static_cast<uint64_t>(num_keys[m]);
  }
  uint64_t rows[kMaxGroups][kMaxGroupSize];
  for (int m = 0; m < num_miss; ++m)
    for (int j = 0; j < num_keys[m]; ++j) rows[m][j] = weights_->FindRow(keys[m][j]);
  for (int m = 0; m < num_miss; ++m) {
    int32_t* p = &partial_[miss[m] * static_cast<size_t>(width_)];
    std::fill(p, p + width_, 0);
    for (int j = 0; j < num_keys[m]; ++j) weights_->AddRow(rows[m][j], p);
    AddSums(acc, p, width_);
  }
  const int whole = num_classes_ / 8 * 8;
  AddSums(scores, acc, whole);
  for (int c = whole; c < num_classes_; ++c) scores[c] += acc[c];
}

}  // namespace storyline::syntax
