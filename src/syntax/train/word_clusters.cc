// Distributional word clusters; see word_clusters.h.
#include "src/syntax/train/word_clusters.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <unordered_map>

#include "src/util/utf8.h"
#include "storyline/text.h"

namespace storyline::syntax {
namespace {

int Hex4(std::string_view s, size_t p) {
  if (p + 4 > s.size()) return -1;
  int v = 0;
  for (size_t i = p; i < p + 4; ++i) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
    else return -1;
  }
  return v;
}

// The JSON string value of `"key":` in one JSON Lines line, or "" when the
// key is missing or not a string. Enough JSON for flat corpus records.
std::string StringField(std::string_view line, std::string_view key) {
  std::string pat = "\"" + std::string(key) + "\":";
  size_t p = line.find(pat);
  if (p == std::string_view::npos) return "";
  p += pat.size();
  while (p < line.size() && line[p] == ' ') ++p;
  if (p >= line.size() || line[p] != '"') return "";
  std::string out;
  for (++p; p < line.size() && line[p] != '"'; ++p) {
    char c = line[p];
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++p >= line.size()) break;
    switch (line[p]) {
      case 'n': case 'r': case 't': out.push_back(line[p] == 'n' ? '\n' : ' '); break;
      case 'u': {
        int cp = Hex4(line, p + 1);
        if (cp < 0) return out;
        p += 4;
        uint32_t u = static_cast<uint32_t>(cp);
        if (u >= 0xD800 && u < 0xDC00 && p + 2 < line.size() && line[p + 1] == '\\' &&
            line[p + 2] == 'u') {
          int lo = Hex4(line, p + 3);
          if (lo >= 0xDC00 && lo < 0xE000) {
            u = 0x10000 + ((u - 0xD800) << 10) + (static_cast<uint32_t>(lo) - 0xDC00);
            p += 6;
          }
        }
        if (u >= 0xD800 && u < 0xE000) u = ' ';  // lone surrogate
        util::AppendUtf8(static_cast<char32_t>(u), &out);
        break;
      }
      default: out.push_back(line[p] == 'b' || line[p] == 'f' ? ' ' : line[p]);
    }
  }
  return out;
}

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

class Corpus {
 public:
  int Id(const std::string& w) {
    auto [it, fresh] = ids_.emplace(w, static_cast<int>(words_.size()));
    if (fresh) {
      words_.push_back(w);
      counts_.push_back(0);
      inner_.push_back(0);
      capitalised_.push_back(0);
      all_caps_.push_back(0);
    }
    ++counts_[it->second];
    return it->second;
  }
  // `initial`: the sentence's first word, capitalised whatever it is.
  void Add(std::string_view form, bool initial) {
    const int id = Id(NormalizeWord(form));
    tokens_.push_back(id);
    if (initial || form.empty()) return;
    ++inner_[id];
    if (form[0] >= 'A' && form[0] <= 'Z') {
      ++capitalised_[id];
      bool lower = false;
      for (char c : form) lower |= c >= 'a' && c <= 'z';
      all_caps_[id] += !lower && form.size() > 1;
    }
  }
  void EndSentence() { tokens_.push_back(-1); }
  void AddText(const std::string& t) {
    if (t.empty() || !ValidUtf8(t)) return;
    NormalizedText norm = text::Normalize(t);
    text::Analysis a = text::Analyze(t, norm);
    for (const text::Sentence& s : a.sentences) {
      for (uint32_t i = s.first_token; i < s.last_token; ++i)
        Add(a.TokenForm(norm, i), i == s.first_token);
      EndSentence();
    }
  }
  std::vector<std::string> words_;
  std::vector<int64_t> counts_;
  std::vector<int> tokens_;  // word ids, -1 between sentences
  // Per word id, over occurrences that do not open a sentence: all of them,
  // those with a capital first letter, those in capitals only.
  std::vector<int64_t> inner_, capitalised_, all_caps_;

 private:
  std::unordered_map<std::string, int> ids_;
};

uint64_t SplitMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

void Normalize(float* v, int d) {
  double s = 0;
  for (int i = 0; i < d; ++i) s += static_cast<double>(v[i]) * v[i];
  if (s <= 0) return;
  const float inv = static_cast<float>(1.0 / std::sqrt(s));
  for (int i = 0; i < d; ++i) v[i] *= inv;
}

