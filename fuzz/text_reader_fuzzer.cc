// Fuzzes the plain-text reader and its date header, and reader choice by
// sniffing: any bytes must yield one article or one one-line error. Checks
// the header rule differentially: the article text is always a suffix of
// the raw bytes, and raw minus text is exactly the byte order mark plus the
// header ParseDateHeader reports. Input is capped at 1 MiB; the last byte
// draws the options, so the seed corpus is plain .txt files.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "src/ingest/input.h"
#include "src/ingest/reader.h"
#include "src/ingest/text_reader.h"
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
  const ReadOptions options = storyline::fuzz::DrawReadOptions(in, 29, true);

  storyline::ingest::DateHeader header = storyline::ingest::ParseDateHeader(in);
  Check(header.length <= in.size());
  Check(header.date.has_value() == (header.length > 0));

  // Sniffing never fails and always picks a registered reader.
  std::string_view head = in.substr(0, storyline::ingest::kSniffBytes);
  (void)storyline::ingest::ChooseReader("-", head).name();

  auto input = storyline::ingest::Input::FromBytes("news/story.txt", in);
  input->set_source_hint("news");
  int results = 0;
  storyline::ingest::TextReader().Read(
      *input, options, [&](Result<RawArticle> r) {
        ++results;
        if (!r.ok()) {
          Check(r.status().message().rfind("news/story.txt: ", 0) == 0);
          return;
        }
        Check(r->raw == in);
        Check(storyline::util::IsValidUtf8(r->text));
        Check(r->text.size() <= r->raw.size());
        Check(std::string_view(r->raw).ends_with(r->text));
        size_t stripped = r->raw.size() - r->text.size();
        size_t bom = in.size() - storyline::ingest::StripBom(in).size();
        // header.length already counts the byte order mark.
        Check(stripped == (header.date ? header.length : bom));
        Check(r->meta.date_source == (header.date ? "header"
                                      : options.date ? "flag" : ""));
        Check(!r->meta.source.empty());
      });
  Check(results == 1);
  return 0;
}
