// The tokeniser: one left-to-right pass over normalised bytes producing UD
// English (EWT) tokens. Whitespace-delimited chunks are cut into words and
// punctuation; words keep their internal connectors where EWT does
// (2.5, 10,000, 10:30, 12/05, U.S., e-mail, AT&T, O'Brien) and shed clitics
// ('s 'm 'd 're 've 'll n't) and the fused forms EWT splits (cannot,
// gonna). URLs and e-mail addresses stay whole. No regular expressions and
// no allocation besides the output vector: every decision looks at a few
// bytes around the cursor, so the cost is linear in the input.
#include "src/text/tokenizer.h"

#include <algorithm>
#include <span>

#include <utf8proc.h>

#include "src/text/abbreviations.h"
#include "src/text/char_class.h"
#include "src/text/normalizer.h"
#include "src/util/utf8.h"

namespace storyline::text {

CpClass ClassifyCodepoint(char32_t cp) {
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x3FFFF))
    return CpClass::kIdeograph;
  // A character NFC may merge with what precedes it (a combining mark, a
  // Hangul vowel jamo, a composing vowel sign) never starts a token, so
  // token boundaries fall on normaliser segment boundaries and map back to
  // the source exactly.
  if (!IsNfcSegmentStart(cp)) return CpClass::kMark;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return CpClass::kUpperWord;
    case UTF8PROC_CATEGORY_LL:
      return CpClass::kLowerWord;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CpClass::kMark;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return CpClass::kPunct;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
      return CpClass::kSpace;
    default:
      return CpClass::kWord;
  }
}

namespace {

enum class Kind : uint8_t { kSpace, kWord, kMark, kPunct, kIdeograph };


// "U.S", "e.g", "a.m": single letters joined by periods.
bool IsDottedInitials(std::string_view w) {
  if (w.size() < 3 || w.size() % 2 == 0) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if (i % 2 == 0 ? !IsAsciiAlpha(w[i]) : w[i] != '.') return false;
  return true;
}

// Punctuation whose runs EWT keeps as one token.
bool RepeatsAsOneToken(char c) {
  switch (c) {
    case '.': case '-': case '=': case '*': case '~': case '#': case '+': case '<':
    case '>': case '$': case '^': case '|': case '\\': case '/': case '%': case '&':
    case '@':
      return true;
    default:
      return false;
  }
}

// Words EWT splits into two syntactic words without an apostrophe, with
// the length of the first: "cannot" -> can not, "gonna" -> gon na, and the
// apostrophe-less contractions of web text ("dont" -> do nt). Sorted.
struct Fused {
  std::string_view word;
  size_t cut;
};
constexpr Fused kFused[] = {
    {"alot", 1},    {"arent", 3},    {"cannot", 3},   {"cant", 2},    {"couldnt", 5},
    {"didnt", 3},   {"doesnt", 4},   {"dont", 2},     {"gonna", 3},   {"gotta", 3},
    {"hasnt", 3},   {"havent", 4},   {"im", 1},       {"isnt", 2},    {"ive", 1},
    {"outta", 3},   {"shouldnt", 6}, {"thats", 4},    {"wanna", 3},   {"wasnt", 3},
    {"werent", 4},  {"wouldnt", 5},
};

// A number glued to a unit or magnitude ("375mm", "5pm", "$5m", "24hrs") is
// two words in UD English; ordinals ("3rd"), decades ("1990s"), team names
// ("49ers") and single letters other than the magnitudes k, m and b ("3D",
// "4G") stay one (EWT train: "9m" split 50 times, "9k" 20, "9b" 11, "9th"
// kept 65 times). Returns where the letters start, or 0.
size_t UnitSplit(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && (IsAsciiDigit(w[d]) || ((w[d] == ',' || w[d] == '.') && d > 0 &&
                                                  d + 1 < w.size() && IsAsciiDigit(w[d + 1]))))
    ++d;
  if (d == 0 || d == w.size() || w.size() - d > 8) return 0;  // a unit is short
  for (size_t i = d; i < w.size(); ++i)
    if (!IsAsciiAlpha(w[i])) return 0;
  const std::string_view rest = w.substr(d);
  static constexpr std::string_view kMagnitudes[] = {"k", "m", "b"};
  if (rest.size() == 1) return IsOneOfLower(rest, kMagnitudes) ? d : 0;
  static constexpr std::string_view kKept[] = {"st", "nd", "rd", "th", "ers", "er"};
  return IsOneOfLower(rest, kKept) ? 0 : d;
}

