// Tests for text::Normalize: NFC with an exact offset map, the matching
// fold, the ASCII fast path, and differential checks against utf8proc's
// whole-string NFC and against re-normalising each token's source bytes.
#include "src/text/normalizer.h"

#include <utf8proc.h>

#include <cstdlib>
#include <random>
#include <string>

#include "gtest/gtest.h"
#include "src/util/utf8.h"
#include "storyline/text.h"

namespace storyline::text {
namespace {

TEST(NormalizerTest, AsciiIsIdentityWithEmptyMap) {
  const std::string src = "Plain ASCII text, 10,000 troops.\nNext line.";
  NormalizedText n = Normalize(src);
  EXPECT_EQ(n.text, src);
  EXPECT_TRUE(n.to_source.empty());
  EXPECT_EQ(n.ToSource(5), 5u);
  EXPECT_TRUE(Normalize("").text.empty());
}

TEST(NormalizerTest, ComposesDecomposedLettersWithExactMap) {
  const std::string src = "Cafe\u0301 ok";  // e + combining acute
  NormalizedText n = Normalize(src);
  EXPECT_EQ(n.text, "Caf\u00E9 ok");
  const std::vector<uint32_t> want = {0, 1, 2, 3, 3, 6, 7, 8, 9};
  EXPECT_EQ(n.to_source, want);
}

TEST(NormalizerTest, ComposesHangulJamo) {
  NormalizedText n = Normalize("\u1100\u1161\u11A8!");  // L V T -> one syllable
  EXPECT_EQ(n.text, "\uAC01!");
  EXPECT_EQ(n.to_source.front(), 0u);
  EXPECT_EQ(n.ToSource(3), 9u);
}

TEST(NormalizerTest, FoldsQuotesDashesAndSpaces) {
  struct Case { const char* in; const char* out; } cases[] = {
      {"\u2018a\u2019 \u201Cb\u201D \u201Ec\u201F", "'a' \"b\" \"c\""},
      {"Russia\u2019s", "Russia's"},
      {"1990\u20132000 a\u2014b \u22125 \u2012 \u2015 x\u2011y", "1990-2000 a-b -5 - - x-y"},
      {"a\u00A0b\u202Fc\u2009d\u3000e", "a b c d e"},
      {"co\u00ADop\u200Bx\uFEFF", "coopx"},
      {"wait\u2026", "wait\u2026"},  // ellipsis stays
      {"line\u2028next", "line\nnext"},
  };
  for (const Case& c : cases) EXPECT_EQ(Normalize(c.in).text, c.out) << c.in;
}

TEST(NormalizerTest, MapsFoldedCharactersToTheirSource) {
  const std::string src = "\u201CHi\u201D";  // 3 + 2 + 3 bytes
  NormalizedText n = Normalize(src);
  ASSERT_EQ(n.text, "\"Hi\"");
  const std::vector<uint32_t> want = {0, 3, 4, 5, 8};
  EXPECT_EQ(n.to_source, want);
  NormalizedText d = Normalize("a\u00ADb");  // dropped soft hyphen
  ASSERT_EQ(d.text, "ab");
  const std::vector<uint32_t> want_d = {0, 3, 4};
  EXPECT_EQ(d.to_source, want_d);
}

// A random string over an alphabet rich in NFC and fold hazards.
std::string RandomText(std::mt19937* rng, size_t chars) {
  static const char32_t kAlphabet[] = {
      'a', 'e', 'n', 't', 'A', 'S', ' ', ' ', '.', ',', '\'', '"', '-', '\n', '[', ']', '$',
      '0', '5', 0x0301, 0x0327, 0x0308, 0x0323, 0x00E9, 0x00C5, 0x212B, 0x1100, 0x1161,
      0x11A8, 0xAC00, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x00A0, 0x00AD, 0x200B,
      0x0F71, 0x0F73, 0x0CBF, 0x0CD5, 0x4E2D, 0x0438, 0x0306, 0x0627, 0x2026, 0x1E0B,
      0x0344, 0x3002, 0xFB01, 0x1F600, 0x0915, 0x093C, 0x0958};
  std::uniform_int_distribution<size_t> pick(0, std::size(kAlphabet) - 1);
  std::string s;
  for (size_t i = 0; i < chars; ++i) util::AppendUtf8(kAlphabet[pick(*rng)], &s);
  return s;
}

std::string ReferenceNormalize(const std::string& s) {
  utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(s.c_str()));
  std::string composed(reinterpret_cast<char*>(nfc));
  std::free(nfc);
  std::string out;
  for (size_t i = 0; i < composed.size();) {
    int len = 0;
    const char32_t cp = util::DecodeUtf8(composed, i, &len);
    const char32_t f = FoldCodepoint(cp);
    if (f != kDropCodepoint) util::AppendUtf8(f, &out);
    i += static_cast<size_t>(len);
  }
  return out;
}

TEST(NormalizerTest, SegmentedNfcEqualsWholeStringNfc) {
  std::mt19937 rng(42);
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string s = RandomText(&rng, 1 + iter % 40);
    NormalizedText n = Normalize(s);
    ASSERT_EQ(n.text, ReferenceNormalize(s)) << "input: " << s;
    if (n.to_source.empty()) continue;  // all ASCII: identity
    ASSERT_EQ(n.to_source.size(), n.text.size() + 1);
    ASSERT_EQ(n.to_source.back(), s.size());
    for (size_t i = 1; i < n.to_source.size(); ++i) ASSERT_LE(n.to_source[i - 1], n.to_source[i]);
  }
}

TEST(NormalizerTest, EveryTokenMapsBackToSourceThatNormalizesToIt) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    const std::string s = RandomText(&rng, 1 + iter % 60);
    NormalizedText n = Normalize(s);
    for (const Token& t : Tokenize(s, n)) {
      const std::string_view form = std::string_view(n.text).substr(t.n_begin, t.n_end - t.n_begin);
      const std::string piece = s.substr(t.begin, t.end - t.begin);
      ASSERT_EQ(Normalize(piece).text, form) << "input: " << s;
    }
  }
}

}  // namespace
}  // namespace storyline::text
