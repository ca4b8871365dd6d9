// Spans and layers: how every stage reports what it found.
//
// A stage reads a `const Document&` and returns a Layer: a named list of
// spans, each a half-open byte range [begin, end) into Document::text(), a
// label (the kind: "sentence", "token", "caption", "DATE", "PER", ...) and a
// few key/value attributes ("value" -> "2024-11-06"). The store keeps one
// compact row per article and layer, so a stage can be rerun alone.
#ifndef STORYLINE_SPAN_H_
#define STORYLINE_SPAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storyline {

struct Span {
  uint32_t begin = 0;  // byte offset into Document::text(), inclusive
  uint32_t end = 0;    // byte offset, exclusive
  std::string label;
  // Small ordered key/value list; a flat vector beats a map at these sizes.
  std::vector<std::pair<std::string, std::string>> attrs;

  uint32_t size() const { return end - begin; }
  // The value of `key`, or "" when absent.
  std::string_view attr(std::string_view key) const {
    for (const auto& [k, v] : attrs)
      if (k == key) return v;
    return {};
  }
  void set_attr(std::string key, std::string value) {
    for (auto& [k, v] : attrs)
      if (k == key) { v = std::move(value); return; }
    attrs.emplace_back(std::move(key), std::move(value));
  }
  friend bool operator==(const Span&, const Span&) = default;
};

// A named set of spans produced by one stage, sorted by (begin, end).
struct Layer {
  std::string name;     // "paragraphs", "sentences", "tokens", "timex", ...
  uint32_t version = 1; // bumped when the producing stage changes meaning
  std::vector<Span> spans;
  friend bool operator==(const Layer&, const Layer&) = default;
};

// Compact binary encoding of a layer (varints and a per-layer string table);
// DecodeLayer returns false on malformed input rather than crashing.
std::string EncodeLayer(const Layer& layer);
bool DecodeLayer(std::string_view bytes, Layer* layer);

}  // namespace storyline

#endif  // STORYLINE_SPAN_H_
