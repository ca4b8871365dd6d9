// Fuzz target for the text layer: Normalize, Analyze (with both paragraph
// options) and Tokenize on arbitrary valid UTF-8, checking the structural
// invariants every caller relies on: the offset map is monotone and ends at
// the source size, token/sentence/paragraph offsets are in bounds and
// ordered, tokens sit inside their sentences, sentences inside their
// paragraphs, and Tokenize agrees with Analyze on token boundaries within a
// paragraph. Violations trap so libFuzzer records the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "src/util/utf8.h"
#include "storyline/text.h"

namespace {

constexpr size_t kMaxInputBytes = 64 * 1024;

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckAnalysis(std::string_view src, const storyline::NormalizedText& norm,
                   const storyline::text::Analysis& a, bool has_sentences = true) {
  using storyline::text::Token;
  uint32_t prev_end = 0, prev_n_end = 0;
  for (const Token& t : a.tokens) {
    Check(t.n_begin < t.n_end && t.n_end <= norm.text.size());
    Check(t.begin <= t.end && t.end <= src.size());
    Check(prev_end <= t.begin && prev_n_end <= t.n_begin);
    prev_end = t.end;
    prev_n_end = t.n_end;
  }
  uint32_t next_token = 0, prev_para = 0;
  for (const auto& s : a.sentences) {
    Check(s.first_token == next_token && s.first_token < s.last_token &&
          s.last_token <= a.tokens.size());
    next_token = s.last_token;
    Check(s.begin == a.tokens[s.first_token].begin && s.end == a.tokens[s.last_token - 1].end);
    Check(s.paragraph < a.paragraphs.size() && s.paragraph >= prev_para);
    prev_para = s.paragraph;
    const auto& p = a.paragraphs[s.paragraph];
    Check(p.begin <= s.begin && s.end <= p.end);
  }
  Check(!has_sentences || next_token == a.tokens.size());
  uint32_t prev_p_end = 0;
  for (const auto& p : a.paragraphs) {
    Check(prev_p_end <= p.begin && p.begin < p.end && p.end <= src.size());
    prev_p_end = p.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInputBytes) return 0;
  const std::string_view src(reinterpret_cast<const char*>(data), size);
  if (!storyline::util::IsValidUtf8(src)) return 0;

  const storyline::NormalizedText norm = storyline::text::Normalize(src);
  if (norm.to_source.empty()) {
    Check(norm.text == src);
  } else {
    Check(norm.to_source.size() == norm.text.size() + 1);
    Check(norm.to_source.back() == src.size());
    for (size_t i = 1; i < norm.to_source.size(); ++i)
      Check(norm.to_source[i - 1] <= norm.to_source[i]);
  }
  Check(storyline::util::IsValidUtf8(norm.text));

  storyline::text::Options opt;
  CheckAnalysis(src, norm, storyline::text::Analyze(src, norm, opt));
  opt.split_paragraphs_on_single_newline = false;
  const storyline::text::Analysis blank = storyline::text::Analyze(src, norm, opt);
  CheckAnalysis(src, norm, blank);

  const auto tokens = storyline::text::Tokenize(src, norm);
  storyline::text::Analysis whole;
  whole.tokens = tokens;
  CheckAnalysis(src, norm, whole, /*has_sentences=*/false);
  // Without single-newline paragraphs, and with no blank line, the whole
  // text is one paragraph and must tokenise exactly like Tokenize.
  if (blank.paragraphs.size() == 1) {
    Check(blank.tokens.size() == tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i)
      Check(blank.tokens[i].n_begin == tokens[i].n_begin && blank.tokens[i].n_end == tokens[i].n_end);
  }
  (void)whole.ToLayers();
  return 0;
}
