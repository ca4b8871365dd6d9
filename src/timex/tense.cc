// Tense cues; see tense.h. The word lists are the fallback's whole model.
#include "src/timex/tense.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace storyline::timex {
namespace {

constexpr std::string_view kFutureWords[] = {
    "will", "shall", "won't", "would", "could", "might", "should", "must",
    "can", "cannot", "plans", "plan", "intends", "hopes", "expects", "aims"};
// Verbs that look ahead before "to": "planned to leave on Thursday", "agreed
// to purchase it in February", "set to resume Monday" put the event after
// the verb, whatever its tense. "scheduled"/"slated" do so on their own
// ("has scheduled a news conference Thursday").
constexpr std::string_view kFutureBeforeTo[] = {
    "planned", "planning", "agreed", "decided", "promised", "vowed", "set",
    "prepared", "preparing", "intended", "hoped", "expected", "threatened",
    "due", "poised", "ready", "wanted", "sought", "aimed"};
constexpr std::string_view kFutureAlone[] = {"scheduled", "slated"};
// "be" forms that become future before "set/going/expected/due/scheduled to".
constexpr std::string_view kBeForms[] = {"is", "are", "was", "were", "am", "be"};
constexpr std::string_view kFutureAfterBe[] = {
    "set", "going", "expected", "scheduled", "due", "slated", "poised", "about"};
constexpr std::string_view kPastWords[] = {
    "was", "were", "had", "did", "said", "told", "took", "went", "came",
    "made", "gave", "got", "fell", "rose", "met", "won", "lost", "sold",
    "bought", "saw", "began", "left", "held", "paid", "sent", "spent", "kept",
    "brought", "thought", "found", "led", "ran", "became", "broke", "chose",
    "drew", "drove", "flew", "grew", "knew", "meant", "spoke", "stood",
    "struck", "swore", "taught", "threw", "wrote", "fought", "sought",
    "caught", "built", "felt", "heard", "has", "have", "hadn't", "didn't",
    "wasn't", "weren't", "ago", "ate", "hid", "shot", "shook", "stole",
    "understood", "withdrew", "overtook", "undertook", "slid", "sank", "lay"};
// Verbs of saying. They are cues like any other verb here: on TimeBank
// training data, demoting them (reporting = true) lowered value accuracy,
// so the fallback leaves `reporting` false; the syntax stage may set it.
constexpr std::string_view kReportingWords[] = {"said", "says", "told"};
constexpr std::string_view kPresentWords[] = {
    "is", "are", "am", "says", "does", "isn't", "aren't", "doesn't"};
// Words in -ed that are not past verbs.
constexpr std::string_view kNotPastEd[] = {
    "indeed", "speed", "seed", "feed", "need", "bed", "hundred", "red",
    "shed", "breed", "creed", "greed", "proceed", "exceed", "succeed",
    "embed", "naked", "wicked", "sacred", "kindred", "weed", "steed",
    "deed", "reed", "bleed", "heed", "tweed", "sled", "fled", "united"};
// An -ed form after these is a participle or adjective, not a tense cue.
constexpr std::string_view kParticipleBefore[] = {
    "be", "been", "being", "is", "are", "was", "were", "will", "has", "have",
    "had", "to", "the", "a", "an", "get", "got", "'s", "would", "could"};

// Membership in the cue lists: one hash lookup per word gives a bit per
// list (the lists are consulted several times for every word of a sentence
// holding a relative expression).
enum : uint16_t {
  kFuture = 1, kBe = 2, kAfterBe = 4, kPast = 8, kReporting = 16, kPresent = 32,
  kNotPast = 64, kParticiple = 128, kBeforeTo = 256, kAlone = 512
};
uint16_t CueMask(std::string_view w) {
  static const std::unordered_map<std::string_view, uint16_t>* masks = [] {
    auto* m = new std::unordered_map<std::string_view, uint16_t>;
    auto add = [m](const auto& list, uint16_t bit) {
      for (std::string_view x : list) (*m)[x] |= bit;
    };
    add(kFutureWords, kFuture);
    add(kBeForms, kBe);
    add(kFutureAfterBe, kAfterBe);
    add(kPastWords, kPast);
    add(kReportingWords, kReporting);
    add(kPresentWords, kPresent);
    add(kNotPastEd, kNotPast);
    add(kParticipleBefore, kParticiple);
    add(kFutureBeforeTo, kBeforeTo);
    add(kFutureAlone, kAlone);
    return m;
  }();
  if (w.empty() || w.size() > 10) return 0;  // no cue word is longer
  auto it = masks->find(w);
  return it == masks->end() ? 0 : it->second;
}

bool EndsWith(std::string_view w, std::string_view suf) {
  return w.size() >= suf.size() && w.substr(w.size() - suf.size()) == suf;
}

}  // namespace

