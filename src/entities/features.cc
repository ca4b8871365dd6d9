// Feature templates of the NER tagger; see features.h.
#include "src/entities/features.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>

#include "src/util/utf8.h"

namespace storyline::entities {
namespace {

// Template ids: part of every feature hash so templates never collide by
// construction. Changing their meaning requires a new model format version.
enum Template : uint64_t {
  kBias = 1, kW0, kForm0, kWm1, kWp1, kWm2, kWp2, kShape0, kShapeM1, kShapeP1,
  kShortWin, kPre, kSuf, kPrev, kPrev2, kPrevW0, kBiM1, kBiP1, kClus0, kClusM1,
  kClusP1, kGaz0, kGazM1, kGazP1, kInitCap, kCapsSent, kHist, kDocCase, kLen,
  kWm1Shape0, kPrevShape0, kW0Wp1Shape, kClusWin, kFlags, kHistPrev, kAgg, kAggPrev,
  kSufM1, kSufP1, kClusM2, kClusP2, kWm1Wp1, kSufCap, kAggNext, kCase0, kCaseWin, kCaseW,
  kPrior0, kPriorM1, kPriorP1, kPriorBi, kPriorPrev, kCtxAgg,
};

enum CharClass { kUpper, kLowerC, kDigit, kOtherLetter, kOther };

CharClass Classify(std::string_view s, size_t i, int* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *len = 1;
    if (c >= 'A' && c <= 'Z') return kUpper;
    if (c >= 'a' && c <= 'z') return kLowerC;
    if (c >= '0' && c <= '9') return kDigit;
    return kOther;
  }
  // Invalid UTF-8 is treated byte by byte as "other".
  size_t bad = util::FindInvalidUtf8(s.substr(i, std::min<size_t>(4, s.size() - i)));
  if (bad == 0) {
    *len = 1;
    return kOther;
  }
  char32_t cp = util::DecodeUtf8(s, i, len);
  if (static_cast<size_t>(*len) > s.size() - i) {
    *len = 1;
    return kOther;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return kUpper;
    case UTF8PROC_CATEGORY_LL: return kLowerC;
    case UTF8PROC_CATEGORY_ND: return kDigit;
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_LM: return kOtherLetter;
    default: return kOther;
  }
}

int Bucket(uint32_t n) { return n <= 4 ? static_cast<int>(n) : n <= 8 ? 5 : 6; }

}  // namespace

uint16_t CasingBucket(uint32_t lower, uint32_t capitalised) {
  const double n = static_cast<double>(lower) + capitalised;
  if (n < 1) return 0;
  const double cap = capitalised / n;
  return cap < 0.05 ? 1 : cap < 0.3 ? 2 : cap < 0.7 ? 3 : cap < 0.95 ? 4 : 5;
}

uint16_t TagPriorCode(const std::array<uint32_t, kNumEntityTypes + 1>& counts) {
  uint32_t total = 0;
  size_t best = 0;
  for (size_t k = 0; k < counts.size(); ++k) {
    total += counts[k];
    if (counts[k] > counts[best]) best = k;
  }
  if (total < 2) return 0;
  const double share = static_cast<double>(counts[best]) / total;
  const int strong = share >= 0.9 ? 2 : share >= 0.6 ? 1 : 0;
  const int many = total >= 50 ? 2 : total >= 5 ? 1 : 0;
  return static_cast<uint16_t>(1 + (static_cast<int>(best) * 3 + strong) * 3 + many);
}

std::string LabelName(int label) {
  if (label == 0) return "O";
  static const char* kPos[] = {"B-", "I-", "L-", "U-"};
  return std::string(kPos[LabelPos(label)]) +
         std::string(EntityTypeName(static_cast<EntityType>(LabelType(label))));
}

bool ValidTransition(int prev, int label) {
  bool open = prev > 0 && (LabelPos(prev) == kB || LabelPos(prev) == kI);
  if (open) {
    return label > 0 && LabelType(label) == LabelType(prev) &&
           (LabelPos(label) == kI || LabelPos(label) == kL);
  }
  return label == 0 || LabelPos(label) == kB || LabelPos(label) == kU;
}

