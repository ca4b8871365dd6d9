// The committed model and gazetteer on bad input: all-caps text, a 5,000-token
// sentence without punctuation, non-Latin scripts, broken UTF-8; and bad
// gazetteer / model directories.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "storyline/entities.h"

namespace storyline::entities {
namespace {

const Recognizer& Rec() {
  static std::unique_ptr<Recognizer> r = [] {
    auto rec = Recognizer::Load(std::string(STORYLINE_SOURCE_DIR) + "/models/entities");
    EXPECT_TRUE(rec.ok()) << rec.status().ToString();
    return rec.ok() ? std::move(*rec) : nullptr;
  }();
  return *r;
}

TEST(RecognizerTest, AllCapsText) {
  auto a = Rec().Analyze(SimpleTokenize(
      "RUSSIAN PRESIDENT VLADIMIR PUTIN MET NORTH KOREAN LEADER KIM JONG UN IN PYONGYANG ON "
      "WEDNESDAY. PUTIN SAID THE TREATY WAS A BREAKTHROUGH."));
  bool putin = false;
  for (const ArticleEntity& e : a.entities) putin |= e.type == "PER" && e.name.find("PUTIN") != std::string::npos;
  EXPECT_TRUE(putin);
  for (const Mention& m : a.mentions) EXPECT_LT(m.begin, m.end);
}

TEST(RecognizerTest, LongSentenceWithoutPunctuation) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += (i % 50 == 0 ? "Moscow " : i % 7 == 0 ? "Smith " : "word ");
  auto s = SimpleTokenize(text);
  ASSERT_EQ(s.size(), 1u);
  ASSERT_EQ(s[0].tokens.size(), 5000u);
  auto a = Rec().Analyze(s);
  for (const Mention& m : a.mentions) EXPECT_LE(m.last_token, 5000u);
}

TEST(RecognizerTest, NonLatinScriptsAndBrokenUtf8) {
  auto a = Rec().Analyze(SimpleTokenize(
      "Владимир Путин встретился с Ким Чен Ыном. 김정은 위원장이 말했다. 普京与金正恩会面。"
      "قال الرئيس بوتين. Bad \xff\xfe bytes \xe2\x82 here."));
  for (const Mention& m : a.mentions) {
    EXPECT_LT(m.begin, m.end);
    EXPECT_GE(m.entity, 0);
  }
  auto empty = Rec().Analyze({});
  EXPECT_TRUE(empty.mentions.empty());
}

TEST(RecognizerTest, GluesHyphenatedWordsSplitByTheTextStage) {
  // The text stage gives "Ha" "-" "gyu" (no spaces between them); CoNLL, which
  // the model learnt, has one token "Ha-gyu".
  SentenceInput s;
  uint32_t pos = 0;
  for (const char* w : {"Jeon", " Ha", "-", "gyu", ",", " a", " spokesman", ",", " said", " Tuesday", "."}) {
    std::string_view v(w);
    if (v[0] == ' ') {
      ++pos;
      v.remove_prefix(1);
    }
    TokenInput t;
    t.form = std::string(v);
    t.begin = pos;
    t.end = pos + static_cast<uint32_t>(v.size());
    pos = t.end;
    s.tokens.push_back(t);
  }
  auto a = Rec().Analyze({s});
  bool found = false;
  for (const Mention& m : a.mentions)
    if (m.type == "PER" && m.first_token == 0) {
      found = true;
      EXPECT_EQ(m.last_token, 4u);
      EXPECT_EQ(m.text, "Jeon Ha-gyu");
      EXPECT_EQ(m.end, 11u);
    }
  EXPECT_TRUE(found);
}

TEST(RecognizerTest, MissingOrBadModelDirectory) {
  auto r = Recognizer::Load("/nonexistent/dir");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  const std::string path = ::testing::TempDir() + "/storyline_recognizer_test_" +
                           std::to_string(::getpid()) + "_gazetteer.bin";
  { std::ofstream(path, std::ios::binary) << ""; }
  auto e = Gazetteer::Load(path);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kCorruption);
  { std::ofstream(path, std::ios::binary) << "not zlib at all"; }
  EXPECT_EQ(Gazetteer::Load(path).status().code(), StatusCode::kCorruption);
  std::remove(path.c_str());
}

TEST(RecognizerTest, ModelRefusesAnotherGazetteer) {
  auto g = Gazetteer::FromTsv("#storyline-gazetteer\t1\n1\tRussia\t\tRU\n");
  ASSERT_TRUE(g.ok());
  auto t = Tagger::Load(std::string(STORYLINE_SOURCE_DIR) + "/models/entities/ner.model", g->get());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(t.status().message().find("gazetteer"), std::string::npos);
}

}  // namespace
}  // namespace storyline::entities
