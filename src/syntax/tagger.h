// Greedy averaged-perceptron part-of-speech tagger (Collins 2002), in the
// style of Honnibal's tagger: left-to-right, one class per word, features
// over the word, its affixes and shape, the two previous predicted tags and
// a +-2 word window; an optional second pass adds the first pass's tags of
// the following words. A class is a joint "UPOS XPOS" pair, so the tagger
// outputs both tag sets consistently. Frequent words seen with one class
// only skip the classifier (tag dictionary). Immutable after loading;
// Tag() is const and thread-safe.
#ifndef STORYLINE_SRC_SYNTAX_TAGGER_H_
#define STORYLINE_SRC_SYNTAX_TAGGER_H_

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "src/syntax/features.h"
#include "src/syntax/weights.h"

namespace storyline::syntax {

class Tagger {
 public:
  static constexpr int kMaxFeatures = 72;

  // Writes the feature keys of word `i` (tags[0..i) already predicted) to
  // `out` and returns how many there are. With `first` (the first pass's
  // tags of all n words), adds the second pass's right-context features.
  static int Extract(const TokenAtoms* atoms, int n, const int* tags, int i,
                     uint64_t* out, const int* first = nullptr);

  // Predicts tags[0..n): one pass, or two when `weights2` is trained.
  void Tag(const TokenAtoms* atoms, int n, int* tags) const;

  // One left-to-right pass with `w` (second pass: `first` non-null).
  void Pass(const SparseWeights& w, const TokenAtoms* atoms, int n, const int* first,
            int* tags) const;

  // As a supertagger (SyntaxModel::supertagger: classes are a word's
  // relation and the sides of its head and dependents, `tags` the
  // tagger's classes, read as a second pass reads the first's): writes each word's supertag + 1
  // to atoms[i].stag, for the parser's features.
  void Supertag(TokenAtoms* atoms, int n, const int* tags) const;

  SparseWeights weights;
  // Second pass (Collins-style left-to-right tagging that also sees the
  // first pass's tags of the next words, as in bidirectional taggers);
  // empty = one pass.
  SparseWeights weights2;
  int num_classes = 0;
  std::unordered_map<uint64_t, int> tag_dict;  // word atom -> class
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_TAGGER_H_
