// Memo of partial class scores for the beam parser.
//
// A beam's items share most of their configuration: the same buffer
// position, the same s0 with the same children, the same s1 ... Scoring
// each item from scratch looks the same rows up again and again (perf: two
// thirds of beam decoding in SparseWeights::Score). The parser's features
// are split into groups by the part of the configuration they read (the
// buffer, s0 and its children, s0 with b0, ...: Parser::FeatureGroups);
// the summed row of a group is cached under the group's exact feature keys,
// so an item whose s0 subtree another item (or an earlier step) already
// scored costs one vector add for that group instead of ~30 table lookups.
// Scores are int32 sums, so regrouping them changes nothing: the result is
// exactly SparseWeights::Score's.
//
// Direct-mapped with a fixed number of entries, so memory does not grow
// with the sentence: entries of past buffer positions are simply
// overwritten. Not thread-safe: one per parse (or per thread).
#ifndef STORYLINE_SRC_SYNTAX_SCORE_CACHE_H_
#define STORYLINE_SRC_SYNTAX_SCORE_CACHE_H_

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "src/syntax/weights.h"

namespace storyline::syntax {

class ScoreCache {
 public:
  static constexpr int kMaxGroups = 16;
  static constexpr int kMaxGroupSize = 32;

  // `weights` must outlive the cache. group_of[i] (< kMaxGroups) is the
  // group of the i-th feature of every call; a call with another number of
  // features is scored without the cache. Groups of more than
  // kMaxGroupSize features are not allowed. 2^capacity_log2 entries.
  ScoreCache(const SparseWeights* weights, std::span<const uint8_t> group_of,
             int capacity_log2 = 9);

  // Adds the class scores of `n` features to scores[0..weights' classes),
  // exactly as weights->Score(feats, n, scores) would.
  void Score(const uint64_t* feats, int n, int32_t* scores);
  // Beam::Step's scorer interface: the same as Score.
  void operator()(const uint64_t* feats, int n, int32_t* scores) { Score(feats, n, scores); }

  // Group lookups and how many found their partial scores cached.
  uint64_t lookups() const { return lookups_; }
  uint64_t hits() const { return hits_; }
  // Features looked up in the table (those of the groups not found).
  uint64_t features_scored() const { return features_scored_; }

 private:
  struct Group {
    int size = 0;
    uint8_t index[kMaxGroupSize];  // positions in the feature array
  };

  // The signature of group g of `feats` and its entry; the group's keys
  // are gathered into keys[0..size).
  uint64_t Signature(int g, const uint64_t* feats, uint64_t* keys) const;
  bool Cached(uint64_t sig, const uint64_t* keys, int size, size_t* entry) const;

  const SparseWeights* weights_;
  int num_features_ = 0;
  int num_groups_ = 0;
  int num_classes_ = 0;
  int width_ = 0;  // weights' width(): an entry's row of sums
  int shift_ = 0;  // 64 - capacity_log2: the entry is the signature's top bits
  Group groups_[kMaxGroups];
  // Per entry: its signature (0 = empty; the low 4 bits are the group),
  // the group's keys (kMaxGroupSize slots) and the summed rows
  // (width_ int32).
  std::vector<uint64_t> sigs_;
  std::unique_ptr<uint64_t[]> keys_;
  std::unique_ptr<int32_t[]> partial_;
  uint64_t lookups_ = 0, hits_ = 0, features_scored_ = 0;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_SCORE_CACHE_H_
