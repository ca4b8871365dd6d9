// Ingest: the first pipeline stage. Readers turn files, folders, JSON Lines,
// HTML pages and stdin into raw articles (bytes as read, the article text
// every later span indexes, and the metadata the input carried). The
// pipeline then builds a Document from each RawArticle.
//
//   ingest::ReadOptions options;
//   options.date = Date{2024, 11, 5};  // for articles without a date
//   Status st = ingest::ReadPath("feeds/", options,
//       [&](Result<ingest::RawArticle> article) {
//         if (!article.ok()) { Log(article.status()); return; }  // skip it
//         Process(*std::move(article));
//       });
//   if (!st.ok()) return st;  // "feeds/" itself is missing or unreadable
//
// Reading streams: one callback per article or per error, in a
// deterministic order, so a 200 MB JSON Lines file never sits in memory.
// Formats, metadata rules and limits are described in docs/ingest.md.
// Functions here keep no state between calls and are thread-safe; the sink
// is called on the calling thread.
#ifndef STORYLINE_INGEST_H_
#define STORYLINE_INGEST_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/document.h"
#include "storyline/status.h"

namespace storyline::ingest {

// One article as a reader found it.
struct RawArticle {
  ArticleMeta meta;
  // The bytes exactly as read for this article: the whole file (plain text,
  // HTML) or the JSON Lines line without its "\n" / "\r\n" terminator.
  std::string raw;
  // The article text, valid UTF-8 and never empty: the file minus its
  // " date YYYY-MM-DD " header (and a leading UTF-8 byte order mark), the
  // main text extracted from HTML, or the JSON "text" field.
  std::string text;
  // Non-fatal problems, each "origin: reason", e.g.
  // "feed.jsonl:4: unparsable \"date\" 'soon'; date left unknown".
  std::vector<std::string> warnings;
};

struct ReadOptions {
  // Outlet for articles that do not name one (JSON "source", HTML
  // og:site_name). Empty: use the name of the file's parent folder.
  std::string source;
  // Publication day for articles without a date of their own
  // (date_source "flag"); an article's own date always wins.
  std::optional<Date> date;
  // Largest plain-text or HTML file, and largest JSON Lines line, that is
  // read. Files are checked with stat before reading; a larger article is
  // reported as an error and skipped, and reading goes on. 16 MiB.
  size_t max_article_bytes = size_t{16} << 20;
};

// Receives each article, or the error that stopped one article, in order.
// An error's message is "path[:line]: reason".
using ArticleSink = std::function<void(Result<RawArticle>)>;

// Reads `path`: a file, a folder (recursively, files sorted by path; hidden
// entries and non-article files skipped, see docs/ingest.md) or "-" for
// stdin. The reader is chosen by extension, then by sniffing the first
// bytes: .jsonl/.ndjson are JSON Lines, .html/.htm or content starting with
// "<!doctype html" / "<html" is HTML, anything else is plain text.
//
// Returns NotFound when `path` does not exist and IOError when it cannot be
// opened or listed; nothing is passed to the sink then. Every per-article
// problem (empty, binary, invalid UTF-8, too large, broken JSON line, an
// unreadable file inside a folder) goes to the sink as an error and reading
// continues.
Status ReadPath(std::string_view path, const ReadOptions& options,
                const ArticleSink& sink);

// Reads articles from bytes already in memory (an upload, a test). `name`
// chooses the reader by extension like a path does, prefixes errors and is
// the origin; `bytes` is borrowed for the duration of the call. Size
// limits apply as for files.
void ReadBytes(std::string_view name, std::string_view bytes,
               const ReadOptions& options, const ArticleSink& sink);

}  // namespace storyline::ingest

#endif  // STORYLINE_INGEST_H_