size_t FusedSplit(std::string_view w) {
  char buf[8];
  for (size_t i = 0; i < w.size(); ++i) buf[i] = Lower(w[i]);
  const std::string_view lw(buf, w.size());
  size_t lo = 0, hi = std::size(kFused);
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (kFused[mid].word < lw) lo = mid + 1;
    else hi = mid;
  }
  return lo < std::size(kFused) && kFused[lo].word == lw ? kFused[lo].cut : 0;
}

// "its" is *it's* (EWT: "it" + "s") before these words, which cannot follow
// the possessive: "its a", "its not", "its been", "its really" (not "very":
// "its very existence").
constexpr std::string_view kItIsBefore[] = {
    "a", "an", "been", "definitely", "getting", "going", "just", "not", "really", "simply", "the"};

class Tokenizer {
 public:
  Tokenizer(std::string_view s, uint32_t end, std::vector<Token>* out)
      : s_(s), end_(end), out_(out) {}

  void Run(size_t i) {
    while (i < end_) {
      if (IsAsciiSpace(s_[i])) { ++i; continue; }
      size_t ce = i;
      bool maybe_url = false;
      while (ce < end_ && !IsAsciiSpace(s_[ce])) {
        const char c = s_[ce];
        if (c == '@' || (c == ':' && ce + 2 < end_ && s_[ce + 1] == '/' && s_[ce + 2] == '/'))
          maybe_url = true;
        ++ce;
      }
      if (ce - i > 4 && Lower(s_[i]) == 'w' && Lower(s_[i + 1]) == 'w' &&
          Lower(s_[i + 2]) == 'w' && s_[i + 3] == '.')
        maybe_url = true;
      if (!maybe_url || !TryUrl(i, ce)) Chunk(i, ce);
      i = ce;
    }
  }

 private:
  Kind KindAt(size_t i, int* len) const {
    const uint8_t b = Bits(s_[i]);
    if (!(b & kHigh)) {
      *len = 1;
      if (b & kSpace) return Kind::kSpace;
      if (b & kPunct) return s_[i] == '_' ? Kind::kWord : Kind::kPunct;
      return Kind::kWord;
    }
    const char32_t cp = util::DecodeUtf8(s_, i, len);
    switch (ClassifyCodepoint(cp)) {
      case CpClass::kMark: return Kind::kMark;
      case CpClass::kPunct: return Kind::kPunct;
      case CpClass::kSpace: return Kind::kSpace;
      case CpClass::kIdeograph: return Kind::kIdeograph;
      default: return Kind::kWord;
    }
  }

  // A letter (ASCII or not) starts at i.
  bool AlphaAt(size_t i, size_t ce) const {
    if (i >= ce) return false;
    if (IsAsciiAlpha(s_[i])) return true;
    if (!(Bits(s_[i]) & kHigh)) return false;
    int len = 0;
    return KindAt(i, &len) == Kind::kWord;
  }
  // No word character starts at i (a clitic ends there).
  bool WordEndsAt(size_t i, size_t ce) const {
    if (i >= ce) return true;
    int len = 0;
    const Kind k = KindAt(i, &len);
    return k != Kind::kWord && k != Kind::kMark;
  }

  void Emit(size_t b, size_t e) {
    Token t;
    t.n_begin = static_cast<uint32_t>(b);
    t.n_end = static_cast<uint32_t>(e);
    out_->push_back(t);
  }

  size_t SkipMarks(size_t q, size_t ce) const {
    while (q < ce && (Bits(s_[q]) & kHigh)) {
      int len = 0;
      if (KindAt(q, &len) != Kind::kMark) break;
      q += static_cast<size_t>(len);
    }
    return q;
  }

  void Chunk(size_t p, size_t ce) {
    while (p < ce) {
      int len = 0;
      switch (KindAt(p, &len)) {
        case Kind::kSpace:
          p += static_cast<size_t>(len);
          break;
        case Kind::kWord:
        case Kind::kMark:
          p = Word(p, ce);
          break;
        case Kind::kIdeograph: {
          const size_t q = SkipMarks(p + static_cast<size_t>(len), ce);
          Emit(p, q);
          p = q;
          break;
        }
        case Kind::kPunct:
          p = Punct(p, ce, static_cast<size_t>(len));
          break;
      }
    }
  }