// Spherical k-means of the n unit rows of `x` (n x d) into k clusters,
// initialised with the rows `init`; returns each row's cluster.
std::vector<int> KMeans(const std::vector<float>& x, int n, int d, int k,
                        const std::vector<int>& init, int iterations,
                        std::vector<float>* centroids_out) {
  std::vector<float> c(static_cast<size_t>(k) * d);
  for (int j = 0; j < k; ++j)
    std::copy_n(&x[static_cast<size_t>(init[j]) * d], d, &c[static_cast<size_t>(j) * d]);
  std::vector<int> assign(n, -1);
  std::vector<float> sum(c.size());
  std::vector<int> size(k);
  for (int it = 0; it < iterations; ++it) {
    int changed = 0;
    for (int i = 0; i < n; ++i) {
      const float* xi = &x[static_cast<size_t>(i) * d];
      int best = 0;
      float best_s = -1e30f;
      for (int j = 0; j < k; ++j) {
        const float* cj = &c[static_cast<size_t>(j) * d];
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int t = 0; t + 3 < d; t += 4) {
          s0 += xi[t] * cj[t];
          s1 += xi[t + 1] * cj[t + 1];
          s2 += xi[t + 2] * cj[t + 2];
          s3 += xi[t + 3] * cj[t + 3];
        }
        const float s = (s0 + s1) + (s2 + s3);
        if (s > best_s) {
          best_s = s;
          best = j;
        }
      }
      changed += assign[i] != best;
      assign[i] = best;
    }
    std::fill(sum.begin(), sum.end(), 0.0f);
    std::fill(size.begin(), size.end(), 0);
    for (int i = 0; i < n; ++i) {
      ++size[assign[i]];
      float* sj = &sum[static_cast<size_t>(assign[i]) * d];
      const float* xi = &x[static_cast<size_t>(i) * d];
      for (int t = 0; t < d; ++t) sj[t] += xi[t];
    }
    for (int j = 0; j < k; ++j) {
      if (size[j] == 0) continue;  // keep the old centroid
      std::copy_n(&sum[static_cast<size_t>(j) * d], d, &c[static_cast<size_t>(j) * d]);
      Normalize(&c[static_cast<size_t>(j) * d], d);
    }
    if (changed == 0) break;
  }
  if (centroids_out != nullptr) *centroids_out = std::move(c);
  return assign;
}

// Initial centroids for k clusters of n frequency-ranked rows: the most
// frequent words for a quarter, then words spread evenly over the ranks.
std::vector<int> SeedRows(int k, int n) {
  std::vector<int> init;
  const int top = k / 4;
  for (int j = 0; j < top; ++j) init.push_back(j);
  for (int j = top; j < k; ++j)
    init.push_back(top + static_cast<int>(static_cast<int64_t>(j - top) * (n - top) / (k - top)));
  return init;
}

}  // namespace

