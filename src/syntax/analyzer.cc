// The public syntax API (include/storyline/syntax.h): runs the tagger, the
// lexicons and the parser of one loaded SyntaxModel over a sentence.
#include <cstdlib>
#include <filesystem>

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
  // The repository's models/ when run from its root, else the models/ of
  // the source tree this binary was built from.
  const std::string relative = "models/syntax/en_ewt.model";
  if (std::filesystem::exists(relative)) return relative;
  return std::string(STORYLINE_DEFAULT_MODEL_DIR) + "/syntax/en_ewt.model";
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
  ComputeAtoms(words, &atoms, &m.clusters, &m.lemmatizer);
  std::vector<int> tags(n);
  m.tagger.Tag(atoms.data(), n, tags.data());
  out->resize(n);
  for (int i = 0; i < n; ++i) {
    (*out)[i].upos = m.upos[tags[i]];
    (*out)[i].xpos = m.xpos[tags[i]];
  }
}

namespace {

bool IsSubject(std::string_view rel) {
  return rel == "nsubj" || rel == "nsubj:pass" || rel == "expl" || rel == "nsubj:outer";
}

// "A=1|B=2" with `name` set to `value` (kept sorted by name), or "" when
// `feats` lacks `name` (agreement only rewrites features the tag has).
std::string SetFeature(std::string_view feats, std::string_view name, std::string_view value) {
  std::string out;
  bool found = false;
  while (!feats.empty()) {
    size_t bar = feats.find('|');
    std::string_view item = feats.substr(0, bar);
    if (!out.empty()) out.push_back('|');
    if (item.substr(0, item.find('=')) == name) {
      out.append(name).push_back('=');
      out.append(value);
      found = true;
    } else {
      out.append(item);
    }
    if (bar == std::string_view::npos) break;
    feats.remove_prefix(bar + 1);
  }
  return found ? out : std::string();
}

}  // namespace

// Subject-verb agreement: UD English gives finite verbs the Number and
// Person of their subject ("forces killed" -> Number=Plur|Person=3), which
// no word-level lexicon knows. Auxiliaries and copulas take the subject of
// their predicate; conjoined verbs share the subject of the first conjunct.
void Analyzer::Agree(std::vector<WordAnalysis>* out) const {
  const SyntaxModel& m = *model_;
  const int n = static_cast<int>(out->size());
  std::vector<int> subject(n, -1);
  for (int i = 0; i < n; ++i) {
    const WordAnalysis& w = (*out)[i];
    if (w.head > 0 && IsSubject(w.deprel) && subject[w.head - 1] < 0) subject[w.head - 1] = i;
  }
  for (int i = 0; i < n; ++i) {
    WordAnalysis& w = (*out)[i];
    if (w.Feature("VerbForm") != "Fin" || w.Feature("Mood") != "Ind") continue;
    int v = i, subj = subject[i];
    for (int hops = 0; subj < 0 && hops < 3; ++hops) {
      const WordAnalysis& x = (*out)[v];
      if (x.head == 0) break;
      if (x.deprel != "aux" && x.deprel != "aux:pass" && x.deprel != "cop" && x.deprel != "conj")
        break;
      v = x.head - 1;
      subj = subject[v];
    }
    if (subj < 0) continue;
    const WordAnalysis& s = (*out)[subj];
    std::string_view number, person;
    if (s.upos == "PRON") {
      number = s.Feature("Number");
      person = s.Feature("Person");
    } else if (s.upos == "NOUN" || s.upos == "PROPN") {
      number = s.Feature("Number");
      person = "3";
    }
    if (number.empty() || person.empty()) continue;
    std::string f = SetFeature(w.feats, "Number", number);
    if (f.empty()) continue;
    f = SetFeature(f, "Person", person);
    if (f.empty()) continue;
    auto it = m.feats_index.find(f);
    if (it != m.feats_index.end()) w.feats = m.feats[it->second];
  }
}

int Analyzer::parser_beam() const { return model_->parser.beam_width; }

void Analyzer::Analyze(std::span<const std::string_view> words,
                       std::vector<WordAnalysis>* out) const {
  const SyntaxModel& m = *model_;
  const int n = static_cast<int>(words.size());
  out->clear();
  if (n == 0) return;
  std::vector<TokenAtoms> atoms;
  ComputeAtoms(words, &atoms, &m.clusters, &m.lemmatizer);
  std::vector<int> tags(n), heads(n), labels(n);
  m.tagger.Tag(atoms.data(), n, tags.data());
  m.supertagger.Supertag(atoms.data(), n, tags.data());
  m.parser.Parse(atoms.data(), tags.data(), n, heads.data(), labels.data(),
                 parser_beam_override_);
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
  Agree(out);
}

}  // namespace storyline::syntax
