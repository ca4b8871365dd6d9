// Training-time weights of the averaged perceptron (Collins 2002).
//
// A sparse row of (class, weight, running total, last-update time) per
// feature; averaging is lazy (Daume's trick): an entry's total catches up
// only when it changes, and Averaged() finishes every entry. Averaged()
// also quantises to int16 with one scale per table and prunes entries that
// round to zero, giving the runtime's SparseWeights rows. Single-threaded.
#ifndef STORYLINE_SRC_SYNTAX_TRAIN_TRAIN_WEIGHTS_H_
#define STORYLINE_SRC_SYNTAX_TRAIN_TRAIN_WEIGHTS_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "src/syntax/features.h"
#include "src/syntax/score_cache.h"
#include "src/syntax/weights.h"

namespace storyline::syntax {

// Feature dropout in training: leaves out each of the n features with
// probability p, by a hash of the feature and the instance's serial number
// (a word for the taggers, a sentence for the beam parser), so training
// stays deterministic and every use of one instance drops the same
// features. Returns the new count.
inline int DropFeatures(double p, uint64_t serial, uint64_t* feats, int n) {
  if (p <= 0) return n;
  int k = 0;
  for (int i = 0; i < n; ++i)
    if (static_cast<double>(Mix64(feats[i] ^ (serial * 0x9E3779B97F4A7C15ULL)) >> 11) * 0x1p-53 >= p)
      feats[k++] = feats[i];
  return k;
}

class TrainWeights {
 public:
  explicit TrainWeights(int num_classes) : num_classes_(num_classes) { Rehash(1 << 16); }

  // Adds the current (not averaged) weights of the features to scores.
  void Score(const uint64_t* feats, int n, float* scores) const;
  // One training instance has passed (the averaging clock).
  void Tick() { ++now_; }
  // Perceptron update: +1 to `truth`, -1 to `guess` for every feature.
  void Update(const uint64_t* feats, int n, int truth, int guess);
  // One-sided update: `delta` to class `cls` for every feature (the two
  // sides of a structured-perceptron update come from different states).
  void Add(const uint64_t* feats, int n, int cls, float delta);

  // Averaged, quantised rows; entries with |average| < prune are dropped.
  std::vector<SparseWeights::Row> Averaged(double prune, float* scale) const;
  size_t num_features() const { return rows_.size(); }

 private:
  // Scoring reads only (class, weight): those sit apart from the
  // averaging state, 8 bytes an entry instead of 24 (scoring is most of a
  // beam parser's training time).
  struct Entry {
    uint16_t cls;
    float w;
  };
  struct Total {
    double total;
    int64_t stamp;
  };
  void Bump(int64_t r, int cls, float delta);
  int64_t FindOrAdd(uint64_t key);
  int64_t Find(uint64_t key) const;
  void Rehash(size_t cap);

  int num_classes_;
  int64_t now_ = 1;
  struct Slot {
    uint64_t key;  // 0 = empty
    uint64_t row;
  };
  std::vector<Slot> slots_;
  std::vector<uint64_t> row_keys_;
  std::vector<std::vector<Entry>> rows_;
  std::vector<std::vector<Total>> totals_;  // parallel to rows_
  std::vector<uint32_t> updates_;  // per row: updates that touched it
};

// The beam trainer's memo of group sums: ScoreCache's idea (score_cache.h)
// over training weights. The weights change only between sentences (the
// update follows the decode), so within one sentence a group's summed rows
// depend on its inputs alone: a beam item whose s0 subtree, buffer or s1
// another item or an earlier step has scored costs one row add for that
// group instead of ~10 hash lookups (scoring was 81% of beam training).
// The weights are integer-valued floats (every update is +-1) and their
// sums stay far below 2^24, so regrouping the additions changes nothing:
// the scores, and the trained model, are exactly those of
// TrainWeights::Score over all the keys. Clear() before each sentence.
class TrainScoreMemo {
 public:
  // `weights` must outlive the memo; 2^capacity_log2 entries.
  TrainScoreMemo(const TrainWeights* weights, int num_classes, int capacity_log2 = 10);
  // Forgets every entry (the weights have changed). O(1). With
  // dropout_p > 0 the next sentence's scores leave out the features
  // DropFeatures(dropout_p, serial, ...) drops.
  void Clear(double dropout_p = 0, uint64_t serial = 0) {
    ++generation_;
    dropout_p_ = dropout_p;
    serial_ = serial;
  }
  // Adds the class scores of the groups' keys to scores[0..num_classes);
  // group i must be the same kind of group in every call, as for ScoreCache.
  void Score(const ScoreCache::Group* groups, int num_groups, float* scores);

 private:
  const TrainWeights* weights_;
  int num_classes_;
  int shift_;
  uint64_t generation_ = 1;
  double dropout_p_ = 0;
  uint64_t serial_ = 0;
  // Per entry: signature, generation, the group's inputs, the summed rows.
  std::vector<uint64_t> sigs_, gens_;
  std::unique_ptr<uint64_t[]> inputs_;
  std::vector<float> partial_;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_TRAIN_TRAIN_WEIGHTS_H_
