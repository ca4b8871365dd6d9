// The tokeniser: splits normalised text into Universal Dependencies English
// (EWT) tokens in one left-to-right pass. Public entry point:
// text::Tokenize in storyline/text.h; the sentence splitter calls
// TokenizeRange paragraph by paragraph.
#ifndef STORYLINE_SRC_TEXT_TOKENIZER_H_
#define STORYLINE_SRC_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "storyline/text.h"

namespace storyline::text {

// Appends the tokens of norm[begin, end) to *out, filling n_begin/n_end
// only (the caller maps to the source with FinishTokens). Linear in
// end - begin; allocates only when *out grows.
void TokenizeRange(std::string_view norm, uint32_t begin, uint32_t end,
                   std::vector<Token>* out);

// Sets begin/end (source offsets) and space_after for tokens[from, size).
void FinishTokens(const NormalizedText& norm, size_t from, std::vector<Token>* tokens);

// True when the token form is an abbreviation that kept its period
// ("Mr.", "U.S.", "J."), as opposed to a bare "." or "...".
bool IsAbbreviationToken(std::string_view form);

}  // namespace storyline::text

#endif  // STORYLINE_SRC_TEXT_TOKENIZER_H_
