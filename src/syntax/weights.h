// Sparse linear weights for the averaged-perceptron tagger and parser.
//
// Each feature is a 64-bit hash (features.h). The runtime table maps a
// feature to the few classes it has non-zero weight for, stored as
// (class, int16 weight) pairs after averaging and quantisation: most
// features touch only a handful of the ~100 classes, so scoring a state
// costs one probe per feature plus a short scan (spaCy v1's layout). The
// table is open addressing with linear probing over 8-byte slots, built at
// load time from a key-sorted list; lookups prefetch all slots of a state
// first, which hides most cache misses. Immutable after Build/Read and
// therefore thread-safe for concurrent scoring.
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
  };

  // Builds the table from rows (any order; keys must be distinct and
  // non-zero). `scale` converts int16 weights back to scores.
  void Build(const std::vector<Row>& rows, float scale);

  // Adds the weights of `n` features to scores[0..num_classes).
  void Score(const uint64_t* feats, int n, float* scores) const;

  size_t num_features() const { return num_rows_; }
  size_t num_entries() const { return entries_.size(); }
  size_t MemoryBytes() const {
    return slots_.size() * sizeof(Slot) + entries_.size() * sizeof(WeightEntry);
  }
  float scale() const { return scale_; }

  // Serialises rows (sorted by key for a deterministic file) and reads
  // them back into a built table. Read returns false on damaged data.
  static void WriteRows(std::vector<Row>* rows, float scale, ByteWriter* w);
  // Class ids must be < num_classes.
  bool Read(ByteReader* r, int num_classes);

 private:
  struct Slot {
    uint32_t tag;     // upper 32 bits of the key; 0 = empty slot
    uint32_t offset;  // entries_[offset] holds the row length in `cls`,
                      // the row's entries follow
  };
  static uint32_t Tag(uint64_t key) {
    uint32_t t = static_cast<uint32_t>(key >> 32);
    return t == 0 ? 1 : t;
  }
  const Slot* Find(uint64_t key) const;

  std::vector<Slot> slots_;
  std::vector<WeightEntry> entries_;
  uint64_t mask_ = 0;
  size_t num_rows_ = 0;
  float scale_ = 1.0f;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_WEIGHTS_H_
