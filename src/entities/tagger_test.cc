// Tests of the tagger and the model file: a tiny model trained here, the
// committed model on bad input, and damaged / foreign model files.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "src/entities/features.h"
#include "src/entities/model.h"
#include "src/entities/trainer.h"
#include "storyline/entities.h"

namespace storyline::entities {
namespace {

// Per process: ctest runs each test of this suite in its own process, and
// each retrains the toy model in SetUpTestSuite, so a shared path would let
// one process read a model another is still writing.
std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/storyline_tagger_test_" + std::to_string(::getpid()) + "_" + name;
}

// Options for a small training run: `name`.conll in, `name`.model out,
// a 2^16-row table.
TrainOptions ToyOptions(const std::string& name, int epochs) {
  TrainOptions o;
  o.train_path = TempPath(name + ".conll");
  o.output_path = TempPath(name + ".model");
  o.epochs = epochs;
  o.log2_rows = 16;
  return o;
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f << data;
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A toy corpus with a learnable pattern: capitalised word after "Mr" is PER,
// after "in" is LOC.
std::string ToyCorpus() {
  std::string s;
  const char* names[] = {"Smith", "Jones", "Brown", "Green", "White"};
  const char* places[] = {"Paris", "Bonn", "Rome", "Oslo", "Lima"};
  for (int r = 0; r < 20; ++r) {
    s += "-DOCSTART- -X- O O\n\n";
    for (int k = 0; k < 5; ++k) {
      s += std::string("Mr O\n") + names[(r + k) % 5] + " I-PER\nwent O\nto O\n" + places[(r * 3 + k) % 5] +
           " I-LOC\n. O\n\n";
    }
  }
  return s;
}

class TaggerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    WriteFile(TempPath("toy.conll"), ToyCorpus());
    TrainOptions o = ToyOptions("toy", 5);
    auto rep = TrainNer(o, nullptr);
    ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  }
};

TEST_F(TaggerTest, LearnsToyPattern) {
  auto t = Tagger::Load(TempPath("toy.model"), nullptr);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::vector<std::string_view> s = {"Mr", "Brown", "went", "to", "Oslo", "."};
  auto tags = (*t)->TagDocumentIob({s});
  EXPECT_EQ(tags[0][1], "B-PER");
  EXPECT_EQ(tags[0][4], "B-LOC");
  EXPECT_EQ(tags[0][0], "O");
}

TEST_F(TaggerTest, RejectsEmptyTruncatedAndForeignModels) {
  std::string good = ReadFile(TempPath("toy.model"));
  WriteFile(TempPath("empty.model"), "");
  auto e = Tagger::Load(TempPath("empty.model"), nullptr);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kCorruption);
  EXPECT_NE(e.status().message().find("empty"), std::string::npos);

  WriteFile(TempPath("trunc.model"), good.substr(0, good.size() - 10));
  auto t = Tagger::Load(TempPath("trunc.model"), nullptr);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kCorruption);

  std::string foreign = good;
  foreign[8] = 99;  // format version 99
  WriteFile(TempPath("foreign.model"), foreign);
  auto f = Tagger::Load(TempPath("foreign.model"), nullptr);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(f.status().message().find("version 99"), std::string::npos);

  WriteFile(TempPath("text.model"), "hello, I am not a model");
  auto x = Tagger::Load(TempPath("text.model"), nullptr);
  ASSERT_FALSE(x.ok());
  EXPECT_NE(x.status().message().find("bad magic"), std::string::npos);

  std::string flipped = good;
  flipped[flipped.size() - 5] ^= 0x40;
  WriteFile(TempPath("flip.model"), flipped);
  EXPECT_FALSE(Tagger::Load(TempPath("flip.model"), nullptr).ok());

  EXPECT_EQ(Tagger::Load(TempPath("missing.model"), nullptr).status().code(), StatusCode::kNotFound);
}

TEST_F(TaggerTest, BadInputDoesNotCrash) {
  auto t = Tagger::Load(TempPath("toy.model"), nullptr);
  ASSERT_TRUE(t.ok());
  // A 5,000-token sentence without punctuation.
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) words.push_back(i % 7 == 0 ? "Paris" : "word");
  std::vector<std::string_view> s(words.begin(), words.end());
  auto tags = (*t)->TagDocumentIob({s});
  EXPECT_EQ(tags[0].size(), 5000u);
  // Non-Latin scripts, all caps, empty tokens, broken UTF-8.
  std::vector<std::string_view> odd = {"Владимир", "Путин", "金正恩", "ВСЕ", "MR", "BROWN",
                                       "", "\xff\xfe", "\xe2\x82"};
  auto tags2 = (*t)->TagDocumentIob({odd, {}});
  EXPECT_EQ(tags2[0].size(), odd.size());
  EXPECT_TRUE(tags2[1].empty());
  for (const auto& tag : tags2[0]) EXPECT_TRUE(tag == "O" || tag.size() > 2);
}

