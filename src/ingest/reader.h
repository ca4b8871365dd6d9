// Reader: the interface every input format implements, the table of
// readers, and the checks and metadata rules they share. Adding a format
// is one new file (a Reader subclass and a Make...Reader() function) plus
// one line in registry.cc; see docs/ingest.md. Private to the ingest stage.
#ifndef STORYLINE_SRC_INGEST_READER_H_
#define STORYLINE_SRC_INGEST_READER_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "src/ingest/input.h"
#include "storyline/document.h"
#include "storyline/ingest.h"
#include "storyline/status.h"

namespace storyline::ingest {

// How strongly a reader claims an input; the strongest claim wins and ties
// go to the earlier reader in the table.
enum class Match {
  kNo = 0,
  kFallback = 1,   // can read anything (plain text)
  kContent = 2,    // the first bytes look like this format
  kExtension = 3,  // the file name says this format
};

class Reader {
 public:
  virtual ~Reader() = default;
  // Short lowercase name: "text", "jsonl", "html".
  virtual std::string_view name() const = 0;
  // `path` is the file name (or "-"); `head` its first bytes (up to
  // kSniffBytes, fewer for short inputs).
  virtual Match Accepts(std::string_view path, std::string_view head) const = 0;
  // Reads every article in `input`, calling `sink` once per article or per
  // error, in input order. Never throws; never stops on a bad article.
  virtual void Read(Input& input, const ReadOptions& options,
                    const ArticleSink& sink) const = 0;
};

inline constexpr size_t kSniffBytes = 4096;

// All readers, in tie-breaking order.
std::span<const Reader* const> Readers();
// The reader for an input with this path and first bytes (never null: the
// plain-text reader accepts everything).
const Reader& ChooseReader(std::string_view path, std::string_view head);

// Reads one Input with the reader it sniffs as; read errors go to the sink.
void ReadInput(Input& input, const ReadOptions& options,
               const ArticleSink& sink);

// The extension of `path`, lowercase, without the dot ("" when none).
std::string LowerExtension(std::string_view path);
// Case-insensitive ASCII prefix test.
bool StartsWithNoCase(std::string_view s, std::string_view prefix);
// `s` without a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view s);
// True when `s` holds only ASCII whitespace (and maybe a byte order mark).
bool IsBlank(std::string_view s);

// Checks that `bytes` are text: InvalidArgument "binary file, not text"
// (a NUL byte, or over 10% control bytes in the first 64 KiB) or "invalid
// UTF-8 at byte N". The message has no prefix.
Status CheckText(std::string_view bytes);

// The day of an ISO date or date-time: "2024-11-05", "2024-11-05T10:00:00Z",
// "2024-11-05 10:00". nullopt when `s` does not start with a valid day.
std::optional<Date> ParseIsoDay(std::string_view s);

// Fills what the article did not carry: source from options, else
// `source_hint`; date from options (date_source "flag").
void ApplyDefaults(const ReadOptions& options, std::string_view source_hint,
                   ArticleMeta* meta);

// At most `max` bytes of `s`, cut at a UTF-8 character boundary, with
// "..." appended when cut: for quoting input in messages.
std::string Excerpt(std::string_view s, size_t max);

// Makes the InvalidArgument error "<where>: <reason>".
Status ArticleError(std::string_view where, std::string_view reason);

// Reads the whole of `input` as one article (text and HTML readers): the
// size limit, then "empty article", then CheckText; errors name the input.
Result<std::string> ReadWholeArticle(Input& input, const ReadOptions& options);

// The readers in the table.
const Reader& TextReader();
const Reader& JsonlReader();
const Reader& HtmlReader();

}  // namespace storyline::ingest

#endif  // STORYLINE_SRC_INGEST_READER_H_
