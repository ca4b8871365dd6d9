// Lemmatiser: training-data lexicon first, then WordNet's exception lists
// and Morphy detachment rules, then suffix rules by Penn tag.
//
// Lookup order for a word with Penn tag T: (form, T) seen in training ->
// its most frequent lemma; (lower-cased form, T) -> likewise; WordNet
// exception list of T's part of speech (verb.exc: "went" -> "go"); Morphy's
// detachment rules (WordNet 3.0 morph.c: "-ies" -> "-y", "-ing" -> "",
// ...) accepted when the result is a WordNet or training lemma; finally a
// fallback rule for the tag. Proper nouns keep their case; other words are
// lower-cased (except "I"), as UD English does. The WordNet data (Debian
// wordnet-base) is read by the trainer and stored in the model, so the
// runtime needs no WordNet files. Immutable after loading; thread-safe.
#ifndef STORYLINE_SRC_SYNTAX_LEMMATIZER_H_
#define STORYLINE_SRC_SYNTAX_LEMMATIZER_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "src/syntax/byte_io.h"
#include "storyline/status.h"

namespace storyline::syntax {

class Lemmatizer {
 public:
  // WordNet parts of speech.
  enum Pos { kNoun = 0, kVerb = 1, kAdj = 2, kAdv = 3, kNumPos = 4 };

  std::string Lemma(std::string_view form, std::string_view upos,
                    std::string_view xpos) const;

  // Adds WordNet's index.{noun,verb,adj,adv} lemmas and *.exc exception
  // lists from `dir` (e.g. /usr/share/wordnet). Errors: NotFound, IOError.
  Status LoadWordNet(const std::string& dir);

  // The WordNet parts of speech a lower-cased word can have: bit p (kNoun
  // .. kAdv) when it is a lemma of p, bit 4 + p when Morphy reduces it to
  // one ("ran" -> verb, "dogs" -> noun); 0 when WordNet does not know it.
  // The tagger's evidence for unseen words, from outside the treebank.
  // Reads the index built by BuildWordNetIndex.
  uint32_t WordNetClasses(std::string_view lower_form) const;

  // Indexes `lemmas` and `exceptions` by a 64-bit hash of the word for
  // WordNetClasses (LoadWordNet and Read call it; call it again after
  // filling the tables by hand).
  void BuildWordNetIndex();

  void Write(ByteWriter* w) const;
  bool Read(ByteReader* r);

  // (form + '\t' + xpos) -> lemma, and the same keyed by the lower-cased form.
  std::unordered_map<std::string, std::string> exact, lower;
  std::unordered_map<std::string, std::string> exceptions[kNumPos];
  std::unordered_set<std::string> lemmas[kNumPos];

 private:
  std::string Morphy(const std::string& lower_form, Pos pos) const;
  uint32_t IndexBits(uint64_t key) const;

  // Open addressing over word hashes (0 = empty slot): bit p = a lemma of
  // p, bit 4 + p = in p's exception list, bit 8 + p = listed there as its
  // own base. A hand-rolled flat table rather
  // than std::unordered_map: the tagger probes it several times a word
  // (one probe instead of a string hash per table and a node walk).
  struct IndexSlot {
    uint64_t key = 0;
    uint32_t bits = 0;
  };
  std::vector<IndexSlot> index_;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_LEMMATIZER_H_
