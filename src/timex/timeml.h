// TimeML (TempEval-3 format) documents for evaluation: reading a .tml file
// into its DCT, the raw TEXT with every tag removed and the gold TIMEX3s,
// and writing a tagged copy whose TEXT, once tags are removed, is byte for
// byte the gold file's (the official scorer's input contract). Entities
// (&amp;) stay escaped in the stripped text; `text` is unescaped for the
// tagger, with a map back.
#ifndef STORYLINE_SRC_TIMEX_TIMEML_H_
#define STORYLINE_SRC_TIMEX_TIMEML_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"
#include "storyline/timex.h"

namespace storyline::timex {

struct GoldTimex {
  uint32_t begin = 0, end = 0;  // bytes into TimemlDocument::text
  std::string tid, type, value, mod;
};

struct TimemlDocument {
  std::string name;          // file name, e.g. "wsj_0006.tml"
  std::string source;        // the whole file
  size_t text_begin = 0;     // offset of the TEXT content in `source`
  size_t text_end = 0;
  std::string stripped;      // TEXT content without tags, entities as written
  std::string text;          // `stripped` with entities decoded: what is tagged
  std::vector<uint32_t> to_stripped;  // text offset -> stripped offset (size+1)
  std::optional<Date> dct;   // the CREATION_TIME day
  std::string dct_tid;       // usually "t0"
  std::vector<GoldTimex> gold;
};

// Parses a TempEval-3 .tml file. InvalidArgument names the file and the
// problem (no <TEXT>, unbalanced tags).
Result<TimemlDocument> ParseTimeml(std::string_view source, std::string name);

// The file with our timexes (offsets into doc.text) in place of every tag
// inside <TEXT>; the DCT and the rest of the header are passed through, the
// event/link annotations after </TEXT> are dropped.
std::string WriteTimeml(const TimemlDocument& doc, const std::vector<Timex>& timexes);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_TIMEML_H_
