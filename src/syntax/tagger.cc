// Perceptron tagger; see tagger.h. Template numbers are part of the
// feature set (features.h kFeatureSetId): renumbering invalidates models.
#include "src/syntax/tagger.h"

#include <algorithm>

namespace storyline::syntax {
namespace {
constexpr uint64_t kNone = 0x51ED270B27A5C7ULL;  // atom of a missing word
}  // namespace

int Tagger::Extract(const TokenAtoms* a, int n, const int* tags, int i, uint64_t* out) {
  int k = 0;
  const TokenAtoms& w = a[i];
  auto word = [&](int j) { return (j >= 0 && j < n) ? a[j].word : kNone; };
  auto suf3 = [&](int j) { return (j >= 0 && j < n) ? a[j].suffix[2] : kNone; };
  auto shape = [&](int j) { return (j >= 0 && j < n) ? a[j].shape : kNone; };
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
  return k;
}

void Tagger::Tag(const TokenAtoms* atoms, int n, int* tags) const {
  uint64_t feats[kMaxFeatures];
  std::vector<float> scores(num_classes);
  for (int i = 0; i < n; ++i) {
    auto it = tag_dict.find(atoms[i].form);
    if (it != tag_dict.end()) {
      tags[i] = it->second;
      continue;
    }
    int k = Extract(atoms, n, tags, i, feats);
    std::fill(scores.begin(), scores.end(), 0.0f);
    weights.Score(feats, k, scores.data());
    tags[i] = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  }
}

}  // namespace storyline::syntax
