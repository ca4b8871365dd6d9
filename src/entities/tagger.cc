// The runtime NER tagger: greedy left-to-right BILOU decoding with transition
// constraints (and CloseEarlier, features.h) over the hashed
// averaged-perceptron weights of model.h.
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <sstream>

#include "src/entities/features.h"
#include "src/entities/model.h"
#include "storyline/entities.h"

namespace storyline::entities {

std::string_view EntityTypeName(EntityType t) {
  switch (t) {
    case EntityType::kPer: return "PER";
    case EntityType::kOrg: return "ORG";
    case EntityType::kLoc: return "LOC";
    case EntityType::kMisc: return "MISC";
  }
  return "MISC";
}

Tagger::~Tagger() = default;

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path,
                                             const Gazetteer* gazetteer) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open NER model");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  std::string bytes = ss.str();
  SL_ASSIGN_OR_RETURN(Model model, Model::Parse(bytes, path));
  uint64_t want = model.gazetteer_checksum;
  uint64_t have = gazetteer ? gazetteer->checksum() : 0;
  if (want != 0 && have != want)
    return Status::InvalidArgument(
        path + ": model was trained with another gazetteer (checksum mismatch); "
               "load the gazetteer.bin committed beside it or retrain");
  std::unique_ptr<Tagger> t(new Tagger());
  t->model_ = std::make_unique<Model>(std::move(model));
  t->gazetteer_ = gazetteer;
  return t;
}

size_t Tagger::num_weights() const { return model_->weights.size(); }

