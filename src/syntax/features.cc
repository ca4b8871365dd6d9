// Per-word atoms for feature extraction; see features.h.
#include "src/syntax/features.h"

#include "src/syntax/lemmatizer.h"

namespace storyline::syntax {

std::string NormalizeWord(std::string_view form) {
  std::string out(form);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c >= '1' && c <= '9') c = '0';
  }
  return out;
}

namespace {

// Byte length of the UTF-8 sequence starting with `c` (1 for stray bytes).
inline size_t CharLen(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

}  // namespace

void ComputeAtoms(std::span<const std::string_view> words,
                  std::vector<TokenAtoms>* atoms, const WordClusters* clusters,
                  const Lemmatizer* wordnet) {
  atoms->resize(words.size());
  std::string norm, shape;
  std::vector<size_t> starts;  // code point starts in norm
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view form = words[i];
    TokenAtoms& a = (*atoms)[i];
    a = TokenAtoms();
    norm = NormalizeWord(form);
    a.word = HashBytes(norm, 1);
    a.form = HashBytes(form, 2);
    starts.clear();
    for (size_t p = 0; p < norm.size(); p += CharLen(static_cast<unsigned char>(norm[p])))
      starts.push_back(p);
    const size_t nc = starts.size();
    for (size_t k = 0; k < 3; ++k) {
      size_t end = k + 1 < nc ? starts[k + 1] : norm.size();
      a.prefix[k] = HashBytes(std::string_view(norm).substr(0, end), 10 + k);
    }
    for (size_t k = 0; k < 4; ++k) {
      size_t begin = k + 1 <= nc ? starts[nc - k - 1] : 0;
      a.suffix[k] = HashBytes(std::string_view(norm).substr(begin), 20 + k);
    }
    if (wordnet != nullptr) a.wordnet = wordnet->WordNetClasses(norm) + 1u;
    a.suffix5 = HashBytes(std::string_view(norm).substr(nc >= 5 ? starts[nc - 5] : 0), 25);
    if (clusters != nullptr) {
      auto it = clusters->fine.find(a.word);
      if (it != clusters->fine.end()) {
        a.cluster = it->second + 1u;
        a.coarse = clusters->coarse_of[it->second] + 1u;
      }
      auto c = clusters->caps.find(a.word);
      if (c != clusters->caps.end()) a.caps = c->second;
      auto f = clusters->finer.find(a.word);
      if (f != clusters->finer.end()) a.finer = f->second + 1u;
    }
    shape.clear();
    char last = 0;
    int run = 0;
    bool upper_seen = false, lower_seen = false;
    for (size_t p = 0; p < form.size(); ++p) {
      unsigned char c = static_cast<unsigned char>(form[p]);
      char s;
      if (c >= 'A' && c <= 'Z') { s = 'X'; upper_seen = true; }
      else if (c >= 'a' && c <= 'z') { s = 'x'; lower_seen = true; }
      else if (c >= '0' && c <= '9') { s = 'd'; a.flags |= kHasDigit; }
      else if (c >= 0x80) { s = 'u'; }
      else { s = static_cast<char>(c); if (c == '-') a.flags |= kHasHyphen; }
      if (s == last) {
        if (++run > 2) continue;
      } else {
        run = 1;
        last = s;
      }
      shape.push_back(s);
    }
    a.shape = HashBytes(shape, 30);
    if (!form.empty() && form[0] >= 'A' && form[0] <= 'Z') a.flags |= kCapitalized;
    if (upper_seen && !lower_seen) a.flags |= kAllCaps;
  }
}

}  // namespace storyline::syntax
