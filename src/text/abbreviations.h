// Word lists the tokeniser and sentence splitter consult: abbreviations that
// keep their period, titles that never end a sentence, frequent sentence
// starters, and the prefixes after which UD English EWT keeps a hyphenated
// word whole ("non-profit", "e-mail").
//
// The lists are sorted static arrays searched by binary search. They are
// hand-written rather than a std::unordered_set or a generated perfect hash
// because they are small (tens to a couple of hundred entries), are
// consulted only at a word followed by '.' or '-' (rare next to the byte
// loop), need no static initialisation or heap, and stay easy to review.
#ifndef STORYLINE_SRC_TEXT_ABBREVIATIONS_H_
#define STORYLINE_SRC_TEXT_ABBREVIATIONS_H_

#include <string_view>

namespace storyline::text {

// `word` (without its period, case-sensitive: "Mr", "Inc", "etc") is an
// abbreviation that keeps its period as part of the token.
bool IsAbbreviation(std::string_view word);

// `word` (without its period) is a title or other abbreviation that is
// followed by a name or number, never by a new sentence ("Dr", "Gen", "St",
// "Jan").
bool IsTitleAbbreviation(std::string_view word);

// `word` is a frequent capitalised sentence opener ("The", "He", "But"); an
// abbreviation such as "Inc." or "U.S." followed by one ends its sentence.
bool IsSentenceStarter(std::string_view word);

// `word` (lower case) is a prefix after which EWT keeps a hyphen inside the
// token ("non", "pre", "anti", "e").
bool IsHyphenPrefix(std::string_view lower_word);

namespace internal {
bool TablesSorted();  // for the tests
}  // namespace internal

}  // namespace storyline::text

#endif  // STORYLINE_SRC_TEXT_ABBREVIATIONS_H_
