// Fuzzes the timex tagger: arbitrary UTF-8 text (capped at 64 KiB), a DCT
// drawn from the first input bytes (or none; drawn by hand rather than with
// FuzzedDataProvider so the gcc replay build needs no clang header) and an optional context of sentences and
// verb tenses. Checks that spans are in bounds, sorted and non-overlapping,
// that every value is well formed, and that Resolve() after tagging without
// a DCT gives the same values as tagging with it.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "src/util/utf8.h"
#include "storyline/timex.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  constexpr size_t kMaxBytes = 64 << 10;
  if (size > kMaxBytes) return 0;
  if (size < 4) return 0;
  const bool with_dct = data[0] & 1;
  const bool with_ctx = data[0] & 2;
  storyline::Date dct{1000 + (data[1] * 256 + data[2]) % 9000, 1 + data[3] % 12,
                      1 + (data[0] >> 2) % 28};
  std::string text(reinterpret_cast<const char*>(data) + 4, size - 4);
  if (!storyline::util::IsValidUtf8(text)) return 0;

  storyline::timex::TagContext ctx;
  if (with_ctx) {
    ctx.has_verbs = true;
    for (uint32_t i = 0; i + 4 < text.size(); i += 7)
      ctx.verbs.push_back({i, i + 3, static_cast<storyline::timex::Tense>(i % 4), i % 3 == 0});
    ctx.sentences.push_back({0, static_cast<uint32_t>(text.size())});
  }
  std::optional<storyline::Date> d;
  if (with_dct) d = dct;
  auto found = storyline::timex::Tag(text, d, with_ctx ? &ctx : nullptr);
  uint32_t last_end = 0;
  for (const auto& t : found) {
    if (t.begin >= t.end || t.end > text.size() || t.begin < last_end) std::abort();
    if (!storyline::timex::IsWellFormedValue(t.value)) std::abort();
    last_end = t.end;
  }
  if (with_dct) {
    auto later = storyline::timex::Tag(text, std::nullopt, with_ctx ? &ctx : nullptr);
    storyline::timex::Resolve(&later, dct);
    if (later.size() != found.size()) std::abort();
    for (size_t i = 0; i < later.size(); ++i)
      if (later[i].value != found[i].value) std::abort();
  }
  auto layer = storyline::timex::ToLayer(found);
  auto back = storyline::timex::FromLayer(layer);
  if (!back.ok() || *back != found) std::abort();
  return 0;
}
