// Reading the NER model file; see model.h for the layout.
#include "src/entities/model.h"

#include <zlib.h>

#include <cstring>

namespace storyline::entities {
namespace {

template <typename T>
bool ReadPod(std::string_view s, size_t* pos, T* out) {
  if (s.size() - *pos < sizeof(T) || *pos > s.size()) return false;
  std::memcpy(out, s.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return true;
}

bool ReadVarint(std::string_view s, size_t* pos, uint64_t* out) {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= s.size()) return false;
    unsigned char c = static_cast<unsigned char>(s[(*pos)++]);
    v |= static_cast<uint64_t>(c & 0x7F) << shift;
    if (!(c & 0x80)) {
      *out = v;
      return true;
    }
  }
  return false;
}

}  // namespace

Result<Model> Model::Parse(std::string_view bytes, std::string_view name) {
  std::string where(name);
  if (bytes.empty()) return Status::Corruption(where + ": empty model file");
  if (bytes.size() < kModelHeaderSize || std::memcmp(bytes.data(), kModelMagic, 8) != 0)
    return Status::Corruption(where + ": not a storyline NER model (bad magic)");
  size_t pos = 8;
  uint32_t version = 0, log2_rows = 0, num_labels = 0, flags = 0, crc = 0;
  float scale = 0;
  uint64_t gaz = 0, body_size = 0, zsize = 0;
  ReadPod(bytes, &pos, &version);
  ReadPod(bytes, &pos, &log2_rows);
  ReadPod(bytes, &pos, &num_labels);
  ReadPod(bytes, &pos, &flags);
  ReadPod(bytes, &pos, &scale);
  ReadPod(bytes, &pos, &gaz);
  ReadPod(bytes, &pos, &body_size);
  ReadPod(bytes, &pos, &zsize);
  ReadPod(bytes, &pos, &crc);
  if (version != kModelVersion)
    return Status::InvalidArgument(where + ": model format version " + std::to_string(version) +
                                   ", this build reads version " +
                                   std::to_string(kModelVersion) + "; retrain with scripts/train_ner");
  if (num_labels != kNumLabels || log2_rows < 10 || log2_rows > 24)
    return Status::InvalidArgument(where + ": model has " + std::to_string(num_labels) +
                                   " labels / 2^" + std::to_string(log2_rows) +
                                   " rows; expected " + std::to_string(kNumLabels) + " labels");
  if (zsize != bytes.size() - pos) return Status::Corruption(where + ": truncated model file");
  if (body_size > (uint64_t{1} << 31)) return Status::Corruption(where + ": implausible body size");
  uLong got_crc = crc32(0L, reinterpret_cast<const Bytef*>(bytes.data() + pos),
                        static_cast<uInt>(zsize));
  if (got_crc != crc) return Status::Corruption(where + ": checksum mismatch");
  std::string body(body_size, '\0');
  uLongf out_len = static_cast<uLongf>(body_size);
  if (uncompress(reinterpret_cast<Bytef*>(body.data()), &out_len,
                 reinterpret_cast<const Bytef*>(bytes.data() + pos),
                 static_cast<uLong>(zsize)) != Z_OK ||
      out_len != body_size)
    return Status::Corruption(where + ": cannot inflate model body");

  Model m;
  m.log2_rows = log2_rows;
  m.gazetteer_checksum = gaz;
  m.scale = scale;
  m.contexts = (flags & kModelNoContexts) == 0;
  const size_t rows = size_t{1} << log2_rows;
  m.weights.assign(rows * kNumLabels, 0);
  std::string_view b(body);
  size_t p = 0;
  uint32_t n = 0;
  if (!ReadPod(b, &p, &n) || n > rows) return Status::Corruption(where + ": bad row count");
  std::vector<uint32_t> index(n);
  uint64_t row = 0;
  for (uint32_t k = 0; k < n; ++k) {
    uint64_t delta = 0;
    if (!ReadVarint(b, &p, &delta)) return Status::Corruption(where + ": bad row index");
    row += delta;
    if (row >= rows) return Status::Corruption(where + ": row index out of range");
    index[k] = static_cast<uint32_t>(row);
  }
  if (b.size() - p < size_t{n} * kNumLabels * 2) return Status::Corruption(where + ": truncated weights");
  for (uint32_t k = 0; k < n; ++k) {
    std::memcpy(m.weights.data() + size_t{index[k]} * kNumLabels, b.data() + p, kNumLabels * 2);
    p += kNumLabels * 2;
  }
  uint32_t nc = 0;
  if (!ReadPod(b, &p, &nc) || (b.size() - p) / (8 + 2 * kLexiconFields) < nc)
    return Status::Corruption(where + ": bad cluster table");
  m.clusters.reserve(nc);
  for (uint32_t k = 0; k < nc; ++k) {
    uint64_t h = 0;
    std::array<uint16_t, kLexiconFields> c{};
    ReadPod(b, &p, &h);
    for (auto& x : c) ReadPod(b, &p, &x);
    m.clusters.emplace(h, c);
  }
  if (p != b.size()) return Status::Corruption(where + ": trailing bytes in model body");
  return m;
}

}  // namespace storyline::entities
