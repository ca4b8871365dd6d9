// The syntax trainer; see syntax_trainer.h.
#include "src/syntax/train/syntax_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>

#include "src/syntax/conllu.h"
#include "src/syntax/model.h"
#include "src/syntax/train/train_weights.h"
#include "storyline/syntax.h"

namespace storyline::syntax {
namespace {

// splitmix64: a tiny, portable, seeded generator (std::shuffle's output
// differs between standard libraries; this does not).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) / 9007199254740992.0; }
  void Shuffle(std::vector<int>* v) {
    for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[Next() % i]);
  }

 private:
  uint64_t s_;
};

// A training sentence in the form the learners use.
struct Sent {
  std::vector<std::string_view> words;
  std::vector<TokenAtoms> atoms;
  std::vector<int> tags;     // gold tagger classes (-1 = unseen pair)
  std::vector<int> heads;    // gold, projectivised; word index or n = ROOT
  std::vector<int> labels;   // gold label ids (-1 = unseen)
  std::vector<int> orig_heads;  // gold before projectivisation
};

std::string Base(const std::string& deprel) { return deprel.substr(0, deprel.find(':')); }

// True if every word strictly between h and d descends from h.
bool ArcProjective(const std::vector<int>& heads, int h, int d) {
  const int n = static_cast<int>(heads.size());
  const int lo = std::min(h, d), hi = std::max(h, d);
  for (int k = lo + 1; k < hi; ++k) {
    int a = k, steps = 0;
    while (a != h && a != n && steps++ <= n) a = heads[a];
    if (a != h) return false;
  }
  return true;
}

// Lifts non-projective arcs to the grandparent, shortest first, until the
// tree is projective (Nivre & Nilsson 2005, without label encoding).
int Projectivize(std::vector<int>* heads) {
  const int n = static_cast<int>(heads->size());
  int lifted = 0;
  for (int iter = 0; iter < 4 * n; ++iter) {
    int best = -1, best_len = std::numeric_limits<int>::max();
    for (int d = 0; d < n; ++d) {
      int h = (*heads)[d];
      if (h == n) continue;
      if (!ArcProjective(*heads, h, d) && std::abs(h - d) < best_len) {
        best = d;
        best_len = std::abs(h - d);
      }
    }
    if (best < 0) break;
    (*heads)[best] = (*heads)[(*heads)[best]];
    ++lifted;
  }
  return lifted;
}

struct Vocab {
  std::vector<std::string> upos, xpos, labels, feats;
  std::map<std::string, int> tag_index, label_index, feats_index;
};

Vocab BuildVocab(const std::vector<ConlluSentence>& train) {
  Vocab v;
  std::map<std::string, int> tags, labels, feats;
  for (const ConlluSentence& s : train)
    for (const ConlluWord& w : s.words) {
      tags[w.upos + "\t" + w.xpos] = 0;
      labels[w.deprel] = 0;
      feats[w.feats] = 0;
    }
  for (auto& [k, idx] : tags) {
    idx = static_cast<int>(v.upos.size());
    v.upos.push_back(k.substr(0, k.find('\t')));
    v.xpos.push_back(k.substr(k.find('\t') + 1));
  }
  for (auto& [k, idx] : labels) {
    idx = static_cast<int>(v.labels.size());
    v.labels.push_back(k);
  }
  for (auto& [k, idx] : feats) {
    idx = static_cast<int>(v.feats.size());
    v.feats.push_back(k);
  }
  v.tag_index = tags;
  v.label_index = labels;
  v.feats_index = feats;
  return v;
}

std::vector<Sent> Prepare(const std::vector<ConlluSentence>& data, const Vocab& v,
                          int* lifted, const WordClusters* clusters,
                          const Lemmatizer* wordnet) {
  std::vector<Sent> out(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    const ConlluSentence& c = data[i];
    Sent& s = out[i];
    const int n = static_cast<int>(c.words.size());
    for (const ConlluWord& w : c.words) {
      s.words.push_back(w.form);
      auto t = v.tag_index.find(w.upos + "\t" + w.xpos);
      s.tags.push_back(t == v.tag_index.end() ? -1 : t->second);
      auto l = v.label_index.find(w.deprel);
      s.labels.push_back(l == v.label_index.end() ? -1 : l->second);
      s.heads.push_back(w.head == 0 ? n : w.head - 1);
    }
    s.orig_heads = s.heads;
    if (lifted != nullptr) *lifted += Projectivize(&s.heads);
    ComputeAtoms(s.words, &s.atoms, clusters, wordnet);
  }
  return out;
}

// Drops rows touched by fewer than min_updates updates and quantised
// entries with |w| < min_q (and rows left empty).
std::vector<SparseWeights::Row> PruneRows(const std::vector<SparseWeights::Row>& rows, int min_q,
                                          int min_updates) {
  std::vector<SparseWeights::Row> out;
  out.reserve(rows.size());
  for (const SparseWeights::Row& r : rows) {
    if (r.updates < static_cast<uint32_t>(min_updates)) continue;
    SparseWeights::Row k{r.key, {}, r.updates};
    for (const WeightEntry& e : r.entries)
      if (std::abs(static_cast<int>(e.w)) >= min_q) k.entries.push_back(e);
    if (!k.entries.empty()) out.push_back(std::move(k));
  }
  return out;
}

std::string Fmt(const char* f, double a, double b = 0) {
  char buf[200];
  std::snprintf(buf, sizeof(buf), f, a, b);
  return buf;
}

size_t CountEntries(const std::vector<SparseWeights::Row>& rows) {
  size_t n = 0;
  for (const auto& r : rows) n += r.entries.size();
  return n;
}

// The mean of k runs' weight tables: each row's int16 weights times its
// run's scale, divided by k (a feature a run lacks counts 0), requantised
// to int16 under one new scale; update counts are summed for pruning.
// Rows are combined in key order and, within a key, in run order, so the
// sums (and the result) do not depend on anything but the runs. Empties
// the runs' rows.
std::vector<SparseWeights::Row> AverageRuns(std::vector<std::vector<SparseWeights::Row>>* runs,
                                            const std::vector<float>& scales, float* scale) {
  const int k = static_cast<int>(runs->size());
  std::vector<SparseWeights::Row> all;
  std::vector<float> scale_of;  // the run scale of each row in `all`
  int num_classes = 0;
  for (int r = 0; r < k; ++r) {
    for (SparseWeights::Row& row : (*runs)[r]) {
      for (const WeightEntry& e : row.entries) num_classes = std::max(num_classes, e.cls + 1);
      all.push_back(std::move(row));
      scale_of.push_back(scales[r]);
    }
    (*runs)[r].clear();
  }
  std::vector<size_t> order(all.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return all[x].key < all[y].key; });
  std::vector<double> w(num_classes);
  struct Averaged {
    uint64_t key;
    uint32_t updates;
    std::vector<std::pair<int, double>> entries;
  };
  std::vector<Averaged> avg;
  double max_abs = 0;
  for (size_t i = 0; i < order.size();) {
    const uint64_t key = all[order[i]].key;
    Averaged a{key, 0, {}};
    std::fill(w.begin(), w.end(), 0.0);
    for (; i < order.size() && all[order[i]].key == key; ++i) {
      const SparseWeights::Row& row = all[order[i]];
      for (const WeightEntry& e : row.entries)
        w[e.cls] += static_cast<double>(e.w) * scale_of[order[i]] / k;
      a.updates += row.updates;
    }
    for (int c = 0; c < num_classes; ++c)
      if (w[c] != 0) {
        a.entries.push_back({c, w[c]});
        max_abs = std::max(max_abs, std::fabs(w[c]));
      }
    avg.push_back(std::move(a));
  }
  all.clear();
  *scale = max_abs > 0 ? static_cast<float>(max_abs / 32767.0) : 1.0f;
  std::vector<SparseWeights::Row> out;
  out.reserve(avg.size());
  for (const Averaged& a : avg) {
    SparseWeights::Row row;
    row.key = a.key;
    row.updates = a.updates;
    for (const auto& [cls, x] : a.entries) {
      const long q = std::lround(x / *scale);
      if (q != 0) row.entries.push_back({static_cast<uint16_t>(cls), static_cast<int16_t>(q)});
    }
    if (!row.entries.empty()) out.push_back(std::move(row));
  }
  return out;
}

