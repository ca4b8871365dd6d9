// Paragraph and sentence splitting over the tokens of each paragraph; see
// sentence_splitter.h. Every decision looks at one or two tokens around a
// terminator (and, for captions, at most a few hundred bytes of bracket or
// paragraph text), so the pass is linear in the input.
#include "src/text/sentence_splitter.h"

#include <cctype>
#include <cstring>

#include "src/text/abbreviations.h"
#include "src/text/char_class.h"
#include "src/text/tokenizer.h"
#include "src/util/utf8.h"
#include "storyline/text.h"

namespace storyline::text {
namespace {

constexpr size_t kMaxCreditBytes = 160;      // longest bracketed credit
constexpr size_t kMaxCreditLineBytes = 400;  // longest caption paragraph

bool ContainsAny(std::string_view s, std::initializer_list<std::string_view> needles) {
  for (std::string_view n : needles)
    if (s.find(n) != std::string_view::npos) return true;
  return false;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes)
    if (s.substr(0, p.size()) == p) return true;
  return false;
}

enum class Case { kUpper, kLower, kOther };

// How the token starting at byte i of the normalised text begins.
Case CaseAt(std::string_view s, size_t i) {
  const uint8_t b = Bits(s[i]);
  if (b & kUpper) return Case::kUpper;
  if (b & kLower) return Case::kLower;
  if (b & kDigit) return Case::kOther;
  if (b & kHigh) {
    int len = 0;
    switch (ClassifyCodepoint(util::DecodeUtf8(s, i, &len))) {
      case CpClass::kLowerWord: return Case::kLower;
      case CpClass::kPunct: case CpClass::kSpace: case CpClass::kMark: return Case::kOther;
      default: return Case::kUpper;  // upper case, or a script without case
    }
  }
  return Case::kOther;
}

enum class Term { kNone, kPeriod, kStrong, kEllipsis, kAbbrev, kAlways };

class Splitter {
 public:
  Splitter(std::string_view s, Analysis* a) : s_(s), a_(a) {}

  std::string_view Form(size_t t) const {
    const Token& k = a_->tokens[t];
    return s_.substr(k.n_begin, k.n_end - k.n_begin);
  }
  bool Glued(size_t t) const {  // token t touches token t-1
    return a_->tokens[t].n_begin == a_->tokens[t - 1].n_end;
  }

  Term TermOf(std::string_view f) const {
    if (f == ".") return Term::kPeriod;
    if (f[0] == '.' || f == "\u2026") return Term::kEllipsis;
    if (f[0] == '!' || f[0] == '?' || IsEmoticon(f)) return Term::kStrong;
    if (f == "\u3002" || f == "\uFF01" || f == "\uFF1F") return Term::kAlways;
    if (IsAbbreviationToken(f)) return Term::kAbbrev;
    return Term::kNone;
  }

  static bool IsCloser(std::string_view f) {
    return f == "\"" || f == "'" || f == ")" || f == "]" || f == "}" || f == "\u00BB";
  }
  static bool IsOpener(std::string_view f) {
    return f == "\"" || f == "'" || f == "(" || f == "[" || f == "\u00AB";
  }
  // Letters only (ASCII or not): a word, not a number, symbol or URL.
  static bool IsWord(std::string_view f) {
    if (f.empty()) return false;
    for (unsigned char ch : f)
      if (ch < 0x80 && !std::isalpha(ch)) return false;
    return true;
  }
  // A web address token ("http://...", "www.example.org"): after a bare
  // terminator it opens a sentence although it is lower case ("Well worth
  // a visit. http://example.org").
  static bool IsWebAddress(std::string_view f) {
    return f.starts_with("http://") || f.starts_with("https://") || f.starts_with("www.");
  }
  static bool IsEmoticon(std::string_view f) {
    return f == ":)" || f == ":(" || f == ":-)" || f == ":-(" || f == ":P" || f == ":D" ||
           f == ";)" || f == ";-)";
  }
  static bool IsReferenceMark(std::string_view f) {
    if (f == "..." || f == "\u2026") return true;
    for (unsigned char ch : f)
      if (!std::isdigit(ch)) return false;
    return !f.empty() && f.size() <= 3;
  }
  static bool IsContinuation(std::string_view f) {
    // Punctuation never opens a sentence: more terminators (". .", "! ?")
    // and an emoticon after the terminator stay with the sentence they end.
    return f == "," || f == ";" || f == ":" || f == ")" || f == "]" || f == "-" || f == "%" ||
           f == "." || f[0] == '!' || f[0] == '?' || IsEmoticon(f);
  }

