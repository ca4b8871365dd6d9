// Sparse perceptron weights; see weights.h.
#include "src/syntax/weights.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace storyline::syntax {

void SparseWeights::Reset(size_t num_rows, size_t num_entries, float scale, int num_classes) {
  scale_ = scale;
  num_rows_ = num_rows;
  num_classes_ = num_classes;
  // Dense rows need the score buffer in Score (kMaxClasses); Read never
  // sees more classes, Build from wider rows simply keeps every row sparse.
  width_ = num_classes <= kMaxClasses ? (num_classes + 7) / 8 * 8 : 0;
  // Load factor ~0.7: linear probing stays short, and the slot array (the
  // first cache miss of every lookup) stays small.
  num_slots_ = num_rows + num_rows * 3 / 7 + 16;
  slots_.assign(num_slots_, 0);
  entries_.clear();
  entries_.reserve(num_entries + num_rows);
  dense_.clear();
}

void SparseWeights::Insert(uint64_t key, const WeightEntry* entries, size_t len) {
  size_t i = Home(key);
  while (slots_[i] != 0) i = i + 1 == num_slots_ ? 0 : i + 1;
  uint64_t& slot = slots_[i];
  slot = Tag(key);
  if (static_cast<int>(len) * 4 >= width_ && width_ > 0) {
    slot |= uint64_t{kDenseRow} << 16 | uint64_t{dense_.size()} << 18;
    dense_.resize(dense_.size() + width_, 0);
    int16_t* d = &dense_[dense_.size() - width_];
    for (size_t j = 0; j < len; ++j) d[entries[j].cls] = entries[j].w;
    return;
  }
  if (len >= 1 && len <= 2 && num_classes_ <= kInlineMaxClasses) {
    slot |= static_cast<uint64_t>(len == 1 ? kInline1 : kInline2) << 16 | InlinePair(entries[0]) << 18;
    if (len == 2) slot |= InlinePair(entries[1]) << 41;
    return;
  }
  slot |= uint64_t{kSparseRow} << 16 | uint64_t{entries_.size()} << 18;
  entries_.push_back({static_cast<uint16_t>(len), 0});
  entries_.insert(entries_.end(), entries, entries + len);
}

void SparseWeights::Build(const std::vector<Row>& rows, float scale) {
  size_t total = 0;
  int num_classes = 0;
  for (const Row& r : rows) {
    total += r.entries.size();
    for (const WeightEntry& e : r.entries) num_classes = std::max(num_classes, e.cls + 1);
  }
  Reset(rows.size(), total, scale, num_classes);
  for (const Row& r : rows) Insert(r.key, r.entries.data(), r.entries.size());
}

uint64_t SparseWeights::Find(uint64_t key) const {
  // Keys whose slot and tag agree are treated as the same feature: with 48
  // bits of hash split over slot and tag, collisions are rare and harmless.
  const uint64_t tag = Tag(key);
  size_t i = Home(key);
  while (true) {
    const uint64_t s = slots_[i];
    if ((s & 0xFFFF) == tag) return s;
    if (s == 0) return kNoRow;
    i = i + 1 == num_slots_ ? 0 : i + 1;
  }
}

namespace {

// GCC/Clang vector extensions: eight int16 weights widened and added to
// eight int32 sums, in whatever SIMD the target has (SSE2 at least).
typedef int16_t V8s __attribute__((vector_size(16)));
typedef int32_t V8i __attribute__((vector_size(32)));

// Built twice, for AVX2 and for the baseline, and picked at load time
// (GCC function multi-versioning), so the binary runs on any x86-64.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void AddDense(int32_t* acc, const int16_t* row, int width) {
  for (int c = 0; c < width; c += 8) {
    V8s d;
    V8i a;
    std::memcpy(&d, row + c, sizeof(d));
    std::memcpy(&a, acc + c, sizeof(a));
    a += __builtin_convertvector(d, V8i);
    std::memcpy(acc + c, &a, sizeof(a));
  }
}

// The class and weight of an inline pair (weights.h) at bit `at` of a slot.
inline void AddPair(uint64_t slot, int at, int32_t* acc) {
  acc[(slot >> at) & 127] += static_cast<int16_t>(static_cast<uint16_t>(slot >> (at + 7)));
}

}  // namespace

