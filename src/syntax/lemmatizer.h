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

  void Write(ByteWriter* w) const;
  bool Read(ByteReader* r);

  // (form + '\t' + xpos) -> lemma, and the same keyed by the lower-cased form.
  std::unordered_map<std::string, std::string> exact, lower;
  std::unordered_map<std::string, std::string> exceptions[kNumPos];
  std::unordered_set<std::string> lemmas[kNumPos];

 private:
  std::string Morphy(const std::string& lower_form, Pos pos) const;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_LEMMATIZER_H_
