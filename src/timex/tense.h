// Tense for resolution when the syntax stage has not supplied verbs: cue
// words that mark the tense of a clause (will, 'll, is set to -> future;
// said, was, had, -ed, irregular past forms -> past; is, says -> present),
// fallback sentence ranges from the tokenizer, and the rule that picks the
// tense governing a timex: the nearest cue (or supplied verb) in its
// sentence, the left side preferred (news puts the verb before "Tuesday").
#ifndef STORYLINE_SRC_TIMEX_TENSE_H_
#define STORYLINE_SRC_TIMEX_TENSE_H_

#include <vector>

#include "src/timex/tokenizer.h"
#include "storyline/timex.h"

namespace storyline::timex {

// Tense cues among tokens [first, last), sorted by offset.
std::vector<TagContext::Verb> FindTenseCues(const std::vector<Token>& tokens, size_t first,
                                           size_t last);

// Sentence ranges from the tokenizer's fallback sentence numbers.
std::vector<TagContext::Range> FallbackSentences(const std::vector<Token>& tokens);

// The tense governing the expression [begin, end): the nearest verb in the
// same sentence (right-side distances count 1.5x), kUnknown when none.
// `sentences` and `verbs` must be sorted; empty `sentences` = one sentence.
Tense GoverningTense(uint32_t begin, uint32_t end,
                     const std::vector<TagContext::Range>& sentences,
                     const std::vector<TagContext::Verb>& verbs);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_TENSE_H_
