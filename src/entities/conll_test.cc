// Tests of the CoNLL reader and the conlleval-compatible scorer.
#include <gtest/gtest.h>

#include "storyline/entities.h"

namespace storyline::entities {
namespace {

std::vector<std::string> Tags(std::initializer_list<const char*> t) { return {t.begin(), t.end()}; }

TEST(ChunkTest, Iob1StartsChunkAtIAfterO) {
  auto c = ExtractChunks(Tags({"I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-LOC"}));
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].first, 0); EXPECT_EQ(c[0].last, 2); EXPECT_EQ(c[0].type, "PER");
  EXPECT_EQ(c[1].first, 3); EXPECT_EQ(c[1].last, 4);
  EXPECT_EQ(c[2].first, 4); EXPECT_EQ(c[2].last, 6);
}

TEST(ChunkTest, TypeChangeEndsChunk) {
  auto c = ExtractChunks(Tags({"B-ORG", "I-PER", "I-PER"}));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].type, "PER");
  EXPECT_EQ(c[1].first, 1);
}

TEST(ChunkTest, Bioes) {
  auto c = ExtractChunks(Tags({"S-LOC", "B-PER", "E-PER", "O"}));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[1].last, 3);
}

// Hand-computed: gold has 4 chunks (PER 2, LOC 1, ORG 1); the prediction
// finds 4: PER "John Smith" correct, LOC correct, ORG with a wrong boundary,
// one spurious MISC. correct = 2, P = 2/4, R = 2/4, F1 = 0.5.
// PER: P=1/1 R=1/2 F1=0.6667; LOC: 1/1, 1/1; ORG: 0/1, 0/1; MISC 0/1.
TEST(NerScorerTest, HandComputedExample) {
  NerScorer s;
  s.AddSentence(Tags({"I-PER", "I-PER", "O", "I-LOC", "O", "I-ORG", "I-ORG"}),
                Tags({"B-PER", "I-PER", "O", "B-LOC", "B-MISC", "B-ORG", "O"}));
  s.AddSentence(Tags({"I-PER", "O"}), Tags({"O", "O"}));
  NerScore sc = s.Score();
  EXPECT_EQ(sc.micro.gold, 4);
  EXPECT_EQ(sc.micro.predicted, 4);
  EXPECT_EQ(sc.micro.correct, 2);
  EXPECT_DOUBLE_EQ(sc.micro.f1(), 0.5);
  ASSERT_EQ(sc.by_type.size(), 4u);
  EXPECT_EQ(sc.by_type[0].type, "LOC");
  EXPECT_DOUBLE_EQ(sc.by_type[0].f1(), 1.0);
  EXPECT_EQ(sc.by_type[3].type, "PER");
  EXPECT_NEAR(sc.by_type[3].f1(), 2.0 / 3.0, 1e-12);
  EXPECT_EQ(sc.tokens, 9);
  EXPECT_EQ(sc.correct_tags, 3);  // whole-tag equality: I-PER, O, O
  std::string r = s.Report();
  EXPECT_NE(r.find("ner F1: 0.5000\n"), std::string::npos);
  EXPECT_EQ(r.substr(r.size() - 15), "ner F1: 0.5000\n");
}

TEST(ConllReaderTest, DocumentsSentencesAndLines) {
  auto c = ParseConll("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\n"
                      "Peter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\n",
                      "x.conll");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->documents.size(), 2u);
  EXPECT_EQ(c->documents[0].sentences.size(), 2u);
  EXPECT_EQ(c->documents[0].sentences[0].lines[1], "rejects VBZ I-VP O");
  EXPECT_EQ(c->documents[0].sentences[0].first_line, 3u);
  EXPECT_EQ(c->num_tokens, 4u);
}

TEST(ConllReaderTest, BadInputNamesLine) {
  auto c = ParseConll("EU I-ORG\nrejects\n", "bad.conll", 2);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("bad.conll:2"), std::string::npos);
  auto u = ParseConll("a\xff O\n", "u.conll", 2);
  EXPECT_FALSE(u.ok());
  auto e = ParseConll("", "e.conll", 2);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->num_tokens, 0u);
}

}  // namespace
}  // namespace storyline::entities