uint64_t HashString(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string Shape(std::string_view s, bool collapse) {
  std::string out;
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < s.size();) {
    int len = 1;
    char ch;
    switch (Classify(s, i, &len)) {
      case kUpper: ch = 'X'; break;
      case kLowerC: ch = 'x'; break;
      case kDigit: ch = 'd'; break;
      case kOtherLetter: ch = 'a'; break;
      default: ch = len == 1 ? s[i] : '*'; break;
    }
    i += len;
    if (ch == last) {
      ++run;
      if (collapse || run > 3) continue;
    } else {
      run = 0;
    }
    last = ch;
    out.push_back(ch);
    if (out.size() > 24) break;
  }
  return out;
}

void AnalyzeSentence(const std::vector<std::string_view>& tokens,
                     const ClusterTable& clusters, const Gazetteer* gazetteer,
                     std::vector<TokenInfo>* out) {
  out->assign(tokens.size(), TokenInfo());
  std::string lower;
  for (size_t t = 0; t < tokens.size(); ++t) {
    std::string_view w = tokens[t];
    TokenInfo& ti = (*out)[t];
    lower = Lower(w);
    ti.form = HashString(w);
    ti.lower = HashString(lower);
    ti.shape = HashString(Shape(w, false));
    ti.short_shape = HashString(Shape(w, true));
    ti.length = static_cast<uint32_t>(w.size());
    // Affixes over bytes of the lowercase form (UTF-8 fragments are fine as
    // hashed features).
    for (size_t k = 1; k <= 4; ++k) {
      ti.prefix[k - 1] = k <= lower.size() ? HashString(std::string_view(lower).substr(0, k)) : 0;
      ti.suffix[k - 1] =
          k <= lower.size() ? HashString(std::string_view(lower).substr(lower.size() - k)) : 0;
    }
    int uppers = 0, lowers = 0, letters = 0;
    bool first_upper = false, first_lower = false, digit = false, non_ascii = false;
    bool any_alnum = false;
    for (size_t i = 0; i < w.size();) {
      int len = 1;
      CharClass c = Classify(w, i, &len);
      if (len > 1) non_ascii = true;
      if (i == 0) {
        first_upper = c == kUpper;
        first_lower = c == kLowerC;
      }
      if (c == kUpper) ++uppers;
      if (c == kLowerC) ++lowers;
      if (c == kUpper || c == kLowerC || c == kOtherLetter) ++letters;
      if (c == kDigit) digit = true;
      if (c != kOther) any_alnum = true;
      i += len;
    }
    if (first_upper) ti.flags |= kFlagInitCap;
    if (uppers > 0 && lowers == 0) ti.flags |= kFlagAllCaps;
    if (digit) ti.flags |= kFlagHasDigit;
    if (first_lower) ti.flags |= kFlagLowerFirst;
    if (non_ascii) ti.flags |= kFlagNonAscii;
    if (!any_alnum) ti.flags |= kFlagPunct;
    (void)letters;
    // Clusters: exact form, then title case, then lowercase (headlines).
    auto has_cluster = [&clusters](ClusterTable::const_iterator i) {
      return i != clusters.end() && i->second[0] != 0;
    };
    auto it = clusters.find(ti.form);
    if (!has_cluster(it) && (ti.flags & kFlagAllCaps) && lower.size() > 1) {
      std::string title = lower;
      title[0] = static_cast<char>(title[0] >= 'a' && title[0] <= 'z' ? title[0] - 32 : title[0]);
      it = clusters.find(HashString(title));
    }
    if (!has_cluster(it)) it = clusters.find(ti.lower);
    if (has_cluster(it)) ti.cluster = {it->second[0], it->second[1], it->second[2]};
    auto lc = clusters.find(ti.lower);
    if (lc != clusters.end()) {
      ti.corpus_case = lc->second[3];
      if (ti.flags & (kFlagInitCap | kFlagNonAscii)) ti.prior = lc->second[4];
    }
  }
  if (gazetteer == nullptr) return;
  for (size_t t = 0; t < tokens.size(); ++t) {
    // Only phrases starting with a capitalised or non-Latin token: avoids
    // matching "us" to the US or "nice" to Nice.
    if (!((*out)[t].flags & (kFlagInitCap | kFlagNonAscii))) continue;
    for (int len = std::min<int>(Gazetteer::kMaxPhraseTokens, static_cast<int>(tokens.size() - t));
         len >= 1; --len) {
      std::string phrase;
      for (int k = 0; k < len; ++k) {
        if (k) phrase.push_back(' ');
        phrase.append(tokens[t + k]);
      }
      const GazEntry* e = gazetteer->Find(phrase);
      if (e == nullptr) continue;
      uint16_t cats = e->categories;
      if (len == 1) {
        (*out)[t].gaz[kU] |= cats;
      } else {
        (*out)[t].gaz[kB] |= cats;
        for (int k = 1; k < len - 1; ++k) (*out)[t + k].gaz[kI] |= cats;
        (*out)[t + len - 1].gaz[kL] |= cats;
      }
    }
  }
}