// The mean of k runs' results (anything with `rows` and `scale`), as
// above; empties their rows.
template <typename Result>
std::vector<SparseWeights::Row> AverageRuns(std::vector<Result>* runs, float* scale) {
  std::vector<std::vector<SparseWeights::Row>> tables;
  std::vector<float> scales;
  for (Result& run : *runs) {
    tables.push_back(std::move(run.rows));
    scales.push_back(run.scale);
  }
  return AverageRuns(&tables, scales, scale);
}

// k training runs of an ensemble, one thread each, all at once (even on
// fewer cores: three runs on two cores take 1.5 runs' time, where
// two-then-one took two): run r calls train_one(r, options, log) with
// o.seed + r * 7919 as its seed and a log that prefixes its lines with
// "run r+1: ". The runs must share only read-only data; results are in
// run order, so the threads' timing cannot change what follows.
template <typename Result, typename TrainOne>
std::vector<Result> TrainRuns(int k, const TrainOptions& o,
                              const std::function<void(const std::string&)>& log,
                              const TrainOne& train_one) {
  std::vector<Result> runs(k);
  std::mutex log_mu;
  std::vector<std::thread> threads;
  for (int r = 0; r < k; ++r) {
    threads.emplace_back([&, r] {
      TrainOptions ro = o;
      ro.seed = o.seed + static_cast<uint64_t>(r) * 7919;
      auto run_log = [&, r](const std::string& line) {
        if (!log) return;
        std::lock_guard<std::mutex> lock(log_mu);
        log("run " + std::to_string(r + 1) + ": " + line);
      };
      runs[r] = train_one(r, ro, run_log);
    });
  }
  for (std::thread& t : threads) t.join();
  return runs;
}

// ---------------------------------------------------------------- tagger

struct TaggerResult {
  std::vector<SparseWeights::Row> rows;
  float scale = 1;
  int best_epoch = 0;
  double best_acc = 0;
  // An ensemble's runs' epochs (TrainTaggerEnsemble), which its
  // jack-knife folds repeat.
  std::vector<int> run_epochs;
};

double TagAccuracy(const Tagger& tagger, const std::vector<Sent>& dev, const Vocab& v,
                   bool upos_only) {
  size_t correct = 0, total = 0;
  std::vector<int> tags;
  for (const Sent& s : dev) {
    const int n = static_cast<int>(s.words.size());
    tags.resize(n);
    tagger.Tag(s.atoms.data(), n, tags.data());
    for (int i = 0; i < n; ++i) {
      ++total;
      if (s.tags[i] < 0) continue;
      correct += upos_only ? v.upos[tags[i]] == v.upos[s.tags[i]] : tags[i] == s.tags[i];
    }
  }
  return total ? static_cast<double>(correct) / static_cast<double>(total) : 0;
}

std::unordered_map<uint64_t, int> BuildTagDict(const std::vector<Sent>& train,
                                               const std::vector<int>& which, int num_tags,
                                               const TrainOptions& o) {
  std::unordered_map<uint64_t, std::vector<int>> counts;
  for (int si : which)
    for (size_t i = 0; i < train[si].words.size(); ++i) {
      if (train[si].tags[i] < 0) continue;
      auto& c = counts[train[si].atoms[i].form];
      if (c.empty()) c.assign(num_tags, 0);
      ++c[train[si].tags[i]];
    }
  std::unordered_map<uint64_t, int> dict;
  for (auto& [k, c] : counts) {
    int total = std::accumulate(c.begin(), c.end(), 0);
    int best = static_cast<int>(std::max_element(c.begin(), c.end()) - c.begin());
    if (total >= o.tag_dict_min_count &&
        c[best] >= o.tag_dict_min_share * static_cast<double>(total))
      dict[k] = best;
  }
  return dict;
}

// Dev accuracy of a tagger's table: the first pass's UPOS, the second
// pass's (over `pass1`), or by `dev_accuracy` (the supertagger's).
double TableAccuracy(const std::vector<SparseWeights::Row>& rows, float scale, int num_tags,
                     const std::unordered_map<uint64_t, int>& tag_dict,
                     const std::vector<Sent>& dev, const Vocab& v, const Tagger* pass1,
                     const std::function<double(const Tagger&)>& dev_accuracy) {
  Tagger t;
  if (pass1 != nullptr) {
    t = *pass1;
    t.weights2.Build(rows, scale);
  } else {
    t.weights.Build(rows, scale);
  }
  t.num_classes = num_tags;
  t.tag_dict = tag_dict;
  return dev_accuracy ? dev_accuracy(t) : TagAccuracy(t, dev, v, true);
}

// Trains on sentences `which`; with `dev` non-null, early-stops on it,
// otherwise runs exactly `epochs` epochs.
TaggerResult TrainTagger(const std::vector<Sent>& train, const std::vector<int>& which,
                         const std::vector<Sent>* dev, int epochs, const Vocab& v,
                         const TrainOptions& o,
                         const std::unordered_map<uint64_t, int>& tag_dict,
                         const std::function<void(const std::string&)>& log,
                         const std::vector<std::vector<int>>* first = nullptr,
                         const Tagger* pass1 = nullptr,
                         const std::function<double(const Tagger&)>& dev_accuracy = nullptr) {
  const int num_tags = static_cast<int>(v.upos.size());
  TrainWeights w(num_tags);
  Rng rng(o.seed);
  std::vector<int> order = which;
  TaggerResult best;
  best.best_acc = -1;
  int since_best = 0;
  std::vector<float> scores(num_tags);
  uint64_t feats[Tagger::kMaxFeatures];
  std::vector<int> pred;
  uint64_t serial = 0;  // words seen: the dropout hash's other input
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    rng.Shuffle(&order);
    size_t errors = 0, seen = 0;
    for (int si : order) {
      const Sent& s = train[si];
      const int n = static_cast<int>(s.words.size());
      pred.assign(n, 0);
      for (int i = 0; i < n; ++i) {
        auto d = tag_dict.find(s.atoms[i].form);
        if (d != tag_dict.end()) {
          pred[i] = d->second;
          continue;
        }
        int k = Tagger::Extract(s.atoms.data(), n, pred.data(), i, feats,
                                first != nullptr ? (*first)[si].data() : nullptr);
        k = DropFeatures(o.tagger_dropout, ++serial, feats, k);
        std::fill(scores.begin(), scores.end(), 0.0f);
        w.Score(feats, k, scores.data());
        int guess = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        w.Tick();
        const int truth = s.tags[i];
        if (truth >= 0 && guess != truth) {
          w.Update(feats, k, truth, guess);
          ++errors;
        }
        ++seen;
        pred[i] = guess;
      }
    }
    if (dev == nullptr) {
      if (epoch == epochs) best.rows = w.Averaged(o.prune, &best.scale);
      continue;
    }
    float scale;
    std::vector<SparseWeights::Row> rows = w.Averaged(o.prune, &scale);
    const double acc = TableAccuracy(rows, scale, num_tags, tag_dict, *dev, v, pass1, dev_accuracy);
    char buf[200];
    std::snprintf(buf, sizeof(buf), "%s epoch %d: train err %.4f, dev accuracy %.4f (%zu features)",
                  dev_accuracy ? "supertagger" : pass1 != nullptr ? "tagger pass 2" : "tagger", epoch,
                  seen ? static_cast<double>(errors) / static_cast<double>(seen) : 0.0, acc,
                  rows.size());
    if (log) log(buf);
    if (acc > best.best_acc) {
      best.best_acc = acc;
      best.best_epoch = epoch;
      best.rows = std::move(rows);
      best.scale = scale;
      since_best = 0;
    } else if (++since_best >= o.patience) {
      break;
    }
  }
  if (dev == nullptr) best.best_epoch = epochs;
  return best;
}

