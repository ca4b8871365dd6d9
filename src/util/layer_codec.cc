// Layer <-> bytes. Format (all integers LEB128 varints):
//   'L' version name_len name
//   n_strings {len bytes}*          string table: labels, keys, values
//   n_spans {delta_begin size label n_attrs {key value}*}*
// Begins are delta-coded against the previous span's begin, so a token layer
// costs about 3-4 bytes per token before SQLite sees it.
#include <string>
#include <unordered_map>

#include "storyline/span.h"

namespace storyline {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

bool GetVarint(std::string_view* in, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64 && !in->empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    result |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *v = result;
      return true;
    }
  }
  return false;
}

bool GetString(std::string_view* in, std::string* s) {
  uint64_t len;
  if (!GetVarint(in, &len) || len > in->size()) return false;
  s->assign(in->substr(0, len));
  in->remove_prefix(len);
  return true;
}

}  // namespace

std::string EncodeLayer(const Layer& layer) {
  std::unordered_map<std::string_view, uint32_t> ids;
  std::vector<std::string_view> table;
  auto intern = [&](std::string_view s) {
    auto [it, inserted] = ids.emplace(s, static_cast<uint32_t>(table.size()));
    if (inserted) table.push_back(s);
    return it->second;
  };
  std::string body;
  PutVarint(layer.spans.size(), &body);
  uint32_t prev = 0;
  for (const Span& s : layer.spans) {
    // Spans are sorted by begin, but tolerate any order with zigzag coding.
    int64_t delta = static_cast<int64_t>(s.begin) - prev;
    PutVarint(static_cast<uint64_t>((delta << 1) ^ (delta >> 63)), &body);
    PutVarint(s.end - s.begin, &body);
    PutVarint(intern(s.label), &body);
    PutVarint(s.attrs.size(), &body);
    for (const auto& [k, v] : s.attrs) {
      PutVarint(intern(k), &body);
      PutVarint(intern(v), &body);
    }
    prev = s.begin;
  }
  std::string out = "L";
  PutVarint(layer.version, &out);
  PutVarint(layer.name.size(), &out);
  out += layer.name;
  PutVarint(table.size(), &out);
  for (std::string_view s : table) {
    PutVarint(s.size(), &out);
    out += s;
  }
  out += body;
  return out;
}

bool DecodeLayer(std::string_view in, Layer* layer) {
  if (in.empty() || in.front() != 'L') return false;
  in.remove_prefix(1);
  uint64_t version, n;
  if (!GetVarint(&in, &version) || !GetString(&in, &layer->name)) return false;
  layer->version = static_cast<uint32_t>(version);
  if (!GetVarint(&in, &n) || n > in.size()) return false;
  std::vector<std::string> table(n);
  for (auto& s : table)
    if (!GetString(&in, &s)) return false;
  auto lookup = [&](std::string* out) {
    uint64_t id;
    if (!GetVarint(&in, &id) || id >= table.size()) return false;
    *out = table[id];
    return true;
  };
  if (!GetVarint(&in, &n) || n > in.size()) return false;
  layer->spans.clear();
  layer->spans.reserve(n);
  int64_t prev = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint64_t zz, size, n_attrs;
    if (!GetVarint(&in, &zz) || !GetVarint(&in, &size)) return false;
    int64_t begin = prev + static_cast<int64_t>((zz >> 1) ^ -(zz & 1));
    if (begin < 0 || begin + size > UINT32_MAX) return false;
    Span s;
    s.begin = static_cast<uint32_t>(begin);
    s.end = static_cast<uint32_t>(begin + size);
    if (!lookup(&s.label) || !GetVarint(&in, &n_attrs) || n_attrs > in.size())
      return false;
    s.attrs.resize(n_attrs);
    for (auto& [k, v] : s.attrs)
      if (!lookup(&k) || !lookup(&v)) return false;
    layer->spans.push_back(std::move(s));
    prev = begin;
  }
  return in.empty();
}

}  // namespace storyline
