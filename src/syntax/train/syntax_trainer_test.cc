// The trainer end to end on a tiny treebank (train = dev): the beam parser
// trained with max-violation updates fits its training trees, stores its
// width in the model, and two runs write byte-identical files; beam 1
// still trains the greedy parser. Needs Debian wordnet-base.
#include "src/syntax/train/syntax_trainer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "src/syntax/conllu.h"
#include "src/syntax/model.h"
#include "storyline/syntax.h"

namespace storyline::syntax {
namespace {

// ID FORM LEMMA UPOS XPOS HEAD DEPREL, one sentence a block.
const char* const kTreebank[] = {
    "1 The the DET DT 2 det\n2 dog dog NOUN NN 3 nsubj\n3 barks bark VERB VBZ 0 root\n"
    "4 . . PUNCT . 3 punct\n",
    "1 Officials official NOUN NNS 2 nsubj\n2 said say VERB VBD 0 root\n"
    "3 the the DET DT 4 det\n4 talks talk NOUN NNS 5 nsubj\n5 failed fail VERB VBD 2 ccomp\n"
    "6 . . PUNCT . 2 punct\n",
    "1 She she PRON PRP 2 nsubj\n2 saw see VERB VBD 0 root\n3 a a DET DT 4 det\n"
    "4 man man NOUN NN 2 obj\n5 with with ADP IN 7 case\n6 a a DET DT 7 det\n"
    "7 telescope telescope NOUN NN 2 obl\n8 . . PUNCT . 2 punct\n",
    "1 Troops troop NOUN NNS 2 nsubj\n2 arrived arrive VERB VBD 0 root\n"
    "3 in in ADP IN 5 case\n4 the the DET DT 5 det\n5 city city NOUN NN 2 obl\n"
    "6 on on ADP IN 7 case\n7 Tuesday Tuesday PROPN NNP 2 obl:tmod\n8 . . PUNCT . 2 punct\n",
    "1 The the DET DT 2 det\n2 minister minister NOUN NN 4 nsubj\n3 will will AUX MD 4 aux\n"
    "4 visit visit VERB VB 0 root\n5 Paris Paris PROPN NNP 4 obj\n6 . . PUNCT . 4 punct\n",
};

std::string Conllu() {
  std::string out;
  for (const char* block : kTreebank) {
    std::istringstream in(block);
    std::string id, form, lemma, upos, xpos, head, rel;
    while (in >> id >> form >> lemma >> upos >> xpos >> head >> rel)
      out += id + "\t" + form + "\t" + lemma + "\t" + upos + "\t" + xpos + "\t_\t" + head + "\t" +
             rel + "\t_\t_\n";
    out += "\n";
  }
  return out;
}

class SyntaxTrainerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists("/usr/share/wordnet/verb.exc"))
      GTEST_SKIP() << "needs Debian wordnet-base";
    dir_ = std::filesystem::path(::testing::TempDir()) / "syntax_trainer_test";
    std::filesystem::create_directories(dir_);
    treebank_ = (dir_ / "tiny.conllu").string();
    std::ofstream(treebank_) << Conllu();
  }

  TrainOptions Options(int beam, const std::string& out) const {
    TrainOptions o;
    o.train_path = treebank_;
    o.dev_path = treebank_;
    o.corpus_dir = "";
    o.out_path = (dir_ / out).string();
    o.jackknife_folds = 0;
    o.two_pass_tagger = false;
    o.tagger_max_epochs = 10;
    o.parser_max_epochs = 10;
    o.parser_beam = beam;
    return o;
  }

  // Analyses each training sentence from its gold words and calls
  // check(gold word, analysed word) for every word.
  template <typename Check>
  void ForEachTrainingWord(const Analyzer& a, Check check) const {
    auto gold = ReadConlluFile(treebank_);
    ASSERT_TRUE(gold.ok());
    for (const ConlluSentence& s : *gold) {
      std::vector<std::string_view> words;
      for (const ConlluWord& w : s.words) words.push_back(w.form);
      auto out = a.Analyze(words);
      ASSERT_EQ(out.size(), s.words.size());
      for (size_t i = 0; i < out.size(); ++i) check(s.words[i], out[i]);
    }
  }

  // Trains `o` twice (the second time into another file) and expects
  // byte-identical files; with `log_prefix`, also a log line of the first
  // run that starts with it. Returns the first file's bytes.
  std::string TrainTwiceIdentically(const TrainOptions& o, const std::string& log_prefix = "") {
    TrainOptions again = o;
    again.out_path = o.out_path + ".again";
    std::vector<std::string> lines;
    EXPECT_TRUE(TrainSyntax(o, [&](const std::string& l) { lines.push_back(l); }).ok());
    EXPECT_TRUE(TrainSyntax(again, nullptr).ok());
    auto a = ReadFileBytes(o.out_path);
    auto b = ReadFileBytes(again.out_path);
    EXPECT_TRUE(a.ok() && b.ok());
    if (!a.ok() || !b.ok()) return "";
    EXPECT_TRUE(*a == *b);
    if (!log_prefix.empty()) {
      bool logged = false;
      for (const std::string& l : lines) logged |= l.rfind(log_prefix, 0) == 0;
      EXPECT_TRUE(logged) << log_prefix;
    }
    return *a;
  }

  std::filesystem::path dir_;
  std::string treebank_;
};

