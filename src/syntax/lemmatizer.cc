// Lexicon + WordNet lemmatiser; see lemmatizer.h.
#include "src/syntax/lemmatizer.h"

#include "src/syntax/features.h"

#include <algorithm>
#include <fstream>
#include <vector>

namespace storyline::syntax {
namespace {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool EndsWith(std::string_view s, std::string_view suf) {
  return s.size() >= suf.size() && s.substr(s.size() - suf.size()) == suf;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Undoes the consonant doubling of -ed/-ing ("stopp" -> "stop"), except for
// l, s and z, which English doubles in the base too ("call", "pass", "buzz").
std::string UndoubleFinalConsonant(std::string b) {
  const size_t n = b.size();
  if (n >= 2 && b[n - 1] == b[n - 2] && !IsVowel(b[n - 1]) && b[n - 1] != 'l' &&
      b[n - 1] != 's' && b[n - 1] != 'z')
    b.pop_back();
  return b;
}

struct Rule {
  const char* suffix;
  const char* replacement;
};

// WordNet 3.0 morph.c detachment rules per part of speech.
const std::vector<Rule>& Rules(Lemmatizer::Pos pos) {
  static const std::vector<Rule> kNoun = {{"s", ""},     {"ses", "s"}, {"xes", "x"},
                                          {"zes", "z"},  {"ches", "ch"}, {"shes", "sh"},
                                          {"men", "man"}, {"ies", "y"}};
  static const std::vector<Rule> kVerb = {{"s", ""},   {"ies", "y"}, {"es", "e"}, {"es", ""},
                                          {"ed", "e"}, {"ed", ""},   {"ing", "e"}, {"ing", ""}};
  static const std::vector<Rule> kAdj = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};
  static const std::vector<Rule> kNone = {};
  switch (pos) {
    case Lemmatizer::kNoun: return kNoun;
    case Lemmatizer::kVerb: return kVerb;
    case Lemmatizer::kAdj: return kAdj;
    default: return kNone;
  }
}

int PosOfXpos(std::string_view xpos) {
  if (xpos.substr(0, 2) == "NN") return Lemmatizer::kNoun;
  if (xpos.substr(0, 2) == "VB" || xpos == "MD") return Lemmatizer::kVerb;
  if (xpos.substr(0, 2) == "JJ") return Lemmatizer::kAdj;
  if (xpos.substr(0, 2) == "RB") return Lemmatizer::kAdv;
  return -1;
}

// Rules for words neither the lexicon nor WordNet knows.
std::string Fallback(const std::string& w, std::string_view xpos) {
  auto strip = [&](size_t n) { return w.substr(0, w.size() - n); };
  if (xpos == "NNS" || xpos == "NNPS") {
    if (EndsWith(w, "ies") && w.size() > 4) return strip(3) + "y";
    if (EndsWith(w, "sses") || EndsWith(w, "xes") || EndsWith(w, "ches") || EndsWith(w, "shes"))
      return strip(2);
    if (EndsWith(w, "s") && !EndsWith(w, "ss") && w.size() > 2) return strip(1);
    return w;
  }
  if (xpos == "VBZ") {
    if (EndsWith(w, "ies") && w.size() > 4) return strip(3) + "y";
    if (EndsWith(w, "sses") || EndsWith(w, "xes") || EndsWith(w, "ches") || EndsWith(w, "shes"))
      return strip(2);
    if (EndsWith(w, "s") && w.size() > 2) return strip(1);
    return w;
  }
  if (xpos == "VBD" || xpos == "VBN") {
    if (EndsWith(w, "ied") && w.size() > 4) return strip(3) + "y";
    if (EndsWith(w, "ed") && w.size() > 3) return UndoubleFinalConsonant(strip(2));
    return w;
  }
  if (xpos == "VBG") {
    if (EndsWith(w, "ing") && w.size() > 4) return UndoubleFinalConsonant(strip(3));
    return w;
  }
  if ((xpos == "JJR" && EndsWith(w, "er") && w.size() > 3) ||
      (xpos == "JJS" && EndsWith(w, "est") && w.size() > 4)) {
    std::string b = strip(xpos == "JJR" ? 2 : 3);
    size_t n = b.size();
    if (n >= 2 && b[n - 1] == b[n - 2] && !IsVowel(b[n - 1]) && b[n - 1] != 'l' &&
        b[n - 1] != 's' && b[n - 1] != 'z')
      b.pop_back();
    return b;
  }
  return w;
}

// Morphy's candidate lemmas for w in its order: the detachment rules of
// the part of speech, then (verbs, adjectives) an undoubled final consonant
// ("stopped" -> "stop", "bigger" -> "big"). Each is built in `cand`; returns
// true at the first that `is_lemma` accepts, leaving it in `cand`.
template <typename IsLemma>
bool FirstRuleLemma(std::string_view w, Lemmatizer::Pos pos, std::string* cand,
                    IsLemma is_lemma) {
  for (const Rule& r : Rules(pos)) {
    std::string_view suf = r.suffix;
    if (!EndsWith(w, suf) || w.size() <= suf.size()) continue;
    cand->assign(w.substr(0, w.size() - suf.size())).append(r.replacement);
    if (is_lemma(*cand)) return true;
  }
  if (pos == Lemmatizer::kVerb || pos == Lemmatizer::kAdj) {
    for (std::string_view suf : {"ed", "ing", "er", "est"}) {
      if (!EndsWith(w, suf) || w.size() < suf.size() + 3) continue;
      std::string_view b = w.substr(0, w.size() - suf.size());
      if (b[b.size() - 1] != b[b.size() - 2]) continue;
      cand->assign(b.substr(0, b.size() - 1));
      if (is_lemma(*cand)) return true;
    }
  }
  return false;
}

}  // namespace

std::string Lemmatizer::Morphy(const std::string& w, Pos pos) const {
  auto ex = exceptions[pos].find(w);
  if (ex != exceptions[pos].end()) return ex->second;
  std::string cand;
  if (FirstRuleLemma(w, pos, &cand, [&](const std::string& c) { return lemmas[pos].count(c) > 0; }))
    return cand;
  return {};
}

uint32_t Lemmatizer::IndexBits(uint64_t key) const {
  if (index_.empty()) return 0;
  const size_t mask = index_.size() - 1;
  for (size_t i = key & mask;; i = (i + 1) & mask) {
    if (index_[i].key == key) return index_[i].bits;
    if (index_[i].key == 0) return 0;
  }
}

void Lemmatizer::BuildWordNetIndex() {
  std::unordered_map<uint64_t, uint32_t> bits;
  for (int p = 0; p < kNumPos; ++p) {
    for (const std::string& w : lemmas[p]) bits[HashBytes(w)] |= 1u << p;
    // An entry whose base is the form itself ("owner owner" in adj.exc)
    // is no inflection, and Morphy, which answers from the exception list
    // first, then tries no rule ("owner" is not "own" + "er"): bit 8 + p.
    for (const auto& [form, base] : exceptions[p])
      bits[HashBytes(form)] |= 1u << ((base != form ? 4 : 8) + p);
  }
  size_t size = 16;
  while (size < 2 * bits.size()) size *= 2;  // load factor <= 0.5
  index_.assign(size, IndexSlot());
  const size_t mask = size - 1;
  for (const auto& [key, b] : bits) {
    size_t i = key & mask;
    while (index_[i].key != 0) i = (i + 1) & mask;
    index_[i] = {key, b};
  }
}

uint32_t Lemmatizer::WordNetClasses(std::string_view w) const {
  if (w.empty()) return 0;
  // Direct lemmas and exception-list forms ("went") in one probe.
  uint32_t bits = IndexBits(HashBytes(w));
  // Morphy's detachment rules, as Morphy() applies them: a rule's result
  // must be a lemma of the part of speech.
  std::string cand;
  for (int p = kNoun; p <= kAdj; ++p) {
    if ((bits >> (4 + p) & 0x11u) != 0) continue;  // an exception-list form
    auto is_lemma = [&](const std::string& c) { return (IndexBits(HashBytes(c)) >> p & 1u) != 0; };
    if (FirstRuleLemma(w, static_cast<Pos>(p), &cand, is_lemma)) bits |= 1u << (4 + p);
  }
  return bits & 0xFFu;
}

std::string Lemmatizer::Lemma(std::string_view form, std::string_view upos,
                              std::string_view xpos) const {
  std::string key;
  key.reserve(form.size() + xpos.size() + 1);
  key.append(form).push_back('\t');
  key.append(xpos);
  auto it = exact.find(key);
  if (it != exact.end()) return it->second;
  std::string lw = LowerAscii(form);
  key.replace(0, form.size(), lw);
  it = lower.find(key);
  if (it != lower.end()) return it->second;
  const bool proper = upos == "PROPN" || xpos == "NNP" || xpos == "NNPS";
  if (upos == "PUNCT" || upos == "SYM" || upos == "NUM" || upos == "X") return std::string(form);
  if (proper) {
    if (xpos == "NNPS") return Fallback(std::string(form), xpos);
    return std::string(form);
  }
  if (lw == "i") return "I";
  const int pos = PosOfXpos(xpos);
  if (pos < 0) return lw;
  // Base forms need no rule.
  if (xpos == "NN" || xpos == "VB" || xpos == "VBP" || xpos == "JJ" || xpos == "RB")
    return lw;
  std::string m = Morphy(lw, static_cast<Pos>(pos));
  if (!m.empty()) return m;
  return Fallback(lw, xpos);
}

Status Lemmatizer::LoadWordNet(const std::string& dir) {
  static const char* kNames[kNumPos] = {"noun", "verb", "adj", "adv"};
  for (int p = 0; p < kNumPos; ++p) {
    std::string path = dir + "/index." + kNames[p];
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open (install Debian wordnet-base)");
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // license header
      std::string word = line.substr(0, line.find(' '));
      if (word.find('_') != std::string::npos) continue;  // collocations
      lemmas[p].insert(word);
    }
    path = dir + "/" + kNames[p] + ".exc";
    std::ifstream exc(path);
    if (!exc) return Status::NotFound(path + ": cannot open (install Debian wordnet-base)");
    while (std::getline(exc, line)) {
      size_t sp = line.find(' ');
      if (sp == std::string::npos) continue;
      std::string form = line.substr(0, sp);
      std::string base = line.substr(sp + 1);
      base = base.substr(0, base.find(' '));  // first base form
      if (form.find('_') != std::string::npos) continue;
      exceptions[p].emplace(form, base);
    }
  }
  BuildWordNetIndex();
  return Status::Ok();
}