Status BuildWordClusters(const std::string& corpus_dir,
                         const std::vector<std::vector<std::string_view>>& extra,
                         const ClusterOptions& o, WordClusters* out,
                         const std::function<void(const std::string&)>& log) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(corpus_dir, ec))
    return Status::NotFound(corpus_dir + ": no such corpus folder");
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(corpus_dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".jsonl")
      files.push_back(it->path().string());
  if (files.empty()) return Status::NotFound(corpus_dir + ": no .jsonl files");
  std::sort(files.begin(), files.end());

  Corpus corpus;
  for (const std::string& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IOError(f + ": cannot open");
    std::string line;
    while (std::getline(in, line))
      for (const char* key : {"title", "body", "text", "description"})
        corpus.AddText(StringField(line, key));
  }
  for (const auto& s : extra) {
    for (size_t i = 0; i < s.size(); ++i) corpus.Add(s[i], i == 0);
    corpus.EndSentence();
  }

  // Rank words by frequency (ties by spelling: deterministic).
  const int nw = static_cast<int>(corpus.words_.size());
  std::vector<int> order(nw);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (corpus.counts_[a] != corpus.counts_[b]) return corpus.counts_[a] > corpus.counts_[b];
    return corpus.words_[a] < corpus.words_[b];
  });
  std::vector<int> rank(nw);
  for (int r = 0; r < nw; ++r) rank[order[r]] = r;
  int V = 0;
  while (V < nw && V < o.max_words && corpus.counts_[order[V]] >= o.min_count) ++V;
  const int C = std::min(o.context_words, nw);
  if (V < o.fine) return Status::InvalidArgument(corpus_dir + ": too few words to cluster");

  // Context counts: (word rank, offset slot, context) pairs, sorted.
  const uint64_t slots = 4, ctx_n = static_cast<uint64_t>(C) + 1;  // + boundary
  std::vector<uint64_t> pairs;
  const std::vector<int>& tok = corpus.tokens_;
  const int nt = static_cast<int>(tok.size());
  for (int i = 0; i < nt; ++i) {
    if (tok[i] < 0 || rank[tok[i]] >= V) continue;
    const int offsets[4] = {-2, -1, 1, 2};
    for (int s = 0; s < 4; ++s) {
      int j = i, step = offsets[s] < 0 ? -1 : 1;
      bool boundary = false;
      for (int m = 0; m < std::abs(offsets[s]); ++m) {
        j += step;
        if (j < 0 || j >= nt || tok[j] < 0) {
          boundary = true;
          break;
        }
      }
      uint64_t ctx;
      if (boundary) ctx = static_cast<uint64_t>(C);
      else if (rank[tok[j]] < C) ctx = static_cast<uint64_t>(rank[tok[j]]);
      else continue;
      pairs.push_back((static_cast<uint64_t>(rank[tok[i]]) * slots + s) * ctx_n + ctx);
    }
  }
  std::sort(pairs.begin(), pairs.end());

  // Random +-1 projection of the Hellinger context vectors.
  const int D = o.dims;
  std::vector<float> proj(slots * ctx_n * D);
  for (size_t f = 0; f < slots * ctx_n; ++f)
    for (int t = 0; t < D; ++t)
      proj[f * D + t] = (SplitMix(o.seed ^ (f * 1315423911ULL + static_cast<uint64_t>(t))) & 1)
                            ? 1.0f : -1.0f;
  std::vector<float> x(static_cast<size_t>(V) * D, 0.0f);
  std::vector<double> slot_total(static_cast<size_t>(V) * slots, 0.0);
  for (size_t p = 0; p < pairs.size(); ++p)
    slot_total[pairs[p] / ctx_n] += 1.0;
  for (size_t p = 0; p < pairs.size();) {
    size_t q = p;
    while (q < pairs.size() && pairs[q] == pairs[p]) ++q;
    const uint64_t key = pairs[p];
    const uint64_t ws = key / ctx_n, w = ws / slots;
    const float v = static_cast<float>(std::sqrt(static_cast<double>(q - p) / slot_total[ws]));
    const float* pr = &proj[(key % (slots * ctx_n)) * D];
    float* xw = &x[w * D];
    for (int t = 0; t < D; ++t) xw[t] += v * pr[t];
    p = q;
  }
  pairs.clear();
  pairs.shrink_to_fit();
  for (int w = 0; w < V; ++w) Normalize(&x[static_cast<size_t>(w) * D], D);

  // Fine clusters: seeds are the most frequent words for a quarter, then
  // words spread evenly over the frequency ranks.
  std::vector<float> centroids;
  std::vector<int> fine = KMeans(x, V, D, o.fine, SeedRows(o.fine, V), o.iterations, &centroids);
  std::vector<int> cinit(o.coarse);
  for (int j = 0; j < o.coarse; ++j) cinit[j] = static_cast<int>(static_cast<int64_t>(j) * o.fine / o.coarse);
  std::vector<int> coarse = KMeans(centroids, o.fine, D, o.coarse, cinit, 30, nullptr);

  // A second, finer partition of the same vectors: the tagger backs off
  // from the word to finer, fine and coarse clusters (three granularities,
  // like Brown-cluster prefixes of several lengths in Owoputi et al. 2013).
  out->finer.clear();
  if (o.finer > 0 && V >= o.finer) {
    std::vector<int> finer =
        KMeans(x, V, D, o.finer, SeedRows(o.finer, V), o.iterations, nullptr);
    for (int r = 0; r < V; ++r)
      out->finer.emplace(HashBytes(corpus.words_[order[r]], 1), static_cast<uint16_t>(finer[r]));
  }
  out->fine.clear();
  out->fine.reserve(V);
  for (int r = 0; r < V; ++r)
    out->fine.emplace(HashBytes(corpus.words_[order[r]], 1), static_cast<uint16_t>(fine[r]));
  out->coarse_of.assign(coarse.begin(), coarse.end());
  // Case profiles of the clustered words, bucketed by the share of their
  // sentence-inner occurrences that are capitalised.
  out->caps.clear();
  for (int r = 0; r < V; ++r) {
    const int id = order[r];
    const int64_t n = corpus.inner_[id];
    if (n == 0) continue;
    const double cap = static_cast<double>(corpus.capitalised_[id]) / static_cast<double>(n);
    uint8_t bucket = cap < 0.02 ? 1 : cap < 0.2 ? 2 : cap < 0.5 ? 3 : cap < 0.8 ? 4
                     : cap < 0.98 ? 5 : 6;
    if (2 * corpus.all_caps_[id] > n) bucket = 7;
    out->caps.emplace(HashBytes(corpus.words_[id], 1), bucket);
  }
  if (log) {
    log("word clusters: " + std::to_string(files.size()) + " files, " + std::to_string(nt) +
        " tokens, " + std::to_string(nw) + " word types; " + std::to_string(V) +
        " words in " + std::to_string(o.fine) + " fine / " + std::to_string(o.coarse) +
        " coarse clusters, " + std::to_string(out->finer.empty() ? 0 : o.finer) +
        " finer clusters; " + std::to_string(out->caps.size()) + " case profiles");
  }
  return Status::Ok();
}

}  // namespace storyline::syntax