  // ":)", ":-(", ";-)", ":D", ":P" followed by a non-word; sets *q past it.
  bool IsEmoticon(size_t p, size_t ce, size_t* q) const {
    size_t k = p + 1;
    if (k < ce && s_[k] == '-') ++k;
    if (k >= ce) return false;
    const char m = s_[k];
    if (!(m == ')' || m == '(' || m == 'D' || m == 'P' || m == 'p')) return false;
    if (k + 1 < ce && IsAsciiAlnum(s_[k + 1])) return false;
    if (p > 0 && IsAsciiAlnum(s_[p - 1]) && m != ')') return false;
    *q = k + 1;
    return true;
  }

  size_t Punct(size_t p, size_t ce, size_t len) {
    size_t q = p + len;
    const char c = s_[p];
    if (c == '#' && q == p + 1 && AlphaAt(q, ce) && (p == 0 || !IsAsciiAlnum(s_[p - 1]))) {
      return Word(p, ce);  // "#audiobooks"
    } else if (len == 1 && (c == '-' || c == '=')) {
      while (q < ce && (s_[q] == '-' || s_[q] == '=')) ++q;  // "--", "----==" (a rule)
    } else if (len == 1 && RepeatsAsOneToken(c)) {
      while (q < ce && s_[q] == c) ++q;  // "...", "====", "$$$", "<<"
    } else if ((c == ':' || c == ';') && IsEmoticon(p, ce, &q)) {
      // ":)", ":-(", ";-)"
    } else if (c == '+' && q < ce && IsAsciiDigit(s_[q]) &&
               (p == 0 || !IsAsciiAlnum(s_[p - 1]))) {
      return Word(p, ce);  // "+1 212-848-8400"
    } else if (c == '!' || c == '?') {
      while (q < ce && (s_[q] == '!' || s_[q] == '?')) ++q;  // "?!", "!!!"
    } else if (c == '\'' && q < ce && IsAsciiDigit(s_[q])) {
      return Word(p, ce);  // "'90s"
    }
    q = SkipMarks(q, ce);
    Emit(p, q);
    return q;
  }

  // Scans a word starting at p (a word character, or an apostrophe before a
  // digit) and emits it with any clitics; returns the position after it.
  size_t Word(size_t p, size_t ce) {
    const size_t start = p;
    size_t j = p;
    if (s_[j] == '\'' || s_[j] == '+' || s_[j] == '#') ++j;
    size_t hyphen_seg = j;  // start of the part after the last kept hyphen
    size_t dot_seg = j;     // start of the part after the last kept period
    while (true) {
      while (j < ce) {
        int len = 0;
        const Kind k = KindAt(j, &len);
        if (k != Kind::kWord && k != Kind::kMark) break;
        j += static_cast<size_t>(len);
      }
      if (j >= ce || j == start) break;
      const char x = s_[j];
      const char prev = s_[j - 1];
      const char next = j + 1 < ce ? s_[j + 1] : ' ';
      const bool prev_digit = IsAsciiDigit(prev), next_digit = IsAsciiDigit(next);
      bool keep = false;
      switch (x) {
        case '.':
          if (prev_digit && next_digit) keep = true;                  // 2.5
          else if (Bits(next) & (kLower | kDigit)) keep = IsAsciiAlnum(prev) || (Bits(prev) & kHigh);  // e.g, bbc.co
          else if ((Bits(next) & kUpper) && j - dot_seg == 1 && IsAsciiAlpha(prev))
            keep = true;                                              // U.S
          if (keep) dot_seg = j + 1;
          break;
        case ',':
        case ':':
          keep = prev_digit && next_digit;  // 10,000  10:30
          break;
        case '/':
          // 12/05/99, and EWT's single-letter forms "b/c", "w/o", "A/C".
          keep = (prev_digit && next_digit) ||
                 (j - start == 1 && IsAsciiAlpha(prev) && IsAsciiAlpha(next) &&
                  WordEndsAt(j + 2, ce));
          break;
        case '@':
          keep = IsAsciiAlnum(prev) && IsAsciiAlnum(next);  // "Griffith@ENRON"
          break;
        case '-':
          if (prev_digit && next_digit) {
            keep = true;  // 713-853-3989
          } else if (AlphaAt(j + 1, ce) && j > hyphen_seg && j - hyphen_seg <= 8) {
            char buf[8];
            for (size_t k = hyphen_seg; k < j; ++k) buf[k - hyphen_seg] = Lower(s_[k]);
            keep = IsHyphenPrefix(std::string_view(buf, j - hyphen_seg));
          }
          if (keep) hyphen_seg = j + 1;
          break;
        case '&':
          keep = (Bits(prev) & kUpper) && (Bits(next) & kUpper);  // AT&T
          break;
        case '\'': {
          // n't: "don't" -> do n't, "can't" -> ca n't.
          if ((prev == 'n' || prev == 'N') && (next == 't' || next == 'T') &&
              WordEndsAt(j + 2, ce)) {
            if (j - 1 > start) Emit(start, j - 1);
            Emit(j - 1, j + 2);
            return j + 2;
          }
          const size_t cl = CliticLength(j + 1, ce);
          if (cl > 0) {
            Emit(start, j);
            Emit(j, j + 1 + cl);
            return j + 1 + cl;
          }
          keep = AlphaAt(j + 1, ce);  // O'Brien, o'clock
          break;
        }
        default:
          break;
      }
      if (!keep) break;
      ++j;
    }
    if (j == start) {  // a lone apostrophe that did not open "'90s"
      Emit(start, start + 1);
      return start + 1;
    }
    return FinishWord(start, j, ce);
  }

