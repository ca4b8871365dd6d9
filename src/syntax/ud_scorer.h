// The CoNLL 2018 shared-task scorer (conll18_ud_eval.py) in C++.
//
// Gold and system files must hold the same characters once whitespace is
// removed. Tokens, sentences and words become character spans over that
// string; words align where spans are equal, and inside multiword tokens by
// the longest common subsequence of lower-cased forms, exactly as the
// official script does. Every metric is F1 = 2 * correct / (gold + system),
// which equals accuracy under gold tokenisation. UFeats compares only the
// universal feature names; LAS ignores relation subtypes (`nmod:poss` ->
// `nmod`); a gold lemma `_` counts as correct. Thread-safe.
#ifndef STORYLINE_SRC_SYNTAX_UD_SCORER_H_
#define STORYLINE_SRC_SYNTAX_UD_SCORER_H_

#include <string>
#include <vector>

#include "src/syntax/conllu.h"
#include "storyline/status.h"

namespace storyline::syntax {

struct UdScore {
  double correct = 0, gold = 0, system = 0;
  double f1() const { return gold + system > 0 ? 2 * correct / (gold + system) : 0; }
};

struct UdScores {
  UdScore tokens, sentences, words;
  UdScore upos, xpos, ufeats, alltags, lemmas, uas, las, clas;
  // "UPOS: 0.9512\nXPOS: ...": the lines `storyline eval ud` prints.
  std::string ToString(bool with_segmentation) const;
};

// Scores `system` against `gold`. Errors: InvalidArgument when the two
// files' non-whitespace characters differ (with the first differing offset).
Result<UdScores> ScoreUd(const std::vector<ConlluSentence>& gold,
                         const std::vector<ConlluSentence>& system);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_UD_SCORER_H_
