// Feature extraction for the NER tagger, shared by the runtime (tagger.cc)
// and the trainer (trainer.cc) so both see exactly the same features.
//
// Every feature is a 64-bit hash of (template id, token-derived hashes); the
// model maps it to one row of per-label weights. Token-level hashes (form,
// lowercase, shape, affixes, clusters, gazetteer hits) are computed once per
// token (TokenInfo); the per-position features then only mix integers, which
// keeps tagging well above 200k words/s. The templates follow Ratinov & Roth
// 2009 (local context, affixes, shape, clusters at several granularities,
// gazetteers, prediction history) without POS tags, so the model runs on raw
// text before the syntax stage (POS features from the syntax stage's tagger
// were tried and gave nothing: docs/entities.md).
#ifndef STORYLINE_SRC_ENTITIES_FEATURES_H_
#define STORYLINE_SRC_ENTITIES_FEATURES_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storyline/entities.h"

namespace storyline::entities {

// BILOU labels: 0 = O, then for type t (EntityType order) B, I, L, U.
inline constexpr int kNumLabels = 1 + 4 * kNumEntityTypes;
enum Position : int { kB = 0, kI = 1, kL = 2, kU = 3 };
inline int MakeLabel(int type, int pos) { return 1 + 4 * type + pos; }
inline int LabelType(int label) { return (label - 1) / 4; }
inline int LabelPos(int label) { return (label - 1) % 4; }
std::string LabelName(int label);  // "O", "B-PER", ...

// Whether `label` may follow `prev` (-1 = sentence start) under BILOU, and
// whether it may end a sentence.
bool ValidTransition(int prev, int label);
inline bool ValidFinal(int label) {
  return label == 0 || LabelPos(label) == kL || LabelPos(label) == kU;
}

// Greedy BILOU decoding inside a name may only continue it (I, L). When the
// best label that could start afresh (O, B, U) outscores every continuation,
// the name should have ended one token earlier: returns the label the
// previous token takes instead (B -> U, I -> L), or -1 to keep it. Without
// this, a missed L lets a name run on over "in a" or ", head of the". The
// trainer decodes the same way, so O after B / I is learnt, not arbitrary
// (a model trained without it is useless with it: format version 3).
template <typename Score>
int CloseEarlier(const Score* score, int prev) {
  if (prev <= 0 || (LabelPos(prev) != kB && LabelPos(prev) != kI)) return -1;
  const int type = LabelType(prev);
  Score cont = std::max(score[MakeLabel(type, kI)], score[MakeLabel(type, kL)]);
  Score fresh = score[0];
  for (int t = 0; t < kNumEntityTypes; ++t)
    fresh = std::max({fresh, score[MakeLabel(t, kB)], score[MakeLabel(t, kU)]});
  if (!(fresh > cont)) return -1;
  return MakeLabel(type, LabelPos(prev) == kB ? kU : kL);
}

uint64_t HashString(std::string_view s);
inline uint64_t Mix(uint64_t a, uint64_t b) {
  // splitmix64 finaliser over a combination; cheap and well distributed.
  uint64_t z = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B14E89ULL + (a << 6) + (a >> 2));
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// ASCII lowercase; other bytes copied (UTF-8 safe).
std::string Lower(std::string_view s);
// Word shape: "Xxxxx" -> "Xx" (short) or "Xxxx" capped runs (long).
std::string Shape(std::string_view s, bool collapse);

enum TokenFlags : uint32_t {
  kFlagInitCap = 1 << 0,
  kFlagAllCaps = 1 << 1,
  kFlagHasDigit = 1 << 2,
  kFlagLowerFirst = 1 << 3,
  kFlagNonAscii = 1 << 4,
  kFlagPunct = 1 << 5,
};

// The word lexicon learnt from the unlabelled corpus: hash of a form ->
// cluster ids at three granularities ([0..2], 0 = none) and, for lowercase
// keys, the corpus casing bucket ([3], 0 = unknown; see CasingBucket) and
// the corpus tag prior ([4], 0 = unknown; see TagPriorCode).
inline constexpr size_t kLexiconFields = 5;
using ClusterTable = std::unordered_map<uint64_t, std::array<uint16_t, kLexiconFields>>;

// The corpus tag prior of a word: how a tagger trained on CoNLL labelled its
// capitalised occurrences in the unlabelled corpus. `counts` are per entity
// type (EntityType order) and, last, O. Returns 0 when there is too little
// evidence, else 1 + (majority label, its share bucket, count bucket).
uint16_t TagPriorCode(const std::array<uint32_t, kNumEntityTypes + 1>& counts);

// How a word is written in running text when not sentence-initial: 1 always
// lower case ... 5 always capitalised (a name), from counts of each.
uint16_t CasingBucket(uint32_t lower, uint32_t capitalised);

struct TokenInfo {
  uint64_t form = 0, lower = 0, shape = 0, short_shape = 0;
  std::array<uint64_t, 4> prefix{}, suffix{};
  std::array<uint16_t, 3> cluster{};  // 0 = unknown
  uint16_t corpus_case = 0;           // CasingBucket of the word, 0 = unknown
  uint16_t prior = 0;                 // TagPriorCode of the word, 0 = unknown
  uint32_t flags = 0;
  // Gazetteer hits covering this token: category bits by BILU position.
  uint16_t gaz[4] = {0, 0, 0, 0};
  uint32_t length = 0;
};

// Document-level state: casing statistics and prediction history.
struct DocumentState {
  // lowercase hash -> counts of non-initial lowercase / capitalised uses.
  std::unordered_map<uint64_t, std::array<uint16_t, 2>> casing;
  // lowercase hash -> entity type counts assigned earlier in the document.
  std::unordered_map<uint64_t, std::array<uint16_t, kNumEntityTypes>> history;
  // Second pass only: entity type counts per lowercase form over the whole
  // document from the first pass (earlier and later mentions alike).
  std::unordered_map<uint64_t, std::array<uint16_t, kNumEntityTypes + 1>> aggregate;
  bool use_aggregate = false;
  bool use_history = true;
  // Context aggregation: lowercase hash of a capitalised word -> the words
  // next to its occurrences in the document (offset-tagged hashes, at most
  // kMaxContexts, first seen first).
  std::unordered_map<uint64_t, std::vector<uint64_t>> contexts;
};
inline constexpr size_t kMaxContexts = 12;

// Computes TokenInfo for each token of a sentence.
void AnalyzeSentence(const std::vector<std::string_view>& tokens,
                     const ClusterTable& clusters, const Gazetteer* gazetteer,
                     std::vector<TokenInfo>* out);
// Adds the sentence's casing statistics to the document state.
void AddCasing(const std::vector<std::string_view>& tokens,
               const std::vector<TokenInfo>& info, DocumentState* doc);
// Records the decided labels of a sentence in the prediction history.
void AddHistory(const std::vector<TokenInfo>& info, const std::vector<int>& labels,
                DocumentState* doc);

// Builds DocumentState::aggregate from first-pass labels of every sentence.
void BuildAggregate(const std::vector<std::vector<TokenInfo>>& sentences,
                    const std::vector<std::vector<int>>& labels, DocumentState* doc);

// The features of position i that do not depend on decisions (the same in
// both passes; the tagger scores them once) and those that do (previous
// labels, prediction history, document aggregate). `out` is cleared first.
void ExtractStaticFeatures(const std::vector<TokenInfo>& info, size_t i, bool sentence_caps,
                           const DocumentState& doc, std::vector<uint64_t>* out);
void ExtractDynamicFeatures(const std::vector<TokenInfo>& info, size_t i, int prev, int prev2,
                            const DocumentState& doc, std::vector<uint64_t>* out);

// All feature hashes for position i given the two previous labels (-1 =
// none): static + dynamic. `out` is cleared first.
void ExtractFeatures(const std::vector<TokenInfo>& info, size_t i, int prev, int prev2,
                     bool sentence_caps, const DocumentState& doc,
                     std::vector<uint64_t>* out);

// Analyses every sentence of a document and collects its casing statistics
// (the prepass both the tagger and the trainer run).
struct PreparedDocument {
  std::vector<std::vector<TokenInfo>> sentences;
  std::vector<char> caps;  // SentenceIsCaps per sentence
  DocumentState state;
};
// `contexts`: collect the context aggregation (off for models trained
// with --no-context).
void PrepareDocument(const std::vector<std::vector<std::string_view>>& sentences,
                     const ClusterTable& clusters, const Gazetteer* gazetteer,
                     PreparedDocument* doc, bool contexts = true);

// True when most letters in the sentence are upper case (a headline).
bool SentenceIsCaps(const std::vector<TokenInfo>& info);

// Converts between tag strings and BILOU labels.
std::vector<int> TagsToBilou(const std::vector<std::string>& tags);  // any IOB scheme
std::vector<std::string> BilouToIob2(const std::vector<int>& labels);

}  // namespace storyline::entities

#endif  // STORYLINE_SRC_ENTITIES_FEATURES_H_
