// Raw-text mode over the text layer; see raw_text.h.
#include "src/syntax/raw_text.h"

#include "storyline/text.h"

namespace storyline::syntax {

bool HaveRawTextSupport() { return true; }

Result<std::vector<ConlluSentence>> AnalyzeRawText(const Analyzer& analyzer,
                                                   std::string_view source,
                                                   std::string_view sent_id_prefix) {
  NormalizedText norm = text::Normalize(source);
  text::Analysis a = text::Analyze(source, norm);
  std::vector<ConlluSentence> out;
  std::vector<std::string_view> forms, src_forms;
  std::vector<WordAnalysis> analyses;
  for (const text::Sentence& s : a.sentences) {
    forms.clear();
    src_forms.clear();
    for (uint32_t t = s.first_token; t < s.last_token; ++t) {
      forms.push_back(a.TokenForm(norm, t));
      const text::Token& tok = a.tokens[t];
      src_forms.push_back(source.substr(tok.begin, tok.end - tok.begin));
    }
    if (forms.empty()) continue;
    analyzer.Analyze(forms, &analyses);
    ConlluSentence cs;
    cs.comments.push_back("sent_id = " + std::string(sent_id_prefix) + "-" +
                          std::to_string(out.size() + 1));
    cs.text = std::string(source.substr(s.begin, s.end - s.begin));
    for (char& c : cs.text)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    cs.comments.push_back("text = " + cs.text);
    ToConllu(src_forms, analyses, &cs);
    for (uint32_t t = s.first_token; t < s.last_token; ++t)
      if (!a.tokens[t].space_after) cs.words[t - s.first_token].misc = "SpaceAfter=No";
    out.push_back(std::move(cs));
  }
  return out;
}

}  // namespace storyline::syntax