std::vector<TagContext::Verb> FindTenseCues(const std::vector<Token>& toks, size_t first,
                                           size_t last) {
  std::vector<TagContext::Verb> cues;
  if (last > toks.size()) last = toks.size();
  // Masks of tokens [first - 2, last + 2), computed once.
  const size_t lo = first >= 2 ? first - 2 : 0;
  const size_t hi = std::min(toks.size(), last + 2);
  std::vector<uint16_t> masks(hi - lo);
  for (size_t k = lo; k < hi; ++k)
    masks[k - lo] = toks[k].kind == Token::Kind::kWord ? CueMask(toks[k].lower) : 0;
  auto M = [&](size_t k) -> uint16_t { return k >= lo && k < hi ? masks[k - lo] : 0; };
  for (size_t i = first; i < last; ++i) {
    const Token& t = toks[i];
    if (t.kind != Token::Kind::kWord) continue;
    std::string_view w = t.lower;
    Tense tense = Tense::kUnknown;
    if ((M(i) & kBe) && i + 2 < toks.size() && (M(i + 1) & kAfterBe) &&
        toks[i + 2].Is("to")) {
      tense = Tense::kFuture;
    } else if ((M(i) & kPresent) && (M(i) & kBe) && i + 2 < toks.size() &&
               (M(i + 1) & kAfterBe) && toks[i + 2].Is("for")) {
      // "The meeting is set for Tuesday", "talks are scheduled for March":
      // a present plan points ahead (a past one, "was set for", may not).
      tense = Tense::kFuture;
    } else if ((M(i) & kPresent) && (M(i) & kBe) && i + 1 < toks.size() &&
               toks[i + 1].Is("to")) {
      // "is to resume trading Tuesday": a plan ahead.
      tense = Tense::kFuture;
    } else if (w == "going" && i + 1 < toks.size() && toks[i + 1].Is("to") &&
               i > 0 && (M(i - 1) & kBe)) {
      tense = Tense::kFuture;
    } else if ((M(i) & kFuture) || EndsWith(w, "'ll")) {
      // "may" the modal, never the month May.
      tense = Tense::kFuture;
      if ((w == "plans" || w == "plan" || w == "intends" || w == "hopes" ||
           w == "expects" || w == "aims") &&
          !(i + 1 < toks.size() && toks[i + 1].Is("to")))
        tense = Tense::kUnknown;
      // "would have", "could have": past.
      if (i + 1 < toks.size() && toks[i + 1].Is("have") && w != "will")
        tense = Tense::kPast;
    } else if (w == "may" && !t.cap) {
      tense = Tense::kFuture;
    } else if ((M(i) & kPast)) {
      // "will be held", "to be paid": a participle after "be"; the modal
      // or the verb before it carries the tense.
      if (!(i > 0 && (toks[i - 1].Is("be") || toks[i - 1].Is("being")) && !(M(i) & kBe)))
        tense = Tense::kPast;
      // "has to decide by Friday", "has until Monday", "have a meeting
      // Tuesday": a main verb (obligation, possession), not the perfect.
      if ((w == "has" || w == "have") && i + 1 < toks.size() &&
          (toks[i + 1].Is("to") || toks[i + 1].Is("until") || toks[i + 1].Is("a") ||
           toks[i + 1].Is("an") || toks[i + 1].Is("the") || toks[i + 1].Is("no")))
        tense = toks[i + 1].Is("to") ? Tense::kFuture : Tense::kPresent;
    } else if ((M(i) & kPresent)) {
      tense = Tense::kPresent;
    } else if (w.size() >= 5 && EndsWith(w, "ed") && !(M(i) & kNotPast) &&
               t.info == nullptr) {
      bool participle = false;
      for (size_t k = 1; k <= 2 && k <= i; ++k) {
        const Token& p = toks[i - k];
        if (p.kind == Token::Kind::kWord && (M(i - k) & kParticiple)) participle = true;
        if (p.kind == Token::Kind::kPunct) break;
      }
      // "markets untouched by the crisis": a participle before "by".
      if (i + 1 < toks.size() && toks[i + 1].Is("by")) participle = true;
      if (!participle) tense = Tense::kPast;
    }
    if ((M(i) & kReporting) && tense == Tense::kUnknown) tense = Tense::kPast;
    // "planned to leave Thursday": the verb keeps its own tense for what
    // precedes it ("On Friday, the government planned to pay"), and "to"
    // is a future cue for what follows; not after "had"/"been" ("had been
    // scheduled to expire Friday" is a past plan).
    const bool to_next = i + 1 < toks.size() && toks[i + 1].Is("to");
    const bool ahead = ((M(i) & kAlone) || ((M(i) & kBeforeTo) && to_next)) &&
                       !(i > 0 && (toks[i - 1].Is("had") || toks[i - 1].Is("been")));
    if (ahead && !to_next) tense = Tense::kFuture;  // "has scheduled a hearing Thursday"
    if (tense != Tense::kUnknown)
      cues.push_back({t.begin, t.end, tense, false});
    if (ahead && to_next)
      cues.push_back({toks[i + 1].begin, toks[i + 1].end, Tense::kFuture, false});
  }
  return cues;
}