// TrainTagger once per entry of `run_epochs` (o.tagger_ensemble runs), run
// r with shuffle seed o.seed + r * 7919, on one thread each, all at once;
// their tables are averaged (AverageRuns), as the parser ensemble's are.
// With `dev` each run early-stops on it (at most run_epochs[r] epochs) and
// the result's run_epochs are the runs' best epochs; without, run r trains
// exactly run_epochs[r] epochs (a jack-knife fold repeating the full runs).
// One run is plain TrainTagger.
TaggerResult TrainTaggerEnsemble(const std::vector<Sent>& train, const std::vector<int>& which,
                                 const std::vector<Sent>* dev, const std::vector<int>& run_epochs,
                                 const Vocab& v, const TrainOptions& o,
                                 const std::unordered_map<uint64_t, int>& tag_dict,
                                 const std::function<void(const std::string&)>& log,
                                 const std::vector<std::vector<int>>* first = nullptr,
                                 const Tagger* pass1 = nullptr,
                                 const std::function<double(const Tagger&)>& dev_accuracy = nullptr) {
  const int k = static_cast<int>(run_epochs.size());
  if (k == 1) {
    TaggerResult r = TrainTagger(train, which, dev, run_epochs[0], v, o, tag_dict, log, first,
                                 pass1, dev_accuracy);
    r.run_epochs = {r.best_epoch};
    return r;
  }
  std::vector<TaggerResult> runs = TrainRuns<TaggerResult>(
      k, o, log,
      [&](int r, const TrainOptions& ro, const std::function<void(const std::string&)>& run_log) {
        return TrainTagger(train, which, dev, run_epochs[r], v, ro, tag_dict, run_log, first, pass1,
                           dev_accuracy);
      });
  TaggerResult out;
  for (const TaggerResult& run : runs) out.run_epochs.push_back(run.best_epoch);
  out.rows = AverageRuns(&runs, &out.scale);
  out.best_epoch = out.run_epochs[0];
  if (dev != nullptr) {
    out.best_acc = TableAccuracy(out.rows, out.scale, static_cast<int>(v.upos.size()), tag_dict,
                                 *dev, v, pass1, dev_accuracy);
    if (log) {
      std::string line = "ensemble of " + std::to_string(k) + ": runs' best dev accuracy";
      for (const TaggerResult& run : runs)
        line += Fmt(" %.4f", run.best_acc) + Fmt(" (epoch %.0f)", run.best_epoch);
      log(line + Fmt("; averaged %.4f", out.best_acc) + " (" + std::to_string(out.rows.size()) +
          " features)");
    }
  }
  return out;
}

// ---------------------------------------------------------------- parser

// Dynamic-oracle costs for arc-hybrid with ROOT at the buffer end
// (Goldberg & Nivre 2013): the number of gold arcs each transition makes
// unreachable, +1 for a correct arc with the wrong label.
void Costs(const ParseState& st, const Sent& s, const Parser& p, std::vector<int>* cost) {
  const int L = p.num_labels;
  const int n = st.n();
  const int s0 = st.S(0), b = st.B(0);
  const std::vector<int>& gh = s.heads;
  std::fill(cost->begin(), cost->end(), std::numeric_limits<int>::max());
  if (st.CanShift()) {
    int c = 0;
    const auto& stack = st.stack();
    for (size_t i = 0; i < stack.size(); ++i) {
      int x = stack[i];
      if (gh[x] == b) ++c;
      if (gh[b] == x && x != s0) ++c;
    }
    (*cost)[0] = c;
  }
  if (s0 < 0) return;
  int deps_in_buffer = 0;
  for (int k = b; k < n; ++k) deps_in_buffer += gh[k] == s0;
  const int s1 = st.S(1);
  if (st.CanLeft()) {
    int base = deps_in_buffer;
    const int h = gh[s0];
    bool head_ok = h == b;
    if (!head_ok && (h == s1 || (h > b && h <= n))) ++base;
    for (int l = 0; l < L; ++l) {
      if (!p.IsValid(st, 1 + l)) continue;
      (*cost)[1 + l] = base + (head_ok && s.labels[s0] != l ? 1 : 0);
    }
  }
  if (st.CanRight()) {
    int base = deps_in_buffer;
    const int h = gh[s0];
    bool head_ok = h == s1;
    if (h >= b && h <= n) ++base;
    for (int l = 0; l < L; ++l) {
      if (!p.IsValid(st, 1 + L + l)) continue;
      (*cost)[1 + L + l] = base + (head_ok && s.labels[s0] != l ? 1 : 0);
    }
  }
}

struct ParserResult {
  std::vector<SparseWeights::Row> rows;
  float scale = 1;
  int best_epoch = 0;
  double best_las = -1;

  // Early stopping on dev LAS: keeps this epoch's weights when they beat
  // the best so far; returns true when `patience` epochs in a row did not.
  bool KeepIfBest(double las, int epoch, std::vector<SparseWeights::Row>* epoch_rows,
                  float epoch_scale, int* since_best, int patience) {
    if (las > best_las) {
      best_las = las;
      best_epoch = epoch;
      rows = std::move(*epoch_rows);
      scale = epoch_scale;
      *since_best = 0;
      return false;
    }
    return ++*since_best >= patience;
  }
};

struct ParseAcc {
  double uas = 0, las = 0;
};

// The stages the runtime runs before the parser.
struct Taggers {
  const Tagger& tagger;
  const Tagger& supertagger;
};

ParseAcc EvalParser(const Parser& parser, const Taggers& taggers, const std::vector<Sent>& dev,
                    const Vocab& v) {
  size_t total = 0, uas = 0, las = 0;
  std::vector<int> tags, heads, labels;
  std::vector<TokenAtoms> atoms;
  for (const Sent& s : dev) {
    const int n = static_cast<int>(s.words.size());
    tags.resize(n);
    heads.resize(n);
    labels.resize(n);
    taggers.tagger.Tag(s.atoms.data(), n, tags.data());
    atoms = s.atoms;
    taggers.supertagger.Supertag(atoms.data(), n, tags.data());
    parser.Parse(atoms.data(), tags.data(), n, heads.data(), labels.data());
    for (int i = 0; i < n; ++i) {
      ++total;
      const int gold_head = s.orig_heads[i] == n ? -1 : s.orig_heads[i];
      if (heads[i] != gold_head) continue;
      ++uas;
      if (s.labels[i] >= 0 && Base(v.labels[labels[i]]) == Base(v.labels[s.labels[i]])) ++las;
    }
  }
  ParseAcc a;
  a.uas = total ? static_cast<double>(uas) / static_cast<double>(total) : 0;
  a.las = total ? static_cast<double>(las) / static_cast<double>(total) : 0;
  return a;
}