  void AddSentence(size_t first, size_t last, uint32_t para, bool caption) {
    Sentence se;
    se.first_token = static_cast<uint32_t>(first);
    se.last_token = static_cast<uint32_t>(last);
    se.begin = a_->tokens[first].begin;
    se.end = a_->tokens[last - 1].end;
    se.paragraph = para;
    se.caption = caption;
    a_->sentences.push_back(se);
  }

  // Whether a sentence ends before token `next` (< tl) after terminator kind
  // `term` written as token `term_tok`.
  bool EndsBefore(Term term, size_t term_tok, size_t next, size_t tl) const {
    std::string_view nf = Form(next);
    if (term == Term::kAlways) return true;
    if (IsContinuation(nf)) return false;
    size_t k = next;
    if (IsOpener(nf) && k + 1 < tl) ++k;
    const Case c = CaseAt(s_, a_->tokens[k].n_begin);
    // A lowercase word right after the terminator (no closing quote or
    // bracket between) still starts a sentence in informal text ("call
    // them at 5. max is here", "really? there will be"); after a closer it
    // continues one ("'Why?' he asked").
    const bool bare = next == term_tok + 1 && k == next;
    switch (term) {
      case Term::kPeriod:
        return c != Case::kLower || (bare && IsWebAddress(nf)) ||
               (bare && term_tok > 0 && IsWord(Form(term_tok - 1)) && IsWord(nf));
      case Term::kStrong:
        return c != Case::kLower || (bare && (IsWord(nf) || IsWebAddress(nf)));
      case Term::kEllipsis:
        return c == Case::kUpper;
      case Term::kAbbrev: {
        std::string_view f = Form(term_tok);
        f.remove_suffix(1);
        if (f.size() == 1 || IsTitleAbbreviation(f)) return false;  // "J. K.", "Dr."
        return IsSentenceStarter(Form(k));
      }
      default:
        return false;
    }
  }

  static bool AllDigits(std::string_view f) {
    if (f.empty()) return false;
    for (unsigned char ch : f)
      if (!std::isdigit(ch)) return false;
    return true;
  }
  // "08/16/2000", "10/8/99".
  static bool IsSlashDate(std::string_view f) {
    const size_t a = f.find('/'), b = f.rfind('/');
    if (a == std::string_view::npos || a == b) return false;
    std::string_view m = f.substr(0, a), d = f.substr(a + 1, b - a - 1), y = f.substr(b + 1);
    return AllDigits(m) && m.size() <= 2 && AllDigits(d) && d.size() <= 2 && AllDigits(y) &&
           (y.size() == 2 || y.size() == 4);
  }
  // "12:05", "03:14:14": hours of one or two digits, then ":MM" or ":MM:SS".
  static bool IsClock(std::string_view f) {
    const size_t colon = f.find(':');
    if (colon == 0 || colon > 2 || !AllDigits(f.substr(0, colon))) return false;
    std::string_view rest = f.substr(colon + 1);
    if (rest.size() == 2) return AllDigits(rest);
    return rest.size() == 5 && rest[2] == ':' && AllDigits(rest.substr(0, 2)) &&
           AllDigits(rest.substr(3));
  }
  // "jane@example.org": a mail address token.
  static bool IsMailAddress(std::string_view f) {
    const size_t at = f.find('@');
    return at != std::string_view::npos && at > 0 &&
           f.find('.', at) != std::string_view::npos && f.back() != '.';
  }
  // A line of 5+ rule characters: "=====", "_____", "*****".
  static bool IsRuleLine(std::string_view f) {
    if (f.size() < 5) return false;
    for (char ch : f)
      if (ch != '=' && ch != '_' && ch != '*' && ch != '-' && ch != '~' && ch != '#') return false;
    return true;
  }
  // The end of a mail header's date-time stamp starting at t ("08/16/2000
  // 12:05 PM"), or 0.
  size_t StampEnd(size_t t, size_t tl) const {
    if (t + 1 >= tl || !IsSlashDate(Form(t)) || !IsClock(Form(t + 1))) return 0;
    size_t e = t + 2;
    if (e < tl) {
      std::string_view f = Form(e);
      if (f == "AM" || f == "PM" || f == "am" || f == "pm") ++e;
    }
    return e;
  }
  // Sentence boundaries that no punctuation marks, in e-mail and web text.
  // Each rule is backed by UD EWT train (how often a gold boundary is where
  // it fires): before a header's date-time stamp (139 of 142; not after
  // "on", 0 of 11) and after one (147 of 147); after a sentence-opening
  // "Thanks ," / "Regards ," before a capitalised name (43 of 50); around
  // a rule line "=====" (62 of 79); after a web or mail address or a reply
  // marker (">", not the one opening the line) before a capitalised word
  // or another address (35 of 37 between addresses; 27 of 31, 20 of 23 and
  // 26 of 28 before a capital). Returns the token a new sentence starts
  // at, or 0.
  size_t MailBoundary(size_t t, size_t start, size_t tl) const {
    const std::string_view f = Form(t);
    if (t > start && IsRuleLine(f)) return t;
    if (IsRuleLine(f) && t + 1 < tl) return t + 1;
    if (size_t e = StampEnd(t, tl)) {
      if (t > start) {
        std::string_view before = Form(t - 1);
        const bool prep = before == "on" || before == "On" || before == "at" || before == "by" ||
                          before == "since" || before == "until" || before == "from";
        if (!prep) return t;
      }
      if (e < tl) return e;
    }
    // A signature or link line ended.
    if (t + 1 < tl &&
        (IsWebAddress(f) || IsMailAddress(f) || ((f == ">" || f == ">>") && t > start))) {
      if (IsWebAddress(Form(t + 1)) ||
          CaseAt(s_, a_->tokens[t + 1].n_begin) == Case::kUpper)
        return t + 1;
    }
    if (f == "," && t + 1 < tl && CaseAt(s_, a_->tokens[t + 1].n_begin) == Case::kUpper) {
      std::string_view w = t == start + 1 ? Form(t - 1) : t == start + 2 ? Form(t - 2) : "";
      if (t == start + 2 && Form(t - 1) != "you") w = "";
      static constexpr std::string_view kClosings[] = {"thanks", "regards", "sincerely",
                                                       "cheers", "thank"};
      if (IsOneOfLower(w, kClosings)) return t + 1;
    }
    return 0;
  }

