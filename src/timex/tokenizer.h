// The timex tokenizer: a single linear pass that cuts text into words,
// numbers and punctuation with byte offsets, the facts the grammar needs
// (capitalised, glued hyphen before, abbreviation dot, decade "1990s",
// ordinal "19th") and the table entry of each word. It also gives each token
// a fallback sentence number (breaks at . ! ? before a capital, and at blank
// lines) for when the text stage's sentences are not supplied.
//
// The tokens borrow the lower-cased copy of the text held by TokenizedText;
// it must outlive them.
#ifndef STORYLINE_SRC_TIMEX_TOKENIZER_H_
#define STORYLINE_SRC_TIMEX_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/timex/lexicon.h"

namespace storyline::timex {

struct Token {
  enum class Kind : uint8_t { kWord, kNumber, kPunct, kOther };
  uint32_t begin = 0, end = 0;  // bytes; `end` includes an abbreviation dot
  std::string_view lower;       // lower-case form without the abbreviation dot
  const WordInfo* info = nullptr;
  int64_t num = -1;             // integer value of a plain number (<= 9 digits)
  uint32_t sentence = 0;        // fallback sentence index
  Kind kind = Kind::kOther;
  uint8_t digits = 0;           // digits of a plain integer (capped at 255)
  bool cap = false;             // first letter is upper case
  bool dot = false;             // abbreviation dot consumed ("Sept.")
  bool hyphen_before = false;   // "third-quarter": glued to the previous token
  bool space_before = false;
  bool para_before = false;     // a blank line before it: no timex spans it
  bool decade = false;          // "1990s", "'90s", "90s"
  bool ordinal = false;         // "19th", "1st"
  bool decimal = false;         // "2.5"
  bool comma_number = false;    // "10,000"

  bool Is(std::string_view word) const { return lower == word; }
  bool IsPunct(char c) const {
    return kind == Kind::kPunct && lower.size() == 1 && lower[0] == c;
  }
};

struct TokenizedText {
  std::string lower;  // ASCII-lower-cased copy of the text; tokens point here
  std::vector<Token> tokens;
};

// Tokenises `text`. Invalid UTF-8 bytes become one-byte kOther tokens.
void Tokenize(std::string_view text, TokenizedText* out);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_TOKENIZER_H_
