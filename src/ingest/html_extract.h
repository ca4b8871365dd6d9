// Main-text and metadata extraction from one HTML page (gumbo), used by the
// HTML reader and exposed for its tests and fuzzer.
//
// Text: the content of the largest <article>, else of <main> / role=main,
// else of the element holding most of the page's <p> text, else the whole
// <body>; always without nav, script, style, header, footer, aside, form,
// noscript and similar chrome, or hidden elements. Paragraphs, headings,
// list items, <br> and other blocks are separated by blank lines; runs of
// whitespace inside a paragraph become one space (kept as is in <pre>);
// entities are decoded. Metadata comes from <meta>, <link rel=canonical>,
// <title>, JSON-LD and <time>; see docs/ingest.md for the order.
#ifndef STORYLINE_SRC_INGEST_HTML_EXTRACT_H_
#define STORYLINE_SRC_INGEST_HTML_EXTRACT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/document.h"

namespace storyline::ingest {

struct HtmlArticle {
  std::string text;                   // main text; may be empty
  std::string title;                  // og:title, twitter:title or <title>
  std::string url;                    // og:url or <link rel=canonical>
  std::string site_name;              // og:site_name
  std::optional<Date> date;           // first parsable publication date
  std::vector<std::string> warnings;  // e.g. an unparsable date, unprefixed
};

// Extracts from `html`, which must be valid UTF-8. Never fails: a page
// without text yields an empty `text`. Linear in the page size.
HtmlArticle ExtractHtml(std::string_view html);

}  // namespace storyline::ingest

#endif  // STORYLINE_SRC_INGEST_HTML_EXTRACT_H_
