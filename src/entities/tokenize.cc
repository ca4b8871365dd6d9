// SimpleTokenize: a small rule tokeniser standing in for the text layer in
// tests and the developer CLI. Sentences end at . ! ? followed by space and
// an upper-case letter or quote, and at newlines; tokens split punctuation,
// possessive 's and n't off as UD (and CoNLL) do.
#include <cctype>

#include "storyline/entities.h"

namespace storyline::entities {
namespace {

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Multibyte punctuation we split off: curly quotes, dashes, ellipsis.
size_t PunctLen(std::string_view s, size_t i) {
  static const char* kMulti[] = {"\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                 "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6", "\xC2\xAB", "\xC2\xBB"};
  for (const char* m : kMulti) {
    std::string_view mv(m);
    if (s.substr(i, mv.size()) == mv) return mv.size();
  }
  return 0;
}

}  // namespace

std::vector<SentenceInput> SimpleTokenize(std::string_view text) {
  std::vector<SentenceInput> out;
  SentenceInput cur;
  auto push = [&](size_t b, size_t e) {
    TokenInput t;
    t.form = std::string(text.substr(b, e - b));
    t.begin = static_cast<uint32_t>(b);
    t.end = static_cast<uint32_t>(e);
    cur.tokens.push_back(std::move(t));
  };
  auto end_sentence = [&]() {
    if (!cur.tokens.empty()) out.push_back(std::move(cur));
    cur = SentenceInput();
  };
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      end_sentence();
      ++i;
      continue;
    }
    if (IsSpace(c)) { ++i; continue; }
    size_t pl = PunctLen(text, i);
    // Curly apostrophe inside a word (Russia’s) is part of the word logic below.
    bool apostrophe_in_word = pl == 3 && text.substr(i, 3) == "\xE2\x80\x99" && i > 0 &&
                              IsWordByte(static_cast<unsigned char>(text[i - 1])) && i + 3 < n &&
                              std::isalpha(static_cast<unsigned char>(text[i + 3]));
    if (pl && !apostrophe_in_word) {
      push(i, i + pl);
      i += pl;
      continue;
    }
    if (IsWordByte(c) || apostrophe_in_word) {
      size_t j = i;
      while (j < n) {
        unsigned char d = static_cast<unsigned char>(text[j]);
        if (PunctLen(text, j) && !(text.substr(j, 3) == "\xE2\x80\x99" && j + 3 < n &&
                                   std::isalpha(static_cast<unsigned char>(text[j + 3])))) break;
        if (IsWordByte(d)) { ++j; continue; }
        // Inner hyphen, period (U.S.), comma/period between digits, apostrophe.
        if ((d == '-' || d == '.' || d == ',' || d == '\'' || d == '&') && j + 1 < n &&
            IsWordByte(static_cast<unsigned char>(text[j + 1])) && j > i) {
          if (d == ',' && !(std::isdigit(static_cast<unsigned char>(text[j - 1])) &&
                            std::isdigit(static_cast<unsigned char>(text[j + 1])))) break;
          ++j;
          continue;
        }
        if (text.substr(j, 3) == "\xE2\x80\x99") { j += 3; continue; }
        break;
      }
      // Abbreviations like "U.S." or "Mr." keep their final period.
      std::string_view w = text.substr(i, j - i);
      if (j < n && text[j] == '.' &&
          (w == "Mr" || w == "Mrs" || w == "Ms" || w == "Dr" || w == "St" || w == "Gen" ||
           w == "Jr" || w == "Sr" || w == "Lt" || w == "Col" || w == "Sen" || w == "Rep" ||
           (w.find('.') != std::string_view::npos && w.size() <= 6)))
        ++j;
      // Split possessive 's / ’s and n't.
      size_t k = j;
      std::string_view word = text.substr(i, j - i);
      if (word.size() > 2 && (word.substr(word.size() - 2) == "'s" || word.substr(word.size() - 2) == "'S"))
        k = j - 2;
      else if (word.size() > 4 && word.substr(word.size() - 4) == "\xE2\x80\x99s")
        k = j - 4;
      else if (word.size() > 3 && word.substr(word.size() - 3) == "n't")
        k = j - 3;
      push(i, k);
      if (k < j) push(k, j);
      i = j;
      continue;
    }
    push(i, i + 1);
    ++i;
    if ((c == '.' || c == '!' || c == '?')) {
      // Closing quotes and brackets stay in the sentence.
      while (i < n) {
        size_t q = PunctLen(text, i);
        if (q && (text.substr(i, 3) == "\xE2\x80\x9D" || text.substr(i, 3) == "\xE2\x80\x99")) {
          push(i, i + q);
          i += q;
        } else if (text[i] == '"' || text[i] == ')' || text[i] == '\'') {
          push(i, i + 1);
          ++i;
        } else {
          break;
        }
      }
      if (i >= n || IsSpace(static_cast<unsigned char>(text[i]))) end_sentence();
    }
  }
  end_sentence();
  return out;
}

}  // namespace storyline::entities