  // Length of the clitic after an apostrophe at i-1: 's 'm 'd (1) or
  // 're 've 'll (2), followed by a non-word character; else 0.
  size_t CliticLength(size_t i, size_t ce) const {
    if (i >= ce) return 0;
    const char a = Lower(s_[i]);
    if ((a == 's' || a == 'm' || a == 'd') && WordEndsAt(i + 1, ce)) return 1;
    if (i + 1 < ce) {
      const char b = Lower(s_[i + 1]);
      if (((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) &&
          WordEndsAt(i + 2, ce))
        return 2;
    }
    return 0;
  }

  // Emits the word [start, j), splitting fused forms and attaching the
  // period of an abbreviation.
  size_t FinishWord(size_t start, size_t j, size_t ce) {
    const std::string_view w = s_.substr(start, j - start);
    if (const size_t cut = UnitSplit(w); cut > 0) {
      Emit(start, start + cut);
      Emit(start + cut, j);
      return j;
    }
    if (w.size() == 3 && Lower(w[0]) == 'i' && w[1] == 't' && w[2] == 's' && ItIsFollows(j)) {
      Emit(start, start + 2);
      Emit(start + 2, j);
      return j;
    }
    if (w.size() >= 2 && w.size() <= 8) {
      const size_t cut = FusedSplit(w);
      if (cut > 0) {
        Emit(start, start + cut);
        Emit(start + cut, j);
        return j;
      }
    }
    // "Inc.." is the abbreviation then the sentence's period; "Inc..." an
    // ellipsis.
    if (j < ce && s_[j] == '.' && !(j + 2 < ce && s_[j + 1] == '.' && s_[j + 2] == '.') &&
        AttachesPeriod(w, j)) {
      Emit(start, j + 1);
      return j + 1;
    }
    Emit(start, j);
    return j;
  }

  // Whether the word after position i (past spaces) is one of kItIsBefore.
  bool ItIsFollows(size_t i) const {
    while (i < end_ && s_[i] == ' ') ++i;
    size_t e = i;
    while (e < end_ && IsAsciiAlpha(s_[e])) ++e;
    if (e < end_ && IsAsciiAlnum(s_[e])) return false;  // "a1" is not "a"
    return IsOneOfLower(s_.substr(i, e - i), kItIsBefore);
  }

  bool AttachesPeriod(std::string_view w, size_t dot) const {
    if (w.size() == 1) return (Bits(w[0]) & kUpper) && w[0] != 'I';  // "J. K."
    if (IsAbbreviation(w) || IsDottedInitials(w)) return true;
    if (w == "No" || w == "no" || w == "Nos") {  // "No. 5"
      size_t k = dot + 1;
      while (k < end_ && k < dot + 3 && s_[k] == ' ') ++k;
      return k < end_ && IsAsciiDigit(s_[k]);
    }
    return false;
  }

  // The characters an e-mail address's local part is made of here (RFC 5322
  // allows more, but quotes and brackets around an address are punctuation).
  static bool IsLocalPartChar(char c) {
    return IsAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  // A chunk containing "://", "www." or '@': emits a URL or e-mail address
  // as one token, with surrounding punctuation split off. Returns false
  // (emitting nothing) when the chunk is neither.
  bool TryUrl(size_t b, size_t e) {
    size_t cb = b;
    while (cb < e && (s_[cb] == '(' || s_[cb] == '"' || s_[cb] == '\'' || s_[cb] == '<' ||
                      s_[cb] == '['))
      ++cb;
    size_t opens = 0, closes = 0;
    for (size_t k = cb; k < e; ++k) {
      opens += s_[k] == '(';
      closes += s_[k] == ')';
    }
    size_t cend = e;
    while (cend > cb) {
      const char c = s_[cend - 1];
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
          c == '"' || c == ']' || c == '>') {
        --cend;
      } else if (c == ')' && closes > opens) {
        --closes;
        --cend;
      } else {
        break;
      }
    }
    const std::string_view core = s_.substr(cb, cend - cb);
    bool ok = false;
    const size_t scheme = core.find("://");
    if (scheme != std::string_view::npos && scheme > 0 && scheme + 3 < core.size()) {
      ok = true;
      for (size_t k = 0; k < scheme; ++k) ok = ok && IsAsciiAlpha(core[k]);
    } else if (core.size() > 4 && Lower(core[0]) == 'w' && Lower(core[1]) == 'w' &&
               Lower(core[2]) == 'w' && core[3] == '.') {
      ok = true;
    } else {
      const size_t at = core.find('@');
      // "franz371...@gmail.com": mail archives hide the end of the local
      // part behind "..."; the address is still one token (as in EWT).
      const bool hidden = at != std::string_view::npos && at > 3 &&
                          core.substr(at - 3, 3) == "..." && IsAsciiAlnum(core[at - 4]);
      if (at != std::string_view::npos && at > 0 && (IsAsciiAlnum(core[at - 1]) || hidden)) {
        const size_t dot = core.find('.', at);
        ok = dot != std::string_view::npos && dot > at + 1 && dot + 1 < core.size() &&
             IsAsciiAlpha(core[dot + 1]);
        // The address starts where its local part does: in
        // 'Reynolds"<rreynol...@cogeco.ca>' the name and the quote and
        // bracket before it are tokens of their own.
        size_t local = at;
        while (local > 0 && IsLocalPartChar(core[local - 1])) --local;
        while (local < at && (core[local] == '.' || core[local] == '-')) ++local;
        if (ok && local > 0) {
          if (local == at) return false;
          cb += local;
        }
      }
    }
    if (!ok) return false;
    Chunk(b, cb);
    Emit(cb, cend);
    Chunk(cend, e);
    return true;
  }

  std::string_view s_;
  size_t end_;
  std::vector<Token>* out_;
};

}  // namespace

