// Character classes for the tokeniser and sentence splitter, which both
// walk the normalised text byte by byte. ASCII is classified by a 256-entry
// table; other code points by their Unicode general category (utf8proc),
// looked up only when a non-ASCII byte is met.
#ifndef STORYLINE_SRC_TEXT_CHAR_CLASS_H_
#define STORYLINE_SRC_TEXT_CHAR_CLASS_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>

namespace storyline::text {

enum CharBits : uint8_t {
  kSpace = 1,   // ASCII whitespace and control characters
  kUpper = 2,
  kLower = 4,
  kDigit = 8,
  kPunct = 16,  // printable ASCII that is not alphanumeric
  kHigh = 32,   // byte >= 0x80: decode and use ClassifyCodepoint
};

struct ByteTable {
  uint8_t bits[256];
  constexpr ByteTable() : bits() {
    for (int c = 0; c < 256; ++c) {
      uint8_t b = 0;
      if (c >= 0x80) b = kHigh;
      else if (c <= 0x20 || c == 0x7F) b = kSpace;
      else if (c >= 'A' && c <= 'Z') b = kUpper;
      else if (c >= 'a' && c <= 'z') b = kLower;
      else if (c >= '0' && c <= '9') b = kDigit;
      else b = kPunct;
      bits[c] = b;
    }
  }
};
inline constexpr ByteTable kByteTable;

inline uint8_t Bits(char c) { return kByteTable.bits[static_cast<unsigned char>(c)]; }
inline bool IsAsciiAlnum(char c) { return Bits(c) & (kUpper | kLower | kDigit); }
inline bool IsAsciiAlpha(char c) { return Bits(c) & (kUpper | kLower); }
inline char Lower(char c) { return (Bits(c) & kUpper) ? static_cast<char>(c + 32) : c; }

// Whether w is one of `words` (written in lower case), ASCII case ignored.
inline bool IsOneOfLower(std::string_view w, std::span<const std::string_view> words) {
  for (const std::string_view x : words)
    if (x.size() == w.size() &&
        std::equal(w.begin(), w.end(), x.begin(), [](char a, char b) { return Lower(a) == b; }))
      return true;
  return false;
}
inline bool IsAsciiDigit(char c) { return Bits(c) & kDigit; }
inline bool IsAsciiSpace(char c) { return Bits(c) & kSpace; }

// Class of a non-ASCII code point.
enum class CpClass : uint8_t {
  kWord,      // letters, digits, other symbols of words
  kUpperWord, // an upper- or title-case letter (starts a sentence)
  kLowerWord, // a lower-case letter (continues a sentence)
  kMark,      // combining mark: always glued to what precedes it
  kPunct,     // punctuation or symbol: a token of its own
  kSpace,     // separators, controls and format characters
  kIdeograph, // Han, Hiragana, Katakana: one token per character
};
CpClass ClassifyCodepoint(char32_t cp);

inline bool IsWordClass(CpClass k) {
  return k == CpClass::kWord || k == CpClass::kUpperWord ||
         k == CpClass::kLowerWord || k == CpClass::kMark;
}

}  // namespace storyline::text

#endif  // STORYLINE_SRC_TEXT_CHAR_CLASS_H_
