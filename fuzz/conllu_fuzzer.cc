// Fuzzes the CoNLL-U reader and the CoNLL 2018 scorer: any bytes must give
// sentences or an error Status, never a crash; a parsed file must score
// perfectly against itself, and re-reading what the writer wrote must
// succeed (differential check of reader against writer).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "src/syntax/conllu.h"
#include "src/syntax/ud_scorer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // cap: the reader is linear, big inputs only slow fuzzing
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto r = storyline::syntax::ParseConllu(in, "fuzz");
  if (!r.ok()) return 0;
  std::string out;
  for (const auto& s : *r) storyline::syntax::AppendConllu(s, &out);
  auto again = storyline::syntax::ParseConllu(out, "fuzz-rewritten");
  if (!again.ok()) __builtin_trap();
  auto score = storyline::syntax::ScoreUd(*r, *r);
  if (score.ok() && score->words.gold > 0 && score->las.correct != score->las.gold)
    __builtin_trap();
  return 0;
}
