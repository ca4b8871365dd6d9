// Parts of raw-text mode that do not need the text layer; see raw_text.h.
#include "src/syntax/raw_text.h"

namespace storyline::syntax {

void ToConllu(std::span<const std::string_view> words,
              const std::vector<WordAnalysis>& analyses, ConlluSentence* out) {
  out->words.resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    ConlluWord& w = out->words[i];
    const WordAnalysis& a = analyses[i];
    w.form = std::string(words[i]);
    w.lemma = a.lemma;
    w.upos = std::string(a.upos);
    w.xpos = std::string(a.xpos);
    w.feats = std::string(a.feats);
    w.head = a.head;
    w.deprel = std::string(a.deprel);
    w.deps.assign(1, '_');  // not = "_": GCC 12 -Wrestrict false positive
  }
}

std::string RawTextOf(const std::vector<ConlluSentence>& gold) {
  std::string out;
  for (const ConlluSentence& s : gold) {
    bool new_par = false;
    for (const std::string& c : s.comments)
      if (c.rfind("newpar", 0) == 0 || c.rfind("newdoc", 0) == 0) new_par = true;
    std::string text = s.text;
    if (text.empty()) {
      auto ranges = s.TokenRanges();
      for (auto [first, last] : ranges) {
        if (last > first) {
          for (const ConlluMultiword& m : s.multiwords)
            if (m.first - 1 == first) text += m.form;
        } else {
          text += s.words[first].form;
        }
        if (!s.NoSpaceAfterWord(last)) text += ' ';
      }
    }
    if (!out.empty()) out += new_par ? "\n\n" : " ";
    out += text;
  }
  out += '\n';
  return out;
}

}  // namespace storyline::syntax
