// Feature hashing shared by the tagger, the parser and their trainer.
//
// A feature is a template id and up to four atoms (word hashes, tag ids,
// labels, distances) mixed into one 64-bit key; the weight table
// (weights.h) is keyed by it. Runtime and trainer call the same extraction
// code, so a model scores exactly the features it was trained on. Every
// per-word atom (normalised word, affixes, shape) is hashed once per
// sentence into TokenAtoms, and extraction writes keys into a caller-owned
// fixed buffer: no allocation per feature.
#ifndef STORYLINE_SRC_SYNTAX_FEATURES_H_
#define STORYLINE_SRC_SYNTAX_FEATURES_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace storyline::syntax {

// Bumped whenever a template, an atom or the hashing changes; stored in the
// model file so an old model is rejected instead of silently misread.
inline constexpr uint32_t kFeatureSetId = 9;

inline constexpr uint64_t Mix64(uint64_t h) {
  // MurmurHash3 fmix64.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

inline constexpr uint64_t Feat(uint32_t tmpl, uint64_t a, uint64_t b = 0,
                               uint64_t c = 0, uint64_t d = 0) {
  uint64_t h = Mix64(tmpl * 0x9E3779B97F4A7C15ULL + a);
  h = Mix64(h ^ (b + 0x632BE59BD9B4E019ULL));
  if (c != 0) h = Mix64(h ^ (c * 0x85EBCA77C2B2AE63ULL));
  if (d != 0) h = Mix64(h ^ (d * 0xC2B2AE3D27D4EB4FULL));
  return h == 0 ? 1 : h;
}

// FNV-1a over bytes then fmix: cheap and good enough for vocabulary sizes.
inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xcbf29ce484222325ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h) | 1;  // never 0, which means "absent"
}

// Atoms of one word, hashed once.
struct TokenAtoms {
  uint64_t word = 0;    // normalised form (lower-cased, digits -> 0)
  uint64_t form = 0;    // exact form
  uint64_t prefix[3] = {};
  uint64_t suffix[4] = {};
  uint64_t shape = 0;   // "Xxxx", "dd,ddd", ... (runs capped at 2)
  uint32_t flags = 0;   // kCapitalized | kAllCaps | kHasDigit | kHasHyphen
  uint64_t suffix5 = 0;  // last 5 characters
  uint32_t cluster = 0;  // fine word cluster + 1 (0 = not in the table)
  uint32_t coarse = 0;   // coarse cluster + 1 (0 = not in the table)
  uint32_t caps = 0;     // case profile in unlabelled text (0 = unknown)
  uint32_t finer = 0;    // finer second clustering + 1 (0 = none)
  uint32_t wordnet = 0;  // Lemmatizer::WordNetClasses + 1 (0 = no WordNet)
  // Supertag + 1 (0 = none): the word's relation, the side of its head and
  // of its dependents, predicted after tagging (SyntaxModel::supertagger)
  // for the parser.
  uint32_t stag = 0;
};

// Distributional word classes (word_clusters in the trainer): the
// normalised word's atom -> fine cluster, and fine -> coarse cluster, a
// two-level hierarchy in the spirit of Brown-cluster path prefixes
// (Koo et al. 2008; Owoputi et al. 2013). Immutable after loading.
struct WordClusters {
  std::unordered_map<uint64_t, uint16_t> fine;  // word atom -> fine id
  std::vector<uint16_t> coarse_of;              // fine id -> coarse id
  // Word atom -> how often the word is capitalised away from a sentence's
  // start in the unlabelled text (1 = never ... 6 = always, 7 = mostly all
  // capitals): the corpus's own evidence for a proper noun, which the
  // lower-cased word features cannot see.
  std::unordered_map<uint64_t, uint8_t> caps;
  // Word atom -> cluster of a second, finer k-means over the same vectors
  // (empty = none): a third granularity for the tagger only.
  std::unordered_map<uint64_t, uint16_t> finer;
  bool empty() const { return fine.empty(); }
};

enum TokenFlag : uint32_t {
  kCapitalized = 1,
  kAllCaps = 2,
  kHasDigit = 4,
  kHasHyphen = 8,
};

// Lower-cases ASCII letters and maps ASCII digits to '0'.
std::string NormalizeWord(std::string_view form);

class Lemmatizer;

// Fills `atoms` (resized to words.size()); cluster ids stay 0 when
// `clusters` is null or lacks the word, WordNet classes when `wordnet` is
// null.
void ComputeAtoms(std::span<const std::string_view> words,
                  std::vector<TokenAtoms>* atoms,
                  const WordClusters* clusters = nullptr,
                  const Lemmatizer* wordnet = nullptr);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_FEATURES_H_
