// Model file errors: missing, truncated, foreign, damaged, other version or
// feature set each give a clear Status; a tiny model round-trips.
#include "src/syntax/model.h"

#include <gtest/gtest.h>

#include <cstring>

#include "storyline/syntax.h"

namespace storyline::syntax {
namespace {

// Two tags, two relations, two FEATS values.
SyntaxModel TinyNames() {
  SyntaxModel m;
  m.description = "tiny";
  m.upos = {"NOUN", "VERB"};
  m.xpos = {"NN", "VBZ"};
  m.labels = {"nsubj", "root"};
  m.feats = {"_", "Number=Sing"};
  m.class_feats = {1, 0};
  m.parser.root_label = 1;
  return m;
}

std::string TinyModel() {
  SyntaxModel m = TinyNames();
  std::vector<SparseWeights::Row> t = {{Feat(2, 5), {{0, 100}, {1, -3}}}};
  std::vector<SparseWeights::Row> p = {{Feat(101, 7), {{0, 10}}}};
  return SerializeModel(m, &t, 0.01f, &p, 0.01f);
}

TEST(ModelTest, RoundTripsAndAnalyses) {
  auto a = Analyzer::FromBytes(TinyModel(), "tiny");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->description(), "tiny");
  std::vector<std::string_view> words = {"dog", "barks"};
  auto out = (*a)->Analyze(words);
  ASSERT_EQ(out.size(), 2u);
  int roots = 0;
  for (const auto& w : out) roots += w.head == 0;
  EXPECT_EQ(roots, 1);
}

TEST(ModelTest, StoresTheParserBeamWidth) {
  SyntaxModel m = TinyNames();
  m.parser.beam_width = 8;
  std::vector<SparseWeights::Row> t = {{Feat(2, 5), {{0, 100}, {1, -3}}}};
  std::vector<SparseWeights::Row> p = {{Feat(101, 7), {{0, 10}}}};
  auto a = Analyzer::FromBytes(SerializeModel(m, &t, 0.01f, &p, 0.01f), "tiny");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->parser_beam(), 8);
  std::vector<std::string_view> words = {"dog", "barks", "loudly"};
  for (int width : {0, 1, 3}) {
    (*a)->set_parser_beam(width);
    auto out = (*a)->Analyze(words);
    ASSERT_EQ(out.size(), 3u);
    int roots = 0;
    for (const auto& w : out) roots += w.head == 0;
    EXPECT_EQ(roots, 1) << "beam " << width;
  }
}

// The word tables beside the clusters (case profiles, finer clusters) are
// stored and feed the tagger: weights only on the finer-cluster and
// case-profile templates decide the tags.
TEST(ModelTest, StoresCaseProfilesAndFinerClusters) {
  SyntaxModel m;
  m.description = "tiny";
  m.upos = {"NOUN", "VERB", "PROPN"};
  m.xpos = {"NN", "VBZ", "NNP"};
  m.labels = {"nsubj", "root"};
  m.feats = {"_"};
  m.class_feats = {0, 0, 0};
  m.parser.root_label = 1;
  const uint64_t barks = HashBytes("barks", 1), rex = HashBytes("rex", 1);
  m.clusters.fine = {{barks, 0}, {rex, 1}};
  m.clusters.coarse_of = {0, 0};
  m.clusters.finer = {{barks, 6}};
  m.clusters.caps = {{rex, 6}};
  std::vector<SparseWeights::Row> t = {{Feat(46, 7), {{1, 100}}},   // finer cluster 6 -> VERB
                                       {Feat(44, 6), {{2, 100}}}};  // always capitalised -> PROPN
  std::vector<SparseWeights::Row> p = {{Feat(101, 7), {{0, 10}}}};
  auto a = Analyzer::FromBytes(SerializeModel(m, &t, 0.01f, &p, 0.01f), "tiny");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  std::vector<std::string_view> words = {"Rex", "barks", "loudly"};
  auto out = (*a)->Analyze(words);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].upos, "PROPN");
  EXPECT_EQ(out[1].upos, "VERB");
  EXPECT_EQ(out[2].upos, "NOUN");  // in no table: no weights, class 0
}

