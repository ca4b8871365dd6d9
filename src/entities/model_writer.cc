// Writing the NER model file (trainer only); see model.h for the layout.
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>

#include "src/entities/model.h"
#include "src/entities/trainer.h"

namespace storyline::entities {
namespace {

template <typename T>
void Put(std::string* s, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  s->append(b, sizeof(T));
}

void PutVarint(std::string* s, uint64_t v) {
  while (v >= 0x80) {
    s->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  s->push_back(static_cast<char>(v));
}

}  // namespace

Status WriteModel(const std::string& path, uint32_t log2_rows, float scale,
                  uint64_t gazetteer_checksum, const std::vector<int16_t>& weights,
                  const ClusterTable& clusters, int prune_below, uint32_t flags,
                  size_t* rows_kept, size_t* bytes_written) {
  const size_t rows = size_t{1} << log2_rows;
  if (weights.size() != rows * kNumLabels) return Status::Internal("WriteModel: bad weight size");
  std::vector<uint32_t> keep;
  for (size_t r = 0; r < rows; ++r) {
    int mx = 0;
    for (int l = 0; l < kNumLabels; ++l) mx = std::max(mx, std::abs(int{weights[r * kNumLabels + l]}));
    if (mx >= std::max(1, prune_below)) keep.push_back(static_cast<uint32_t>(r));
  }
  std::string body;
  Put<uint32_t>(&body, static_cast<uint32_t>(keep.size()));
  uint32_t last = 0;
  for (uint32_t r : keep) {
    PutVarint(&body, r - last);
    last = r;
  }
  for (uint32_t r : keep) {
    for (int l = 0; l < kNumLabels; ++l) {
      int16_t w = weights[size_t{r} * kNumLabels + l];
      if (std::abs(int{w}) < prune_below) w = 0;
      Put<int16_t>(&body, w);
    }
  }
  // Sorted so the file is byte-identical across runs.
  std::vector<std::pair<uint64_t, std::array<uint16_t, kLexiconFields>>> cl(clusters.begin(), clusters.end());
  std::sort(cl.begin(), cl.end());
  Put<uint32_t>(&body, static_cast<uint32_t>(cl.size()));
  for (const auto& [h, c] : cl) {
    Put<uint64_t>(&body, h);
    for (uint16_t x : c) Put<uint16_t>(&body, x);
  }
  uLongf zlen = compressBound(static_cast<uLong>(body.size()));
  std::string z(zlen, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &zlen,
                reinterpret_cast<const Bytef*>(body.data()), static_cast<uLong>(body.size()),
                9) != Z_OK)
    return Status::Internal("WriteModel: zlib failed");
  z.resize(zlen);
  std::string out(kModelMagic, 8);
  Put<uint32_t>(&out, kModelVersion);
  Put<uint32_t>(&out, log2_rows);
  Put<uint32_t>(&out, kNumLabels);
  Put<uint32_t>(&out, flags);
  Put<float>(&out, scale);
  Put<uint64_t>(&out, gazetteer_checksum);
  Put<uint64_t>(&out, body.size());
  Put<uint64_t>(&out, z.size());
  Put<uint32_t>(&out, static_cast<uint32_t>(
                          crc32(0L, reinterpret_cast<const Bytef*>(z.data()), static_cast<uInt>(z.size()))));
  out += z;
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return Status::IOError(tmp + ": cannot create");
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!f) return Status::IOError(tmp + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IOError(path + ": rename failed");
  if (rows_kept) *rows_kept = keep.size();
  if (bytes_written) *bytes_written = out.size();
  return Status::Ok();
}

}  // namespace storyline::entities