namespace {

void WriteMap(const std::unordered_map<std::string, std::string>& m, ByteWriter* w) {
  std::vector<std::pair<std::string, std::string>> v(m.begin(), m.end());
  std::sort(v.begin(), v.end());
  w->Put<uint32_t>(static_cast<uint32_t>(v.size()));
  for (const auto& [k, val] : v) {
    w->PutString(k);
    w->PutString(val);
  }
}

bool ReadMap(ByteReader* r, std::unordered_map<std::string, std::string>* m) {
  uint32_t n;
  if (!r->Get(&n) || n > r->remaining() / 8) return false;
  m->reserve(n);
  std::string k, v;
  for (uint32_t i = 0; i < n; ++i) {
    if (!r->GetString(&k) || !r->GetString(&v)) return false;
    m->emplace(k, v);
  }
  return true;
}

}  // namespace

void Lemmatizer::Write(ByteWriter* w) const {
  WriteMap(exact, w);
  WriteMap(lower, w);
  for (int p = 0; p < kNumPos; ++p) {
    WriteMap(exceptions[p], w);
    std::vector<std::string> v(lemmas[p].begin(), lemmas[p].end());
    std::sort(v.begin(), v.end());
    w->PutStrings(v);
  }
}

bool Lemmatizer::Read(ByteReader* r) {
  if (!ReadMap(r, &exact) || !ReadMap(r, &lower)) return false;
  for (int p = 0; p < kNumPos; ++p) {
    std::vector<std::string> v;
    if (!ReadMap(r, &exceptions[p]) || !r->GetStrings(&v)) return false;
    lemmas[p].reserve(v.size());
    for (std::string& s : v) lemmas[p].insert(std::move(s));
  }
  BuildWordNetIndex();
  return true;
}

}  // namespace storyline::syntax