// A parser with the treebank's labels and no weights yet.
Parser UntrainedParser(const Vocab& v) {
  Parser p;
  p.num_labels = static_cast<int>(v.labels.size());
  p.root_label = v.label_index.at("root");
  p.SetSubjectLabels(v.labels);
  return p;
}

// A sentence the parser can learn from: words, and a relation on each.
bool Trainable(const Sent& s) {
  if (s.words.empty()) return false;
  for (int l : s.labels)
    if (l < 0) return false;
  return true;
}

ParserResult TrainParser(const std::vector<Sent>& train,
                         const std::vector<std::vector<int>>& train_tags,
                         const std::vector<Sent>& dev, const Taggers& tagger, const Vocab& v,
                         const TrainOptions& o,
                         const std::function<void(const std::string&)>& log) {
  Parser p = UntrainedParser(v);
  const int C = p.num_classes();
  TrainWeights w(C);
  Rng rng(o.seed + 1);
  std::vector<int> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> scores(C);
  std::vector<int> cost(C);
  uint64_t feats[Parser::kMaxFeatures];
  ParserResult best;
  int since_best = 0;
  for (int epoch = 1; epoch <= o.parser_max_epochs; ++epoch) {
    rng.Shuffle(&order);
    size_t errors = 0, steps = 0;
    for (int si : order) {
      const Sent& s = train[si];
      const int n = static_cast<int>(s.words.size());
      if (!Trainable(s)) continue;
      ParseState st;
      st.Init(n);
      while (!st.Terminal()) {
        int k = Parser::Extract(st, s.atoms.data(), train_tags[si].data(), feats);
        std::fill(scores.begin(), scores.end(), 0.0f);
        w.Score(feats, k, scores.data());
        Costs(st, s, p, &cost);
        int guess = -1, truth = -1, min_cost = std::numeric_limits<int>::max();
        for (int c = 0; c < C; ++c) min_cost = std::min(min_cost, cost[c]);
        for (int c = 0; c < C; ++c) {
          if (cost[c] == std::numeric_limits<int>::max()) continue;  // invalid
          if (guess < 0 || scores[c] > scores[guess]) guess = c;
          if (cost[c] == min_cost && (truth < 0 || scores[c] > scores[truth])) truth = c;
        }
        if (guess < 0) break;
        w.Tick();
        ++steps;
        int next = truth;
        if (guess != truth) {
          w.Update(feats, k, truth, guess);
          ++errors;
          if (epoch >= o.explore_from_epoch && rng.Uniform() < o.explore_p) next = guess;
        }
        p.Apply(&st, next);
      }
    }
    float scale;
    std::vector<SparseWeights::Row> rows = w.Averaged(o.prune, &scale);
    Parser eval = p;
    eval.weights.Build(rows, scale);
    ParseAcc acc = EvalParser(eval, tagger, dev, v);
    char buf[200];
    std::snprintf(buf, sizeof(buf),
                  "parser epoch %d: train err %.4f, dev UAS %.4f LAS %.4f (%zu features)", epoch,
                  steps ? static_cast<double>(errors) / static_cast<double>(steps) : 0.0, acc.uas,
                  acc.las, rows.size());
    if (log) log(buf);
    if (best.KeepIfBest(acc.las, epoch, &rows, scale, &since_best, o.parser_patience)) break;
  }
  return best;
}

// Static oracle for arc-hybrid: from a gold configuration, the first
// zero-cost transition (LEFT labels, RIGHT labels, then SHIFT: arcs as
// early as possible). False when the projectivised tree cannot be derived
// (a lifted arc gave ROOT a second dependent).
bool OracleSequence(const Sent& s, const Parser& p, std::vector<int>* actions) {
  const int n = static_cast<int>(s.words.size());
  const int C = p.num_classes();
  ParseState st;
  st.Init(n);
  std::vector<int> cost(C);
  actions->clear();
  while (!st.Terminal()) {
    Costs(st, s, p, &cost);
    int pick = -1;
    for (int c = 1; c < C && pick < 0; ++c)
      if (cost[c] == 0) pick = c;
    if (pick < 0 && cost[0] == 0) pick = 0;
    if (pick < 0) return false;
    actions->push_back(pick);
    p.Apply(&st, pick);
  }
  for (int i = 0; i < n; ++i)
    if (st.head(i) != s.heads[i] || st.label(i) != s.labels[i]) return false;
  return static_cast<int>(actions->size()) == 2 * n;
}