void SparseWeights::AddRow(uint64_t row, int32_t* acc) const {
  switch (KindOf(row)) {
    case kInline2:
      AddPair(row, 41, acc);
      [[fallthrough]];
    case kInline1:
      AddPair(row, 18, acc);
      return;
    case kDenseRow:
      AddDense(acc, &dense_[Offset(row)], width_);
      return;
    default: {
      if (row == kNoRow) return;
      const WeightEntry* e = &entries_[Offset(row)];
      const int len = e->cls;
      for (int j = 1; j <= len; ++j) acc[e[j].cls] += e[j].w;
    }
  }
}

void SparseWeights::Score(const uint64_t* feats, int n, int32_t* scores) const {
  if (slots_.empty()) return;
  for (int i = 0; i < n; ++i) __builtin_prefetch(&slots_[Home(feats[i])]);
  // Gather rows first so their entries can be prefetched too.
  uint64_t rows[256];
  const int16_t* dense[256];
  int m = 0, md = 0;
  for (int i = 0; i < n && m < 256 && md < 256; ++i) {
    const uint64_t s = Find(feats[i]);
    if (s == kNoRow) continue;
    if (KindOf(s) == kDenseRow) {
      const int16_t* d = &dense_[Offset(s)];
      dense[md++] = d;
      for (int c = 0; c < width_; c += 32) __builtin_prefetch(d + c);
    } else {
      if (KindOf(s) == kSparseRow) __builtin_prefetch(&entries_[Offset(s)]);
      rows[m++] = s;
    }
  }
  // Integer sums: exact, and one scale for all classes leaves the argmax
  // unchanged, so scores stay in quantised units.
  for (int i = 0; i < m; ++i) AddRow(rows[i], scores);
  if (md == 0) return;
  // The rows of frequent features (tags, bias) cover many classes: dense
  // vector adds beat ~50 scattered ones each.
  alignas(32) int32_t acc[kMaxClasses];
  std::fill(acc, acc + width_, 0);
  for (int i = 0; i < md; ++i) AddDense(acc, dense[i], width_);
  for (int c = 0; c < num_classes_; ++c) scores[c] += acc[c];
}

namespace {

// Weight codes: bit 7 the sign, bits 0-6 a level on a log scale between
// the table's smallest and largest |w| (127 levels: ~3% apart after
// pruning), so a weight costs one byte in the file. Dev UPOS and LAS move
// by <= 0.0006 either way. The decoded magnitudes are stored, not
// recomputed, so reading never depends on the platform's exp().
constexpr int kLevels = 127;

std::vector<int16_t> Codebook(const std::vector<SparseWeights::Row>& rows) {
  int lo = 32767, hi = 1;
  for (const SparseWeights::Row& r : rows)
    for (const WeightEntry& e : r.entries) {
      const int a = std::abs(static_cast<int>(e.w));
      lo = std::min(lo, a);
      hi = std::max(hi, a);
    }
  lo = std::min(lo, hi);
  std::vector<int16_t> book(kLevels);
  const double llo = std::log(static_cast<double>(lo));
  const double step = (std::log(static_cast<double>(hi)) - llo) / (kLevels - 1);
  for (int l = 0; l < kLevels; ++l)
    book[l] = static_cast<int16_t>(std::lround(std::exp(llo + step * l)));
  return book;
}

// The code whose decoded magnitude is nearest to |w|.
uint8_t Encode(const std::vector<int16_t>& book, int16_t w) {
  const int a = std::abs(static_cast<int>(w));
  auto it = std::lower_bound(book.begin(), book.end(), static_cast<int16_t>(a));
  int l = static_cast<int>(it - book.begin());
  if (l == kLevels) l = kLevels - 1;
  if (l > 0 && a - book[l - 1] <= book[l] - a) --l;
  return static_cast<uint8_t>(l | (w < 0 ? 0x80 : 0));
}

}  // namespace

void SparseWeights::RoundToCodes(std::vector<Row>* rows) {
  const std::vector<int16_t> book = Codebook(*rows);
  for (Row& r : *rows)
    for (WeightEntry& e : r.entries) {
      const uint8_t c = Encode(book, e.w);
      e.w = static_cast<int16_t>((c & 0x80) ? -book[c & 0x7F] : book[c & 0x7F]);
    }
}