TEST_F(SyntaxTrainerTest, BeamParserFitsItsTrainingTreesAndStoresItsWidth) {
  TrainOptions o = Options(4, "beam4.model");
  ASSERT_TRUE(TrainSyntax(o, nullptr).ok());
  auto a = Analyzer::Load(o.out_path);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->parser_beam(), 4);
  ForEachTrainingWord(**a, [](const ConlluWord& gold, const auto& out) {
    EXPECT_EQ(out.head, gold.head) << gold.form;
    EXPECT_EQ(out.deprel, gold.deprel) << gold.form;
  });
}

// The description records the --out path only when set; the options
// here leave command_line empty, so the files must match byte for byte.
TEST_F(SyntaxTrainerTest, BeamTrainingIsDeterministic) {
  TrainTwiceIdentically(Options(4, "first.model"));
}

// --parser-ensemble 3: three beam parsers (three threads at once) averaged
// into one model that still fits the training trees; deterministic
// although the runs train concurrently.
TEST_F(SyntaxTrainerTest, ParserEnsembleIsDeterministicAndFits) {
  TrainOptions o = Options(4, "ensemble1.model");
  o.parser_ensemble = 3;
  TrainTwiceIdentically(o, "parser ensemble of 3");
  auto model = Analyzer::Load(o.out_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ForEachTrainingWord(**model, [](const ConlluWord& gold, const auto& out) {
    EXPECT_EQ(out.head, gold.head) << gold.form;
    EXPECT_EQ(out.deprel, gold.deprel) << gold.form;
  });
}

// --tagger-ensemble 3: three tagger runs (three threads at once) averaged
// into one table that still fits the training tags; deterministic.
TEST_F(SyntaxTrainerTest, TaggerEnsembleIsDeterministicAndFits) {
  TrainOptions o = Options(4, "tagger_ensemble1.model");
  o.tagger_ensemble = 3;
  TrainTwiceIdentically(o, "ensemble of 3");
  auto model = Analyzer::Load(o.out_path);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ForEachTrainingWord(**model, [](const ConlluWord& gold, const auto& out) {
    EXPECT_EQ(out.upos, gold.upos) << gold.form;
    EXPECT_EQ(out.xpos, gold.xpos) << gold.form;
  });
}

// --parser-dropout: the beam parser's features are dropped by a hash of
// the feature and the sentence, so two runs write the same file, and the
// dropout changes the model.
TEST_F(SyntaxTrainerTest, ParserDropoutIsDeterministic) {
  TrainOptions o = Options(4, "dropout1.model");
  o.parser_dropout = 0.1;
  const std::string with_dropout = TrainTwiceIdentically(o);
  TrainOptions none = Options(4, "dropout0.model");
  ASSERT_TRUE(TrainSyntax(none, nullptr).ok());
  auto c = ReadFileBytes(none.out_path);
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(with_dropout == *c);
}

TEST_F(SyntaxTrainerTest, BeamOneTrainsTheGreedyParser) {
  TrainOptions o = Options(1, "greedy.model");
  ASSERT_TRUE(TrainSyntax(o, nullptr).ok());
  auto a = Analyzer::Load(o.out_path);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ((*a)->parser_beam(), 1);
  std::vector<std::string_view> words = {"The", "dog", "barks", "."};
  auto out = (*a)->Analyze(words);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[2].head, 0);
  EXPECT_EQ(out[1].deprel, "nsubj");
}

