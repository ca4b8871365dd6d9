// The syntax model: everything the runtime needs, and its file format.
//
// File layout (little-endian):
//   magic "SLSYNTX\0" | u32 format version | u32 feature-set id |
//   u64 payload bytes | u64 compressed bytes | u32 CRC-32 of the compressed
//   bytes | zlib-compressed payload
// The payload holds the class names, the tag dictionary, the word
// clusters, the tagger and parser weights (int16 with a scale), the lemma
// and feature lexicons, the WordNet tables and the supertagger. A missing
// file is NotFound; a short, damaged or foreign file is Corruption;
// another format version or feature set is InvalidArgument with a hint to
// retrain. Not thread-safe while loading;
// immutable afterwards.
#ifndef STORYLINE_SRC_SYNTAX_MODEL_H_
#define STORYLINE_SRC_SYNTAX_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "src/syntax/lemmatizer.h"
#include "src/syntax/parser.h"
#include "src/syntax/tagger.h"
#include "storyline/status.h"

namespace storyline::syntax {

inline constexpr char kModelMagic[8] = {'S', 'L', 'S', 'Y', 'N', 'T', 'X', '\0'};
// Version 4 adds the parser's beam width after the root label; version 5
// the words' case profiles after the clusters; version 6 stores weight
// keys as byte planes; version 7 adds the supertagger after the lemmatiser.
// Version 3 files (greedy parser) are still read.
inline constexpr uint32_t kModelVersion = 7;
inline constexpr uint32_t kOldestModelVersion = 3;
inline constexpr size_t kModelHeaderBytes = 8 + 4 + 4 + 8 + 8 + 4;

struct SyntaxModel {
  std::string description;          // how it was trained (data, command)
  std::vector<std::string> upos;    // per tagger class
  std::vector<std::string> xpos;    // per tagger class
  std::vector<std::string> labels;  // dependency relations
  std::vector<std::string> feats;   // distinct FEATS values ("_" included)
  // Most frequent FEATS per (normalised form, class) and per class.
  std::unordered_map<uint64_t, uint32_t> word_feats;  // FeatsKey -> feats index
  std::vector<uint32_t> class_feats;                  // class -> feats index
  std::unordered_map<std::string, uint32_t> feats_index;  // feats value -> index
  WordClusters clusters;  // distributional classes for tagger and parser
  Tagger tagger;
  // Predicts each word's relation, the side of its head and the sides of
  // its dependents from the words and the tagger's classes, before parsing
  // (Ouchi et al. 2014's supertags as parser features); num_classes 0 =
  // none.
  Tagger supertagger;
  std::vector<std::string> supertags;  // per supertagger class: "nsubj>/L", ...
  Parser parser;
  Lemmatizer lemmatizer;

  static uint64_t FeatsKey(uint64_t word_atom, int cls) {
    return Mix64(word_atom ^ (static_cast<uint64_t>(cls) * 0x9E3779B97F4A7C15ULL));
  }
  size_t MemoryBytes() const;
};

// Serialises `model` with the given weight rows (the trainer's averaged,
// quantised weights; rows are sorted in place) into a complete model file.
std::string SerializeModel(const SyntaxModel& model,
                           std::vector<SparseWeights::Row>* tagger_rows, float tagger_scale,
                           std::vector<SparseWeights::Row>* parser_rows, float parser_scale,
                           std::vector<SparseWeights::Row>* tagger2_rows = nullptr,
                           float tagger2_scale = 1,
                           std::vector<SparseWeights::Row>* supertagger_rows = nullptr,
                           float supertagger_scale = 1);

// Parses a complete model file. `name` prefixes error messages.
Status DeserializeModel(std::string_view bytes, std::string_view name, SyntaxModel* model);

// Reads a whole file. Errors: NotFound, IOError.
Result<std::string> ReadFileBytes(const std::string& path);
Status WriteFileBytes(const std::string& path, std::string_view bytes);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_MODEL_H_
