// Helpers shared by the text-layer tests: token forms joined for case
// tables, and the structural invariants every Analysis must satisfy.
#ifndef STORYLINE_SRC_TEXT_TEST_UTIL_H_
#define STORYLINE_SRC_TEXT_TEST_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"
#include "storyline/text.h"

namespace storyline::text {

// Normalised token forms joined by '|'.
inline std::string JoinForms(const NormalizedText& norm, const std::vector<Token>& tokens) {
  std::string out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i) out += '|';
    out += std::string_view(norm.text).substr(tokens[i].n_begin, tokens[i].n_end - tokens[i].n_begin);
  }
  return out;
}

// Offsets in bounds and monotone, tokens inside their sentences, sentences
// inside their paragraphs, map monotone and ending at the source size.
inline void ExpectInvariants(std::string_view src, const NormalizedText& norm, const Analysis& a) {
  if (!norm.to_source.empty()) {
    ASSERT_EQ(norm.to_source.size(), norm.text.size() + 1);
    ASSERT_EQ(norm.to_source.back(), src.size());
    for (size_t i = 1; i < norm.to_source.size(); ++i)
      ASSERT_LE(norm.to_source[i - 1], norm.to_source[i]);
  } else {
    ASSERT_EQ(norm.text, src);
  }
  uint32_t prev_end = 0;
  for (const Token& t : a.tokens) {
    ASSERT_LT(t.n_begin, t.n_end);
    ASSERT_LE(t.n_end, norm.text.size());
    ASSERT_LE(t.begin, t.end);
    ASSERT_LE(t.end, src.size());
    ASSERT_LE(prev_end, t.begin);
    prev_end = t.end;
  }
  uint32_t prev_tok = 0;
  for (const Sentence& s : a.sentences) {
    ASSERT_EQ(s.first_token, prev_tok);  // sentences cover every token
    ASSERT_LT(s.first_token, s.last_token);
    ASSERT_LE(s.last_token, a.tokens.size());
    prev_tok = s.last_token;
    ASSERT_EQ(s.begin, a.tokens[s.first_token].begin);
    ASSERT_EQ(s.end, a.tokens[s.last_token - 1].end);
    ASSERT_LT(s.paragraph, a.paragraphs.size());
    const Paragraph& p = a.paragraphs[s.paragraph];
    ASSERT_LE(p.begin, s.begin);
    ASSERT_LE(s.end, p.end);
  }
  ASSERT_EQ(prev_tok, a.tokens.size());
}

}  // namespace storyline::text

#endif  // STORYLINE_SRC_TEXT_TEST_UTIL_H_
