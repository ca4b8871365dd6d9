// The text layer: normalisation with offsets, paragraphs, sentences, tokens.
//
//   NormalizedText norm = text::Normalize(doc_text);
//   text::Analysis a = text::Analyze(doc_text, norm);
//   for (const text::Sentence& s : a.sentences)
//     for (uint32_t t = s.first_token; t < s.last_token; ++t)
//       Use(a.TokenForm(norm, t));   // normalised form, e.g. "n't"
//
// Offsets in Token/Sentence/Paragraph are bytes into the *source* text (the
// Document's text()); n_begin/n_end index the normalised text. Tokens follow
// Universal Dependencies conventions ("don't" -> "do" "n't", "Russia's" ->
// "Russia" "'s") because the syntax stage is trained on UD treebanks.
// Functions here are pure and thread-safe.
#ifndef STORYLINE_TEXT_H_
#define STORYLINE_TEXT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "storyline/document.h"
#include "storyline/span.h"

namespace storyline::text {

// Unicode NFC (utf8proc), then for matching: curly quotes -> ' ", dashes ->
// -, non-breaking and other odd spaces -> ' ', soft hyphen and zero-width
// characters dropped. `source` must be valid UTF-8.
NormalizedText Normalize(std::string_view source);

struct Token {
  uint32_t begin = 0, end = 0;      // bytes into the source text
  uint32_t n_begin = 0, n_end = 0;  // bytes into the normalised text
  bool space_after = true;          // false when the next token is glued on
};

struct Sentence {
  uint32_t begin = 0, end = 0;          // bytes into the source text
  uint32_t first_token = 0, last_token = 0;  // token index range [first, last)
  uint32_t paragraph = 0;
  bool caption = false;  // a photo caption / credit, not a statement
};

struct Paragraph {
  uint32_t begin = 0, end = 0;
};

struct Analysis {
  std::vector<Paragraph> paragraphs;
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;

  std::string_view TokenForm(const NormalizedText& norm, uint32_t i) const {
    const Token& t = tokens[i];
    return std::string_view(norm.text).substr(t.n_begin, t.n_end - t.n_begin);
  }
  // Layers "paragraphs", "sentences" (captions labelled "caption") and
  // "tokens", for the store and `show`.
  std::vector<Layer> ToLayers() const;
};

struct Options {
  bool split_paragraphs_on_single_newline = true;  // news text often has them
};

// Splits `source` (with its normalisation `norm`) into paragraphs, sentences
// and tokens. Linear in the input size.
Analysis Analyze(std::string_view source, const NormalizedText& norm,
                 const Options& options = {});

// Tokenises one piece of text (no sentence splitting); used by the syntax
// stage's raw-text mode and the tokeniser evaluation.
std::vector<Token> Tokenize(std::string_view source, const NormalizedText& norm);

}  // namespace storyline::text

#endif  // STORYLINE_TEXT_H_