void TokenizeRange(std::string_view norm, uint32_t begin, uint32_t end,
                   std::vector<Token>* out) {
  Tokenizer(norm, end, out).Run(begin);
}

void FinishTokens(const NormalizedText& norm, size_t from, std::vector<Token>* tokens) {
  std::vector<Token>& t = *tokens;
  const bool identity = norm.to_source.empty();
  for (size_t i = from; i < t.size(); ++i) {
    t[i].begin = identity ? t[i].n_begin : norm.to_source[t[i].n_begin];
    t[i].end = identity ? t[i].n_end : norm.to_source[t[i].n_end];
    t[i].space_after = i + 1 == t.size() || t[i + 1].n_begin != t[i].n_end;
  }
}

bool IsAbbreviationToken(std::string_view form) {
  return form.size() > 1 && form.back() == '.' && form[form.size() - 2] != '.';
}

std::vector<Token> Tokenize(std::string_view source, const NormalizedText& norm) {
  (void)source;
  std::vector<Token> tokens;
  tokens.reserve(norm.text.size() / 5 + 4);
  TokenizeRange(norm.text, 0, static_cast<uint32_t>(norm.text.size()), &tokens);
  FinishTokens(norm, 0, &tokens);
  return tokens;
}

}  // namespace storyline::text
