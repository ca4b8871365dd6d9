// The public syntax API (include/storyline/syntax.h): runs the tagger, the
// lexicons and the parser of one loaded SyntaxModel over a sentence.
#include <cstdlib>

#include "src/syntax/conllu.h"
#include "src/syntax/model.h"
#include "storyline/syntax.h"

namespace storyline::syntax {

std::string_view WordAnalysis::Feature(std::string_view name) const {
  return FieldValue(feats, name);
}

Analyzer::Analyzer(std::unique_ptr<SyntaxModel> model) : model_(std::move(model)) {}
Analyzer::~Analyzer() = default;

Result<std::unique_ptr<Analyzer>> Analyzer::Load(const std::string& path) {
  Result<std::string> bytes = ReadFileBytes(path);
  if (!bytes.ok()) {
    return Status(bytes.status().code(),
                  bytes.status().message() + " (no syntax model: build one with "
                                             "`storyline train syntax`, see models/syntax/README.md)");
  }
  return FromBytes(*bytes, path);
}

Result<std::unique_ptr<Analyzer>> Analyzer::FromBytes(std::string_view bytes,
                                                      std::string_view name) {
  auto model = std::make_unique<SyntaxModel>();
  SL_RETURN_IF_ERROR(DeserializeModel(bytes, name, model.get()));
  return std::make_unique<Analyzer>(std::move(model));
}

std::string Analyzer::DefaultModelPath() {
  const char* env = std::getenv("STORYLINE_SYNTAX_MODEL");
  if (env != nullptr && *env != '\0') return env;
  return "models/syntax/en_ewt.model";
}

size_t Analyzer::MemoryBytes() const { return model_->MemoryBytes(); }
const std::string& Analyzer::description() const { return model_->description; }

std::vector<WordAnalysis> Analyzer::Analyze(std::span<const std::string_view> words) const {
  std::vector<WordAnalysis> out;
  Analyze(words, &out);
  return out;
}

void Analyzer::Tag(std::span<const std::string_view> words,
                   std::vector<WordAnalysis>* out) const {
  const SyntaxModel& m = *model_;
  const int n = static_cast<int>(words.size());
  std::vector<TokenAtoms> atoms;
  ComputeAtoms(words, &atoms);
  std::vector<int> tags(n);
  m.tagger.Tag(atoms.data(), n, tags.data());
  out->resize(n);
  for (int i = 0; i < n; ++i) {
    (*out)[i].upos = m.upos[tags[i]];
    (*out)[i].xpos = m.xpos[tags[i]];
  }
}

void Analyzer::Analyze(std::span<const std::string_view> words,
                       std::vector<WordAnalysis>* out) const {
  const SyntaxModel& m = *model_;
  const int n = static_cast<int>(words.size());
  out->clear();
  if (n == 0) return;
  std::vector<TokenAtoms> atoms;
  ComputeAtoms(words, &atoms);
  std::vector<int> tags(n), heads(n), labels(n);
  m.tagger.Tag(atoms.data(), n, tags.data());
  m.parser.Parse(atoms.data(), tags.data(), n, heads.data(), labels.data());
  out->resize(n);
  for (int i = 0; i < n; ++i) {
    WordAnalysis& w = (*out)[i];
    const int t = tags[i];
    w.upos = m.upos[t];
    w.xpos = m.xpos[t];
    auto f = m.word_feats.find(SyntaxModel::FeatsKey(atoms[i].word, t));
    w.feats = m.feats[f != m.word_feats.end() ? f->second : m.class_feats[t]];
    w.lemma = m.lemmatizer.Lemma(words[i], w.upos, w.xpos);
    w.head = heads[i] + 1;
    w.deprel = m.labels[labels[i]];
  }
}

}  // namespace storyline::syntax
