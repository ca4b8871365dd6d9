// Fuzzes the JSON Lines reader: any bytes must yield articles or one-line
// errors, never a crash, an exception or a hang. Checks that each article
// has non-blank valid UTF-8 text, a raw line without "\n", and an origin
// "name:LINE" with increasing line numbers. Input is capped at 1 MiB. The
// last byte draws the options (a small size limit exercises the skip path),
// so the seed corpus is plain .jsonl files; FuzzedDataProvider is not used
// because the replay build uses gcc.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/ingest/input.h"
#include "src/ingest/reader.h"
#include "src/util/utf8.h"
#include "fuzz/fuzz_check.h"
#include "storyline/ingest.h"

namespace {

using storyline::Result;
using storyline::ingest::RawArticle;
using storyline::ingest::ReadOptions;

constexpr size_t kMaxInput = 1 << 20;

using storyline::fuzz::Check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  ReadOptions options = storyline::fuzz::DrawReadOptions(in, 13, true);
  auto input = storyline::ingest::Input::FromBytes("dir/feed.jsonl", in);
  input->set_source_hint("dir");
  uint64_t last_line = 0;
  storyline::ingest::JsonlReader().Read(
      *input, options, [&](Result<RawArticle> r) {
        if (!r.ok()) {
          Check(!r.status().message().empty());
          Check(r.status().message().find('\n') == std::string::npos);
          return;
        }
        Check(!r->text.empty());
        Check(storyline::util::IsValidUtf8(r->text));
        Check(r->raw.find('\n') == std::string::npos);
        Check(r->raw.size() <= options.max_article_bytes);
        Check(r->meta.origin.rfind("dir/feed.jsonl:", 0) == 0);
        uint64_t line = std::strtoull(r->meta.origin.c_str() + 15, nullptr, 10);
        Check(line > last_line);
        last_line = line;
        Check(!r->meta.source.empty());
        Check(r->meta.date.has_value() || !options.date);
      });
  return 0;
}
