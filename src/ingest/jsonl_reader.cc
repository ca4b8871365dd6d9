// JSON Lines reader: one JSON object per line, one article per object,
// streamed line by line so memory stays bounded by the longest line
// (at most ReadOptions::max_article_bytes). A broken line is an error
// naming "file:LINE" and the reason; the lines around it still go in.
//
// Fields: the text is the first present, non-null one of "text", "body",
// "content", "description" (the corpora use all four); "title", "url",
// "source" and "date" are optional and "id" and others are ignored. A
// problem with the text (absent, not a string, empty, binary) is an error;
// a problem with a metadata field (wrong type, unparsable date) is a
// warning on the article and that field stays unknown. nlohmann::json
// exceptions are caught here and never leave the reader.
#include <nlohmann/json.hpp>

#include "src/ingest/reader.h"
#include "src/util/utf8.h"

namespace storyline::ingest {

namespace {

constexpr const char* kTextFields[] = {"text", "body", "content",
                                       "description"};

const char* TypeName(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::binary: return "binary";
    case nlohmann::json::value_t::discarded: return "discarded";
    default: return "a number";
  }
}

// "[json.exception.parse_error.101] parse error at line 1, column 9: ..."
// -> "parse error at column 9: ...": the line is always 1 here.
std::string CleanJsonError(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  std::string s(what);
  size_t at = s.find("at line 1, column ");
  if (at != std::string::npos) s.replace(at, 18, "at column ");
  return s;
}

// Reads an optional string field; a wrong type is a warning.
std::string StringField(const nlohmann::json& obj, const char* key,
                        const std::string& where, RawArticle* article) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (!it->is_string()) {
    article->warnings.push_back(where + ": field \"" + key + "\" is " +
                                TypeName(*it) + ", not a string; ignored");
    return "";
  }
  return it->get<std::string>();
}

// Parses one non-blank line into an article or the reason it is broken.
Result<RawArticle> ParseLine(std::string_view line, const std::string& where,
                             const ReadOptions& options,
                             std::string_view source_hint) {
  size_t bad = util::FindInvalidUtf8(line);
  if (bad != std::string_view::npos) {
    return ArticleError(where, "invalid UTF-8 at byte " +
                                   std::to_string(bad) + " of the line");
  }
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    return ArticleError(where, "broken JSON: " + CleanJsonError(e.what()));
  }
  if (!obj.is_object()) {
    return ArticleError(where, std::string("broken JSON: expected an object, got ") +
                                   TypeName(obj));
  }

  const char* text_key = nullptr;
  const nlohmann::json* text = nullptr;
  for (const char* key : kTextFields) {
    auto it = obj.find(key);
    if (it != obj.end() && !it->is_null()) {
      text_key = key;
      text = &*it;
      break;
    }
  }
  if (!text) {
    return ArticleError(
        where, "no article text: missing or null \"text\" (or \"body\", \"content\", "
               "\"description\")");
  }
  if (!text->is_string()) {
    return ArticleError(where, std::string("field \"") + text_key + "\" is " +
                                   TypeName(*text) + ", not a string");
  }
  RawArticle article;
  article.text = text->get<std::string>();
  if (IsBlank(article.text)) {
    return ArticleError(where, std::string("empty article (field \"") +
                                   text_key + "\" is blank)");
  }
  // nlohmann validates UTF-8, but "\u0000" escapes can still smuggle NULs.
  Status st = CheckText(article.text);
  if (!st.ok()) {
    return ArticleError(where, std::string("field \"") + text_key +
                                   "\": " + st.message());
  }

  article.meta.title = StringField(obj, "title", where, &article);
  article.meta.url = StringField(obj, "url", where, &article);
  article.meta.source = StringField(obj, "source", where, &article);
  std::string date = StringField(obj, "date", where, &article);
  if (!date.empty()) {
    if (std::optional<Date> d = ParseIsoDay(date)) {
      article.meta.date = d;
      article.meta.date_source = "json";
    } else {
      article.warnings.push_back(where + ": unparsable \"date\" '" +
                                 Excerpt(date, 40) +
                                 "'; date left unknown");
    }
  }
  article.meta.origin = where;
  ApplyDefaults(options, source_hint, &article.meta);
  return article;
}

class JsonlReaderImpl final : public Reader {
 public:
  std::string_view name() const override { return "jsonl"; }

  Match Accepts(std::string_view path, std::string_view head) const override {
    std::string ext = LowerExtension(path);
    if (ext == "jsonl" || ext == "ndjson") return Match::kExtension;
    // A first line that is a whole {...} object: JSON Lines on stdin.
    head = StripBom(head);
    size_t nl = head.find('\n');
    if (nl == std::string_view::npos) return Match::kNo;
    std::string_view first = head.substr(0, nl);
    while (!first.empty() && (first.back() == '\r' || first.back() == ' '))
      first.remove_suffix(1);
    if (first.size() >= 2 && first.front() == '{' && first.back() == '}')
      return Match::kContent;
    return Match::kNo;
  }

  void Read(Input& input, const ReadOptions& options,
            const ArticleSink& sink) const override {
    Result<std::string_view> head = input.Peek(kSniffBytes);
    if (!head.ok()) return sink(head.status());
    // One error, not one per "line", for an image named .jsonl.
    if (head->find('\0') != std::string_view::npos)
      return sink(ArticleError(input.name(), "binary file, not text"));

    LineReader lines(&input, options.max_article_bytes);
    LineReader::Line line;
    for (;;) {
      Result<bool> more = lines.Next(&line);
      if (!more.ok()) return sink(more.status());
      if (!*more) break;
      std::string where = input.name() + ":" + std::to_string(line.number);
      if (line.too_long) {
        sink(ArticleError(where, "line is " + FormatBytes(line.length) +
                                     ", over the " +
                                     FormatBytes(options.max_article_bytes) +
                                     " limit; skipped"));
        continue;
      }
      std::string_view text = line.text;
      if (line.number == 1) text = StripBom(text);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      if (IsBlank(text)) continue;
      Result<RawArticle> article =
          ParseLine(text, where, options, input.source_hint());
      if (article.ok()) article->raw = std::string(text);
      sink(std::move(article));
    }
  }
};

}  // namespace

const Reader& JsonlReader() {
  static const JsonlReaderImpl kReader;
  return kReader;
}

}  // namespace storyline::ingest
