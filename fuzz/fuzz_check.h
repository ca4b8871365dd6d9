// Shared by the fuzz targets: an abort when an invariant breaks, and reader
// options drawn from the input's last byte (so seed corpora are plain files).
#ifndef STORYLINE_FUZZ_FUZZ_CHECK_H_
#define STORYLINE_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdlib>
#include <string_view>

#include "storyline/ingest.h"

namespace storyline::fuzz {

inline void Check(bool ok) {
  if (!ok) std::abort();
}

// Bit 0 of the last byte: a size limit of 1 + (byte >> 3) * `stride` bytes;
// bit 1: a --date; bit 2 (when `with_source`): a --source.
inline ingest::ReadOptions DrawReadOptions(std::string_view in, size_t stride, bool with_source) {
  ingest::ReadOptions options;
  unsigned flags = in.empty() ? 0 : static_cast<unsigned char>(in.back());
  if (flags & 1) options.max_article_bytes = 1 + (flags >> 3) * stride;
  if (flags & 2) options.date = Date{2024, 11, 5};
  if (with_source && (flags & 4)) options.source = "fuzz";
  return options;
}

}  // namespace storyline::fuzz

#endif  // STORYLINE_FUZZ_FUZZ_CHECK_H_
