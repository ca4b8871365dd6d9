// The NER model file: hashed feature weights (one row of kNumLabels int16
// weights per hash bucket, with one global scale) and the word-cluster table,
// zlib-compressed behind a small header with a CRC. Only hashes and numbers
// are stored, never a word from the training data.
//
// Layout (little-endian):
//   "SLNERMDL" | u32 version | u32 log2_rows | u32 num_labels | u32 flags |
//   f32 scale | u64 gazetteer checksum | u64 body size | u64 zlib size |
//   u32 crc32(zlib bytes) | zlib(body)
//   body = u32 n | n varint row-index deltas | n*num_labels i16 |
//          u32 m | m * (u64 form hash, 3 * u16 cluster id, u16 casing bucket,
//                           u16 tag prior)
// The writer lives in the trainer target (model_writer.cc).
#ifndef STORYLINE_SRC_ENTITIES_MODEL_H_
#define STORYLINE_SRC_ENTITIES_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "src/entities/features.h"
#include "storyline/status.h"

namespace storyline::entities {

inline constexpr char kModelMagic[8] = {'S', 'L', 'N', 'E', 'R', 'M', 'D', 'L'};
// v5: context aggregation features (features.cc); a v4 model is refused.
inline constexpr uint32_t kModelVersion = 5;
// Header flag: the model was trained without context aggregation (the fold
// taggers of scripts/train_ner's corpus prior, `train ner --no-context`).
inline constexpr uint32_t kModelNoContexts = 1;
inline constexpr size_t kModelHeaderSize = 8 + 4 * 4 + 4 + 8 * 3 + 4;

class Model {
 public:
  // Parses a model file's bytes; `name` prefixes error messages.
  static Result<Model> Parse(std::string_view bytes, std::string_view name);

  uint32_t log2_rows = 20;
  uint64_t gazetteer_checksum = 0;
  float scale = 1.0f;
  bool contexts = true;  // context aggregation features (kModelNoContexts unset)
  std::vector<int16_t> weights;  // (1 << log2_rows) * kNumLabels
  ClusterTable clusters;

  size_t RowOf(uint64_t feature) const { return feature >> (64 - log2_rows); }
  const int16_t* Row(uint64_t feature) const {
    return weights.data() + RowOf(feature) * kNumLabels;
  }
};

}  // namespace storyline::entities

#endif  // STORYLINE_SRC_ENTITIES_MODEL_H_
