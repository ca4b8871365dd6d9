// CoNLL 2018 scorer; see ud_scorer.h. The alignment follows
// conll18_ud_eval.py (align_words, find_multiword_span, compute_lcs) line by
// line so that figures match the official script.
#include "src/syntax/ud_scorer.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

namespace storyline::syntax {
namespace {

struct Span { int begin = 0, end = 0; };

struct ScWord {
  Span span;
  bool multiword = false;
  const ConlluWord* w = nullptr;
  int parent = -1;  // index into the file's word list, -1 = root
  std::string form_lower, ufeats, deprel;
};

struct ScFile {
  std::string chars;
  std::vector<Span> tokens, sentences;
  std::vector<ScWord> words;
};

std::string StripSpace(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsUniversalFeature(std::string_view name) {
  static const std::set<std::string_view> kNames = {
      "PronType", "NumType", "Poss",   "Reflex",   "Foreign", "Abbr",   "Gender",
      "Animacy",  "Number",  "Case",   "Definite", "Degree",  "VerbForm", "Mood",
      "Tense",    "Aspect",  "Voice",  "Evident",  "Polarity", "Person", "Polite"};
  return kNames.count(name) > 0;
}

std::string UniversalFeats(std::string_view feats) {
  if (feats == "_") return "_";
  std::string out;
  while (!feats.empty()) {
    size_t bar = feats.find('|');
    std::string_view item = feats.substr(0, bar);
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && IsUniversalFeature(item.substr(0, eq))) {
      if (!out.empty()) out.push_back('|');
      out.append(item);
    }
    if (bar == std::string_view::npos) break;
    feats.remove_prefix(bar + 1);
  }
  return out.empty() ? "_" : out;
}

ScFile Load(const std::vector<ConlluSentence>& sentences) {
  ScFile f;
  for (const ConlluSentence& s : sentences) {
    const int sent_start = static_cast<int>(f.chars.size());
    const int base = static_cast<int>(f.words.size());
    for (const auto& [first, last] : s.TokenRanges()) {
      std::string form;
      bool mw = last > first;
      if (mw) {
        for (const ConlluMultiword& m : s.multiwords)
          if (m.first - 1 == first) form = m.form;
      } else {
        form = s.words[first].form;
      }
      form = StripSpace(form);
      Span span{static_cast<int>(f.chars.size()), 0};
      f.chars += form;
      span.end = static_cast<int>(f.chars.size());
      f.tokens.push_back(span);
      for (int i = first; i <= last; ++i) {
        ScWord w;
        w.span = span;
        w.multiword = mw;
        w.w = &s.words[i];
        w.form_lower = Lower(s.words[i].form);
        w.ufeats = UniversalFeats(s.words[i].feats);
        w.deprel = s.words[i].deprel.substr(0, s.words[i].deprel.find(':'));
        w.parent = s.words[i].head == 0 ? -1 : base + s.words[i].head - 1;
        f.words.push_back(std::move(w));
      }
    }
    f.sentences.push_back({sent_start, static_cast<int>(f.chars.size())});
  }
  return f;
}

UdScore SpansScore(const std::vector<Span>& g, const std::vector<Span>& s) {
  UdScore r;
  r.gold = static_cast<double>(g.size());
  r.system = static_cast<double>(s.size());
  size_t gi = 0, si = 0;
  while (gi < g.size() && si < s.size()) {
    if (s[si].begin < g[gi].begin) {
      ++si;
    } else if (g[gi].begin < s[si].begin) {
      ++gi;
    } else {
      r.correct += g[gi].end == s[si].end;
      ++gi;
      ++si;
    }
  }
  return r;
}

bool BeyondEnd(const std::vector<ScWord>& w, size_t i, int end) {
  if (i >= w.size()) return true;
  if (w[i].multiword) return w[i].span.begin >= end;
  return w[i].span.end > end;
}

int ExtendEnd(const ScWord& w, int end) {
  return (w.multiword && w.span.end > end) ? w.span.end : end;
}

// Returns pairs (gold index, system index).
std::vector<std::pair<int, int>> Align(const std::vector<ScWord>& gold,
                                       const std::vector<ScWord>& sys) {
  std::vector<std::pair<int, int>> out;
  size_t gi = 0, si = 0;
  while (gi < gold.size() && si < sys.size()) {
    if (gold[gi].multiword || sys[si].multiword) {
      int end;
      if (gold[gi].multiword) {
        end = gold[gi].span.end;
        if (!sys[si].multiword && sys[si].span.begin < gold[gi].span.begin) ++si;
      } else {
        end = sys[si].span.end;
        if (!gold[gi].multiword && gold[gi].span.begin < sys[si].span.begin) ++gi;
      }
      const size_t gs = gi, ss = si;
      while (!BeyondEnd(gold, gi, end) || !BeyondEnd(sys, si, end)) {
        if (gi < gold.size() &&
            (si >= sys.size() || gold[gi].span.begin <= sys[si].span.begin)) {
          end = ExtendEnd(gold[gi], end);
          ++gi;
        } else {
          end = ExtendEnd(sys[si], end);
          ++si;
        }
      }
      if (si > ss && gi > gs) {
        const size_t ng = gi - gs, ns = si - ss;
        std::vector<std::vector<int>> lcs(ng, std::vector<int>(ns, 0));
        for (size_t g = ng; g-- > 0;) {
          for (size_t s = ns; s-- > 0;) {
            if (gold[gs + g].form_lower == sys[ss + s].form_lower)
              lcs[g][s] = 1 + ((g + 1 < ng && s + 1 < ns) ? lcs[g + 1][s + 1] : 0);
            lcs[g][s] = std::max(lcs[g][s], g + 1 < ng ? lcs[g + 1][s] : 0);
            lcs[g][s] = std::max(lcs[g][s], s + 1 < ns ? lcs[g][s + 1] : 0);
          }
        }
        size_t g = 0, s = 0;
        while (g < ng && s < ns) {
          if (gold[gs + g].form_lower == sys[ss + s].form_lower) {
            out.emplace_back(static_cast<int>(gs + g), static_cast<int>(ss + s));
            ++g;
            ++s;
          } else if (lcs[g][s] == (g + 1 < ng ? lcs[g + 1][s] : 0)) {
            ++g;
          } else {
            ++s;
          }
        }
      }
    } else {
      if (gold[gi].span.begin == sys[si].span.begin && gold[gi].span.end == sys[si].span.end) {
        out.emplace_back(static_cast<int>(gi), static_cast<int>(si));
        ++gi;
        ++si;
      } else if (gold[gi].span.begin <= sys[si].span.begin) {
        ++gi;
      } else {
        ++si;
      }
    }
  }
  return out;
}

bool IsContentRelation(std::string_view r) {
  // CLAS content relations per conll18_ud_eval.py.
  static const std::set<std::string_view> kContent = {
      "nsubj", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl", "vocative",
      "expl", "dislocated", "advcl", "advmod", "discourse", "nmod", "appos",
      "nummod", "acl", "amod", "conj", "fixed", "flat", "compound", "list",
      "parataxis", "orphan", "goeswith", "reparandum", "root", "dep"};
  return kContent.count(r) > 0;
}

}  // namespace

Result<UdScores> ScoreUd(const std::vector<ConlluSentence>& gold_s,
                         const std::vector<ConlluSentence>& sys_s) {
  ScFile gold = Load(gold_s), sys = Load(sys_s);
  if (gold.chars != sys.chars) {
    size_t i = 0;
    while (i < gold.chars.size() && i < sys.chars.size() && gold.chars[i] == sys.chars[i]) ++i;
    return Status::InvalidArgument(
        "the gold and system files differ at non-whitespace character " +
        std::to_string(i) + ": gold '" + gold.chars.substr(i, 20) + "', system '" +
        sys.chars.substr(i, 20) + "'");
  }
  UdScores r;
  r.tokens = SpansScore(gold.tokens, sys.tokens);
  r.sentences = SpansScore(gold.sentences, sys.sentences);
  std::vector<std::pair<int, int>> al = Align(gold.words, sys.words);
  std::vector<int> sys_to_gold(sys.words.size(), -2);
  for (auto [g, s] : al) sys_to_gold[s] = g;

  const double ng = static_cast<double>(gold.words.size());
  const double ns = static_cast<double>(sys.words.size());
  for (UdScore* m : {&r.words, &r.upos, &r.xpos, &r.ufeats, &r.alltags, &r.lemmas,
                     &r.uas, &r.las}) {
    m->gold = ng;
    m->system = ns;
  }
  for (const ScWord& w : gold.words) r.clas.gold += IsContentRelation(w.deprel);
  for (const ScWord& w : sys.words) r.clas.system += IsContentRelation(w.deprel);
  r.words.correct = static_cast<double>(al.size());
  for (auto [g, s] : al) {
    const ScWord& gw = gold.words[g];
    const ScWord& sw = sys.words[s];
    bool upos = gw.w->upos == sw.w->upos;
    bool xpos = gw.w->xpos == sw.w->xpos;
    bool feats = gw.ufeats == sw.ufeats;
    r.upos.correct += upos;
    r.xpos.correct += xpos;
    r.ufeats.correct += feats;
    r.alltags.correct += upos && xpos && feats;
    r.lemmas.correct += gw.w->lemma == "_" || gw.w->lemma == sw.w->lemma;
    bool head = (gw.parent == -1 && sw.parent == -1) ||
                (gw.parent >= 0 && sw.parent >= 0 && sys_to_gold[sw.parent] == gw.parent);
    r.uas.correct += head;
    bool las = head && gw.deprel == sw.deprel;
    r.las.correct += las;
    r.clas.correct += las && IsContentRelation(gw.deprel);
  }
  return r;
}

std::string UdScores::ToString(bool with_segmentation) const {
  std::string out;
  char buf[64];
  auto line = [&](const char* name, const UdScore& s) {
    std::snprintf(buf, sizeof(buf), "%s: %.4f\n", name, s.f1());
    out += buf;
  };
  if (with_segmentation) {
    line("Tokens", tokens);
    line("Sentences", sentences);
    line("Words", words);
  }
  line("UPOS", upos);
  line("XPOS", xpos);
  line("UFeats", ufeats);
  line("AllTags", alltags);
  line("Lemmas", lemmas);
  line("UAS", uas);
  line("LAS", las);
  line("CLAS", clas);
  return out;
}

}  // namespace storyline::syntax