bool SentenceIsCaps(const std::vector<TokenInfo>& info) {
  int caps = 0, words = 0;
  for (const TokenInfo& t : info) {
    if (t.flags & kFlagPunct) continue;
    if (t.flags & kFlagHasDigit) continue;
    ++words;
    if ((t.flags & kFlagAllCaps) && t.length > 1) ++caps;
  }
  return words >= 2 && caps * 10 >= words * 7;
}

void AddCasing(const std::vector<std::string_view>& tokens, const std::vector<TokenInfo>& info,
               DocumentState* doc) {
  if (SentenceIsCaps(info)) return;
  for (size_t t = 1; t < tokens.size(); ++t) {
    const TokenInfo& ti = info[t];
    if (ti.flags & kFlagPunct) continue;
    auto& c = doc->casing[ti.lower];
    if (ti.flags & kFlagLowerFirst) c[0] = static_cast<uint16_t>(std::min(c[0] + 1, 60000));
    else if (ti.flags & kFlagInitCap) c[1] = static_cast<uint16_t>(std::min(c[1] + 1, 60000));
  }
}

void AddHistory(const std::vector<TokenInfo>& info, const std::vector<int>& labels,
                DocumentState* doc) {
  if (!doc->use_history) return;
  for (size_t t = 0; t < info.size(); ++t) {
    if (labels[t] == 0) continue;
    if (!(info[t].flags & (kFlagInitCap | kFlagNonAscii))) continue;
    auto& h = doc->history[info[t].lower];
    uint16_t& n = h[LabelType(labels[t])];
    if (n < 60000) ++n;
  }
}

namespace {

struct Window {
  const TokenInfo& w0;
  const TokenInfo& wm1;
  const TokenInfo& wm2;
  const TokenInfo& wp1;
  const TokenInfo& wp2;
};

Window MakeWindow(const std::vector<TokenInfo>& info, size_t i) {
  static const TokenInfo kPad = [] {
    TokenInfo t;
    t.form = t.lower = t.shape = t.short_shape = 0x5157ULL;
    return t;
  }();
  static const TokenInfo kPad2 = [] {
    TokenInfo t;
    t.form = t.lower = t.shape = t.short_shape = 0x5158ULL;
    return t;
  }();
  const size_t n = info.size();
  return Window{info[i], i >= 1 ? info[i - 1] : kPad, i >= 2 ? info[i - 2] : kPad2,
                i + 1 < n ? info[i + 1] : kPad, i + 2 < n ? info[i + 2] : kPad2};
}

}  // namespace