void SparseWeights::WriteRows(std::vector<Row>* rows, float scale, ByteWriter* w) {
  for (Row& r : *rows) r.key &= kKeyMask;
  std::sort(rows->begin(), rows->end(),
            [](const Row& a, const Row& b) { return a.key < b.key; });
  const std::vector<int16_t> book = Codebook(*rows);
  w->Put<float>(scale);
  w->PutVector(book);
  std::vector<uint64_t> keys;
  std::vector<uint16_t> lens;
  std::vector<uint8_t> cls, codes;
  keys.reserve(rows->size());
  lens.reserve(rows->size());
  for (const Row& r : *rows) {
    keys.push_back(r.key);
    lens.push_back(static_cast<uint16_t>(r.entries.size()));
    for (const WeightEntry& e : r.entries) {
      cls.push_back(static_cast<uint8_t>(e.cls));  // < kMaxClasses
      codes.push_back(Encode(book, e.w));
    }
  }
  // Delta-code keys: sorted hashes compress poorly raw, their gaps (~30
  // significant bits of 48) better, and better still as byte planes (all
  // lowest bytes, then all second bytes ...), where zlib sees the
  // near-constant high bytes together: 8.2 -> 6.5 MB for 1.8 M random keys,
  // against an entropy bound of 6.4 MB.
  for (size_t i = keys.size(); i-- > 1;) keys[i] -= keys[i - 1];
  const size_t n = keys.size();
  std::vector<uint8_t> planes(kKeyBytes * n);
  for (size_t i = 0; i < n; ++i)
    for (int b = 0; b < kKeyBytes; ++b) planes[b * n + i] = static_cast<uint8_t>(keys[i] >> (8 * b));
  w->PutVector(planes);
  w->PutVector(lens);
  // Classes and codes in two streams: each compresses better alone.
  w->PutVector(cls);
  w->PutVector(codes);
}

bool SparseWeights::Read(ByteReader* r, int num_classes, bool key_planes) {
  float scale;
  std::vector<int16_t> book;
  std::vector<uint64_t> keys;
  std::vector<uint16_t> lens;
  std::vector<uint8_t> cls, codes;
  if (!r->Get(&scale) || !r->GetVector(&book)) return false;
  if (key_planes) {
    std::vector<uint8_t> planes;
    if (!r->GetVector(&planes) || planes.size() % kKeyBytes != 0) return false;
    const size_t n = planes.size() / kKeyBytes;
    keys.assign(n, 0);
    for (int b = 0; b < kKeyBytes; ++b)
      for (size_t i = 0; i < n; ++i) keys[i] |= uint64_t{planes[b * n + i]} << (8 * b);
  } else if (!r->GetVector(&keys)) {
    return false;
  }
  if (!r->GetVector(&lens) || !r->GetVector(&cls) || !r->GetVector(&codes)) return false;
  if (book.size() != kLevels || keys.size() != lens.size() || cls.size() != codes.size() ||
      num_classes > kMaxClasses)
    return false;
  for (uint8_t c : cls)
    if (c >= num_classes) return false;
  for (size_t i = 1; i < keys.size(); ++i) keys[i] += keys[i - 1];
  size_t total = 0;
  for (uint16_t l : lens) total += l;
  if (total != cls.size()) return false;
  int max_cls = 0;
  for (uint8_t c : cls) max_cls = std::max(max_cls, c + 1);
  Reset(keys.size(), total, scale, max_cls);
  std::vector<WeightEntry> row;
  size_t pos = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    if (keys[k] == 0 || keys[k] > kKeyMask) return false;
    row.resize(lens[k]);
    for (size_t j = 0; j < lens[k]; ++j) {
      const uint8_t c = codes[pos + j];
      const int16_t m = book[c & 0x7F];
      row[j] = {cls[pos + j], static_cast<int16_t>((c & 0x80) ? -m : m)};
    }
    Insert(keys[k], row.data(), row.size());
    pos += lens[k];
  }
  return true;
}

}  // namespace storyline::syntax
