// Tokenizer for the timex grammar; see tokenizer.h.
#include "src/timex/tokenizer.h"

namespace storyline::timex {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Abbreviations before a name or a noun ("Mr. Smith", "Roe vs. Wade"): their
// dot does not end the sentence.
bool TitleAbbreviation(std::string_view w) {
  static constexpr std::string_view kTitles[] = {
      "mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "col", "lt", "sgt",
      "capt", "prof", "rev", "st", "vs", "messrs", "adm", "maj", "cmdr"};
  if (w.size() > 6) return false;
  for (std::string_view t : kTitles)
    if (t == w) return true;
  return false;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the UTF-8 sequence at s[i], or 1 for a stray byte.
size_t Utf8Length(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 1;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  return n;
}

}  // namespace

void Tokenize(std::string_view text, TokenizedText* out) {
  out->lower.assign(text.data(), text.size());
  for (char& c : out->lower)
    if (IsUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  std::string_view lower = out->lower;
  std::vector<Token>& toks = out->tokens;
  toks.clear();
  toks.reserve(text.size() / 5 + 16);  // news averages ~5.5 bytes per token

  const size_t n = text.size();
  size_t i = 0;
  bool space = true;
  int newlines = 0;
  bool pending_hyphen = false;
  uint32_t sentence = 0;
  bool break_pending = false;  // a sentence-final mark was seen

  auto push = [&](Token t) {
    // A closing quote or bracket glued to the mark keeps the break pending.
    bool closer = !space && (t.IsPunct('"') || t.IsPunct('\'') || t.IsPunct(')') ||
                             t.kind == Token::Kind::kOther);
    if (break_pending && closer) {
      t.sentence = sentence;
      t.space_before = space;
      t.hyphen_before = pending_hyphen;
      pending_hyphen = false;
      newlines = 0;
      toks.push_back(t);
      return;
    }
    if (break_pending && (newlines >= 1 || space) &&
        (t.cap || t.kind == Token::Kind::kOther || t.IsPunct('"') ||
         t.kind == Token::Kind::kNumber)) {
      ++sentence;
    } else if (newlines >= 2) {
      ++sentence;
    }
    break_pending = false;
    t.sentence = sentence;
    t.para_before = newlines >= 2;
    t.space_before = space;
    t.hyphen_before = pending_hyphen;
    pending_hyphen = false;
    space = false;
    newlines = 0;
    toks.push_back(t);
  };

  while (i < n) {
    char c = text[i];
    if (IsSpace(c)) {
      if (c == '\n') ++newlines;
      space = true;
      pending_hyphen = false;
      ++i;
      continue;
    }
    // Non-breaking space.
    if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < n &&
        static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      i += 2;
      continue;
    }
    Token t;
    t.begin = static_cast<uint32_t>(i);
    if (IsAlpha(c)) {
      size_t j = i;
      while (j < n && IsAlpha(text[j])) ++j;
      // "a.m." / "p.m."
      if (j == i + 1 && (lower[i] == 'a' || lower[i] == 'p') && j + 1 < n &&
          text[j] == '.' && (lower[j + 1] == 'm')) {
        j += 2;
        if (j < n && text[j] == '.') ++j;
        t.kind = Token::Kind::kWord;
        t.end = static_cast<uint32_t>(j);
        t.lower = lower.substr(i, j - i);
        t.cap = IsUpper(c);
        push(t);
        i = j;
        continue;
      }
      // Contractions with an ASCII apostrophe stay one token ("won't",
      // "they'll"); the possessive "'s" becomes its own token so "month's"
      // is "month" + "'s".
      if (j + 1 < n && text[j] == '\'' && IsAlpha(text[j + 1])) {
        size_t k = j + 1;
        while (k < n && IsAlpha(text[k])) ++k;
        bool possessive = k - j == 2 && (text[j + 1] == 's' || text[j + 1] == 'S');
        if (k - j <= 3 && !possessive) j = k;
      }
      t.kind = Token::Kind::kWord;
      t.lower = lower.substr(i, j - i);
      t.cap = IsUpper(c);
      t.info = t.lower.size() <= 16 ? LookupWord(t.lower) : nullptr;
      size_t end = j;
      if (j < n && text[j] == '.' && t.info && t.info->abbreviation) {
        t.dot = true;
        end = j + 1;
      }
      t.end = static_cast<uint32_t>(end);
      push(t);
      i = end;
      continue;
    }
    if (IsDigit(c) || (c == '\'' && i + 2 < n && IsDigit(text[i + 1]) &&
                       IsDigit(text[i + 2]) &&
                       (i + 3 >= n || !IsDigit(text[i + 3])))) {
      size_t j = i;
      bool apostrophe = c == '\'';
      if (apostrophe) ++j;
      size_t dstart = j;
      while (j < n && IsDigit(text[j])) ++j;
      size_t ndig = j - dstart;
      t.kind = Token::Kind::kNumber;
      // Thousands separators: "10,000".
      while (!apostrophe && j + 3 < n + 0 && text[j] == ',' && IsDigit(text[j + 1]) &&
             IsDigit(text[j + 2]) && IsDigit(text[j + 3]) &&
             (j + 4 >= n || !IsDigit(text[j + 4]))) {
        t.comma_number = true;
        j += 4;
      }
      if (!apostrophe && j + 1 < n && text[j] == '.' && IsDigit(text[j + 1])) {
        t.decimal = true;
        ++j;
        while (j < n && IsDigit(text[j])) ++j;
      }
      if (!t.comma_number && !t.decimal) {
        t.digits = static_cast<uint8_t>(ndig > 255 ? 255 : ndig);
        if (ndig <= 9) {
          int64_t v = 0;
          for (size_t k = dstart; k < dstart + ndig; ++k) v = v * 10 + (text[k] - '0');
          t.num = v;
        }
      }
      // Suffixes: "1990s", "1990's" (NYT style), "19th", "1st".
      size_t plural_s = 0;  // bytes of "s", "'s" or "’s" after the digits
      if (j < n && lower[j] == 's') plural_s = 1;
      else if (j + 1 < n && text[j] == '\'' && lower[j + 1] == 's') plural_s = 2;
      else if (j + 3 < n && text.substr(j, 3) == "\xE2\x80\x99" && lower[j + 3] == 's') plural_s = 4;
      if (plural_s && (j + plural_s >= n || !IsAlpha(text[j + plural_s])) &&
          (ndig == 4 || ndig == 2) && t.num >= 0 && t.num % 10 == 0) {
        t.decade = true;
        j += plural_s;
      } else if (apostrophe) {
        // "'98": a two-digit year.
      } else if (j + 1 < n && (t.num >= 0) && (j + 2 >= n || !IsAlpha(text[j + 2]))) {
        std::string_view suf = lower.substr(j, 2);
        if (suf == "st" || suf == "nd" || suf == "rd" || suf == "th") {
          t.ordinal = true;
          j += 2;
        }
      }
      t.end = static_cast<uint32_t>(j);
      t.lower = lower.substr(i, j - i);
      push(t);
      i = j;
      continue;
    }
    if (c == '\'' && i + 1 < n && (text[i + 1] == 's' || text[i + 1] == 'S') &&
        (i + 2 >= n || !IsAlpha(text[i + 2]))) {
      t.kind = Token::Kind::kWord;
      t.end = static_cast<uint32_t>(i + 2);
      t.lower = lower.substr(i, 2);
      push(t);
      i += 2;
      continue;
    }
    if (c == '-' && !space && !toks.empty() && toks.back().end == i && i + 1 < n &&
        (IsAlpha(text[i + 1]) || IsDigit(text[i + 1]))) {
      pending_hyphen = true;  // glued hyphen: "third-quarter", "mid-1990s"
      ++i;
      continue;
    }
    size_t len = Utf8Length(text, i);
    t.kind = (static_cast<unsigned char>(c) < 0x80) ? Token::Kind::kPunct : Token::Kind::kOther;
    t.end = static_cast<uint32_t>(i + len);
    t.lower = lower.substr(i, len);
    bool final_mark = (c == '.' || c == '!' || c == '?');
    // "U.S." and initials are not sentence ends.
    if (c == '.' && !toks.empty() && toks.back().end == i &&
        toks.back().kind == Token::Kind::kWord &&
        (toks.back().lower.size() == 1 || TitleAbbreviation(toks.back().lower)))
      final_mark = false;
    push(t);
    if (final_mark) break_pending = true;
    i += len;
  }
}

}  // namespace storyline::timex