// Beam-search parser trained as a global structured perceptron (Zhang &
// Clark 2008; Zhang & Nivre 2011) with max-violation updates (Huang et al.
// 2012): decode the whole sentence with the beam, find the step where the
// best item beats the gold prefix by most, and update the gold prefix up
// and that item's prefix down (only after they part: the shared prefix
// cancels). No update when the beam's final best is the gold parse.
// Averaging ticks once per sentence.
ParserResult TrainParserBeam(const std::vector<Sent>& train,
                             const std::vector<std::vector<int>>& train_tags,
                             const std::vector<Sent>& dev, const Taggers& tagger, const Vocab& v,
                             const TrainOptions& o,
                             const std::function<void(const std::string&)>& log) {
  Parser p = UntrainedParser(v);
  p.beam_width = o.parser_beam;
  const int C = p.num_classes();
  const int W = o.parser_beam;
  TrainWeights w(C);
  Rng rng(o.seed + 1);
  std::vector<int> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::vector<int>> gold(train.size());
  size_t skipped = 0;
  for (size_t si = 0; si < train.size(); ++si) {
    const Sent& s = train[si];
    if (!Trainable(s) || !OracleSequence(s, p, &gold[si])) {
      gold[si].clear();
      ++skipped;
    }
  }
  if (log) log("beam " + std::to_string(W) + " parser: " + std::to_string(skipped) +
               " training sentences without an oracle sequence skipped");
  std::vector<float> gscores(C);
  uint64_t feats[Parser::kMaxFeatures];
  auto forced = [&](const ParseState& st) {
    return p.ForcedMove(st.stack_size(), st.buffer_front(), st.n()) >= 0;
  };
  Beam beam;
  TrainScoreMemo memo(&w, C);
  Parser::GroupScratch scratch;
  ScoreCache::Group groups[Parser::kNumGroups];
  std::vector<int> pred;
  ParseState gst, ps, gs;
  ParserResult best;
  int since_best = 0;
  uint64_t serial = 0;  // sentences seen: the dropout hash's other input
  for (int epoch = 1; epoch <= o.parser_max_epochs; ++epoch) {
    rng.Shuffle(&order);
    size_t sents = 0, updates = 0, fell_out = 0;
    for (int si : order) {
      if (gold[si].empty()) continue;
      const Sent& s = train[si];
      const int* tags = train_tags[si].data();
      const std::vector<int>& g = gold[si];
      const int n = static_cast<int>(s.words.size());
      beam.Init(n, W, p.num_labels);
      gst.Init(n);
      double gold_score = 0, max_violation = -std::numeric_limits<double>::infinity();
      int gold_k = 0, max_t = -1;
      bool gold_in = true;
      ++serial;
      memo.Clear(o.parser_dropout, serial);
      auto score = [&](const StateView& view, float* sc) {
        Parser::Groups(view, s.atoms.data(), tags, &scratch, groups);
        memo.Score(groups, Parser::kNumGroups, sc);
      };
      for (int t = 0; t < 2 * n; ++t) {
        beam.Step<float>(p, s.atoms.data(), tags, /*subject_rule=*/false, score);
        const std::vector<Beam::Item>& items = beam.items();
        if (gold_in) {
          int found = -1;
          for (int k = 0; k < static_cast<int>(items.size()) && found < 0; ++k)
            if (items[k].parent == gold_k && items[k].action == g[t]) found = k;
          if (found >= 0) {
            gold_k = found;
            gold_score = items[found].score;
          } else {
            gold_in = false;
          }
        }
        if (!gold_in && !forced(gst)) {
          std::fill(gscores.begin(), gscores.end(), 0.0f);
          score(gst.View(), gscores.data());
          gold_score += gscores[g[t]];
        }
        p.Apply(&gst, g[t]);
        if (!(gold_in && gold_k == 0)) {
          const double violation = items[0].score - gold_score;
          if (violation > max_violation) {
            max_violation = violation;
            max_t = t + 1;
          }
        }
      }
      w.Tick();
      ++sents;
      fell_out += !gold_in;
      if ((gold_in && gold_k == 0) || max_t < 0) continue;
      ++updates;
      beam.ActionsAt(max_t, 0, &pred);
      ps.Init(n);
      gs.Init(n);
      int j = 0;
      for (; j < max_t && pred[j] == g[j]; ++j) {
        p.Apply(&ps, pred[j]);
        p.Apply(&gs, g[j]);
      }
      for (; j < max_t; ++j) {
        if (!forced(gs)) {
          const int k = Parser::Extract(gs, s.atoms.data(), tags, feats);
          w.Add(feats, DropFeatures(o.parser_dropout, serial, feats, k), g[j], 1.0f);
        }
        p.Apply(&gs, g[j]);
        if (!forced(ps)) {
          const int k = Parser::Extract(ps, s.atoms.data(), tags, feats);
          w.Add(feats, DropFeatures(o.parser_dropout, serial, feats, k), pred[j], -1.0f);
        }
        p.Apply(&ps, pred[j]);
      }
    }
    float scale;
    std::vector<SparseWeights::Row> rows = w.Averaged(o.prune, &scale);
    p.weights.Build(rows, scale);
    ParseAcc acc = EvalParser(p, tagger, dev, v);
    char buf[240];
    std::snprintf(buf, sizeof(buf),
                  "parser beam %d epoch %d: updates %.4f, gold fell out %.4f, dev UAS %.4f LAS "
                  "%.4f (%zu features)",
                  W, epoch, sents ? static_cast<double>(updates) / static_cast<double>(sents) : 0.0,
                  sents ? static_cast<double>(fell_out) / static_cast<double>(sents) : 0.0,
                  acc.uas, acc.las, rows.size());
    if (log) log(buf);
    if (best.KeepIfBest(acc.las, epoch, &rows, scale, &since_best, o.parser_patience)) break;
  }
  return best;
}

// ---------------------------------------------------------------- lexicons

template <typename Key>
std::map<Key, std::string> MostFrequent(const std::map<Key, std::map<std::string, int>>& m) {
  std::map<Key, std::string> out;
  for (const auto& [k, counts] : m) {
    const std::string* best = nullptr;
    int best_n = -1;
    for (const auto& [val, n] : counts)
      if (n > best_n) { best = &val; best_n = n; }  // ties: first in order
    out[k] = *best;
  }
  return out;
}

void BuildLexicons(const std::vector<ConlluSentence>& train, const std::vector<Sent>& sents,
                   const Vocab& v, SyntaxModel* m) {
  // Lemmas: keep only entries the rules get wrong.
  std::map<std::string, std::map<std::string, int>> lower_counts, exact_counts;
  std::map<std::string, std::string> upos_of;
  for (const ConlluSentence& s : train)
    for (const ConlluWord& w : s.words) {
      if (w.lemma == "_") continue;
      std::string lw = w.form;
      for (char& c : lw)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      ++exact_counts[w.form + "\t" + w.xpos][w.lemma];
      ++lower_counts[lw + "\t" + w.xpos][w.lemma];
      upos_of[w.form + "\t" + w.xpos] = w.upos;
      upos_of[lw + "\t" + w.xpos] = w.upos;
    }
  Lemmatizer& lem = m->lemmatizer;
  for (const auto& [k, lemma] : MostFrequent(lower_counts)) {
    std::string form = k.substr(0, k.find('\t')), xpos = k.substr(k.find('\t') + 1);
    if (lem.Lemma(form, upos_of[k], xpos) != lemma) lem.lower[k] = lemma;
  }
  for (const auto& [k, lemma] : MostFrequent(exact_counts)) {
    std::string form = k.substr(0, k.find('\t')), xpos = k.substr(k.find('\t') + 1);
    if (lem.Lemma(form, upos_of[k], xpos) != lemma) lem.exact[k] = lemma;
  }
  // Features: most frequent per class, then per (word, class) where different.
  std::map<int, std::map<std::string, int>> class_counts;
  std::map<uint64_t, std::map<std::string, int>> word_counts;
  for (size_t si = 0; si < train.size(); ++si)
    for (size_t i = 0; i < train[si].words.size(); ++i) {
      int t = sents[si].tags[i];
      if (t < 0) continue;
      const std::string& f = train[si].words[i].feats;
      ++class_counts[t][f];
      ++word_counts[SyntaxModel::FeatsKey(sents[si].atoms[i].word, t)][f];
    }
  m->class_feats.assign(v.upos.size(), v.feats_index.at("_"));
  for (const auto& [t, f] : MostFrequent(class_counts)) m->class_feats[t] = v.feats_index.at(f);
  // The word key folds in the class, so recover it by recomputing per token.
  std::map<uint64_t, int> key_class;
  for (size_t si = 0; si < train.size(); ++si)
    for (size_t i = 0; i < train[si].words.size(); ++i)
      if (sents[si].tags[i] >= 0)
        key_class[SyntaxModel::FeatsKey(sents[si].atoms[i].word, sents[si].tags[i])] =
            sents[si].tags[i];
  for (const auto& [key, f] : MostFrequent(word_counts)) {
    uint32_t idx = v.feats_index.at(f);
    if (idx != m->class_feats[key_class[key]]) m->word_feats[key] = idx;
  }
}