// --tagger-only: the tagger is trained (and fits its training tags), the
// parser is left without weights, so tagger experiments skip its minutes.
TEST_F(SyntaxTrainerTest, TaggerOnlyTrainsTheTaggerAlone) {
  TrainOptions o = Options(4, "tagger_only.model");
  o.tagger_only = true;
  ASSERT_TRUE(TrainSyntax(o, nullptr).ok());
  auto bytes = ReadFileBytes(o.out_path);
  ASSERT_TRUE(bytes.ok());
  SyntaxModel m;
  ASSERT_TRUE(DeserializeModel(*bytes, o.out_path, &m).ok());
  EXPECT_GT(m.tagger.weights.num_features(), 0u);
  EXPECT_EQ(m.parser.weights.num_features(), 0u);
  auto a = Analyzer::Load(o.out_path);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ForEachTrainingWord(**a, [](const ConlluWord& gold, const auto& out) {
    EXPECT_EQ(out.upos, gold.upos) << gold.form;
  });
}

// Feature dropout (--tagger-dropout, default 0.2) changes what the tagger
// learns, deterministically, and a tagger trained with it still fits its
// training tags.
TEST_F(SyntaxTrainerTest, TaggerDropoutIsDeterministicAndStillFits) {
  auto train = [&](double dropout, const std::string& name) {
    TrainOptions o = Options(4, name);
    o.tagger_only = true;
    o.tagger_dropout = dropout;
    EXPECT_TRUE(TrainSyntax(o, nullptr).ok());
    auto bytes = ReadFileBytes(o.out_path);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
  };
  const std::string none = train(0, "dropout0.model");
  const std::string a = train(0.2, "dropout_a.model");
  const std::string b = train(0.2, "dropout_b.model");
  EXPECT_EQ(a, b);
  EXPECT_NE(a, none);
  auto analyzer = Analyzer::Load((dir_ / "dropout_a.model").string());
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  ForEachTrainingWord(**analyzer, [](const ConlluWord& gold, const auto& out) {
    EXPECT_EQ(out.upos, gold.upos) << gold.form;
  });
}

