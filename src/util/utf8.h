// UTF-8 helpers shared by every stage: validation with the offset of the
// first bad byte, and code point decoding. Hand-written because they sit on
// the hottest path (every byte of every article) and need the error offset,
// which utf8proc's validation does not report.
#ifndef STORYLINE_SRC_UTIL_UTF8_H_
#define STORYLINE_SRC_UTIL_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace storyline::util {

// Returns the byte offset of the first invalid sequence, or npos when `s` is
// valid UTF-8 (overlongs, surrogates and > U+10FFFF are invalid).
size_t FindInvalidUtf8(std::string_view s);
inline bool IsValidUtf8(std::string_view s) {
  return FindInvalidUtf8(s) == std::string_view::npos;
}

// Decodes the code point at s[i] (which must be valid UTF-8) and sets *len to
// its byte length.
inline char32_t DecodeUtf8(std::string_view s, size_t i, int* len) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { *len = 1; return c; }
  if (c < 0xE0) {
    *len = 2;
    return ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
  }
  if (c < 0xF0) {
    *len = 3;
    return ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3F);
  }
  *len = 4;
  return ((c & 0x07) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 12) |
         ((static_cast<unsigned char>(s[i + 2]) & 0x3F) << 6) |
         (static_cast<unsigned char>(s[i + 3]) & 0x3F);
}

// Appends the UTF-8 encoding of `cp` to `out`.
template <typename String>
void AppendUtf8(char32_t cp, String* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace storyline::util

#endif  // STORYLINE_SRC_UTIL_UTF8_H_