// The supertagger (SyntaxModel::supertagger): each word's relation and the
// side of its head (Ouchi et al. 2014), tagged from the words and the
// tagger's classes (read as the second tagger pass reads the first's).
// Trained on the jack-knifed tags `train_tags`, early-stopped on dev over
// the model tagger's dev tags; then writes K-fold jack-knifed supertags into
// the atoms of `train`, so the parser learns how far to trust them. Returns
// the weight rows (stored in the model for the pruning that follows).
Result<TaggerResult> TrainSupertagger(std::vector<Sent>* train, const std::vector<Sent>& dev,
                                      const std::vector<std::vector<int>>& train_tags,
                                      const Vocab& v, const TrainOptions& o, int K,
                                      SyntaxModel* model,
                                      const std::function<void(const std::string&)>& log,
                                      const std::function<double()>& elapsed) {
  // With --supertag-kids (Ouchi et al.'s "model 2") a supertag also says
  // whether the word has dependents on its left and right ("nsubj>/L");
  // variants seen fewer than supertag_kids_min_count times in train fall
  // back to the plain supertag, so the classes stay within a table's 256
  // (191 in EWT train).
  auto kid_sides = [](const Sent& s) {
    std::vector<std::string> out(s.words.size());
    std::vector<uint8_t> bits(s.words.size() + 1, 0);
    for (size_t j = 0; j < s.words.size(); ++j)
      bits[s.heads[j]] |= static_cast<int>(j) < s.heads[j] ? 1 : 2;
    for (size_t j = 0; j < s.words.size(); ++j)
      out[j] = bits[j] == 0 ? "" : bits[j] == 1 ? "/L" : bits[j] == 2 ? "/R" : "/LR";
    return out;
  };
  std::map<std::string, int> kid_counts;
  auto full_name = [&](const Sent& s, int i, const std::vector<std::string>& kids) {
    const int h = s.heads[i], n = static_cast<int>(s.words.size());
    std::string name = v.labels[s.labels[i]] + (h == n ? "" : h < i ? "<" : ">");
    return o.supertag_kids ? name + kids[i] : name;
  };
  auto name_of = [&](const Sent& s, int i, const std::vector<std::string>& kids) {
    std::string name = full_name(s, i, kids);
    if (!o.supertag_kids || kids[i].empty()) return name;
    auto it = kid_counts.find(name);
    return it != kid_counts.end() && it->second >= o.supertag_kids_min_count
               ? name
               : name.substr(0, name.find('/'));
  };
  for (const Sent& s : *train) {
    const auto kids = kid_sides(s);
    for (size_t i = 0; i < s.words.size(); ++i)
      if (s.labels[i] >= 0) ++kid_counts[full_name(s, static_cast<int>(i), kids)];
  }
  std::map<std::string, int> index;
  for (const Sent& s : *train) {
    const auto kids = kid_sides(s);
    for (size_t i = 0; i < s.words.size(); ++i)
      if (s.labels[i] >= 0) index[name_of(s, static_cast<int>(i), kids)] = 0;
  }
  Vocab sv;
  for (auto& [name, idx] : index) {
    idx = static_cast<int>(sv.upos.size());
    sv.upos.push_back(name);
  }
  sv.xpos = sv.upos;
  if (sv.upos.size() > SparseWeights::kMaxClasses)
    return Status::InvalidArgument(o.train_path + ": " + std::to_string(sv.upos.size()) +
                                   " supertags, more than a table holds (raise "
                                   "--supertag-kids-min-count or use --supertag-kids 0)");
  const int num_stags = static_cast<int>(sv.upos.size());
  // The same sentences with supertags as their classes (-1: no relation).
  auto with_stags = [&](const std::vector<Sent>& from) {
    std::vector<Sent> out = from;
    for (Sent& s : out) {
      const auto kids = kid_sides(s);
      for (size_t i = 0; i < s.words.size(); ++i)
        s.tags[i] = s.labels[i] < 0 ? -1 : index.at(name_of(s, static_cast<int>(i), kids));
    }
    return out;
  };
  const std::vector<Sent> strain = with_stags(*train);
  std::vector<Sent> sdev = dev;
  for (Sent& s : sdev) {  // dev relations unseen in train count as errors
    const auto kids = kid_sides(s);
    for (size_t i = 0; i < s.words.size(); ++i) {
      auto it = s.labels[i] < 0 ? index.end()
                                : index.find(name_of(s, static_cast<int>(i), kids));
      s.tags[i] = it == index.end() ? -1 : it->second;
    }
  }
  std::vector<std::vector<int>> dev_tags(dev.size());
  for (size_t i = 0; i < dev.size(); ++i) {
    dev_tags[i].resize(dev[i].words.size());
    model->tagger.Tag(dev[i].atoms.data(), static_cast<int>(dev[i].words.size()),
                      dev_tags[i].data());
  }
  auto dev_accuracy = [&](const Tagger& t) {
    size_t correct = 0, total = 0;
    std::vector<int> out;
    for (size_t i = 0; i < sdev.size(); ++i) {
      const int n = static_cast<int>(sdev[i].words.size());
      out.resize(n);
      t.Pass(t.weights, sdev[i].atoms.data(), n, dev_tags[i].data(), out.data());
      for (int j = 0; j < n; ++j) correct += out[j] == sdev[i].tags[j];
      total += n;
    }
    return total ? static_cast<double>(correct) / static_cast<double>(total) : 0;
  };
  std::vector<int> all(train->size());
  std::iota(all.begin(), all.end(), 0);
  auto stag_dict = BuildTagDict(strain, all, num_stags, o);
  TaggerResult sr = TrainTaggerEnsemble(strain, all, &sdev,
                                         std::vector<int>(o.tagger_ensemble, o.tagger_max_epochs),
                                         sv, o, stag_dict, log, &train_tags, nullptr, dev_accuracy);
  model->supertags = sv.upos;
  model->supertagger.num_classes = num_stags;
  model->supertagger.tag_dict = stag_dict;
  model->supertagger.weights.Build(sr.rows, sr.scale);
  if (log) log(Fmt("supertagger: %.0f classes", num_stags) +
               Fmt(", best epoch %.0f, dev accuracy %.4f", sr.best_epoch, sr.best_acc) +
               Fmt(" [%.0fs]", elapsed()));
  for (int f = 0; f < K; ++f) {
    std::vector<int> in, out;
    for (int i = 0; i < static_cast<int>(train->size()); ++i)
      (i * K / static_cast<int>(train->size()) == f ? &out : &in)->push_back(i);
    Tagger t;
    t.num_classes = num_stags;
    t.tag_dict = BuildTagDict(strain, in, num_stags, o);
    TaggerResult fr = TrainTaggerEnsemble(strain, in, nullptr, sr.run_epochs, sv, o, t.tag_dict,
                                          nullptr, &train_tags);
    t.weights.Build(fr.rows, fr.scale);
    size_t correct = 0, total = 0;
    for (int i : out) {
      Sent& s = (*train)[i];
      t.Supertag(s.atoms.data(), static_cast<int>(s.words.size()), train_tags[i].data());
      for (size_t j = 0; j < s.words.size(); ++j, ++total)
        correct += static_cast<int>(s.atoms[j].stag) - 1 == strain[i].tags[j];
    }
    if (log) log(Fmt("jack-knife supertags fold %.0f: accuracy %.4f", f + 1,
                     total ? static_cast<double>(correct) / static_cast<double>(total) : 0) +
                 Fmt(" [%.0fs]", elapsed()));
  }
  return sr;
}

}  // namespace

// parser_ensemble beam parsers, each trained as TrainParserBeam with its
// own shuffle seed (one thread each, all at once: the runs share only
// read-only data), and their best-epoch averaged weights averaged: w =
// mean of the runs' real-valued weights (a feature missing from a run
// counts 0), requantised to int16; update counts are summed for pruning.
// The same seeds give the same model.
ParserResult TrainParserEnsemble(const std::vector<Sent>& train,
                                 const std::vector<std::vector<int>>& train_tags,
                                 const std::vector<Sent>& dev, const Taggers& tagger,
                                 const Vocab& v, const TrainOptions& o,
                                 const std::function<void(const std::string&)>& log) {
  const int k = o.parser_ensemble;
  std::vector<ParserResult> runs = TrainRuns<ParserResult>(
      k, o, log,
      [&](int, const TrainOptions& ro, const std::function<void(const std::string&)>& run_log) {
        return TrainParserBeam(train, train_tags, dev, tagger, v, ro, run_log);
      });
  ParserResult out;
  out.rows = AverageRuns(&runs, &out.scale);
  Parser p = UntrainedParser(v);
  p.beam_width = o.parser_beam;
  p.weights.Build(out.rows, out.scale);
  out.best_las = EvalParser(p, tagger, dev, v).las;
  out.best_epoch = 0;
  if (log) {
    std::string line = "parser ensemble of " + std::to_string(k) + ": runs' best dev LAS";
    for (const ParserResult& run : runs)
      line += Fmt(" %.4f", run.best_las) + Fmt(" (epoch %.0f)", run.best_epoch);
    log(line + Fmt("; averaged %.4f", out.best_las) + " (" + std::to_string(out.rows.size()) +
        " features)");
  }
  return out;
}

