// Memo of partial class scores for the beam parser.
//
// A beam's items share most of their configuration: the same buffer
// position, the same s0 with the same children, the same s1 ... Scoring
// each item from scratch extracts and looks up the same features again
// and again (perf: two thirds of beam decoding in SparseWeights::Score).
// The parser's features are split into groups by the part of the
// configuration they read (FeatureInputs in parser.h); the summed rows of
// a group are cached under what determines its keys (its inputs, or the
// positions they are read from: Parser::Groups), so an item whose s0
// subtree another item (or an earlier step) already scored costs one
// vector add for that group instead of ~12 hashes and table lookups.
// Scores are int32 sums, so regrouping them changes nothing: the result is
// exactly SparseWeights::Score's over all the groups' keys.
//
// Direct-mapped with a fixed number of entries, so memory does not grow
// with the sentence: entries of past buffer positions are simply
// overwritten. Not thread-safe. One per parse: groups keyed by positions
// are valid within one sentence only.
#ifndef STORYLINE_SRC_SYNTAX_SCORE_CACHE_H_
#define STORYLINE_SRC_SYNTAX_SCORE_CACHE_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "src/syntax/weights.h"

namespace storyline::syntax {

class ScoreCache {
 public:
  static constexpr int kMaxGroups = 16;
  static constexpr int kMaxGroupSize = 32;   // keys a group
  static constexpr int kMaxInputWords = 16;  // uint64 inputs a group

  // One group of a Score call: its inputs (a struct of `words` <=
  // kMaxInputWords uint64 fields, compared and copied as bytes: the
  // cache's key) and the function writing its keys (at most
  // kMaxGroupSize; returns how many) from `context`, called only when
  // the inputs are not cached. Its keys must be a function of the inputs
  // alone, while the cache lives: `context` may be the inputs themselves,
  // or whatever the keys are computed from when the inputs are a shorter
  // identity of them (positions in the sentence being parsed, say).
  struct Group {
    const void* inputs;
    int words;
    const void* context;
    int (*keys)(const void* context, uint64_t* out);
  };

  // `weights` must outlive the cache. 2^capacity_log2 entries (1..20).
  explicit ScoreCache(const SparseWeights* weights, int capacity_log2 = 9);

  // Adds the class scores of the groups' keys to scores[0..weights'
  // classes), exactly as weights->Score over all of them would. Group i
  // must be the same kind of group (the same `keys`) in every call: an
  // entry is found by its group's index and inputs. At most kMaxGroups.
  void Score(const Group* groups, int num_groups, int32_t* scores);

  // The hash an entry of group number g (< kMaxGroups) is filed under:
  // never 0, the low 4 bits are g. A clash only costs a miss (callers
  // compare the inputs too).
  static uint64_t Signature(int g, const void* inputs, int words);
  // Whether `words` uint64 at a and b are equal (most groups' inputs are
  // 1-4 words: an inline loop, not a memcmp call).
  static bool SameInputs(const uint64_t* a, const void* b, int words) {
    for (int i = 0; i < words; ++i) {
      uint64_t w;
      std::memcpy(&w, static_cast<const char*>(b) + 8 * i, sizeof(w));
      if (a[i] != w) return false;
    }
    return true;
  }

  // Group lookups, how many found their sums cached, and the features
  // looked up in the table for the others.
  uint64_t lookups() const { return lookups_; }
  uint64_t hits() const { return hits_; }
  uint64_t features_scored() const { return features_scored_; }

 private:
  const SparseWeights* weights_;
  int num_classes_ = 0;
  int width_ = 0;  // weights' width(): an entry's row of sums
  int shift_ = 0;  // 64 - capacity_log2: the entry is the signature's top bits
  // Per entry: its signature (0 = empty; the low 4 bits are the group),
  // the group's inputs (kMaxInputWords) and the summed rows (width_ int32).
  std::vector<uint64_t> sigs_;
  std::unique_ptr<uint64_t[]> inputs_;
  std::unique_ptr<int32_t[]> partial_;
  uint64_t lookups_ = 0, hits_ = 0, features_scored_ = 0;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_SCORE_CACHE_H_
