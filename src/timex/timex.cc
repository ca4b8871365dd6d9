// The timex stage entry points: Tag (tokenize, grammar, tense, resolve),
// Resolve, the "timex" layer codec and value validation. See timex.h.
#include "storyline/timex.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "src/timex/calendar.h"
#include "src/timex/grammar.h"
#include "src/timex/resolver.h"
#include "src/timex/tense.h"
#include "src/timex/tokenizer.h"

namespace storyline::timex {
namespace {

using K = Semantics::Kind;

constexpr std::string_view kTypeNames[] = {"DATE", "TIME", "DURATION", "SET"};
constexpr std::string_view kTenseNames[] = {"", "past", "present", "future"};
constexpr std::string_view kKindNames[] = {"lit", "shift", "named", "reported", "anaphor"};
constexpr std::string_view kUnitNames[] = {"century", "decade", "year", "half", "quarter",
                                           "season", "month", "week", "day"};

template <typename E, size_t N>
bool FindName(const std::string_view (&names)[N], std::string_view s, E* out) {
  for (size_t i = 0; i < N; ++i)
    if (names[i] == s) { *out = static_cast<E>(i); return true; }
  return false;
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

std::string AnchorFor(const Semantics& s, std::optional<Date> dct) {
  if (s.kind == K::kLiteral) return "";
  return dct ? "DCT:" + dct->ToString() : "none";
}

// A bare quarter or half: "the second half", "the final quarter".
bool BareQuarterOrHalf(const Semantics& s) {
  if (s.unit != Unit::kQuarter && s.unit != Unit::kHalf) return false;
  return (s.kind == K::kNamed && s.offset == Semantics::kByTense) ||
         (s.kind == K::kReported && s.n == 0);
}

// "a year ago", "a year earlier".
bool YearAgo(const Match& m, const std::vector<Token>& toks) {
  const Semantics& s = m.sem;
  if ((s.kind != K::kShift && s.kind != K::kAnaphoric) || s.unit != Unit::kYear ||
      s.offset != -1 || !s.suffix.empty() || m.type != TimexType::kDate)
    return false;
  const Token& last = toks[m.last - 1];
  return last.Is("ago") || last.Is("earlier");
}

// "For the nine months, net was $2 million, compared with $1 million a year
// earlier": the comparison is of a longer period than a quarter, and
// TimeBank gives its year-ago the calendar year ("1988"; 5 of 7 such on the
// train and dev splits). True when the sentence before `at` speaks of N
// months other than three.
bool LongerPeriodBefore(const std::vector<Token>& toks, size_t at) {
  const uint32_t sentence = at < toks.size() ? toks[at].sentence : 0;
  for (size_t k = at; k-- > 1 && toks[k].sentence == sentence;) {
    if (!toks[k].Is("months")) continue;
    const Token& n = toks[k - 1];
    const int64_t v = n.kind == Token::Kind::kNumber ? n.num : n.info ? n.info->number : -1;
    if (v >= 2 && v <= 12 && v != 3) return true;
  }
  return false;
}

// TimeBank's financial convention: in an earnings report "a year ago", "a
// year earlier" and "year-ago" mean the reported quarter one year back
// ("1988-Q3"), not the calendar year (30 of 39 such expressions on the
// train split). An earnings report speaks of quarters and of money; a
// football report has a "fourth quarter" and no fiscal year, and without
// money a bare half or quarter is a game's ("the second half"), not a date
// (dated ones, "the first half of 2024", stay). The text is scanned only
// when a match depends on it.
void ApplyFinancialConvention(const std::vector<Token>& toks, std::vector<Match>* matches) {
  bool depends = false;
  for (const Match& m : *matches) depends = depends || BareQuarterOrHalf(m.sem) || YearAgo(m, toks);
  if (!depends) return;
  static constexpr std::string_view kMoneyWords[] = {
      "profit", "profits", "earnings", "revenue", "revenues", "sales", "income",
      "dividend", "dividends", "quarterly", "fiscal", "shares", "stock", "cents"};
  bool quarter = false, money = false;
  for (const Token& t : toks) {
    if (t.info && t.info->unit == DurUnit::kQuarter) quarter = true;
    if (t.kind == Token::Kind::kWord &&
        std::find(std::begin(kMoneyWords), std::end(kMoneyWords), t.lower) != std::end(kMoneyWords))
      money = true;
    if (quarter && money) break;
  }
  if (!money) {
    std::erase_if(*matches, [](const Match& m) { return BareQuarterOrHalf(m.sem); });
    return;
  }
  if (!quarter) return;
  for (Match& m : *matches) {
    if (!YearAgo(m, toks)) continue;
    if (LongerPeriodBefore(toks, m.first)) continue;
    m.sem.kind = K::kReported;
    m.sem.unit = Unit::kQuarter;
    m.sem.offset = -4;
  }
}

// Before a month, a point still ahead of a past verb: an end point
// ("until", "through", "till", "by") or the day a change takes effect
// ("created an office, effective Feb. 1").
bool AheadPointWord(const Token& t) {
  return t.Is("until") || t.Is("through") || t.Is("till") || t.Is("by") || t.Is("effective");
}

}  // namespace

std::string_view TypeName(TimexType type) { return kTypeNames[static_cast<int>(type)]; }

bool ParseType(std::string_view name, TimexType* type) {
  return FindName(kTypeNames, name, type);
}

std::vector<Timex> Tag(std::string_view text, std::optional<Date> dct,
                       const TagContext* ctx, const Options& options) {
  if (text.size() > options.max_bytes) text = text.substr(0, options.max_bytes);
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  TokenizedText tt;
  Tokenize(text, &tt);
  std::vector<Match> matches = FindExpressions(tt.tokens);
  ApplyFinancialConvention(tt.tokens, &matches);
  std::vector<TagContext::Range> fallback_sentences;
  std::vector<TagContext::Verb> cues;
  const std::vector<TagContext::Range>* sentences = &fallback_sentences;
  const std::vector<TagContext::Verb>* verbs = &cues;
  if (ctx && !ctx->sentences.empty()) sentences = &ctx->sentences;
  else fallback_sentences = FallbackSentences(tt.tokens);
  // Cue words only matter in sentences holding a relative expression: scan
  // just those, in order. They are kept even when the syntax stage gives the
  // verbs: a cue word knows what a tag does not ("planned to", "is set
  // for" look ahead). The syntax stage's finite verbs fill in the sentences
  // the cue lists miss ("they sang"). Syntax verbs alone scored value F1
  // 0.7749 on the dev split, cues alone 0.7892, both as here 0.7892.
  {
    const std::vector<Token>& toks = tt.tokens;
    size_t scanned_to = 0;
    for (const Match& m : matches) {
      if (m.sem.kind == K::kLiteral) continue;
      uint32_t sentence = toks[m.first].sentence;
      size_t a = m.first, b = m.last;
      while (a > scanned_to && toks[a - 1].sentence == sentence) --a;
      while (b < toks.size() && toks[b].sentence == sentence) ++b;
      if (a < scanned_to) a = scanned_to;
      if (a >= b) continue;
      std::vector<TagContext::Verb> more = FindTenseCues(toks, a, b);
      cues.insert(cues.end(), more.begin(), more.end());
      scanned_to = b;
    }
  }
  std::vector<TagContext::Verb> merged;
  if (ctx && ctx->has_verbs && !ctx->verbs.empty()) {
    merged.reserve(ctx->verbs.size() + cues.size());
    // Both lists are sorted by begin; a cue word replaces the syntax verb
    // on the same token.
    auto c = cues.begin();
    for (const TagContext::Verb& v : ctx->verbs) {
      while (c != cues.end() && c->begin < v.begin) merged.push_back(*c++);
      if (c != cues.end() && c->begin == v.begin) continue;
      merged.push_back(v);
    }
    merged.insert(merged.end(), c, cues.end());
    verbs = &merged;
  }

  std::vector<Timex> out;
  out.reserve(matches.size());
  for (Match& m : matches) {
    Timex t;
    t.begin = tt.tokens[m.first].begin;
    t.end = tt.tokens[m.last - 1].end;
    t.type = m.type;
    t.mod = std::move(m.mod);
    t.semantics = std::move(m.sem);
    if (t.semantics.kind != K::kLiteral)
      t.tense = GoverningTense(t.begin, t.end, *sentences, *verbs);
    // "extended loans through January", "will double flights by August": a
    // month after until/through/till/by is an end point still ahead, even
    // under a past verb (13 such months on the train split, all tagged;
    // this changed one value, for the better, and no other). So is the day
    // a change takes effect: "created an office, effective Feb. 1" (3 of 3
    // "effective" + date on TimeBank are on or after the DCT; 2 were read
    // as past).
    if (t.semantics.kind == K::kNamed && t.semantics.unit == Unit::kMonth &&
        t.tense == Tense::kPast && m.first > 0 && AheadPointWord(tt.tokens[m.first - 1]))
      t.tense = Tense::kFuture;
    // "on patrol since March", "since Monday": a start point already past.
    if (t.semantics.kind == K::kNamed && m.first > 0 && tt.tokens[m.first - 1].Is("since"))
      t.tense = Tense::kPast;
    out.push_back(std::move(t));
  }
  Resolve(&out, dct);
  return out;
}

void Resolve(std::vector<Timex>* timexes, std::optional<Date> dct) {
  // The reference time for anaphoric forms: the last date mentioned.
  std::optional<RefTime> ref;
  for (Timex& t : *timexes) {
    if (t.semantics.kind == K::kAnaphoric && ref && CanAnchor(*ref, t.semantics.unit)) {
      t.value = ResolveAnaphor(t.semantics, *ref) + t.semantics.suffix;
      t.anchor = "ref:" + ref->date.ToString();
    } else {
      t.value = ResolveValue(t.semantics, dct, t.tense);
      t.anchor = AnchorFor(t.semantics, dct);
    }
    // A week is a reference time only when named by a day ("the week of
    // Feb. 9 ... the following month"); "last week" leaves the last day
    // mentioned in place for the clock times and days after it.
    const bool week_of = t.semantics.unit == Unit::kWeek &&
                         (t.semantics.kind == K::kNamed || t.semantics.kind == K::kLiteral);
    RefTime r;
    if ((t.type == TimexType::kDate || t.type == TimexType::kTime) && RefTimeOf(t.value, &r) &&
        (r.precision != Unit::kWeek || week_of))
      ref = r;
  }
}

std::string EncodeSemantics(const Semantics& s) {
  // kind:unit:offset:n:day:holiday:<suffix length>:suffix:literal. The
  // suffix may hold ':' ("T10:35"), hence its length; the literal is last.
  std::string out(kKindNames[static_cast<int>(s.kind)]);
  out += ':';
  out += kUnitNames[static_cast<int>(s.unit)];
  for (int v : {s.offset, s.n, s.day, s.holiday}) {
    out += ':';
    out += std::to_string(v);
  }
  out += ':';
  out += std::to_string(s.suffix.size());
  out += ':';
  out += s.suffix;
  out += ':';
  out += s.literal;
  return out;
}

bool DecodeSemantics(std::string_view in, Semantics* s) {
  std::string_view parts[7];
  for (int i = 0; i < 7; ++i) {
    size_t c = in.find(':');
    if (c == std::string_view::npos) return false;
    parts[i] = in.substr(0, c);
    in.remove_prefix(c + 1);
  }
  Semantics r;
  int suffix_len = 0;
  if (!FindName(kKindNames, parts[0], &r.kind) || !FindName(kUnitNames, parts[1], &r.unit))
    return false;
  if (!ParseInt(parts[2], &r.offset) || !ParseInt(parts[3], &r.n) ||
      !ParseInt(parts[4], &r.day) || !ParseInt(parts[5], &r.holiday) ||
      !ParseInt(parts[6], &suffix_len) || suffix_len < 0 ||
      static_cast<size_t>(suffix_len) >= in.size() + 1 || in.size() < static_cast<size_t>(suffix_len) + 1 ||
      in[static_cast<size_t>(suffix_len)] != ':')
    return false;
  r.suffix = std::string(in.substr(0, static_cast<size_t>(suffix_len)));
  r.literal = std::string(in.substr(static_cast<size_t>(suffix_len) + 1));
  *s = std::move(r);
  return true;
}

Layer ToLayer(const std::vector<Timex>& timexes) {
  Layer layer;
  layer.name = "timex";
  for (const Timex& t : timexes) {
    Span s;
    s.begin = t.begin;
    s.end = t.end;
    s.label = std::string(TypeName(t.type));
    s.set_attr("value", t.value);
    if (!t.mod.empty()) s.set_attr("mod", t.mod);
    if (!t.anchor.empty()) s.set_attr("anchor", t.anchor);
    s.set_attr("form", EncodeSemantics(t.semantics));
    if (t.tense != Tense::kUnknown)
      s.set_attr("tense", std::string(kTenseNames[static_cast<int>(t.tense)]));
    layer.spans.push_back(std::move(s));
  }
  return layer;
}

Result<std::vector<Timex>> FromLayer(const Layer& layer) {
  std::vector<Timex> out;
  for (size_t i = 0; i < layer.spans.size(); ++i) {
    const Span& s = layer.spans[i];
    auto bad = [&](const char* why) {
      return Status::Corruption("timex layer span " + std::to_string(i) + ": " + why);
    };
    Timex t;
    t.begin = s.begin;
    t.end = s.end;
    if (s.end < s.begin) return bad("end before begin");
    if (!ParseType(s.label, &t.type)) return bad("unknown type");
    t.value = std::string(s.attr("value"));
    t.mod = std::string(s.attr("mod"));
    t.anchor = std::string(s.attr("anchor"));
    if (!DecodeSemantics(s.attr("form"), &t.semantics)) return bad("bad form");
    std::string_view tense = s.attr("tense");
    if (!tense.empty() && !FindName(kTenseNames, tense, &t.tense)) return bad("bad tense");
    out.push_back(std::move(t));
  }
  return out;
}

bool IsWellFormedValue(std::string_view value) {
  static const RE2* re = new RE2(
      "(PRESENT_REF|PAST_REF|FUTURE_REF)"
      "|([0-9X]{2}|[0-9X]{3}|[0-9X]{4}"
      "(-([0-9X]{2}(-[0-9X]{2})?|W[0-9X]{2}(-[1-7]|-WE)?|WXX-[1-7]|WXX-WE|Q[1-4X]|H[12X]|SP|SU|FA|WI))?)"
      "(T([0-9]{2}:[0-9]{2}|MO|AF|EV|NI))?"
      "|P([0-9]+(\\.[0-9]+)?|X)(Y|M|W|D|Q|DE|CE|ML|WE)"
      "|PT([0-9]+(\\.[0-9]+)?|X)(H|M|S)"
      "|PT[0-9]+H[0-9]+M|PT[0-9]+M[0-9]+S");  // "5 1/2 hours", "a minute and a half"
  if (!RE2::FullMatch(re2::StringPiece(value.data(), value.size()), *re)) return false;
  // A fully numeric day must exist.
  if (value.size() >= 10 && value[4] == '-' && value[7] == '-') {
    int y = 0, m = 0, d = 0;
    if (ParseInt(value.substr(0, 4), &y) && ParseInt(value.substr(5, 2), &m) &&
        ParseInt(value.substr(8, 2), &d))
      return IsValidDay(y, m, d);
  }
  if (value.size() >= 7 && value[4] == '-' && value[5] != 'W' && value[5] != 'Q' &&
      value[5] != 'H' && value[5] >= '0' && value[5] <= '9') {
    int m = 0;
    if (ParseInt(value.substr(5, 2), &m)) return m >= 1 && m <= 12;
  }
  return true;
}

}  // namespace storyline::timex
