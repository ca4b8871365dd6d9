// Internals of the text normaliser (text::Normalize in storyline/text.h),
// exposed for the tests and the tokeniser.
//
// Normalisation runs in two steps per "segment": Unicode NFC (utf8proc) and a
// per-code-point fold for matching (curly quotes, dashes, odd spaces, soft
// hyphen and zero-width characters). A segment is a starter plus every
// following character that could interact with it under NFC, so normalising
// segment by segment equals normalising the whole string while keeping the
// offset map exact to the segment (in practice, to the character).
#ifndef STORYLINE_SRC_TEXT_NORMALIZER_H_
#define STORYLINE_SRC_TEXT_NORMALIZER_H_

#include <cstdint>

namespace storyline::text {

// What the matching fold does to one (already NFC) code point.
constexpr char32_t kDropCodepoint = 0xFFFFFFFF;
// Returns the replacement of `cp` (itself when unchanged), or kDropCodepoint
// when the character is removed (soft hyphen, zero-width characters, BOM).
char32_t FoldCodepoint(char32_t cp);

// True when NFC can never combine `cp` with what precedes it, so a segment
// may start at `cp`: combining class 0, not the second half of a canonical
// composition, not a Hangul vowel/trailing jamo, and not one of the three
// Tibetan starters whose decomposition begins with a non-starter.
bool IsNfcSegmentStart(char32_t cp);

}  // namespace storyline::text

#endif  // STORYLINE_SRC_TEXT_NORMALIZER_H_
