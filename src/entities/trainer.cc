// NER training: averaged perceptron over greedy decoding; see trainer.h.
#include "src/entities/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

#include "src/entities/model.h"

namespace storyline::entities {
namespace {

struct Doc {
  std::vector<std::vector<std::string>> forms;
  std::vector<std::vector<int>> gold;
  std::vector<std::vector<std::string>> gold_tags;
  PreparedDocument prepared;
};

Status LoadDocs(const std::string& path, const ClusterTable& clusters, const Gazetteer* gaz,
                bool contexts,
                std::vector<Doc>* out) {
  SL_ASSIGN_OR_RETURN(ConllCorpus corpus, ReadConllFile(path, 2));
  std::vector<Doc>& docs = *out;
  for (const ConllDocument& d : corpus.documents) {
    Doc doc;
    std::vector<std::vector<std::string_view>> views;
    for (const ConllSentence& s : d.sentences) {
      std::vector<std::string> forms, tags;
      for (const ConllToken& t : s.tokens) {
        forms.push_back(t.columns.front());
        tags.push_back(t.columns.back());
      }
      doc.gold.push_back(TagsToBilou(tags));
      doc.gold_tags.push_back(std::move(tags));
      doc.forms.push_back(std::move(forms));
    }
    for (const auto& f : doc.forms) views.emplace_back(f.begin(), f.end());
    PrepareDocument(views, clusters, gaz, &doc.prepared, contexts);
    docs.push_back(std::move(doc));
  }
  return Status::Ok();
}

// Dense training weights: current and the running sum for averaging.
struct Weights {
  uint32_t log2_rows;
  std::vector<uint8_t> frozen;  // per row: 1 = too rare to learn (count cutoff)
  std::vector<float> w;
  std::vector<double> acc;  // sum of c * delta (Daume's averaging trick)
  float dropout = 0;        // share of a training token's features left out
  size_t Row(uint64_t f) const { return (f >> (64 - log2_rows)) * kNumLabels; }
};

// Feature dropout: in training, each feature of a token is left out, for
// scoring and update alike, with probability `p`. The choice is a hash of
// the feature and the token's serial number (the update counter), so runs
// are deterministic. Weights then cannot rest on one feature (typically the
// word itself) where others (shape, clusters, context, the corpus prior)
// would also do, which is what unseen words need.
void DropFeatures(double p, double serial, std::vector<uint64_t>* feats) {
  if (p <= 0) return;
  const uint64_t key = static_cast<uint64_t>(serial) + 0x51ED;
  feats->erase(std::remove_if(feats->begin(), feats->end(),
                              [&](uint64_t f) {
                                return static_cast<double>(Mix(f, key) >> 11) * 0x1p-53 < p;
                              }),
               feats->end());
}

template <typename Score>
int BestLabel(const Score* score, int prev, bool last) {
  int best = -1;
  for (int l = 0; l < kNumLabels; ++l) {
    if (!ValidTransition(prev, l)) continue;
    if (last && !ValidFinal(l)) continue;
    if (best < 0 || score[l] > score[best]) best = l;
  }
  return best < 0 ? 0 : best;
}

std::vector<std::vector<int>> RunPass(Doc& doc, Weights* wts, const std::vector<float>* avg,
                                      bool train, double* counter);

// Decodes (and, when `train`, updates) one document. Returns predicted labels.
std::vector<std::vector<int>> RunDocument(Doc& doc, Weights* wts, const std::vector<float>* avg,
                                          bool train, bool use_history, double* counter) {
  PreparedDocument& pd = doc.prepared;
  pd.state.history.clear();
  pd.state.use_history = use_history;
  pd.state.aggregate.clear();
  pd.state.use_aggregate = false;
  // Pass 1 trains the no-aggregate regime, pass 2 the aggregate one, so the
  // one model serves both passes of the runtime.
  std::vector<std::vector<int>> first = RunPass(doc, wts, avg, train, counter);
  BuildAggregate(pd.sentences, first, &pd.state);
  pd.state.history.clear();
  return RunPass(doc, wts, avg, train, counter);
}

std::vector<std::vector<int>> RunPass(Doc& doc, Weights* wts, const std::vector<float>* avg,
                                      bool train, double* counter) {
  PreparedDocument& pd = doc.prepared;
  std::vector<std::vector<int>> out(pd.sentences.size());
  std::vector<uint64_t> feats;
  const std::vector<float>& W = avg ? *avg : wts->w;
  for (size_t s = 0; s < pd.sentences.size(); ++s) {
    const auto& info = pd.sentences[s];
    std::vector<int>& labels = out[s];
    labels.assign(info.size(), 0);
    int prev = -1, prev2 = -1;
    for (size_t i = 0; i < info.size(); ++i) {
      ExtractFeatures(info, i, prev, prev2, pd.caps[s], pd.state, &feats);
      if (train) DropFeatures(wts->dropout, *counter, &feats);
      float score[kNumLabels] = {0};
      for (uint64_t f : feats) {
        const float* row = &W[wts->Row(f)];
        for (int l = 0; l < kNumLabels; ++l) score[l] += row[l];
      }
      // The runtime's decoding (tagger.cc), trained as it runs: an O that
      // would close a name early must learn to score below I or L there.
      if (int closed = CloseEarlier(score, prev); closed >= 0) {
        labels[i - 1] = closed;
        prev = closed;
        ExtractFeatures(info, i, prev, prev2, pd.caps[s], pd.state, &feats);
        if (train) DropFeatures(wts->dropout, *counter, &feats);
        std::fill(score, score + kNumLabels, 0.0f);
        for (uint64_t f : feats) {
          const float* row = &W[wts->Row(f)];
          for (int l = 0; l < kNumLabels; ++l) score[l] += row[l];
        }
      }
      int pred = BestLabel(score, prev, i + 1 == info.size());
      if (train) {
        *counter += 1;
        int g = doc.gold[s][i];
        if (g != pred) {
          for (uint64_t f : feats) {
            size_t r = wts->Row(f);
            if (!wts->frozen.empty() && wts->frozen[r / kNumLabels]) continue;
            wts->w[r + g] += 1;
            wts->w[r + pred] -= 1;
            wts->acc[r + g] += *counter;
            wts->acc[r + pred] -= *counter;
          }
        }
      }
      labels[i] = pred;
      prev2 = prev;
      prev = pred;
    }
    AddHistory(info, labels, &pd.state);
  }
  return out;
}

double Evaluate(std::vector<Doc>& docs, Weights* wts, const std::vector<float>& avg,
                bool use_history, std::string* report) {
  NerScorer scorer;
  double unused = 0;
  for (Doc& d : docs) {
    auto pred = RunDocument(d, wts, &avg, false, use_history, &unused);
    for (size_t s = 0; s < pred.size(); ++s) scorer.AddSentence(d.gold_tags[s], BilouToIob2(pred[s]));
  }
  if (report) *report = scorer.Report();
  return scorer.Score().micro.f1();
}

}  // namespace

Status BuildClusters(const std::string& vec_path, const int k[3], int iterations, uint32_t seed,
                     const std::function<void(const std::string&)>& log, ClusterTable* out) {
  std::ifstream in(vec_path);
  if (!in) return Status::NotFound(vec_path + ": cannot open vectors");
  size_t n = 0, dim = 0;
  in >> n >> dim;
  if (!in || dim == 0 || dim > 1024) return Status::InvalidArgument(vec_path + ": bad .vec header");
  std::vector<std::string> words;
  std::vector<float> vecs;
  words.reserve(n);
  vecs.reserve(n * dim);
  std::string w;
  for (size_t i = 0; i < n && (in >> w); ++i) {
    float norm = 0;
    size_t base = vecs.size();
    for (size_t d = 0; d < dim; ++d) {
      float x = 0;
      in >> x;
      vecs.push_back(x);
      norm += x * x;
    }
    norm = std::sqrt(norm) + 1e-6f;
    for (size_t d = 0; d < dim; ++d) vecs[base + d] /= norm;
    words.push_back(w);
  }
  n = words.size();
  if (n < 2) return Status::InvalidArgument(vec_path + ": too few vectors");
  ClusterTable& table = *out;
  std::vector<std::array<uint16_t, kLexiconFields>> ids(n);
  for (int g = 0; g < 3; ++g) {
    size_t K = std::min<size_t>(static_cast<size_t>(k[g]), n);
    std::mt19937_64 rng(seed + g);
    // k-means++ seeding.
    std::vector<float> cent;
    std::vector<float> dist(n, 1e30f);
    size_t first = rng() % n;
    cent.insert(cent.end(), vecs.begin() + first * dim, vecs.begin() + (first + 1) * dim);
    for (size_t c = 1; c < K; ++c) {
      const float* cc = &cent[(c - 1) * dim];
      double total = 0;
      for (size_t i = 0; i < n; ++i) {
        float d2 = 0;
        for (size_t d = 0; d < dim; ++d) {
          float x = vecs[i * dim + d] - cc[d];
          d2 += x * x;
        }
        dist[i] = std::min(dist[i], d2);
        total += dist[i];
      }
      double r = static_cast<double>(rng() >> 11) / static_cast<double>(1ULL << 53) * total;
      size_t pick = n - 1;
      for (size_t i = 0; i < n; ++i) {
        r -= dist[i];
        if (r <= 0) { pick = i; break; }
      }
      cent.insert(cent.end(), vecs.begin() + pick * dim, vecs.begin() + (pick + 1) * dim);
    }
    std::vector<uint32_t> assign(n, 0);
    for (int it = 0; it < iterations; ++it) {
      for (size_t i = 0; i < n; ++i) {
        float best = -1e30f;
        uint32_t bi = 0;
        const float* v = &vecs[i * dim];
        for (size_t c = 0; c < K; ++c) {
          const float* cc = &cent[c * dim];
          float dot = 0;
          for (size_t d = 0; d < dim; ++d) dot += v[d] * cc[d];
          if (dot > best) { best = dot; bi = static_cast<uint32_t>(c); }
        }
        assign[i] = bi;
      }
      std::vector<float> sum(K * dim, 0);
      std::vector<int> cnt(K, 0);
      for (size_t i = 0; i < n; ++i) {
        ++cnt[assign[i]];
        for (size_t d = 0; d < dim; ++d) sum[assign[i] * dim + d] += vecs[i * dim + d];
      }
      for (size_t c = 0; c < K; ++c) {
        if (cnt[c] == 0) continue;  // keep the old centre
        float norm = 0;
        for (size_t d = 0; d < dim; ++d) norm += sum[c * dim + d] * sum[c * dim + d];
        norm = std::sqrt(norm) + 1e-6f;
        for (size_t d = 0; d < dim; ++d) cent[c * dim + d] = sum[c * dim + d] / norm;
      }
    }
    for (size_t i = 0; i < n; ++i) ids[i][g] = static_cast<uint16_t>(assign[i] + 1);
    if (log) log("clusters: k=" + std::to_string(K) + " over " + std::to_string(n) + " words");
  }
  for (size_t i = 0; i < n; ++i) table[HashString(words[i])] = ids[i];
  return Status::Ok();
}

namespace {

// Per lowercase word, the corpus tag prior as each jackknife model gave it:
// [k] from the model trained without fold k (the training file's documents
// d with d % folds == k).
using FoldPriors = std::unordered_map<uint64_t, std::vector<uint16_t>>;

// Reads "word<TAB>lower<TAB>capitalised" lines, optionally followed, for each
// jackknife model (fold 0 first), by the tag counts of the word's
// capitalised uses in the corpus: PER ORG LOC MISC O. Every line with
// counts must have the same number of folds.
Status ReadCorpusCasing(const std::string& path, ClusterTable* table, FoldPriors* folds,
                        size_t* num_folds) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open casing counts");
  std::string line, word;
  size_t line_no = 0;
  constexpr size_t kCounts = kNumEntityTypes + 1;
  std::vector<uint32_t> counts;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const std::string where = path + ":" + std::to_string(line_no);
    std::istringstream fields(line);
    uint32_t lower = 0, cap = 0;
    if (!(fields >> word >> lower >> cap))
      return Status::InvalidArgument(where + ": expected word<TAB>lower<TAB>capitalised");
    const uint64_t h = HashString(word);
    auto& entry = (*table)[h];
    entry[3] = CasingBucket(lower, cap);
    counts.clear();
    for (uint32_t c = 0; fields >> c;) counts.push_back(c);
    if (!fields.eof()) return Status::InvalidArgument(where + ": bad tag count");
    if (counts.empty()) continue;
    if (counts.size() % kCounts != 0 || (*num_folds != 0 && counts.size() != *num_folds * kCounts))
      return Status::InvalidArgument(where + ": expected the same number of five-count tag sets on every line");
    *num_folds = counts.size() / kCounts;
    std::array<uint32_t, kCounts> one{}, all{};
    std::vector<uint16_t>& codes = (*folds)[h];
    for (size_t k = 0; k < *num_folds; ++k) {
      for (size_t c = 0; c < kCounts; ++c) all[c] += one[c] = counts[k * kCounts + c];
      codes.push_back(TagPriorCode(one));
    }
    entry[4] = TagPriorCode(all);
  }
  return Status::Ok();
}

