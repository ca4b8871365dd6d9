// Tests for text::Tokenize: a case table of UD English (EWT) conventions,
// space_after, source offsets, and inputs that must stay linear.
#include "src/text/tokenizer.h"

#include <string>

#include "gtest/gtest.h"
#include "src/text/abbreviations.h"
#include "src/text/test_util.h"
#include "storyline/text.h"

namespace storyline::text {
namespace {

std::string Forms(std::string_view src) {
  NormalizedText n = Normalize(src);
  return JoinForms(n, Tokenize(src, n));
}

TEST(TokenizerTest, FollowsEwtConventions) {
  struct Case { const char* in; const char* want; } cases[] = {
      {"I don't know.", "I|do|n't|know|."},
      {"We can't go", "We|ca|n't|go"},
      {"It won't", "It|wo|n't"},
      {"They ain't", "They|ai|n't"},
      {"I'm here", "I|'m|here"},
      {"Russia's army", "Russia|'s|army"},
      {"Russia\u2019s army", "Russia|'s|army"},  // curly apostrophe
      {"DON'T", "DO|N'T"},
      {"they're we've you'll he'd", "they|'re|we|'ve|you|'ll|he|'d"},
      {"I cannot go", "I|can|not|go"},
      {"gonna win, gotta go", "gon|na|win|,|got|ta|go"},
      {"10,000 troops", "10,000|troops"},
      {"2.5 percent", "2.5|percent"},
      {"the 1990s", "the|1990s"},
      {"$5 billion", "$|5|billion"},
      {"5% rise", "5|%|rise"},
      {"the U.S. and Mr. Smith", "the|U.S.|and|Mr.|Smith"},
      {"J. K. Rowling", "J.|K.|Rowling"},
      {"e.g. this", "e.g.|this"},
      {"at 10:30 a.m. today", "at|10:30|a.m.|today"},
      {"on 12/05/99", "on|12/05/99"},
      {"No. 5 and said no.", "No.|5|and|said|no|."},
      {"non-profit long-term e-mail", "non-profit|long|-|term|e-mail"},
      {"call 713-853-3989", "call|713-853-3989"},
      {"Visit https://example.com/a?b=1.", "Visit|https://example.com/a?b=1|."},
      {"(see www.example.org)", "(|see|www.example.org|)"},
      {"Mail john.doe@example.com, now", "Mail|john.doe@example.com|,|now"},
      {"From: franz371...@gmail.com", "From|:|franz371...@gmail.com"},
      {"\"Reynolds\"<rreynol...@cogeco.ca> wrote", "\"|Reynolds|\"|<|rreynol...@cogeco.ca|>|wrote"},
      {"$5m at 5pm, 375mm 8GB", "$|5|m|at|5|pm|,|375|mm|8|GB"},
      {"its a deal, its own way; Its not", "it|s|a|deal|,|its|own|way|;|It|s|not"},
      {"1990s 3rd 24th 49ers 3D 10,000", "1990s|3rd|24th|49ers|3D|10,000"},
      {"(Kevin.A.Boone@accenture.com)", "(|Kevin.A.Boone@accenture.com|)"},
      {"----==Posted via Newsfeed==----", "----==|Posted|via|Newsfeed|==----"},
      {"Read #audiobooks now, #1", "Read|#audiobooks|now|,|#|1"},
      {"(hello)", "(|hello|)"},
      {"Wait...", "Wait|..."},
      {"Really?!", "Really|?!"},
      {"\"Go,\" he said.", "\"|Go|,|\"|he|said|."},
      {"AT&T and R&D", "AT&T|and|R&D"},
      {"O'Brien at 5 o'clock", "O'Brien|at|5|o'clock"},
      {"parents' house", "parents|'|house"},
      {"'90s music", "'90s|music"},
      {"a--b", "a|--|b"},
      {"said.The", "said|.|The"},
      {"bbc.co.uk", "bbc.co.uk"},
      {"\u041F\u0443\u0442\u0438\u043D \u0441\u043A\u0430\u0437\u0430\u043B.", "\u041F\u0443\u0442\u0438\u043D|\u0441\u043A\u0430\u0437\u0430\u043B|."},
      {"\u4E2D\u56FD\u4EBA\u3002", "\u4E2D|\u56FD|\u4EBA|\u3002"},
      {"\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645.", "\u0645\u0631\u062D\u0628\u0627|\u0628\u0627\u0644\u0639\u0627\u0644\u0645|."},
      {"caf\u00E9s", "caf\u00E9s"},
      {"", ""},
      {"   \n\t ", ""},
      {"?!.,;:", "?!|.|,|;|:"},
  };
  for (const Case& c : cases) EXPECT_EQ(Forms(c.in), c.want) << c.in;
}

TEST(TokenizerTest, SetsSpaceAfterAndSourceOffsets) {
  const std::string src = "\u201CDon\u2019t.\u201D Go";
  NormalizedText n = Normalize(src);
  std::vector<Token> t = Tokenize(src, n);
  ASSERT_EQ(JoinForms(n, t), "\"|Do|n't|.|\"|Go");
  EXPECT_FALSE(t[0].space_after);
  EXPECT_FALSE(t[1].space_after);
  EXPECT_FALSE(t[3].space_after);
  EXPECT_TRUE(t[4].space_after);
  EXPECT_EQ(src.substr(t[0].begin, t[0].end - t[0].begin), "\u201C");
  EXPECT_EQ(src.substr(t[2].begin, t[2].end - t[2].begin), "n\u2019t");
  EXPECT_EQ(src.substr(t[5].begin, t[5].end - t[5].begin), "Go");
}

TEST(TokenizerTest, WordTablesAreSorted) { EXPECT_TRUE(internal::TablesSorted()); }

TEST(TokenizerTest, StaysLinearOnHugeTokens) {
  const std::string no_spaces(1 << 20, 'a');
  NormalizedText n = Normalize(no_spaces);
  EXPECT_EQ(Tokenize(no_spaces, n).size(), 1u);

  std::string mixed;
  while (mixed.size() < (1 << 20)) mixed += "ab.cd-ef,12:30'x/";
  NormalizedText m = Normalize(mixed);
  EXPECT_GT(Tokenize(mixed, m).size(), 1000u);

  const std::string digits(10 << 20, '7');
  NormalizedText d = Normalize(digits);
  std::vector<Token> dt = Tokenize(digits, d);
  ASSERT_EQ(dt.size(), 1u);
  EXPECT_EQ(dt[0].end, digits.size());
}

}  // namespace
}  // namespace storyline::text
