// Perceptron tagger; see tagger.h. Template numbers are part of the
// feature set (features.h kFeatureSetId): renumbering invalidates models.
#include "src/syntax/tagger.h"

#include <algorithm>

namespace storyline::syntax {
namespace {
constexpr uint64_t kNone = 0x51ED270B27A5C7ULL;  // atom of a missing word
}  // namespace

int Tagger::Extract(const TokenAtoms* a, int n, const int* tags, int i, uint64_t* out,
                    const int* first) {
  int k = 0;
  const TokenAtoms& w = a[i];
  auto word = [&](int j) { return (j >= 0 && j < n) ? a[j].word : kNone; };
  auto suf3 = [&](int j) { return (j >= 0 && j < n) ? a[j].suffix[2] : kNone; };
  auto shape = [&](int j) { return (j >= 0 && j < n) ? a[j].shape : kNone; };
  auto cl = [&](int j) -> uint64_t { return (j >= 0 && j < n) ? a[j].cluster : kNone; };
  auto co = [&](int j) -> uint64_t { return (j >= 0 && j < n) ? a[j].coarse : kNone; };
  const uint64_t t1 = i >= 1 ? static_cast<uint64_t>(tags[i - 1]) + 1 : 0xFFFF;
  const uint64_t t2 = i >= 2 ? static_cast<uint64_t>(tags[i - 2]) + 1 : 0xFFFF;
  out[k++] = Feat(1, 0);  // bias
  out[k++] = Feat(2, w.word);
  out[k++] = Feat(3, w.form);
  for (int s = 0; s < 4; ++s) out[k++] = Feat(4 + s, w.suffix[s]);
  for (int p = 0; p < 3; ++p) out[k++] = Feat(8 + p, w.prefix[p]);
  out[k++] = Feat(11, w.shape);
  out[k++] = Feat(12, w.flags, i == 0 ? 1 : 2);
  out[k++] = Feat(13, t1);
  out[k++] = Feat(14, t2);
  out[k++] = Feat(15, t1, t2);
  out[k++] = Feat(16, t1, w.word);
  out[k++] = Feat(17, word(i - 1));
  out[k++] = Feat(18, suf3(i - 1));
  out[k++] = Feat(19, word(i - 2));
  out[k++] = Feat(20, word(i + 1));
  out[k++] = Feat(21, suf3(i + 1));
  out[k++] = Feat(22, word(i + 2));
  out[k++] = Feat(23, suf3(i + 2));
  out[k++] = Feat(24, w.word, word(i + 1));
  out[k++] = Feat(25, word(i - 1), w.word);
  out[k++] = Feat(26, shape(i + 1));
  out[k++] = Feat(27, shape(i - 1));
  out[k++] = Feat(28, t1, w.suffix[2]);
  out[k++] = Feat(29, t1, word(i + 1));
  out[k++] = Feat(30, w.suffix[1], word(i + 1));
  out[k++] = Feat(31, t1, shape(i + 1));
  out[k++] = Feat(32, word(i + 1), word(i + 2));
  // Unknown words: a longer suffix; word clusters of the window.
  out[k++] = Feat(33, w.suffix5);
  out[k++] = Feat(34, w.cluster);
  out[k++] = Feat(35, w.coarse);
  out[k++] = Feat(36, cl(i - 1));
  out[k++] = Feat(37, cl(i + 1));
  out[k++] = Feat(38, co(i + 1));
  out[k++] = Feat(39, co(i - 1));
  out[k++] = Feat(40, t1, w.cluster);
  out[k++] = Feat(41, cl(i + 2));
  out[k++] = Feat(42, w.cluster, cl(i + 1));
  out[k++] = Feat(43, cl(i - 1), w.cluster);
  // PROPN vs NOUN: the word's case profile in unlabelled text against its
  // case here (a capital at a sentence's start says little).
  const uint64_t cap_here = (w.flags & (kCapitalized | kAllCaps)) + 1;
  out[k++] = Feat(44, w.caps);
  out[k++] = Feat(45, w.caps, cap_here, i == 0 ? 1 : 2);
  // Finer clusters of the word and its neighbours, when the model has them.
  if (w.finer != 0) out[k++] = Feat(46, w.finer);
  if (i + 1 < n && a[i + 1].finer != 0) out[k++] = Feat(47, a[i + 1].finer);
  if (i >= 1 && a[i - 1].finer != 0) out[k++] = Feat(48, a[i - 1].finer);
  // The parts of speech WordNet allows the word (and its neighbours), when
  // the model has them: evidence about unseen words from outside EWT.
  if (w.wordnet != 0) {
    auto wn = [&](int j) -> uint64_t { return (j >= 0 && j < n) ? a[j].wordnet : kNone; };
    out[k++] = Feat(60, w.wordnet);
    out[k++] = Feat(61, w.wordnet, w.suffix[1]);
    out[k++] = Feat(62, t1, w.wordnet);
    out[k++] = Feat(63, w.wordnet, wn(i + 1));
    out[k++] = Feat(64, wn(i - 1), w.wordnet);
  }
  if (first != nullptr) {
    auto f = [&](int j) -> uint64_t {
      return (j >= 0 && j < n) ? static_cast<uint64_t>(first[j]) + 1 : 0xFFFF;
    };
    const uint64_t r1 = f(i + 1), r2 = f(i + 2), f0 = f(i);
    out[k++] = Feat(50, r1);
    out[k++] = Feat(51, r1, r2);
    out[k++] = Feat(52, t1, r1);
    out[k++] = Feat(53, w.word, r1);
    out[k++] = Feat(54, f0);
    out[k++] = Feat(55, w.suffix[2], r1);
    out[k++] = Feat(56, f0, r1);
    out[k++] = Feat(57, t1, f0, r1);
  }
  return k;
}

void Tagger::Tag(const TokenAtoms* atoms, int n, int* tags) const {
  if (weights2.num_features() == 0) {
    Pass(weights, atoms, n, nullptr, tags);
    return;
  }
  std::vector<int> first(n);
  Pass(weights, atoms, n, nullptr, first.data());
  Pass(weights2, atoms, n, first.data(), tags);
}

void Tagger::Supertag(TokenAtoms* atoms, int n, const int* tags) const {
  if (num_classes == 0) return;
  std::vector<int> stags(n);
  Pass(weights, atoms, n, tags, stags.data());
  for (int i = 0; i < n; ++i) atoms[i].stag = static_cast<uint32_t>(stags[i]) + 1;
}

void Tagger::Pass(const SparseWeights& w, const TokenAtoms* atoms, int n, const int* first,
                  int* tags) const {
  uint64_t feats[kMaxFeatures];
  std::vector<int32_t> scores(num_classes);
  for (int i = 0; i < n; ++i) {
    auto it = tag_dict.find(atoms[i].form);
    if (it != tag_dict.end()) {
      tags[i] = it->second;
      continue;
    }
    int k = Extract(atoms, n, tags, i, feats, first);
    std::fill(scores.begin(), scores.end(), 0);
    w.Score(feats, k, scores.data());
    tags[i] = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  }
}

}  // namespace storyline::syntax