void ExtractStaticFeatures(const std::vector<TokenInfo>& info, size_t i, bool sentence_caps,
                           const DocumentState& doc, std::vector<uint64_t>* out) {
  out->clear();
  const Window win = MakeWindow(info, i);
  const TokenInfo& w0 = win.w0;
  const TokenInfo& wm1 = win.wm1;
  const TokenInfo& wm2 = win.wm2;
  const TokenInfo& wp1 = win.wp1;
  const TokenInfo& wp2 = win.wp2;
  auto add = [out](uint64_t tmpl, uint64_t v) { out->push_back(Mix(tmpl, v)); };

  add(kBias, 0);
  add(kW0, w0.lower);
  add(kForm0, w0.form);
  add(kWm1, wm1.lower);
  add(kWp1, wp1.lower);
  add(kWm2, wm2.lower);
  add(kWp2, wp2.lower);
  add(kShape0, w0.shape);
  add(kShapeM1, wm1.short_shape);
  add(kShapeP1, wp1.short_shape);
  add(kShortWin, Mix(Mix(wm1.short_shape, w0.short_shape), wp1.short_shape));
  for (int k = 0; k < 4; ++k) {
    if (w0.prefix[k]) add(kPre + 100 * k, w0.prefix[k]);
    if (w0.suffix[k]) add(kSuf + 100 * k, w0.suffix[k]);
  }
  add(kBiM1, Mix(wm1.lower, w0.lower));
  add(kBiP1, Mix(w0.lower, wp1.lower));
  add(kWm1Shape0, Mix(wm1.lower, w0.short_shape));
  add(kW0Wp1Shape, Mix(w0.lower, wp1.short_shape));
  for (int g = 0; g < 3; ++g) {
    uint64_t gg = static_cast<uint64_t>(g) << 32;
    if (w0.cluster[g]) add(kClus0, gg | w0.cluster[g]);
    if (wm1.cluster[g]) add(kClusM1, gg | wm1.cluster[g]);
    if (wp1.cluster[g]) add(kClusP1, gg | wp1.cluster[g]);
  }
  add(kClusWin, Mix(Mix(wm1.cluster[1], w0.cluster[1]), wp1.cluster[1]));
  for (int pos = 0; pos < 4; ++pos) {
    for (uint16_t bits = w0.gaz[pos]; bits; bits &= bits - 1)
      add(kGaz0, static_cast<uint64_t>(__builtin_ctz(bits)) * 8 + pos);
    for (uint16_t bits = wm1.gaz[pos]; bits; bits &= bits - 1)
      add(kGazM1, static_cast<uint64_t>(__builtin_ctz(bits)) * 8 + pos);
    for (uint16_t bits = wp1.gaz[pos]; bits; bits &= bits - 1)
      add(kGazP1, static_cast<uint64_t>(__builtin_ctz(bits)) * 8 + pos);
  }
  uint64_t flags = w0.flags & 0x3F;
  add(kFlags, flags * 4 + (i == 0 ? 1 : 0) + (sentence_caps ? 2 : 0));
  if (i == 0 && (w0.flags & kFlagInitCap)) add(kInitCap, 1);
  if (sentence_caps) add(kCapsSent, w0.lower);
  add(kLen, static_cast<uint64_t>(Bucket(w0.length)));
  // Document casing: is this word capitalised when it is not sentence-initial
  // elsewhere in the document? Decisive for headlines and first words.
  if (!(w0.flags & kFlagPunct)) {
    auto it = doc.casing.find(w0.lower);
    uint64_t v = 0;
    if (it != doc.casing.end()) {
      int lo = it->second[0], up = it->second[1];
      v = up > 0 && lo == 0 ? 1 : lo > 0 && up == 0 ? 2 : up > lo ? 3 : 4;
    }
    add(kDocCase, v * 8 + (i == 0 ? 1 : 0) + (sentence_caps ? 2 : 0) +
                      ((w0.flags & kFlagInitCap) ? 4 : 0));
  }
  if (w0.suffix[2]) add(kSufM1, wm1.suffix[2]);
  if (wp1.suffix[2]) add(kSufP1, wp1.suffix[2]);
  if (wm2.cluster[1]) add(kClusM2, wm2.cluster[1]);
  if (wp2.cluster[1]) add(kClusP2, wp2.cluster[1]);
  add(kWm1Wp1, Mix(wm1.lower, wp1.lower));
  if (w0.suffix[2]) add(kSufCap, Mix(w0.suffix[2], w0.flags & 3));
  // Corpus casing: is this word a name wherever it is written mid-sentence?
  uint64_t pos_ctx = (i == 0 ? 1 : 0) + (sentence_caps ? 2 : 0) + ((w0.flags & kFlagInitCap) ? 4 : 0) +
                     ((w0.flags & kFlagAllCaps) ? 8 : 0);
  add(kCase0, w0.corpus_case * 16 + pos_ctx);
  add(kCaseWin, (wm1.corpus_case * 8 + w0.corpus_case) * 8 + wp1.corpus_case);
  add(kCaseW, Mix(w0.corpus_case * 16 + pos_ctx, wm1.lower));
  // Corpus tag prior: how the word's capitalised uses in the unlabelled
  // corpus were tagged (self-training statistics, jackknifed in training).
  if (w0.prior) add(kPrior0, w0.prior * 16 + pos_ctx);
  if (wm1.prior) add(kPriorM1, wm1.prior);
  if (wp1.prior) add(kPriorP1, wp1.prior);
  if (w0.prior || wp1.prior) add(kPriorBi, w0.prior * 64 + wp1.prior);
  if ((w0.flags & (kFlagInitCap | kFlagNonAscii)) && !sentence_caps) {
    // Context aggregation (Ratinov & Roth 2009): the words right before and
    // after every occurrence of the word in the document (model format v5;
    // +0.3 over shuffle seeds 7-11 with feature dropout, docs/entities.md).
    auto it = doc.contexts.find(w0.lower);
    if (it != doc.contexts.end())
      for (uint64_t c : it->second) add(kCtxAgg, c);
  }
}

