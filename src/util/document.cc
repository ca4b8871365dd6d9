#include "storyline/document.h"

#include <xxhash.h>

#include <cstdio>

namespace storyline {

namespace {
bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}
}  // namespace

Result<Date> Date::Parse(std::string_view iso) {
  auto bad = [&] {
    return Status::InvalidArgument("not a date (want YYYY-MM-DD): '" +
                                   std::string(iso.substr(0, 40)) + "'");
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return bad();
  auto num = [&](size_t pos, size_t len, int* out) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (iso[i] < '0' || iso[i] > '9') return false;
      v = v * 10 + (iso[i] - '0');
    }
    *out = v;
    return true;
  };
  Date d;
  if (!num(0, 4, &d.year) || !num(5, 2, &d.month) || !num(8, 2, &d.day)) return bad();
  if (d.year < 1000 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month))
    return bad();
  return d;
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Document::Document(ArticleMeta meta, std::string raw, std::string text,
                   NormalizedText normalized)
    : id_(ComputeId(meta.source, normalized.text)),
      meta_(std::move(meta)),
      raw_(std::move(raw)),
      text_(std::move(text)),
      normalized_(std::move(normalized)) {}

std::string Document::ComputeId(std::string_view source,
                                std::string_view normalized_text) {
  // XXH3-64 over "source\0text": fast, stable across platforms and versions.
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  XXH3_64bits_update(st, source.data(), source.size());
  XXH3_64bits_update(st, "", 1);
  XXH3_64bits_update(st, normalized_text.data(), normalized_text.size());
  unsigned long long h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", h);
  return buf;
}

}  // namespace storyline
