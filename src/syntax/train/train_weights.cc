// Averaged perceptron training weights; see train_weights.h.
#include "src/syntax/train/train_weights.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace storyline::syntax {

void TrainWeights::Rehash(size_t cap) {
  slots_.assign(cap, Slot{0, 0});
  for (size_t r = 0; r < row_keys_.size(); ++r) {
    size_t i = row_keys_[r] & (cap - 1);
    while (slots_[i].key != 0) i = (i + 1) & (cap - 1);
    slots_[i] = {row_keys_[r], r};
  }
}

int64_t TrainWeights::Find(uint64_t key) const {
  const size_t mask = slots_.size() - 1;
  size_t i = key & mask;
  while (slots_[i].key != 0) {
    if (slots_[i].key == key) return static_cast<int64_t>(slots_[i].row);
    i = (i + 1) & mask;
  }
  return -1;
}

int64_t TrainWeights::FindOrAdd(uint64_t key) {
  int64_t r = Find(key);
  if (r >= 0) return r;
  if ((rows_.size() + 1) * 2 > slots_.size()) Rehash(slots_.size() * 2);
  const size_t mask = slots_.size() - 1;
  size_t i = key & mask;
  while (slots_[i].key != 0) i = (i + 1) & mask;
  slots_[i] = {key, rows_.size()};
  row_keys_.push_back(key);
  rows_.emplace_back();
  totals_.emplace_back();
  updates_.push_back(0);
  return static_cast<int64_t>(rows_.size()) - 1;
}

void TrainWeights::Score(const uint64_t* feats, int n, float* scores) const {
  const size_t mask = slots_.size() - 1;
  for (int i = 0; i < n; ++i) __builtin_prefetch(&slots_[feats[i] & mask]);
  const std::vector<Entry>* found[256];
  int m = 0;
  for (int i = 0; i < n && m < 256; ++i) {
    int64_t r = Find(feats[i]);
    if (r < 0) continue;
    found[m] = &rows_[r];
    __builtin_prefetch(found[m]->data());
    ++m;
  }
  for (int i = 0; i < m; ++i)
    for (const Entry& e : *found[i]) scores[e.cls] += e.w;
}

void TrainWeights::Bump(int64_t r, int cls, float delta) {
  std::vector<Entry>& row = rows_[r];
  std::vector<Total>& tot = totals_[r];
  size_t j = 0;
  while (j < row.size() && row[j].cls != cls) ++j;
  if (j == row.size()) {
    row.push_back({static_cast<uint16_t>(cls), 0.0f});
    tot.push_back({0.0, now_});
  }
  tot[j].total += static_cast<double>(now_ - tot[j].stamp) * row[j].w;
  tot[j].stamp = now_;
  row[j].w += delta;
}

void TrainWeights::Update(const uint64_t* feats, int n, int truth, int guess) {
  for (int i = 0; i < n; ++i) {
    const int64_t r = FindOrAdd(feats[i]);
    ++updates_[r];
    Bump(r, truth, 1.0f);
    Bump(r, guess, -1.0f);
  }
}

void TrainWeights::Add(const uint64_t* feats, int n, int cls, float delta) {
  for (int i = 0; i < n; ++i) {
    const int64_t r = FindOrAdd(feats[i]);
    ++updates_[r];
    Bump(r, cls, delta);
  }
}

std::vector<SparseWeights::Row> TrainWeights::Averaged(double prune, float* scale) const {
  double max_abs = 0;
  std::vector<std::vector<float>> avg(rows_.size());
  for (size_t r = 0; r < rows_.size(); ++r) {
    avg[r].resize(rows_[r].size());
    for (size_t j = 0; j < rows_[r].size(); ++j) {
      const Entry& e = rows_[r][j];
      const Total& t = totals_[r][j];
      double total = t.total + static_cast<double>(now_ - t.stamp) * e.w;
      avg[r][j] = static_cast<float>(total / static_cast<double>(now_));
      max_abs = std::max(max_abs, std::fabs(static_cast<double>(avg[r][j])));
    }
  }
  *scale = max_abs > 0 ? static_cast<float>(max_abs / 32767.0) : 1.0f;
  std::vector<SparseWeights::Row> out;
  out.reserve(rows_.size());
  for (size_t r = 0; r < rows_.size(); ++r) {
    SparseWeights::Row row;
    row.key = row_keys_[r];
    row.updates = updates_[r];
    for (size_t j = 0; j < rows_[r].size(); ++j) {
      const float a = avg[r][j];
      if (std::fabs(a) < prune) continue;
      long q = std::lround(a / *scale);
      if (q == 0) continue;
      row.entries.push_back({rows_[r][j].cls, static_cast<int16_t>(std::clamp(q, -32767L, 32767L))});
    }
    if (row.entries.empty()) continue;
    std::sort(row.entries.begin(), row.entries.end(),
              [](const WeightEntry& a, const WeightEntry& b) { return a.cls < b.cls; });
    out.push_back(std::move(row));
  }
  return out;
}

TrainScoreMemo::TrainScoreMemo(const TrainWeights* weights, int num_classes, int capacity_log2)
    : weights_(weights), num_classes_(num_classes), shift_(64 - capacity_log2) {
  const size_t entries = size_t{1} << capacity_log2;
  sigs_.assign(entries, 0);
  gens_.assign(entries, 0);
  inputs_ = std::make_unique_for_overwrite<uint64_t[]>(entries * ScoreCache::kMaxInputWords);
  partial_.assign(entries * static_cast<size_t>(num_classes), 0.0f);
}

void TrainScoreMemo::Score(const ScoreCache::Group* groups, int num_groups, float* scores) {
  uint64_t keys[ScoreCache::kMaxGroupSize];
  for (int g = 0; g < num_groups; ++g) {
    const ScoreCache::Group& grp = groups[g];
    const size_t bytes = sizeof(uint64_t) * static_cast<size_t>(grp.words);
    const uint64_t sig = ScoreCache::Signature(g, grp.inputs, grp.words);
    const size_t e = static_cast<size_t>(sig >> shift_);
    uint64_t* stored = &inputs_[e * ScoreCache::kMaxInputWords];
    float* part = &partial_[e * static_cast<size_t>(num_classes_)];
    if (sigs_[e] != sig || gens_[e] != generation_ ||
        !ScoreCache::SameInputs(stored, grp.inputs, grp.words)) {
      sigs_[e] = sig;
      gens_[e] = generation_;
      std::memcpy(stored, grp.inputs, bytes);
      std::fill(part, part + num_classes_, 0.0f);
      weights_->Score(keys, DropFeatures(dropout_p_, serial_, keys, grp.keys(grp.context, keys)),
                      part);
    }
    for (int c = 0; c < num_classes_; ++c) scores[c] += part[c];
  }
}

}  // namespace storyline::syntax