// The supertagger (format version 7) is stored with its classes and tag
// dictionary, and writes each word's supertag + 1 into its atoms, where
// the parser's templates read it.
TEST(ModelTest, StoresTheSupertagger) {
  SyntaxModel m = TinyNames();
  m.supertags = {"nsubj>", "root", "obj<"};
  m.supertagger.tag_dict = {{HashBytes("dog", 2), 0}};  // exact form "dog" -> nsubj>
  std::vector<SparseWeights::Row> t = {{Feat(2, 5), {{0, 100}}}};
  std::vector<SparseWeights::Row> p = {{Feat(101, 7), {{0, 10}}}};
  std::vector<SparseWeights::Row> st = {
      {Feat(2, HashBytes("barks", 1)), {{1, 100}}},  // the word "barks" -> root
      {Feat(2, HashBytes("bones", 1)), {{2, 100}}}};
  std::string bytes = SerializeModel(m, &t, 0.01f, &p, 0.01f, nullptr, 1, &st, 0.01f);
  SyntaxModel back;
  ASSERT_TRUE(DeserializeModel(bytes, "tiny", &back).ok());
  EXPECT_EQ(back.supertags, m.supertags);
  EXPECT_EQ(back.supertagger.num_classes, 3);
  std::vector<std::string_view> words = {"dog", "barks", "bones"};
  std::vector<TokenAtoms> atoms;
  ComputeAtoms(words, &atoms);
  const std::vector<int> tags = {0, 1, 0};
  back.supertagger.Supertag(atoms.data(), 3, tags.data());
  EXPECT_EQ(atoms[0].stag, 1u);
  EXPECT_EQ(atoms[1].stag, 2u);
  EXPECT_EQ(atoms[2].stag, 3u);
  // A model without one leaves the atoms alone.
  SyntaxModel none;
  ASSERT_TRUE(DeserializeModel(TinyModel(), "tiny", &none).ok());
  EXPECT_EQ(none.supertagger.num_classes, 0);
  atoms[0].stag = 0;
  none.supertagger.Supertag(atoms.data(), 3, tags.data());
  EXPECT_EQ(atoms[0].stag, 0u);
}

TEST(ModelTest, MissingFileIsNotFound) {
  auto a = Analyzer::Load("/nonexistent/model");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kNotFound);
  EXPECT_NE(a.status().message().find("train syntax"), std::string::npos);
}

TEST(ModelTest, TruncatedFileIsCorruption) {
  std::string m = TinyModel();
  for (size_t keep : {size_t{0}, size_t{5}, size_t{20}, m.size() - 1}) {
    auto a = Analyzer::FromBytes(std::string_view(m).substr(0, keep), "m");
    ASSERT_FALSE(a.ok()) << keep;
    EXPECT_EQ(a.status().code(), StatusCode::kCorruption) << keep;
    EXPECT_NE(a.status().message().find("truncated"), std::string::npos)
        << keep << ": " << a.status().message();
  }
}

TEST(ModelTest, ForeignFileIsCorruption) {
  auto a = Analyzer::FromBytes("{\"this is\": \"json, not a model at all\"}", "x.json");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kCorruption);
  EXPECT_NE(a.status().message().find("bad magic"), std::string::npos);
}

TEST(ModelTest, DamagedPayloadFailsChecksum) {
  std::string m = TinyModel();
  m[m.size() - 3] ^= 0x5A;
  auto a = Analyzer::FromBytes(m, "m");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kCorruption);
  EXPECT_NE(a.status().message().find("checksum"), std::string::npos);
}

TEST(ModelTest, OtherVersionOrFeatureSetIsRejected) {
  std::string m = TinyModel();
  std::string v = m;
  uint32_t other = kModelVersion + 1;
  std::memcpy(v.data() + 8, &other, 4);
  auto a = Analyzer::FromBytes(v, "m");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(a.status().message().find("version"), std::string::npos);
  std::string f = m;
  other = kFeatureSetId + 1;
  std::memcpy(f.data() + 12, &other, 4);
  a = Analyzer::FromBytes(f, "m");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(a.status().message().find("feature set"), std::string::npos);
}

}  // namespace
}  // namespace storyline::syntax