Status TrainSyntax(const TrainOptions& o, const std::function<void(const std::string&)>& log) {
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  SL_ASSIGN_OR_RETURN(std::vector<ConlluSentence> train_c, ReadConlluFile(o.train_path));
  SL_ASSIGN_OR_RETURN(std::vector<ConlluSentence> dev_c, ReadConlluFile(o.dev_path));
  Vocab v = BuildVocab(train_c);
  if (v.upos.size() > SparseWeights::kMaxClasses ||
      1 + 2 * v.labels.size() > SparseWeights::kMaxClasses)
    return Status::InvalidArgument(o.train_path + ": " + std::to_string(v.upos.size()) +
                                   " tag classes and " + std::to_string(v.labels.size()) +
                                   " relations; the model file holds at most " +
                                   std::to_string(SparseWeights::kMaxClasses) + " classes a table");
  auto model = std::make_unique<SyntaxModel>();
  if (!o.corpus_dir.empty()) {
    // The treebank's training words join the news text (its web genres are
    // not news); dev and test text never does.
    std::vector<std::vector<std::string_view>> extra;
    for (const ConlluSentence& s : train_c) {
      extra.emplace_back();
      for (const ConlluWord& w : s.words) extra.back().push_back(w.form);
    }
    SL_RETURN_IF_ERROR(BuildWordClusters(o.corpus_dir, extra, o.clusters, &model->clusters, log));
    if (log) log(Fmt("clusters done [%.0fs]", elapsed()));
  }
  // WordNet first: the lemmatiser's tables give the tagger's WordNet atoms.
  SL_RETURN_IF_ERROR(model->lemmatizer.LoadWordNet(o.wordnet_dir));
  int lifted = 0;
  std::vector<Sent> train = Prepare(train_c, v, &lifted, &model->clusters, &model->lemmatizer);
  std::vector<Sent> dev = Prepare(dev_c, v, nullptr, &model->clusters, &model->lemmatizer);
  if (log) {
    log("read " + std::to_string(train.size()) + " train and " + std::to_string(dev.size()) +
        " dev sentences; " + std::to_string(v.upos.size()) + " tag classes, " +
        std::to_string(v.labels.size()) + " relations; lifted " + std::to_string(lifted) +
        " non-projective arcs");
  }
  const int num_tags = static_cast<int>(v.upos.size());
  std::vector<int> all(train.size());
  std::iota(all.begin(), all.end(), 0);

  // Tagger on all of train, early-stopped on dev.
  auto tag_dict = BuildTagDict(train, all, num_tags, o);
  const std::vector<int> max_epochs(o.tagger_ensemble, o.tagger_max_epochs);
  TaggerResult tr = TrainTaggerEnsemble(train, all, &dev, max_epochs, v, o, tag_dict, log);
  model->tagger.num_classes = num_tags;
  model->tagger.tag_dict = tag_dict;
  model->tagger.weights.Build(tr.rows, tr.scale);
  if (log) log(Fmt("tagger: best epoch %.0f, dev UPOS %.4f", tr.best_epoch, tr.best_acc) +
               Fmt(" [%.0fs]", elapsed()));

  // Jack-knifed tags for the parser's training data.
  std::vector<std::vector<int>> train_tags(train.size());
  for (size_t i = 0; i < train.size(); ++i) train_tags[i] = train[i].tags;
  const int K = o.jackknife_folds;
  std::vector<std::unordered_map<uint64_t, int>> fold_dicts;
  auto fold_split = [&](int f, std::vector<int>* in, std::vector<int>* out) {
    for (int i = 0; i < static_cast<int>(train.size()); ++i)
      (i * K / static_cast<int>(train.size()) == f ? out : in)->push_back(i);
  };
  // Accuracy of the jack-knifed tags of the held-out sentences `out`.
  auto fold_accuracy = [&](const std::vector<int>& out) {
    size_t correct = 0, total = 0;
    for (int i : out)
      for (size_t j = 0; j < train[i].words.size(); ++j) {
        ++total;
        correct += train_tags[i][j] == train[i].tags[j];
      }
    return total ? static_cast<double>(correct) / static_cast<double>(total) : 0;
  };
  if (K > 1) {
    for (int f = 0; f < K; ++f) {
      std::vector<int> in, out;
      fold_split(f, &in, &out);
      auto dict = BuildTagDict(train, in, num_tags, o);
      fold_dicts.push_back(dict);
      TaggerResult fr = TrainTaggerEnsemble(train, in, nullptr, tr.run_epochs, v, o, dict, nullptr);
      Tagger t;
      t.num_classes = num_tags;
      t.tag_dict = dict;
      t.weights.Build(fr.rows, fr.scale);
      for (int i : out)
        t.Tag(train[i].atoms.data(), static_cast<int>(train[i].words.size()), train_tags[i].data());
      if (log) log(Fmt("jack-knife fold %.0f: tag accuracy %.4f", f + 1, fold_accuracy(out)) +
                   Fmt(" [%.0fs]", elapsed()));
    }
  }
  // Second tagger pass over the first pass's tags, trained on the
  // jack-knifed first-pass tags; kept only if it beats one pass on dev.
  TaggerResult tr2;
  if (o.two_pass_tagger && K > 1) {
    const std::vector<std::vector<int>> first = train_tags;
    tr2 = TrainTaggerEnsemble(train, all, &dev, max_epochs, v, o, tag_dict, log, &first,
                              &model->tagger);
    if (log) log(Fmt("tagger pass 2: best epoch %.0f, dev UPOS %.4f", tr2.best_epoch,
                     tr2.best_acc) + Fmt(" [%.0fs]", elapsed()));
    if (tr2.best_acc > tr.best_acc) {
      model->tagger.weights2.Build(tr2.rows, tr2.scale);
      for (int f = 0; f < K && !o.tagger_only; ++f) {
        std::vector<int> in, out;
        fold_split(f, &in, &out);
        TaggerResult fr = TrainTaggerEnsemble(train, in, nullptr, tr2.run_epochs, v, o,
                                              fold_dicts[f], nullptr, &first, nullptr);
        Tagger t;
        t.num_classes = num_tags;
        t.tag_dict = fold_dicts[f];
        t.weights2.Build(fr.rows, fr.scale);
        for (int i : out)
          t.Pass(t.weights2, train[i].atoms.data(), static_cast<int>(train[i].words.size()),
                 first[i].data(), train_tags[i].data());
        if (log) log(Fmt("jack-knife pass 2 fold %.0f: tag accuracy %.4f", f + 1, fold_accuracy(out)) +
                     Fmt(" [%.0fs]", elapsed()));
      }
    } else {
      tr2 = TaggerResult();
    }
  }
  for (auto& tags : train_tags)
    for (int& t : tags)
      if (t < 0) t = 0;

  TaggerResult sr;
  if (o.supertagger && K > 1 && !o.tagger_only) {
    SL_ASSIGN_OR_RETURN(sr, TrainSupertagger(&train, dev, train_tags, v, o, K, model.get(), log,
                                             elapsed));
  }
  const Taggers taggers{model->tagger, model->supertagger};

  ParserResult pr;
  if (!o.tagger_only && o.parser_beam > 1 && o.parser_ensemble > 1) {
    pr = TrainParserEnsemble(train, train_tags, dev, taggers, v, o, log);
  } else if (!o.tagger_only) {
    pr = o.parser_beam > 1 ? TrainParserBeam(train, train_tags, dev, taggers, v, o, log)
                           : TrainParser(train, train_tags, dev, taggers, v, o, log);
  }
  if (log) log(Fmt("parser: best epoch %.0f, dev LAS %.4f", pr.best_epoch, pr.best_las) +
               Fmt(" [%.0fs]", elapsed()));

  // Prune: drop features that few perceptron updates touched (mostly
  // one-off noise) and quantised weights below a magnitude. First the
  // tagger, then the parser (over the pruned tagger's tags): the (updates,
  // |w|) pair leaving the fewest weights whose dev UPOS / LAS loss stays
  // within its budget wins. Smaller tables are faster (cache) and make a
  // smaller file.
  {
    Parser p = UntrainedParser(v);
    p.beam_width = o.parser_beam;
    Tagger t = model->tagger;
    const std::vector<int> tag_updates = {1, 2, 3};
    const std::vector<int> tag_q = {1, 256, 384, 512};
    const double tag_target = std::max(tr.best_acc, tr2.best_acc) - o.max_tagger_prune_loss;
    int tag_u = 1, tag_min_q = 1;
    size_t tag_best = CountEntries(tr.rows) + CountEntries(tr2.rows);
    for (int u : tag_updates) {
      bool any = false;
      for (int q : tag_q) {
        auto rows1 = PruneRows(tr.rows, q, u);
        auto rows2 = PruneRows(tr2.rows, q, u);
        SparseWeights::RoundToCodes(&rows1);  // scored as the file will hold them
        SparseWeights::RoundToCodes(&rows2);
        t.weights.Build(rows1, tr.scale);
        if (!tr2.rows.empty()) t.weights2.Build(rows2, tr2.scale);
        const double upos = TagAccuracy(t, dev, v, true);
        const size_t entries = CountEntries(rows1) + CountEntries(rows2);
        if (log) log("prune tagger updates < " + std::to_string(u) + ", |w| < " +
                     std::to_string(q) + ": " + std::to_string(rows1.size() + rows2.size()) +
                     " features / " + std::to_string(entries) + " weights" +
                     Fmt(", dev UPOS %.4f", upos));
        if (upos < tag_target) break;
        any = true;
        if (entries < tag_best) {
          tag_best = entries;
          tag_u = u;
          tag_min_q = q;
        }
      }
      if (!any) break;  // more updates cost more
    }
    // One byte per weight in the file: from here on every table is scored
    // as the file will hold it.
    tr.rows = PruneRows(tr.rows, tag_min_q, tag_u);
    SparseWeights::RoundToCodes(&tr.rows);
    model->tagger.weights.Build(tr.rows, tr.scale);
    if (!tr2.rows.empty()) {
      tr2.rows = PruneRows(tr2.rows, tag_min_q, tag_u);
      SparseWeights::RoundToCodes(&tr2.rows);
      model->tagger.weights2.Build(tr2.rows, tr2.scale);
    }
    if (!sr.rows.empty()) {  // the tagger's thresholds; the parser's sweep sees it
      sr.rows = PruneRows(sr.rows, tag_min_q, tag_u);
      SparseWeights::RoundToCodes(&sr.rows);
      model->supertagger.weights.Build(sr.rows, sr.scale);
    }
    // The parser's budget counts from its LAS over the pruned tagger.
    p.weights.Build(pr.rows, pr.scale);
    const double las_full = EvalParser(p, taggers, dev, v).las;
    const double las_target = las_full - o.max_parser_prune_loss;
    // A beam update touches every state of both prefixes: beam-trained rows
    // see many more updates than greedy ones (and an ensemble's counts are
    // summed over its runs), hence the longer list. Small weights matter
    // more than rarely updated features (EWT dev, three runs: cutting
    // |w| < 192 rather than 128 cost 0.0009-0.0019 LAS at every update
    // count), hence the low magnitudes: the budget goes to dropping
    // features, not weights.
    std::vector<int> par_updates = {2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96};
    if (o.tagger_only) par_updates.clear();
    const std::vector<int> par_q = {64, 96, 128, 192, 256, 320, 384, 448, 512, 640, 768};
    int par_u = 1, par_min_q = 1;
    size_t par_best = CountEntries(pr.rows);
    for (int u : par_updates) {
      bool any = false;
      for (int q : par_q) {
        auto rows = PruneRows(pr.rows, q, u);
        SparseWeights::RoundToCodes(&rows);
        p.weights.Build(rows, pr.scale);
        ParseAcc acc = EvalParser(p, taggers, dev, v);
        const size_t entries = CountEntries(rows);
        if (log) log("prune parser updates < " + std::to_string(u) + ", |w| < " +
                     std::to_string(q) + ": " + std::to_string(rows.size()) + " features / " +
                     std::to_string(entries) + " weights" + Fmt(", dev LAS %.4f", acc.las));
        if (acc.las < las_target) break;
        any = true;
        if (entries < par_best) {
          par_best = entries;
          par_u = u;
          par_min_q = q;
        }
      }
      if (!any) break;
    }
    pr.rows = PruneRows(pr.rows, par_min_q, par_u);
    SparseWeights::RoundToCodes(&pr.rows);
    p.weights.Build(pr.rows, pr.scale);
    if (log) log(Fmt("final weights: dev UPOS %.4f, LAS %.4f", TagAccuracy(model->tagger, dev, v, true),
                     EvalParser(p, taggers, dev, v).las));
    if (log) log("pruning: tagger updates >= " + std::to_string(tag_u) + ", |w| >= " +
                 std::to_string(tag_min_q) + "; parser (LAS " + Fmt("%.4f", las_full) +
                 " unpruned) updates >= " + std::to_string(par_u) + ", |w| >= " +
                 std::to_string(par_min_q) + Fmt(" [%.0fs]", elapsed()));
  }

  model->upos = v.upos;
  model->xpos = v.xpos;
  model->labels = v.labels;
  model->feats = v.feats;
  model->parser.num_labels = static_cast<int>(v.labels.size());
  model->parser.root_label = v.label_index.at("root");
  model->parser.beam_width = o.parser_beam;
  model->parser.SetSubjectLabels(v.labels);
  BuildLexicons(train_c, train, v, model.get());
  model->description = "storyline syntax model; trained on " + o.train_path +
                       " (early stopping on " + o.dev_path + "); tagger epochs " +
                       std::to_string(tr.best_epoch) + ", parser epochs " +
                       std::to_string(pr.best_epoch) + ", parser beam " +
                       std::to_string(o.parser_beam) + "; command: " + o.command_line;
  std::string bytes =
      SerializeModel(*model, &tr.rows, tr.scale, &pr.rows, pr.scale, &tr2.rows, tr2.scale,
                     &sr.rows, sr.scale);
  SL_RETURN_IF_ERROR(WriteFileBytes(o.out_path, bytes));
  if (log) {
    log("wrote " + o.out_path + " (" + std::to_string(bytes.size()) + " bytes; tagger " +
        std::to_string(tr.rows.size()) + " features, parser " + std::to_string(pr.rows.size()) +
        " features)" + Fmt(" [%.0fs]", elapsed()));
  }
  return Status::Ok();
}

}  // namespace storyline::syntax
