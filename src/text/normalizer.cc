// The text normaliser: Unicode NFC plus a fold for matching, with a byte map
// back to the source. See normalizer.h for the segment scheme and
// docs/text.md for the full rule list.
//
// Cost is linear: ASCII text is detected eight bytes at a time and returned
// unchanged with an empty (identity) map; otherwise ASCII bytes are copied
// one by one and only non-ASCII segments reach utf8proc.
#include "src/text/normalizer.h"

#include <utf8proc.h>

#include <cstdlib>
#include <cstring>
#include <string_view>

#include "src/util/utf8.h"
#include "storyline/text.h"

namespace storyline::text {
namespace {

// Offset of the first byte >= 0x80, or s.size().
size_t FindNonAscii(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if (w & 0x8080808080808080ULL) break;
  }
  for (; i < n; ++i)
    if (static_cast<unsigned char>(s[i]) >= 0x80) return i;
  return n;
}

// Appends `cp` folded; every output byte maps to `src`.
inline void EmitFolded(char32_t cp, uint32_t src, NormalizedText* out) {
  const char32_t f = FoldCodepoint(cp);
  if (f == kDropCodepoint) return;
  const size_t before = out->text.size();
  util::AppendUtf8(f, &out->text);
  out->to_source.insert(out->to_source.end(), out->text.size() - before, src);
}

// Appends the source characters [b, e) of `s` one by one, each folded and
// mapped to its own source offset.
void EmitRange(std::string_view s, size_t b, size_t e, NormalizedText* out) {
  while (b < e) {
    int len = 0;
    const char32_t cp = util::DecodeUtf8(s, b, &len);
    EmitFolded(cp, static_cast<uint32_t>(b), out);
    b += static_cast<size_t>(len);
  }
}

// True when NFC leaves the single code point `cp` alone: no canonical
// decomposition (compatibility ones do not count for NFC).
inline bool NfcStableAlone(char32_t cp) {
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  return p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0;
}

}  // namespace

char32_t FoldCodepoint(char32_t cp) {
  if (cp < 0x80) return cp;
  switch (cp) {
    // Single quotes and apostrophes: ‘ ’ ‚ ‛ and the prime used as one.
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
      return '\'';
    // Double quotes: “ ” „ ‟ and the double prime.
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
      return '"';
    // Dashes: hyphen, non-breaking hyphen, figure, en, em, horizontal bar,
    // minus, small/full-width hyphen-minus, small em dash.
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
      return '-';
    // Spaces: NBSP, Ogham, en quad .. hair space, narrow NBSP, medium
    // mathematical space, ideographic space.
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return ' ';
    // Line/paragraph separators and NEL end a line.
    case 0x0085: case 0x2028: case 0x2029:
      return '\n';
    // Soft hyphen, zero-width space/non-joiner/joiner, word joiner, BOM.
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
    case 0xFEFF:
      return kDropCodepoint;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return ' ';
  return cp;
}

bool IsNfcSegmentStart(char32_t cp) {
  if (cp < 0x80) return true;
  if (cp >= 0x1161 && cp <= 0x1175) return false;  // Hangul V jamo
  if (cp >= 0x11A8 && cp <= 0x11C2) return false;  // Hangul T jamo
  if (cp == 0x0F73 || cp == 0x0F75 || cp == 0x0F81) return false;
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (p->combining_class != 0) return false;
  // utf8proc 2.x marks code points that can be the second of a canonical
  // composition pair with comb_index >= 0x8000.
  if (p->comb_index != UINT16_MAX && p->comb_index >= 0x8000) return false;
  return true;
}

NormalizedText Normalize(std::string_view source) {
  NormalizedText out;
  const size_t n = source.size();
  size_t first = FindNonAscii(source);
  if (first == n) {
    out.text.assign(source);  // identity: to_source stays empty
    return out;
  }
  // The ASCII character before the first non-ASCII one may be the starter
  // its combining marks attach to, so the careful path starts there.
  if (first > 0) --first;
  out.text.reserve(n + n / 16 + 8);
  out.to_source.reserve(n + n / 16 + 9);
  out.text.assign(source.substr(0, first));
  out.to_source.resize(first);
  for (size_t k = 0; k < first; ++k) out.to_source[k] = static_cast<uint32_t>(k);

  size_t i = first;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(source[i]);
    if (c < 0x80 && (i + 1 == n || static_cast<unsigned char>(source[i + 1]) < 0x80)) {
      out.text.push_back(static_cast<char>(c));
      out.to_source.push_back(static_cast<uint32_t>(i));
      ++i;
      continue;
    }
    // Segment [i, j): a starter and every following non-starter.
    int len = 0;
    const char32_t cp = util::DecodeUtf8(source, i, &len);
    size_t j = i + static_cast<size_t>(len);
    while (j < n && static_cast<unsigned char>(source[j]) >= 0x80) {
      int len2 = 0;
      const char32_t cp2 = util::DecodeUtf8(source, j, &len2);
      if (IsNfcSegmentStart(cp2)) break;
      j += static_cast<size_t>(len2);
    }
    if (j == i + static_cast<size_t>(len) && NfcStableAlone(cp)) {
      EmitFolded(cp, static_cast<uint32_t>(i), &out);
      i = j;
      continue;
    }
    utf8proc_uint8_t* composed = nullptr;
    const utf8proc_ssize_t m = utf8proc_map(
        reinterpret_cast<const utf8proc_uint8_t*>(source.data() + i),
        static_cast<utf8proc_ssize_t>(j - i), &composed,
        static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (m < 0 || (static_cast<size_t>(m) == j - i &&
                  std::memcmp(composed, source.data() + i, j - i) == 0)) {
      EmitRange(source, i, j, &out);  // unchanged: exact per-character map
    } else {
      // Changed by NFC: output maps to the segment start, except that when
      // the starter survives unchanged (a space before stray marks), the
      // marks after it map to the source after the starter.
      std::string_view nfc(reinterpret_cast<const char*>(composed), static_cast<size_t>(m));
      uint32_t src = static_cast<uint32_t>(i);
      for (size_t k = 0; k < nfc.size();) {
        int l = 0;
        const char32_t ocp = util::DecodeUtf8(nfc, k, &l);
        EmitFolded(ocp, src, &out);
        if (k == 0 && ocp == cp) src = static_cast<uint32_t>(i + static_cast<size_t>(len));
        k += static_cast<size_t>(l);
      }
    }
    std::free(composed);
    i = j;
  }
  out.to_source.push_back(static_cast<uint32_t>(n));
  return out;
}

}  // namespace storyline::text