// Made-up names from one syllable set, so that neither their spelling nor
// their context ("Visit X today .") tells people (even i) from places (odd
// i); only the corpus tag prior does.
std::string MadeUpName(int i) {
  const char* syllables[] = {"ba", "ko", "mi", "ru", "te", "lo", "si", "na"};
  std::string name;
  for (int k = 0; k < 3; ++k, i /= 8) name += syllables[i % 8];
  name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

// Names 0..99, each once.
std::string PriorCorpus() {
  std::string s;
  for (int d = 0; d < 20; ++d) {
    s += "-DOCSTART- -X- O O\n\n";
    for (int k = 0; k < 5; ++k) {
      const int i = d * 5 + k;
      s += "Visit O\n" + MadeUpName(i) + (i % 2 == 0 ? " I-PER" : " I-LOC") + "\ntoday O\n. O\n\n";
    }
  }
  return s;
}

// Casing counts plus two folds of tag counts (PER ORG LOC MISC O) for names
// 0..119.
std::string PriorCounts() {
  std::string s;
  for (int i = 0; i < 120; ++i) {
    std::string name = MadeUpName(i);
    name[0] = static_cast<char>(name[0] - 'A' + 'a');
    s += name + (i % 2 == 0 ? "\t0\t20\t10\t0\t0\t0\t0\t10\t0\t0\t0\t0\n"
                            : "\t0\t20\t0\t0\t10\t0\t0\t0\t0\t10\t0\t0\n");
  }
  return s + "today\t50\t0\n";
}

TEST(TrainerTest, FeatureDropoutIsDeterministicAndStillLearns) {
  WriteFile(TempPath("drop.conll"), ToyCorpus());
  std::string models[2];
  for (int run = 0; run < 2; ++run) {
    TrainOptions o = ToyOptions("drop", 5);
    o.output_path = TempPath("drop" + std::to_string(run) + ".model");
    o.feature_dropout = 0.3f;
    auto rep = TrainNer(o, nullptr);
    ASSERT_TRUE(rep.ok()) << rep.status().ToString();
    models[run] = ReadFile(o.output_path);
  }
  EXPECT_FALSE(models[0].empty());
  EXPECT_EQ(models[0], models[1]);  // the dropped features come from hashes, not a clock
  TrainOptions plain = ToyOptions("drop", 5);
  plain.output_path = TempPath("nodrop.model");
  plain.feature_dropout = 0;
  ASSERT_TRUE(TrainNer(plain, nullptr).ok());
  EXPECT_NE(models[0], ReadFile(plain.output_path));
  auto t = Tagger::Load(TempPath("drop0.model"), nullptr);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::vector<std::string_view> s = {"Mr", "Green", "went", "to", "Rome", "."};
  auto tags = (*t)->TagDocumentIob({s});
  EXPECT_EQ(tags[0][1], "B-PER");
  EXPECT_EQ(tags[0][4], "B-LOC");
}

TEST(TrainerTest, NoContextModelsSayWhatTheyWereTrainedWith) {
  WriteFile(TempPath("ctx.conll"), ToyCorpus());
  std::string bytes[2];
  for (int run = 0; run < 2; ++run) {
    TrainOptions o = ToyOptions("ctx", 3);
    o.output_path = TempPath("ctx" + std::to_string(run) + ".model");
    o.context_aggregation = run == 0;
    ASSERT_TRUE(TrainNer(o, nullptr).ok());
    bytes[run] = ReadFile(o.output_path);
  }
  auto with = Model::Parse(bytes[0], "with");
  auto without = Model::Parse(bytes[1], "without");
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_TRUE(with->contexts);
  EXPECT_FALSE(without->contexts);
  EXPECT_NE(bytes[0], bytes[1]);
}

TEST(TagPriorTest, TagsUnseenNamesByTheirCorpusPrior) {
  WriteFile(TempPath("prior.conll"), PriorCorpus());
  WriteFile(TempPath("prior.tsv"), PriorCounts());
  TrainOptions o = ToyOptions("prior", 5);
  o.casing_path = TempPath("prior.tsv");
  auto rep = TrainNer(o, nullptr);
  ASSERT_TRUE(rep.ok()) << rep.status().ToString();
  auto t = Tagger::Load(TempPath("prior.model"), nullptr);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  // Names 100..119 are not in the training data; only the corpus prior
  // tells them apart.
  std::vector<std::string> names;
  for (int i = 100; i < 120; ++i) names.push_back(MadeUpName(i));
  std::vector<std::vector<std::string_view>> doc;
  for (const std::string& n : names) doc.push_back({"Visit", n, "today", "."});
  auto tags = (*t)->TagDocumentIob(doc);
  for (int i = 100; i < 120; ++i)
    EXPECT_EQ(tags[i - 100][1], i % 2 == 0 ? "B-PER" : "B-LOC") << names[i - 100];
}

TEST(TagPriorTest, RejectsRaggedFoldCounts) {
  WriteFile(TempPath("ragged.conll"), PriorCorpus());
  // Line 2 has one fold of counts where line 1 has two; line 3 a partial set.
  WriteFile(TempPath("ragged.tsv"), "abel\t0\t9\t9\t0\t0\t0\t1\t8\t0\t1\t0\t0\n"
                                    "arles\t0\t9\t0\t0\t9\t0\t1\n");
  TrainOptions o = ToyOptions("ragged", 1);
  o.casing_path = TempPath("ragged.tsv");
  auto rep = TrainNer(o, nullptr);
  ASSERT_FALSE(rep.ok());
  EXPECT_EQ(rep.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(rep.status().message().find("ragged.tsv:2:"), std::string::npos) << rep.status().ToString();
}

TEST(FeaturesTest, TagPriorCodes) {
  // Too little evidence: no prior.
  EXPECT_EQ(TagPriorCode({0, 0, 0, 0, 0}), 0);
  EXPECT_EQ(TagPriorCode({1, 0, 0, 0, 0}), 0);
  // The majority label, how clear it is, and how often the word was seen.
  const uint16_t org_clear = TagPriorCode({0, 9, 0, 0, 1});
  EXPECT_NE(org_clear, 0);
  EXPECT_NE(org_clear, TagPriorCode({9, 0, 0, 0, 1}));   // PER
  EXPECT_NE(org_clear, TagPriorCode({0, 6, 0, 0, 4}));   // ORG, less clear
  EXPECT_NE(org_clear, TagPriorCode({0, 90, 0, 0, 10})); // ORG, seen more often
  EXPECT_EQ(org_clear, TagPriorCode({0, 18, 0, 0, 2}));
  EXPECT_NE(TagPriorCode({0, 0, 0, 0, 7}), 0);  // mostly O: a capitalised common word
}

TEST(FeaturesTest, ShapesAndBilou) {
  EXPECT_EQ(Shape("Putin", true), "Xx");
  EXPECT_EQ(Shape("Ha-gyu", true), "Xx-x");
  EXPECT_EQ(Shape("1996", false), "dddd");
  EXPECT_EQ(Shape("Путин", true), "Xx");
  auto l = TagsToBilou({"I-PER", "I-PER", "O", "I-LOC"});
  EXPECT_EQ(LabelName(l[0]), "B-PER");
  EXPECT_EQ(LabelName(l[1]), "L-PER");
  EXPECT_EQ(LabelName(l[3]), "U-LOC");
  EXPECT_TRUE(ValidTransition(-1, l[0]));
  EXPECT_FALSE(ValidTransition(l[0], 0));
}

TEST(FeaturesTest, ContextAggregation) {
  // "Lebed" twice: each mention's features include the neighbours of both
  // (offset-tagged, distinct, punctuation left out); the headline is skipped.
  std::vector<std::vector<std::string_view>> doc = {
      {"RUSSIA", "SAYS", "LEBED", "WINS"},
      {"Mr", "Lebed", "said", "."},
      {"General", "Lebed", ",", "who"},
  };
  ClusterTable none;
  PreparedDocument pd;
  PrepareDocument(doc, none, nullptr, &pd);
  const auto& ctx = pd.state.contexts;
  auto it = ctx.find(HashString("lebed"));
  ASSERT_NE(it, ctx.end());
  EXPECT_EQ(it->second.size(), 3u);  // before: mr, general; after: said
  EXPECT_EQ(ctx.count(HashString("says")), 0u);
  // Each mention of "Lebed" gets one feature per context, the same ones.
  std::vector<uint64_t> a, b, plain;
  ExtractStaticFeatures(pd.sentences[1], 1, pd.caps[1], pd.state, &a);
  ExtractStaticFeatures(pd.sentences[2], 1, pd.caps[2], pd.state, &b);
  DocumentState without = pd.state;
  without.contexts.clear();
  ExtractStaticFeatures(pd.sentences[1], 1, pd.caps[1], without, &plain);
  ASSERT_EQ(a.size(), plain.size() + 3);
  for (size_t k = plain.size(); k < a.size(); ++k)
    EXPECT_EQ(std::count(b.begin(), b.end(), a[k]), 1);
  // At most kMaxContexts per word.
  std::vector<std::vector<std::string>> many;
  for (int k = 0; k < 20; ++k) many.push_back({"w" + std::to_string(k), "Kim", "x" + std::to_string(k)});
  std::vector<std::vector<std::string_view>> views;
  for (const auto& s : many) views.emplace_back(s.begin(), s.end());
  PrepareDocument(views, none, nullptr, &pd);
  EXPECT_EQ(pd.state.contexts.at(HashString("kim")).size(), kMaxContexts);
}

}  // namespace
}  // namespace storyline::entities