  void SplitParagraph(size_t tf, size_t tl, uint32_t para) {
    const size_t para_first_sentence = a_->sentences.size();
    size_t start = tf;
    size_t bracket = SIZE_MAX;
    for (size_t t = tf; t < tl; ++t) {
      if (size_t b = MailBoundary(t, start, tl); b > start && b < tl) {
        AddSentence(start, b, para, false);
        start = b;
        t = b - 1;  // b may be t itself: look at it again as a sentence start
        continue;
      }
      const std::string_view f = Form(t);
      if (f == "[") {
        bracket = t;
        continue;
      }
      if (f == "]" && bracket != SIZE_MAX) {
        const size_t ib = a_->tokens[bracket].n_end, ie = a_->tokens[t].n_begin;
        // Caption rule: a bracketed credit glued to a capitalised word.
        if (t + 1 < tl && Glued(t + 1) && CaseAt(s_, a_->tokens[t + 1].n_begin) == Case::kUpper &&
            IsCreditText(s_.substr(ib, ie - ib))) {
          a_->sentences.resize(para_first_sentence);
          AddSentence(tf, t + 1, para, true);
          start = t + 1;
        }
        bracket = SIZE_MAX;
        continue;
      }
      const Term term = TermOf(f);
      if (term == Term::kNone) continue;
      size_t j = t + 1;
      while (j < tl && IsCloser(Form(j)) && Glued(j)) ++j;
      // A reference mark ("[17]", "[...]") belongs to the sentence it ends.
      if (j + 2 < tl && Form(j) == "[" && Form(j + 2) == "]" && IsReferenceMark(Form(j + 1))) j += 3;
      if (j >= tl) break;
      if (EndsBefore(term, t, j, tl)) {
        AddSentence(start, j, para, false);
        start = j;
      }
      t = j - 1;
    }
    if (start < tl) AddSentence(start, tl, para, false);
    // A paragraph that is a credit line is one caption.
    const size_t pb = a_->tokens[tf].n_begin, pe = a_->tokens[tl - 1].n_end;
    if (pe - pb <= kMaxCreditLineBytes && IsCreditLine(s_.substr(pb, pe - pb)))
      for (size_t i = para_first_sentence; i < a_->sentences.size(); ++i)
        a_->sentences[i].caption = true;
  }

 private:
  std::string_view s_;
  Analysis* a_;
};

}  // namespace

bool IsCreditText(std::string_view in) {
  if (in.empty() || in.size() > kMaxCreditBytes) return false;
  if (ContainsAny(in, {"via ", "Reuters", "AFP", "AP Photo", "/AP", "AP/", "Getty", "EPA",
                       "Photo", "photo", "Pool", "Handout", "handout", "Courtesy", "courtesy",
                       "Credit", "credit", "Xinhua", "Anadolu", "Sputnik", "TASS", "Bloomberg",
                       "Shutterstock", "Alamy", "Images", "\u00A9"}))
    return true;
  // "Jane Doe/Agency": a capitalised name list joined by slashes.
  return (Bits(in[0]) & kUpper) && in.find('/') != std::string_view::npos;
}