namespace {

using Scores = std::array<int32_t, kNumLabels>;

void AddRows(const Model& m, const std::vector<uint64_t>& feats, int32_t* score) {
  // The rows are scattered over a large table: issue every load first so the
  // cache misses overlap instead of queueing one by one.
  for (uint64_t f : feats) {
    const int16_t* row = m.Row(f);
    __builtin_prefetch(row);
    __builtin_prefetch(row + kNumLabels - 1);
  }
  for (uint64_t f : feats) {
    const int16_t* row = m.Row(f);
    for (int l = 0; l < kNumLabels; ++l) score[l] += row[l];
  }
}

// Scores of the decision-independent features of every token, computed once
// and shared by both passes.
void StaticScores(const Model& m, const std::vector<TokenInfo>& info, bool caps,
                  const DocumentState& doc, std::vector<uint64_t>* feats, std::vector<Scores>* out) {
  out->assign(info.size(), Scores{});
  for (size_t i = 0; i < info.size(); ++i) {
    ExtractStaticFeatures(info, i, caps, doc, feats);
    AddRows(m, *feats, (*out)[i].data());
  }
}

// Greedy constrained decoding of one sentence.
void DecodeSentence(const Model& m, const std::vector<TokenInfo>& info,
                    const std::vector<Scores>& fixed, const DocumentState& doc,
                    std::vector<uint64_t>* feats, std::vector<int>* labels) {
  labels->assign(info.size(), 0);
  int prev = -1, prev2 = -1;
  for (size_t i = 0; i < info.size(); ++i) {
    ExtractDynamicFeatures(info, i, prev, prev2, doc, feats);
    Scores score = fixed[i];
    AddRows(m, *feats, score.data());
    if (int closed = CloseEarlier(score.data(), prev); closed >= 0) {
      // End the name at the previous token and rescore with that label.
      (*labels)[i - 1] = closed;
      prev = closed;
      ExtractDynamicFeatures(info, i, prev, prev2, doc, feats);
      score = fixed[i];
      AddRows(m, *feats, score.data());
    }
    bool last = i + 1 == info.size();
    int best = -1;
    for (int l = 0; l < kNumLabels; ++l) {
      if (!ValidTransition(prev, l)) continue;
      if (last && !ValidFinal(l)) continue;
      if (best < 0 || score[l] > score[best]) best = l;
    }
    if (best < 0) best = 0;  // unreachable: some final label is always valid
    (*labels)[i] = best;
    prev2 = prev;
    prev = best;
  }
}

// Beam search over the same scores (labels of the best final hypothesis).
void BeamSentence(const Model& m, const std::vector<TokenInfo>& info,
                  const std::vector<Scores>& fixed, const DocumentState& doc, int beam,
                  std::vector<uint64_t>* feats, std::vector<int>* labels) {
  struct Hyp {
    double score;
    int prev, prev2;
    int parent;  // index into the previous step's hypotheses
  };
  const size_t n = info.size();
  labels->assign(n, 0);
  if (n == 0) return;
  std::vector<std::vector<Hyp>> steps(n);
  std::vector<Hyp> cur = {{0, -1, -1, -1}};
  std::vector<Hyp> next;
  for (size_t i = 0; i < n; ++i) {
    next.clear();
    bool last = i + 1 == n;
    for (size_t h = 0; h < cur.size(); ++h) {
      ExtractDynamicFeatures(info, i, cur[h].prev, cur[h].prev2, doc, feats);
      Scores score = fixed[i];
      AddRows(m, *feats, score.data());
      // A greedy-trained perceptron ranks labels locally; its raw scores are
      // not comparable across histories, so each step is normalised to log
      // probabilities (softmax over the valid labels) before summing.
      double mx = -1e300;
      for (int l = 0; l < kNumLabels; ++l)
        if (ValidTransition(cur[h].prev, l) && (!last || ValidFinal(l)))
          mx = std::max(mx, static_cast<double>(score[l]) * m.scale);
      double z = 0;
      for (int l = 0; l < kNumLabels; ++l)
        if (ValidTransition(cur[h].prev, l) && (!last || ValidFinal(l)))
          z += std::exp(static_cast<double>(score[l]) * m.scale - mx);
      const double log_z = mx + std::log(z);
      for (int l = 0; l < kNumLabels; ++l) {
        if (!ValidTransition(cur[h].prev, l)) continue;
        if (last && !ValidFinal(l)) continue;
        next.push_back({cur[h].score + static_cast<double>(score[l]) * m.scale - log_z, l,
                        cur[h].prev, static_cast<int>(h)});
      }
    }
    size_t keep = std::min<size_t>(static_cast<size_t>(beam), next.size());
    std::partial_sort(next.begin(), next.begin() + static_cast<long>(keep), next.end(),
                      [](const Hyp& a, const Hyp& b) { return a.score > b.score; });
    next.resize(keep);
    steps[i] = next;
    cur.swap(next);
  }
  int h = 0;
  for (size_t i = n; i-- > 0;) {
    (*labels)[i] = steps[i][static_cast<size_t>(h)].prev;
    h = steps[i][static_cast<size_t>(h)].parent;
  }
}

}  // namespace

namespace {

bool IsCapsWord(std::string_view w) {
  bool letter = false;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
  }
  return letter;
}

// Truecases a sentence written in capitals using the cluster vocabulary.
bool Truecase(const std::vector<std::string_view>& in, const ClusterTable& vocab,
              std::vector<std::string>* out) {
  int words = 0, caps = 0;
  for (std::string_view w : in) {
    bool alpha = false;
    for (char c : w) alpha |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (!alpha) continue;
    ++words;
    if (IsCapsWord(w) && w.size() > 1) ++caps;
  }
  if (words < 3 || caps * 10 < words * 7) return false;
  out->clear();
  for (std::string_view w : in) {
    if (!IsCapsWord(w) || w.size() < 2) {
      out->emplace_back(w);
      continue;
    }
    std::string lower = Lower(w);
    std::string title = lower;
    title[0] = w[0];
    if (vocab.count(HashString(lower))) out->push_back(lower);
    else if (vocab.count(HashString(title)) || !vocab.count(HashString(w))) out->push_back(title);
    else out->emplace_back(w);  // an acronym the vocabulary knows in capitals
  }
  if (!out->empty() && !out->front().empty() && out->front()[0] >= 'a' && out->front()[0] <= 'z')
    (*out)[0][0] = static_cast<char>((*out)[0][0] - 32);  // sentence-initial capital
  return true;
}

}  // namespace