std::vector<TagContext::Range> FallbackSentences(const std::vector<Token>& toks) {
  std::vector<TagContext::Range> out;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (out.empty() || toks[i].sentence != toks[i - 1].sentence)
      out.push_back({toks[i].begin, toks[i].end});
    else
      out.back().end = toks[i].end;
  }
  return out;
}

Tense GoverningTense(uint32_t begin, uint32_t end,
                     const std::vector<TagContext::Range>& sentences,
                     const std::vector<TagContext::Verb>& verbs) {
  uint32_t s_begin = 0, s_end = UINT32_MAX;
  if (!sentences.empty()) {
    // The last sentence starting at or before `begin`.
    auto it = std::upper_bound(sentences.begin(), sentences.end(), begin,
                               [](uint32_t b, const TagContext::Range& r) { return b < r.begin; });
    if (it != sentences.begin()) {
      --it;
      s_begin = it->begin;
      s_end = std::max(it->end, end);
    }
  }
  // Verbs are sorted by begin: scan outward from the timex.
  auto first_right = std::lower_bound(
      verbs.begin(), verbs.end(), end,
      [](const TagContext::Verb& v, uint32_t e) { return v.begin < e; });
  // Two passes: verbs of saying only count when nothing else does. Each
  // pass looks at most kWindow verbs to each side.
  constexpr int kWindow = 8;
  for (bool allow_reporting : {false, true}) {
    Tense best = Tense::kUnknown;
    double best_dist = 1e18;
    int seen = 0;
    for (auto it = first_right; it != verbs.begin() && seen < kWindow;) {
      --it;
      ++seen;
      if (it->end > begin) continue;  // overlaps the timex itself
      if (it->begin < s_begin) break;
      if (it->reporting && !allow_reporting) continue;
      best = it->tense;
      best_dist = static_cast<double>(begin - it->end);
      break;
    }
    seen = 0;
    for (auto it = first_right; it != verbs.end() && seen < kWindow; ++it, ++seen) {
      if (it->begin < end) continue;
      if (it->end > s_end) break;
      if (it->reporting && !allow_reporting) continue;
      double d = 1.5 * static_cast<double>(it->begin - end);
      if (d < best_dist) best = it->tense;
      break;
    }
    if (best != Tense::kUnknown) return best;
  }
  return Tense::kUnknown;
}

}  // namespace storyline::timex
