// Sparse perceptron weights; see weights.h.
#include "src/syntax/weights.h"

#include <algorithm>

namespace storyline::syntax {

void SparseWeights::Build(const std::vector<Row>& rows, float scale) {
  scale_ = scale;
  num_rows_ = rows.size();
  size_t cap = 16;
  while (cap < rows.size() * 2) cap <<= 1;  // load factor <= 0.5
  mask_ = cap - 1;
  slots_.assign(cap, Slot{0, 0});
  entries_.clear();
  size_t total = 0;
  for (const Row& r : rows) total += r.entries.size() + 1;
  entries_.reserve(total);
  for (const Row& r : rows) {
    size_t i = r.key & mask_;
    while (slots_[i].tag != 0) i = (i + 1) & mask_;
    slots_[i].tag = Tag(r.key);
    slots_[i].offset = static_cast<uint32_t>(entries_.size());
    entries_.push_back({static_cast<uint16_t>(r.entries.size()), 0});
    entries_.insert(entries_.end(), r.entries.begin(), r.entries.end());
  }
}

const SparseWeights::Slot* SparseWeights::Find(uint64_t key) const {
  // Keys whose slot and tag agree are treated as the same feature: with 64
  // bits of hash split over slot and tag, collisions are rare and harmless.
  const uint32_t tag = Tag(key);
  size_t i = key & mask_;
  while (true) {
    const Slot& s = slots_[i];
    if (s.tag == tag) return &s;
    if (s.tag == 0) return nullptr;
    i = (i + 1) & mask_;
  }
}

void SparseWeights::Score(const uint64_t* feats, int n, float* scores) const {
  if (slots_.empty()) return;
  for (int i = 0; i < n; ++i) __builtin_prefetch(&slots_[feats[i] & mask_]);
  // Gather rows first so their entries can be prefetched too.
  const WeightEntry* rows[256];
  int m = 0;
  for (int i = 0; i < n && m < 256; ++i) {
    const Slot* s = Find(feats[i]);
    if (s != nullptr) {
      rows[m++] = &entries_[s->offset];
      __builtin_prefetch(&entries_[s->offset]);
    }
  }
  for (int i = 0; i < m; ++i) {
    const WeightEntry* e = rows[i];
    const int len = e->cls;
    for (int j = 1; j <= len; ++j) scores[e[j].cls] += scale_ * e[j].w;
  }
}

void SparseWeights::WriteRows(std::vector<Row>* rows, float scale, ByteWriter* w) {
  std::sort(rows->begin(), rows->end(),
            [](const Row& a, const Row& b) { return a.key < b.key; });
  w->Put<float>(scale);
  std::vector<uint64_t> keys;
  std::vector<uint16_t> lens;
  std::vector<WeightEntry> entries;
  keys.reserve(rows->size());
  lens.reserve(rows->size());
  for (const Row& r : *rows) {
    keys.push_back(r.key);
    lens.push_back(static_cast<uint16_t>(r.entries.size()));
    entries.insert(entries.end(), r.entries.begin(), r.entries.end());
  }
  // Delta-code keys: sorted hashes compress poorly raw, their gaps slightly better.
  for (size_t i = keys.size(); i-- > 1;) keys[i] -= keys[i - 1];
  w->PutVector(keys);
  w->PutVector(lens);
  // Split classes and weights into two streams: each compresses better alone.
  std::vector<uint16_t> cls(entries.size());
  std::vector<int16_t> ws(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    cls[i] = entries[i].cls;
    ws[i] = entries[i].w;
  }
  w->PutVector(cls);
  w->PutVector(ws);
}

bool SparseWeights::Read(ByteReader* r, int num_classes) {
  float scale;
  std::vector<uint64_t> keys;
  std::vector<uint16_t> lens;
  std::vector<uint16_t> cls;
  std::vector<int16_t> ws;
  if (!r->Get(&scale) || !r->GetVector(&keys) || !r->GetVector(&lens) ||
      !r->GetVector(&cls) || !r->GetVector(&ws))
    return false;
  if (keys.size() != lens.size() || cls.size() != ws.size()) return false;
  for (uint16_t c : cls)
    if (c >= num_classes) return false;
  for (size_t i = 1; i < keys.size(); ++i) keys[i] += keys[i - 1];
  // Build straight from the flat arrays (no per-row vectors: loads fast).
  size_t total = 0;
  for (uint16_t l : lens) total += l;
  if (total != cls.size()) return false;
  scale_ = scale;
  num_rows_ = keys.size();
  size_t cap = 16;
  while (cap < keys.size() * 2) cap <<= 1;
  mask_ = cap - 1;
  slots_.assign(cap, Slot{0, 0});
  entries_.clear();
  entries_.reserve(total + keys.size());
  size_t pos = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (keys[k] == 0) return false;
    size_t i = keys[k] & mask_;
    while (slots_[i].tag != 0) i = (i + 1) & mask_;
    slots_[i].tag = Tag(keys[k]);
    slots_[i].offset = static_cast<uint32_t>(entries_.size());
    entries_.push_back({lens[k], 0});
    for (size_t j = 0; j < lens[k]; ++j) entries_.push_back({cls[pos + j], ws[pos + j]});
    pos += lens[k];
  }
  return true;
}

}  // namespace storyline::syntax
