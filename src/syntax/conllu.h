// CoNLL-U reading and writing: the exchange format of Universal Dependencies.
//
// The syntax stage trains on CoNLL-U treebanks (UD English EWT), scores
// itself against CoNLL-U gold files (ud_scorer.h) and writes CoNLL-U so any
// external scorer can check its output. The reader keeps what training and
// scoring need: the ten columns of every syntactic word, multiword-token
// ranges (the surface token "don't" over the words "do" + "n't"), the
// sentence comments and the `# text` line. Empty nodes (ids like "8.1") exist
// only in the enhanced graph; they are skipped, as the CoNLL 2018 scorer does.
// Thread-safe: free functions over values.
#ifndef STORYLINE_SRC_SYNTAX_CONLLU_H_
#define STORYLINE_SRC_SYNTAX_CONLLU_H_

#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline::syntax {

// One syntactic word (a CoNLL-U line with an integer ID).
struct ConlluWord {
  std::string form, lemma, upos, xpos, feats;
  int head = 0;  // 0 = root; otherwise the 1-based id of the head word
  std::string deprel, deps, misc;
};

// A multiword-token range line "first-last FORM ...".
struct ConlluMultiword {
  int first = 0, last = 0;  // 1-based word ids, inclusive
  std::string form, misc;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // without the leading "# "
  std::vector<ConlluWord> words;
  std::vector<ConlluMultiword> multiwords;  // sorted by `first`
  std::string text;  // the `# text = ...` value, or "" when absent

  // The surface tokens as (first word, last word) 0-based index ranges,
  // in order: a multiword token covers several words, others one.
  std::vector<std::pair<int, int>> TokenRanges() const;
  // True if `MISC` of the token ending at word `w` (0-based) has SpaceAfter=No.
  bool NoSpaceAfterWord(int w) const;
};

// Parses CoNLL-U text. `name` prefixes error messages ("dev.conllu:17: ...").
// Errors: InvalidArgument for a malformed line (column count, bad id, head
// out of range, non-sequential ids).
Result<std::vector<ConlluSentence>> ParseConllu(std::string_view content,
                                                std::string_view name);

// Reads and parses a file. Errors: NotFound, IOError, or ParseConllu's.
Result<std::vector<ConlluSentence>> ReadConlluFile(const std::string& path);

// Appends one sentence in CoNLL-U (comments, multiword lines, words, blank).
void AppendConllu(const ConlluSentence& sentence, std::string* out);

// The value of `key` in a `|`-separated MISC or FEATS field ("" if absent).
std::string_view FieldValue(std::string_view field, std::string_view key);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_CONLLU_H_