// With jack-knifed tags (folds > 1) the supertagger is trained and stored:
// one class per relation and head side seen in train ("nsubj>": the head
// is to the right; "root" has none), and the sides of the word's own
// dependents when that variant is frequent enough ("nsubj>/L"; here every
// variant is rarer than the default 20, so none is kept); deterministic,
// and fits its training words. Without it the model has no supertagger.
TEST_F(SyntaxTrainerTest, SupertaggerTrainsOnJackknifedTags) {
  auto train = [&](const std::string& name, bool supertagger) {
    TrainOptions o = Options(4, name);
    o.jackknife_folds = 2;
    o.supertagger = supertagger;
    EXPECT_TRUE(TrainSyntax(o, nullptr).ok());
    auto bytes = ReadFileBytes(o.out_path);
    EXPECT_TRUE(bytes.ok());
    return bytes.ok() ? *bytes : std::string();
  };
  const std::string a = train("super_a.model", true);
  EXPECT_EQ(a, train("super_b.model", true));
  SyntaxModel m;
  ASSERT_TRUE(DeserializeModel(a, "super_a.model", &m).ok());
  const std::vector<std::string> expected = {"aux>",   "case>",  "ccomp<",    "det>",
                                             "nsubj>", "obj<",   "obl:tmod<", "obl<",
                                             "punct<", "root"};
  EXPECT_EQ(m.supertags, expected);
  EXPECT_EQ(m.supertagger.num_classes, static_cast<int>(expected.size()));
  EXPECT_GT(m.supertagger.weights.num_features() + m.supertagger.tag_dict.size(), 0u);
  // The supertagger fits the supertags of its training words (the parser
  // need not fit its trees here: it trained on tags jack-knifed from two
  // or three sentences, unlike the ones it now sees).
  auto gold = ReadConlluFile(treebank_);
  ASSERT_TRUE(gold.ok());
  int words = 0, right = 0;
  for (const ConlluSentence& s : *gold) {
    std::vector<std::string_view> forms;
    for (const ConlluWord& w : s.words) forms.push_back(w.form);
    const int n = static_cast<int>(forms.size());
    std::vector<TokenAtoms> atoms;
    ComputeAtoms(forms, &atoms, &m.clusters, &m.lemmatizer);
    std::vector<int> tags(n);
    m.tagger.Tag(atoms.data(), n, tags.data());
    m.supertagger.Supertag(atoms.data(), n, tags.data());
    for (int i = 0; i < n; ++i, ++words) {
      const ConlluWord& w = s.words[i];
      const std::string side = w.head == 0 ? "" : w.head < i + 1 ? "<" : ">";
      ASSERT_GE(atoms[i].stag, 1u);
      right += m.supertags[atoms[i].stag - 1] == w.deprel + side;
    }
  }
  EXPECT_GE(right, words - 2) << right << " of " << words;
  SyntaxModel off;
  ASSERT_TRUE(DeserializeModel(train("super_off.model", false), "super_off.model", &off).ok());
  EXPECT_TRUE(off.supertags.empty());
  EXPECT_EQ(off.supertagger.num_classes, 0);
}

// Dependents' sides in the supertags once a variant is frequent enough
// (here: seen once): "barks" heads "dog" on its left and "." on its right.
TEST_F(SyntaxTrainerTest, SupertagsTellTheSidesOfTheDependents) {
  TrainOptions o = Options(4, "kids.model");
  o.jackknife_folds = 2;
  o.supertag_kids_min_count = 1;
  ASSERT_TRUE(TrainSyntax(o, nullptr).ok());
  auto bytes = ReadFileBytes(o.out_path);
  ASSERT_TRUE(bytes.ok());
  SyntaxModel m;
  ASSERT_TRUE(DeserializeModel(*bytes, o.out_path, &m).ok());
  auto has = [&](const std::string& name) {
    return std::find(m.supertags.begin(), m.supertags.end(), name) != m.supertags.end();
  };
  EXPECT_TRUE(has("root/LR"));
  EXPECT_TRUE(has("nsubj>/L"));
  EXPECT_TRUE(has("det>"));
  EXPECT_TRUE(has("obl</L"));
  EXPECT_FALSE(has("root"));
  o.supertag_kids = false;
  o.out_path = (dir_ / "plain.model").string();
  ASSERT_TRUE(TrainSyntax(o, nullptr).ok());
  bytes = ReadFileBytes(o.out_path);
  ASSERT_TRUE(bytes.ok());
  SyntaxModel plain;
  ASSERT_TRUE(DeserializeModel(*bytes, o.out_path, &plain).ok());
  for (const std::string& name : plain.supertags)
    EXPECT_EQ(name.find('/'), std::string::npos) << name;
}

}  // namespace
}  // namespace storyline::syntax
