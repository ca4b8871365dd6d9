// Sparse linear weights for the averaged-perceptron tagger and parser.
//
// Each feature is a 64-bit hash (features.h). The runtime table maps a
// feature to the few classes it has non-zero weight for, stored as
// (class, int16 weight) pairs after averaging and quantisation: most
// features touch only a handful of the ~100 classes, so scoring a state
// costs one probe per feature plus a short scan (spaCy v1's layout); rows
// with >= 1/4 of the classes (tags, bias) are stored dense and added with
// vector instructions. The table is open addressing with linear probing
// over 8-byte slots (load factor 0.7, any size), built at load time from a
// key-sorted list. A row of one or two weights (85% of the parser's rows,
// 67% of the tagger's) lives inside its slot, so finding the feature finds
// its weights: one cache miss instead of two, and no separate entry. Lookups
// prefetch all slots of a state first, which hides most cache misses.
// Immutable after Build/Read and therefore thread-safe for concurrent
// scoring.
#ifndef STORYLINE_SRC_SYNTAX_WEIGHTS_H_
#define STORYLINE_SRC_SYNTAX_WEIGHTS_H_

#include <cstdint>
#include <vector>

#include "src/syntax/byte_io.h"

namespace storyline::syntax {

struct WeightEntry {
  uint16_t cls;
  int16_t w;
};

class SparseWeights {
 public:
  // One feature's row during construction.
  struct Row {
    uint64_t key;
    std::vector<WeightEntry> entries;
    uint32_t updates = 0;  // training only: perceptron updates that touched it
  };

  // Builds the table from rows (any order; keys must be distinct and
  // non-zero in their low 48 bits). `scale` converts int16 weights back to scores.
  void Build(const std::vector<Row>& rows, float scale);

  // Adds the quantised weights of `n` features to scores[0..num_classes)
  // (multiply by scale() for the real-valued scores).
  void Score(const uint64_t* feats, int n, int32_t* scores) const;
  // Requests the table slots of `n` features (the first cache miss of each
  // lookup), for a caller about to score several batches.
  void Prefetch(const uint64_t* feats, int n) const {
    if (slots_.empty()) return;
    for (int i = 0; i < n; ++i) __builtin_prefetch(&slots_[Home(feats[i])]);
  }
  // 1 + the largest class id with a weight: Score touches scores[0..this).
  int num_classes() const { return num_classes_; }
  // num_classes() rounded up to 8: the length of an AddRow accumulator.
  int width() const { return width_; }

  // Scoring in two steps, for a caller that looks up many features before
  // adding any (so their cache misses overlap): FindRow gives a feature's
  // row (kNoRow when the table lacks it) and prefetches a row stored out of
  // its slot; AddRow adds the row to acc[0..width()). Together they add
  // what Score adds.
  static constexpr uint64_t kNoRow = 0;
  uint64_t FindRow(uint64_t key) const {
    const uint64_t s = slots_.empty() ? kNoRow : Find(key);
    if (KindOf(s) == kDenseRow) {
      const int16_t* d = &dense_[Offset(s)];
      for (int c = 0; c < width_; c += 32) __builtin_prefetch(d + c);
    } else if (KindOf(s) == kSparseRow) {
      __builtin_prefetch(&entries_[Offset(s)]);
    }
    return s;
  }
  void AddRow(uint64_t row, int32_t* acc) const;

  size_t num_features() const { return num_rows_; }
  size_t MemoryBytes() const {
    return slots_.size() * sizeof(uint64_t) + entries_.size() * sizeof(WeightEntry) +
           dense_.size() * sizeof(int16_t);
  }
  float scale() const { return scale_; }

  // Only the low 48 bits of a key are kept (file and table): 32 pick the
  // slot, 16 tell keys in a slot apart. A feature the table lacks matches a
  // stored one with probability ~2^-16 per probe, rare enough to be noise,
  // and every key costs ~2 bytes less in the file.
  static constexpr uint64_t kKeyMask = (uint64_t{1} << 48) - 1;
  static constexpr int kKeyBytes = 6;  // bytes of a stored key (and delta)

  // Classes per table in the file (one byte each).
  static constexpr int kMaxClasses = 256;

  // Rounds every weight to the value the file will store (one byte: sign
  // and a level on a log scale fitted to the rows' range), so the trainer
  // evaluates exactly what a reader gets back.
  static void RoundToCodes(std::vector<Row>* rows);

  // Serialises rows (sorted by key for a deterministic file; weights as
  // RoundToCodes codes) and reads them back into a built table. Read
  // returns false on damaged data.
  static void WriteRows(std::vector<Row>* rows, float scale, ByteWriter* w);
  // Class ids must be < num_classes <= kMaxClasses. `key_planes`: the
  // keys' deltas are stored as six byte planes (model format 6, what
  // WriteRows writes), not as uint64 (formats 3-5).
  bool Read(ByteReader* r, int num_classes, bool key_planes = true);

 private:
  // A slot is one uint64: bits 0-15 the key's tag (bits 32..47 of the key,
  // 0 -> 1; 0 = empty slot), bits 16-17 the row's kind, bits 18-63 the row:
  //   kSparseRow: entries_[offset] holds the row length in `cls`, the
  //               row's entries follow (offset in bits 18-49);
  //   kDenseRow:  dense_[offset ...], width_ classes;
  //   kInline1/2: one or two (7-bit class, int16 weight) pairs, the first
  //               in bits 18-40, the second in bits 41-63 (tables of at
  //               most 128 classes; wider tables store every row apart).
  enum RowKind : int { kSparseRow = 0, kDenseRow = 1, kInline1 = 2, kInline2 = 3 };
  static int KindOf(uint64_t slot) { return static_cast<int>((slot >> 16) & 3); }
  static size_t Offset(uint64_t slot) { return static_cast<size_t>((slot >> 18) & 0xFFFFFFFFu); }
  static uint64_t InlinePair(const WeightEntry& e) {
    return uint64_t{e.cls} | (uint64_t{static_cast<uint16_t>(e.w)} << 7);
  }
  static constexpr int kInlineMaxClasses = 128;
  // Slot of `key`: its low 32 bits scaled to [0, num_slots_) (Lemire's
  // multiply-shift), so the table needs no power-of-two size.
  size_t Home(uint64_t key) const {
    return static_cast<size_t>(((key & 0xFFFFFFFFULL) * num_slots_) >> 32);
  }
  static uint64_t Tag(uint64_t key) {
    const uint64_t t = (key & kKeyMask) >> 32;
    return t == 0 ? 1 : t;
  }
  // The slot holding `key`, or kNoRow.
  uint64_t Find(uint64_t key) const;
  void Reset(size_t num_rows, size_t num_entries, float scale, int num_classes);
  void Insert(uint64_t key, const WeightEntry* entries, size_t len);

  std::vector<uint64_t> slots_;
  std::vector<WeightEntry> entries_;
  // Rows with >= 1/4 of the classes, dense int16 over width_ classes.
  std::vector<int16_t> dense_;
  int num_classes_ = 0;  // 1 + largest class id
  int width_ = 0;        // num_classes_ rounded up to 8
  size_t num_slots_ = 0;
  size_t num_rows_ = 0;
  float scale_ = 1.0f;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_WEIGHTS_H_
