// Fuzzes the HTML reader (nesting guard, gumbo, main-text and metadata
// extraction): any bytes must yield one article or one one-line error,
// never a crash or a hang. Checks that the text is non-blank valid UTF-8
// without leading whitespace or runs of three newlines (on pages
// without <pre>), and that exactly one result arrives. Input is capped at 64 KiB
// (gumbo's cost grows with nesting; the cap keeps runs fast). The last byte
// draws the options, so the seed corpus is plain .html files.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/ingest/html_extract.h"
#include "src/ingest/input.h"
#include "src/ingest/reader.h"
#include "src/util/utf8.h"
#include "fuzz/fuzz_check.h"
#include "storyline/ingest.h"

namespace {

using storyline::Result;
using storyline::ingest::RawArticle;
using storyline::ingest::ReadOptions;

constexpr size_t kMaxInput = 64 << 10;

using storyline::fuzz::Check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const ReadOptions options = storyline::fuzz::DrawReadOptions(in, 97, false);

  auto input = storyline::ingest::Input::FromBytes("site/page.html", in);
  int results = 0;
  std::string lower(in);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  bool has_pre = lower.find("<pre") != std::string::npos;
  storyline::ingest::HtmlReader().Read(
      *input, options, [&](Result<RawArticle> r) {
        ++results;
        if (!r.ok()) {
          Check(r.status().message().rfind("site/page.html: ", 0) == 0);
          return;
        }
        const std::string& t = r->text;
        Check(!t.empty());
        Check(storyline::util::IsValidUtf8(t));
        Check(storyline::util::IsValidUtf8(r->meta.title));
        Check(r->raw == in);
        if (!has_pre) {
          Check(t.front() != ' ' && t.front() != '\n');
          Check(t.find("\n\n\n") == std::string::npos);
        }
        Check(r->meta.date.has_value() || !options.date);
      });
  Check(results == 1);
  return 0;
}
