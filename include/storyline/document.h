// Document: one article, immutable after ingest.
//
// A Document owns the bytes exactly as read (`raw`), the article text that
// every span indexes (`text`: for plain text the file minus its " date
// YYYY-MM-DD" header, for HTML the extracted main text, for JSON Lines the
// "text" field), and the normalised text used for matching (`normalized`,
// NFC with curly quotes, dashes and odd spaces folded) with a byte map back
// into `text`. Its id is a hash of the source and the normalised text, so
// the same text from the same outlet is one article however often it comes.
#ifndef STORYLINE_DOCUMENT_H_
#define STORYLINE_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline {

// A calendar day. Publication dates are days; times of day are not kept.
struct Date {
  int year = 0, month = 0, day = 0;
  // Parses "YYYY-MM-DD" (a valid Gregorian day, years 1000-9999).
  static Result<Date> Parse(std::string_view iso);
  std::string ToString() const;  // "2024-11-05"
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Metadata a reader found; every field may be empty/unknown.
struct ArticleMeta {
  std::string source;       // outlet: JSON "source", --source, or parent folder
  std::string url;
  std::string title;
  std::optional<Date> date; // unknown stays unknown: never defaulted to today
  std::string date_source;  // "header", "json", "html-meta", "flag" or ""
  std::string origin;       // where it came from: "feed.jsonl:17", "a/b.txt", "-"
};

// Normalised text with a map back into the text it came from.
struct NormalizedText {
  std::string text;
  // to_source[i] is the byte offset in the source text of normalised byte i;
  // to_source[text.size()] is the source length. Empty means identity (the
  // common all-ASCII case), which saves four bytes per byte.
  std::vector<uint32_t> to_source;

  uint32_t ToSource(uint32_t offset) const {
    return to_source.empty() ? offset : to_source[offset];
  }
};

class Document {
 public:
  Document() = default;
  // `normalized` must be the normalisation of `text` (see text/normalizer.h).
  Document(ArticleMeta meta, std::string raw, std::string text,
           NormalizedText normalized);

  const std::string& id() const { return id_; }  // 16 hex digits
  const ArticleMeta& meta() const { return meta_; }
  const std::string& raw() const { return raw_; }
  const std::string& text() const { return text_; }
  const NormalizedText& normalized() const { return normalized_; }

  // The id a document with this source and normalised text gets.
  static std::string ComputeId(std::string_view source,
                               std::string_view normalized_text);

 private:
  std::string id_;
  ArticleMeta meta_;
  std::string raw_;
  std::string text_;
  NormalizedText normalized_;
};

}  // namespace storyline

#endif  // STORYLINE_DOCUMENT_H_
