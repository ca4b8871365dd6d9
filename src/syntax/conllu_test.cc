// Tests for the CoNLL-U reader and writer.
#include "src/syntax/conllu.h"

#include <gtest/gtest.h>

namespace storyline::syntax {
namespace {

constexpr char kSample[] =
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "4.1\tknew\tknow\tVERB\tVBD\t_\t_\t_\t4:conj\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n";

TEST(ConlluTest, ReadsWordsMultiwordsAndSkipsEmptyNodes) {
  auto r = ParseConllu(kSample, "t");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  const ConlluSentence& s = (*r)[0];
  EXPECT_EQ(s.text, "I don't know.");
  ASSERT_EQ(s.words.size(), 5u);
  EXPECT_EQ(s.words[2].lemma, "not");
  EXPECT_EQ(s.words[3].head, 0);
  ASSERT_EQ(s.multiwords.size(), 1u);
  EXPECT_EQ(s.multiwords[0].form, "don't");
  auto ranges = s.TokenRanges();
  ASSERT_EQ(ranges.size(), 4u);
  EXPECT_EQ(ranges[1], std::make_pair(1, 2));
  EXPECT_TRUE(s.NoSpaceAfterWord(3));
  EXPECT_FALSE(s.NoSpaceAfterWord(0));
}

TEST(ConlluTest, RoundTrips) {
  auto r = ParseConllu(kSample, "t");
  ASSERT_TRUE(r.ok());
  std::string out;
  AppendConllu((*r)[0], &out);
  auto again = ParseConllu(out, "t2");
  ASSERT_TRUE(again.ok());
  std::string out2;
  AppendConllu((*again)[0], &out2);
  EXPECT_EQ(out, out2);
}

TEST(ConlluTest, RejectsBadLinesWithPlace) {
  struct Case { const char* text; const char* why; };
  const Case cases[] = {
      {"1\ta\tb\n\n", "expected 10"},
      {"2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n", "out of sequence"},
      {"1\ta\ta\tX\tX\t_\t7\troot\t_\t_\n\n", "outside the sentence"},
      {"x\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n", "bad word id"},
      {"1\ta\ta\tX\tX\t_\tq\troot\t_\t_\n\n", "bad head"},
  };
  for (const Case& c : cases) {
    auto r = ParseConllu(c.text, "f.conllu");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find("f.conllu:1"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(c.why), std::string::npos) << r.status().message();
  }
}

TEST(ConlluTest, MissingFileIsNotFound) {
  auto r = ReadConlluFile("/nonexistent/x.conllu");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(ConlluTest, FieldValue) {
  EXPECT_EQ(FieldValue("Mood=Ind|Tense=Past", "Tense"), "Past");
  EXPECT_EQ(FieldValue("Mood=Ind|Tense=Past", "Mood"), "Ind");
  EXPECT_EQ(FieldValue("Mood=Ind", "Moo"), "");
  EXPECT_EQ(FieldValue("_", "Tense"), "");
}

}  // namespace
}  // namespace storyline::syntax