bool IsCreditLine(std::string_view p) {
  if (p.empty() || p.size() > kMaxCreditLineBytes) return false;
  if (StartsWithAny(p, {"Photo:", "Photos:", "Photograph:", "Image:", "Picture:", "Credit:",
                        "Pictured:", "Photo by ", "Photograph by ", "Photo credit", "PHOTO:",
                        "FILE PHOTO", "File photo:"}))
    return true;
  const char last = p.back();
  if (last == ']' || last == ')') {
    const size_t open = p.rfind(last == ']' ? '[' : '(');
    if (open != std::string_view::npos && IsCreditText(p.substr(open + 1, p.size() - open - 2)) &&
        p.substr(open + 1).find_first_of("[(") == std::string_view::npos)
      return true;
  }
  if (last == '.' || last == '?' || last == '!' || last == '"' || last == '\'') return false;
  return ContainsAny(p, {"Getty Images", "AP Photo", "via Reuters", "/Reuters", "Reuters/", "/AFP",
                         "AFP/", "AFP via", "EPA-EFE", "/EPA", "/Sputnik", "Shutterstock",
                         "/Xinhua", "/Anadolu", "/Bloomberg", "\u00A9"});
}

namespace {

// A single newline inside running text is a hard wrap (Reuters, e-mail,
// fixed-width feeds), not a paragraph break: the line is long and does not
// end a sentence, and the next line goes on. Short lines (headlines,
// datelines) and lines ending in sentence punctuation still end paragraphs,
// as in news text with single-newline paragraphs.
bool IsSoftWrap(std::string_view s, size_t line_begin, size_t nl) {
  constexpr size_t kMinWrappedLine = 40;
  size_t e = nl;
  while (e > line_begin && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  if (e == line_begin) return false;  // blank line
  // Start of this line: the paragraph may already span wrapped lines.
  size_t b = e;
  while (b > line_begin && s[b - 1] != '\n') --b;
  if (e - b < kMinWrappedLine) return false;
  // Skip closing quotes, then look for sentence punctuation; a line ending
  // in a bracket (a credit, a dateline) ends its paragraph too.
  size_t k = e;
  while (k > b + 1 && (s[k - 1] == '"' || s[k - 1] == '\'')) --k;
  char last = s[k - 1];
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ')' ||
      last == ']')
    return false;
  // The next line must continue the text (not a blank line or end of input).
  size_t n = nl + 1;
  while (n < s.size() && (s[n] == ' ' || s[n] == '\t' || s[n] == '\r')) ++n;
  return n < s.size() && s[n] != '\n';
}

}  // namespace

Analysis Analyze(std::string_view source, const NormalizedText& norm, const Options& options) {
  (void)source;
  Analysis a;
  const std::string_view s = norm.text;
  const size_t n = s.size();
  a.tokens.reserve(n / 5 + 4);
  a.sentences.reserve(n / 100 + 1);
  Splitter splitter(s, &a);
  size_t i = 0;
  while (i < n) {
    while (i < n && IsAsciiSpace(s[i])) ++i;
    if (i >= n) break;
    const size_t pb = i;
    // Paragraph end: the next line break, or with single newlines off, the
    // next line break followed by a blank line.
    size_t pe = pb;
    while (true) {
      const void* nl = std::memchr(s.data() + pe, '\n', n - pe);
      if (nl == nullptr) { pe = n; break; }
      pe = static_cast<size_t>(static_cast<const char*>(nl) - s.data());
      if (options.split_paragraphs_on_single_newline && !IsSoftWrap(s, pb, pe)) break;
      size_t k = pe + 1;
      while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) ++k;
      if (k >= n || s[k] == '\n') break;
      pe = k;
    }
    const size_t first = a.tokens.size();
    TokenizeRange(s, static_cast<uint32_t>(pb), static_cast<uint32_t>(pe), &a.tokens);
    i = pe;
    if (a.tokens.size() == first) continue;  // only spaces or controls
    FinishTokens(norm, first, &a.tokens);
    const uint32_t para = static_cast<uint32_t>(a.paragraphs.size());
    a.paragraphs.push_back(Paragraph{a.tokens[first].begin, a.tokens.back().end});
    splitter.SplitParagraph(first, a.tokens.size(), para);
  }
  return a;
}

}  // namespace storyline::text