// Jackknife: a training document takes the tag prior of the model that was
// not trained on it, so the prior is as noisy in training as on new text.
void UseHeldOutPriors(const FoldPriors& folds, size_t num_folds, std::vector<Doc>* docs) {
  for (size_t d = 0; d < docs->size(); ++d)
    for (auto& sentence : (*docs)[d].prepared.sentences)
      for (TokenInfo& ti : sentence) {
        if (ti.prior == 0) continue;
        auto it = folds.find(ti.lower);
        ti.prior = it == folds.end() ? 0 : it->second[d % num_folds];
      }
}

}  // namespace

Result<TrainReport> TrainNer(const TrainOptions& o,
                             const std::function<void(const std::string&)>& log) {
  auto t0 = std::chrono::steady_clock::now();
  auto say = [&](const std::string& s) { if (log) log(s); };
  std::unique_ptr<Gazetteer> gaz;
  if (!o.gazetteer_path.empty()) {
    SL_ASSIGN_OR_RETURN(gaz, Gazetteer::Load(o.gazetteer_path));
    say("gazetteer: " + std::to_string(gaz->size()) + " phrases");
  }
  ClusterTable clusters;
  if (!o.clusters_from.empty()) {
    std::ifstream in(o.clusters_from, std::ios::binary);
    if (!in) return Status::NotFound(o.clusters_from + ": cannot open");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    SL_ASSIGN_OR_RETURN(Model m, Model::Parse(bytes, o.clusters_from));
    clusters = std::move(m.clusters);
    // A stored tag prior came from models trained on this very data; only a
    // casing file (below) brings it back with its jackknife folds.
    for (auto& [h, v] : clusters) v[4] = 0;
    say("clusters: " + std::to_string(clusters.size()) + " words from " + o.clusters_from);
  } else if (!o.vectors_path.empty()) {
    SL_RETURN_IF_ERROR(
        BuildClusters(o.vectors_path, o.clusters, o.kmeans_iterations, o.seed, log, &clusters));
  }
  FoldPriors folds;
  size_t num_folds = 0;
  if (!o.casing_path.empty()) {
    // Clusters reused from a model carry its casing; a new file replaces it.
    for (auto& [h, v] : clusters) v[3] = v[4] = 0;
    SL_RETURN_IF_ERROR(ReadCorpusCasing(o.casing_path, &clusters, &folds, &num_folds));
    say("casing: counts from " + o.casing_path);
  }
  std::vector<Doc> train, dev;
  SL_RETURN_IF_ERROR(LoadDocs(o.train_path, clusters, gaz.get(), o.context_aggregation, &train));
  if (!o.dev_path.empty())
    SL_RETURN_IF_ERROR(LoadDocs(o.dev_path, clusters, gaz.get(), o.context_aggregation, &dev));
  if (num_folds > 0) {
    UseHeldOutPriors(folds, num_folds, &train);
    say("tag prior: " + std::to_string(folds.size()) + " words, jackknifed over " +
        std::to_string(num_folds) + " folds");
  }
  say("train: " + std::to_string(train.size()) + " documents; dev: " + std::to_string(dev.size()));
  Weights wts;
  wts.log2_rows = o.log2_rows;
  wts.dropout = o.feature_dropout;
  const size_t size = (size_t{1} << o.log2_rows) * kNumLabels;
  std::vector<float> avg(size, 0), best(size, 0), combined(size, 0);
  TrainReport rep;
  if (o.min_feature_count > 1) {
    // Count the decision-independent features over the training data; rows
    // seen too rarely stay zero (a count cutoff, which curbs overfitting to
    // one-off words).
    std::vector<uint16_t> count(size_t{1} << o.log2_rows, 0);
    std::vector<uint64_t> feats;
    for (Doc& d : train)
      for (size_t s = 0; s < d.prepared.sentences.size(); ++s)
        for (size_t i = 0; i < d.prepared.sentences[s].size(); ++i) {
          ExtractStaticFeatures(d.prepared.sentences[s], i, d.prepared.caps[s], d.prepared.state, &feats);
          for (uint64_t f : feats) {
            uint16_t& c = count[f >> (64 - o.log2_rows)];
            if (c < 60000) ++c;
          }
        }
    wts.frozen.assign(count.size(), 0);
    size_t frozen = 0;
    for (size_t r = 0; r < count.size(); ++r)
      if (count[r] > 0 && count[r] < o.min_feature_count) {
        wts.frozen[r] = 1;
        ++frozen;
      }
    say("count cutoff: " + std::to_string(frozen) + " rare rows frozen");
  }
  const int runs = std::max(1, o.ensemble);
  for (int run = 0; run < runs; ++run) {
    // Each run: fresh weights, its own shuffle; the best epoch on dev is kept.
    wts.w.assign(size, 0);
    wts.acc.assign(size, 0);
    double counter = 0;
    double run_best = -1;
    std::vector<size_t> order(train.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(o.seed + 1000 * run);
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
      std::shuffle(order.begin(), order.end(), rng);
      for (size_t i : order) RunDocument(train[i], &wts, nullptr, true, o.use_history, &counter);
      for (size_t k = 0; k < size; ++k)
        avg[k] = static_cast<float>(wts.w[k] - wts.acc[k] / (counter + 1));
      double f1 = dev.empty() ? 0 : Evaluate(dev, &wts, avg, o.use_history, nullptr);
      char buf[128];
      std::snprintf(buf, sizeof buf, "run %d epoch %d: dev F1 %.4f (%.0fs)", run + 1, epoch, f1,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      say(buf);
      if (dev.empty() || f1 > run_best) {
        run_best = f1;
        if (runs == 1) rep.best_epoch = epoch;
        best = avg;
      }
    }
    for (size_t k = 0; k < size; ++k) combined[k] += best[k] / static_cast<float>(runs);
  }
  best.swap(combined);
  rep.best_dev_f1 = dev.empty() ? 0 : Evaluate(dev, &wts, best, o.use_history, nullptr);
  say("final dev F1 " + std::to_string(rep.best_dev_f1));
  float mx = 0;
  for (float x : best) mx = std::max(mx, std::abs(x));
  float scale = mx > 0 ? mx / 32767.0f : 1.0f;
  std::vector<int16_t> q(size);
  for (size_t k = 0; k < size; ++k)
    q[k] = static_cast<int16_t>(std::lround(std::clamp(best[k] / scale, -32767.0f, 32767.0f)));
  SL_RETURN_IF_ERROR(WriteModel(o.output_path, o.log2_rows, scale, gaz ? gaz->checksum() : 0, q,
                                clusters, o.prune_below,
                                o.context_aggregation ? 0 : kModelNoContexts, &rep.rows_kept,
                                &rep.model_bytes));
  rep.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return rep;
}

}  // namespace storyline::entities