void ExtractDynamicFeatures(const std::vector<TokenInfo>& info, size_t i, int prev, int prev2,
                            const DocumentState& doc, std::vector<uint64_t>* out) {
  out->clear();
  const Window win = MakeWindow(info, i);
  const TokenInfo& w0 = win.w0;
  const TokenInfo& wp1 = win.wp1;
  auto add = [out](uint64_t tmpl, uint64_t v) { out->push_back(Mix(tmpl, v)); };
  uint64_t p1 = static_cast<uint64_t>(prev + 2), p2 = static_cast<uint64_t>(prev2 + 2);
  add(kPrev, p1);
  add(kPrev2, p1 * 64 + p2);
  add(kPrevW0, Mix(p1, w0.lower));
  add(kPrevShape0, Mix(p1, w0.short_shape));
  add(kClusWin + 1000, Mix(p1, w0.cluster[2]));
  if (w0.prior) add(kPriorPrev, Mix(p1, w0.prior));
  for (int pos = 0; pos < 4; ++pos)
    for (uint16_t bits = w0.gaz[pos]; bits; bits &= bits - 1)
      add(kGaz0 + 1000, Mix(static_cast<uint64_t>(__builtin_ctz(bits)) * 8 + pos, p1));
  if (doc.use_aggregate) {
    // Document-level aggregation of first-pass labels (Ratinov & Roth 2009).
    auto agg = [&doc](const TokenInfo& t) -> uint64_t {
      if (!(t.flags & (kFlagInitCap | kFlagNonAscii | kFlagAllCaps))) return 0;
      auto it = doc.aggregate.find(t.lower);
      if (it == doc.aggregate.end()) return 0;
      const auto& h = it->second;
      int best = 0, total = 0;
      for (int k = 0; k <= kNumEntityTypes; ++k) {
        total += h[k];
        if (h[k] > h[best]) best = k;
      }
      if (total < 2) return 1;
      return 2 + static_cast<uint64_t>(best) * 2 + (h[best] * 4 >= total * 3 ? 1 : 0);
    };
    uint64_t a0 = agg(w0);
    add(kAgg, a0);
    add(kAggPrev, Mix(a0, p1));
    add(kAggNext, Mix(a0, agg(wp1)));
  }
  if (doc.use_history && (w0.flags & (kFlagInitCap | kFlagNonAscii))) {
    auto it = doc.history.find(w0.lower);
    if (it != doc.history.end()) {
      const auto& h = it->second;
      int best = 0, total = 0;
      for (int t = 0; t < kNumEntityTypes; ++t) {
        total += h[t];
        if (h[t] > h[best]) best = t;
      }
      uint64_t strength = h[best] * 4 >= total * 3 ? 1 : 0;
      add(kHist, static_cast<uint64_t>(best) * 2 + strength);
      add(kHistPrev, Mix(static_cast<uint64_t>(best), p1));
    }
  }
}