std::vector<std::vector<TaggedSpan>> Tagger::TagDocument(
    const std::vector<std::vector<std::string_view>>& input) const {
  std::vector<std::vector<std::string>> cased;
  std::vector<std::vector<std::string_view>> recased;
  const std::vector<std::vector<std::string_view>>* use = &input;
  if (options_.truecase_caps && !model_->clusters.empty()) {
    std::vector<std::string> tmp;
    cased.resize(input.size());
    bool any = false;
    for (size_t s = 0; s < input.size(); ++s)
      if (Truecase(input[s], model_->clusters, &tmp)) {
        cased[s] = std::move(tmp);
        any = true;
      }
    // Only a document mostly in capitals: a capitalised headline over a
    // normal article is what the model was trained on (CoNLL headlines).
    size_t caps_sentences = 0;
    for (const auto& c : cased) caps_sentences += c.empty() ? 0 : 1;
    any = any && caps_sentences * 10 >= input.size() * 6;
    if (any) {
      recased.resize(input.size());
      for (size_t s = 0; s < input.size(); ++s) {
        if (cased[s].empty()) recased[s] = input[s];
        else recased[s].assign(cased[s].begin(), cased[s].end());
      }
      use = &recased;
    }
  }
  const std::vector<std::vector<std::string_view>>& sentences = *use;
  PreparedDocument doc;
  PrepareDocument(sentences, model_->clusters, gazetteer_, &doc, model_->contexts);
  doc.state.use_history = options_.use_history;
  std::vector<std::vector<TaggedSpan>> out(sentences.size());
  std::vector<uint64_t> feats;
  std::vector<int> labels;
  // Pass 1 (local + history), then pass 2 with the document-level aggregate
  // of pass 1's labels.
  std::vector<std::vector<int>> first(sentences.size());
  std::vector<std::vector<Scores>> fixed(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    StaticScores(*model_, doc.sentences[s], doc.caps[s], doc.state, &feats, &fixed[s]);
    if (options_.beam_size > 1)
      BeamSentence(*model_, doc.sentences[s], fixed[s], doc.state, options_.beam_size, &feats, &first[s]);
    else
      DecodeSentence(*model_, doc.sentences[s], fixed[s], doc.state, &feats, &first[s]);
    AddHistory(doc.sentences[s], first[s], &doc.state);
  }
  BuildAggregate(doc.sentences, first, &doc.state);
  doc.state.history.clear();
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (options_.beam_size > 1)
      BeamSentence(*model_, doc.sentences[s], fixed[s], doc.state, options_.beam_size, &feats, &labels);
    else
      DecodeSentence(*model_, doc.sentences[s], fixed[s], doc.state, &feats, &labels);
    AddHistory(doc.sentences[s], labels, &doc.state);
    for (size_t i = 0; i < labels.size(); ++i) {
      int l = labels[i];
      if (l == 0) continue;
      if (LabelPos(l) == kB || LabelPos(l) == kU) {
        out[s].push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1),
                          static_cast<EntityType>(LabelType(l))});
      } else if (!out[s].empty()) {
        out[s].back().last = static_cast<uint32_t>(i + 1);
      }
    }
  }
  return out;
}

std::vector<std::vector<std::string>> Tagger::TagDocumentIob(
    const std::vector<std::vector<std::string_view>>& sentences) const {
  std::vector<std::vector<TaggedSpan>> spans = TagDocument(sentences);
  std::vector<std::vector<std::string>> out(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) {
    out[s].assign(sentences[s].size(), "O");
    for (const TaggedSpan& sp : spans[s]) {
      std::string type(EntityTypeName(sp.type));
      for (uint32_t i = sp.first; i < sp.last; ++i) out[s][i] = (i == sp.first ? "B-" : "I-") + type;
    }
  }
  return out;
}

}  // namespace storyline::entities