void ExtractFeatures(const std::vector<TokenInfo>& info, size_t i, int prev, int prev2,
                     bool sentence_caps, const DocumentState& doc,
                     std::vector<uint64_t>* out) {
  std::vector<uint64_t> dyn;
  ExtractStaticFeatures(info, i, sentence_caps, doc, out);
  ExtractDynamicFeatures(info, i, prev, prev2, doc, &dyn);
  out->insert(out->end(), dyn.begin(), dyn.end());
}

void PrepareDocument(const std::vector<std::vector<std::string_view>>& sentences,
                     const ClusterTable& clusters, const Gazetteer* gazetteer,
                     PreparedDocument* doc, bool contexts) {
  doc->sentences.resize(sentences.size());
  doc->caps.assign(sentences.size(), 0);
  doc->state.casing.clear();
  doc->state.history.clear();
  for (size_t s = 0; s < sentences.size(); ++s) {
    AnalyzeSentence(sentences[s], clusters, gazetteer, &doc->sentences[s]);
    doc->caps[s] = SentenceIsCaps(doc->sentences[s]);
    AddCasing(sentences[s], doc->sentences[s], &doc->state);
  }
  // Context aggregation: the neighbours of each capitalised word's
  // occurrences outside headlines.
  doc->state.contexts.clear();
  if (!contexts) return;
  for (size_t s = 0; s < sentences.size(); ++s) {
    if (doc->caps[s]) continue;
    const auto& info = doc->sentences[s];
    for (size_t t = 0; t < info.size(); ++t) {
      if (!(info[t].flags & (kFlagInitCap | kFlagNonAscii))) continue;
      auto& v = doc->state.contexts[info[t].lower];
      auto push = [&v](uint64_t c) {
        if (v.size() < kMaxContexts && std::find(v.begin(), v.end(), c) == v.end()) v.push_back(c);
      };
      if (t > 0 && !(info[t - 1].flags & kFlagPunct)) push(Mix(1, info[t - 1].lower));
      if (t + 1 < info.size() && !(info[t + 1].flags & kFlagPunct)) push(Mix(2, info[t + 1].lower));
    }
  }
}

void BuildAggregate(const std::vector<std::vector<TokenInfo>>& sentences,
                    const std::vector<std::vector<int>>& labels, DocumentState* doc) {
  doc->aggregate.clear();
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t t = 0; t < sentences[s].size(); ++t) {
      const TokenInfo& ti = sentences[s][t];
      if (!(ti.flags & (kFlagInitCap | kFlagNonAscii | kFlagAllCaps))) continue;
      auto& h = doc->aggregate[ti.lower];
      int k = labels[s][t] == 0 ? kNumEntityTypes : LabelType(labels[s][t]);
      if (h[k] < 60000) ++h[k];
    }
  }
  doc->use_aggregate = true;
}

std::vector<int> TagsToBilou(const std::vector<std::string>& tags) {
  std::vector<Chunk> chunks = ExtractChunks(tags);
  std::vector<int> labels(tags.size(), 0);
  for (const Chunk& c : chunks) {
    int type = -1;
    for (int t = 0; t < kNumEntityTypes; ++t)
      if (c.type == EntityTypeName(static_cast<EntityType>(t))) type = t;
    if (type < 0) continue;  // unknown types are left as O
    if (c.last - c.first == 1) {
      labels[c.first] = MakeLabel(type, kU);
    } else {
      labels[c.first] = MakeLabel(type, kB);
      for (int k = c.first + 1; k < c.last - 1; ++k) labels[k] = MakeLabel(type, kI);
      labels[c.last - 1] = MakeLabel(type, kL);
    }
  }
  return labels;
}

std::vector<std::string> BilouToIob2(const std::vector<int>& labels) {
  std::vector<std::string> out(labels.size(), "O");
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == 0) continue;
    std::string type(EntityTypeName(static_cast<EntityType>(LabelType(labels[i]))));
    int pos = LabelPos(labels[i]);
    out[i] = (pos == kB || pos == kU ? "B-" : "I-") + type;
  }
  return out;
}

}  // namespace storyline::entities
