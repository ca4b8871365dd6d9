// Plain-text reader: one file is one article. The whole file must be UTF-8
// text under ReadOptions::max_article_bytes (checked by stat before
// reading); an optional " date YYYY-MM-DD " header gives the publication
// day (date_source "header") and is not part of the article text.
#include "src/ingest/text_reader.h"

#include "src/ingest/reader.h"

namespace storyline::ingest {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool LooksLikeIsoDay(std::string_view s) {
  if (s.size() < 10) return false;
  for (size_t i = 0; i < 10; ++i) {
    if (i == 4 || i == 7) {
      if (s[i] != '-') return false;
    } else if (!IsDigit(s[i])) {
      return false;
    }
  }
  return true;
}

class TextReaderImpl final : public Reader {
 public:
  std::string_view name() const override { return "text"; }

  Match Accepts(std::string_view, std::string_view) const override {
    return Match::kFallback;
  }

  void Read(Input& input, const ReadOptions& options,
            const ArticleSink& sink) const override {
    const std::string& where = input.name();
    Result<std::string> raw = ReadWholeArticle(input, options);
    if (!raw.ok()) return sink(raw.status());

    RawArticle article;
    // The header's length counts a byte order mark before it.
    DateHeader header = ParseDateHeader(*raw);
    if (!header.warning.empty())
      article.warnings.push_back(where + ": " + header.warning);
    std::string_view body = std::string_view(*raw).substr(header.length);
    if (!header.date) body = StripBom(body);
    if (IsBlank(body))
      return sink(ArticleError(where, "empty article (only a date header)"));
    if (header.date) {
      article.meta.date = header.date;
      article.meta.date_source = "header";
    }
    article.meta.origin = where;
    ApplyDefaults(options, input.source_hint(), &article.meta);
    article.text = std::string(body);
    article.raw = std::move(raw).value();
    sink(std::move(article));
  }
};

}  // namespace

DateHeader ParseDateHeader(std::string_view text) {
  DateHeader h;
  std::string_view s = StripBom(text);
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (!StartsWithNoCase(s.substr(i), "date")) return h;
  i += 4;
  if (i < s.size() && s[i] == ':') ++i;
  size_t gap = i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i == gap || !LooksLikeIsoDay(s.substr(i))) return h;
  std::string_view day = s.substr(i, 10);
  i += 10;
  // What follows must end the header, or "date 2024-11-05T10" is text.
  size_t end;
  if (i == s.size()) {
    end = i;
  } else if (s[i] == ' ' || s[i] == '\n') {
    end = i + 1;
  } else if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
    end = i + 2;
  } else {
    return h;
  }
  Result<Date> d = Date::Parse(day);
  if (!d.ok()) {
    h.warning = "date header '" + std::string(day) +
                "' is not a valid day; kept as text";
    return h;
  }
  h.date = *d;
  h.length = end + (text.size() - s.size());
  return h;
}

const Reader& TextReader() {
  static const TextReaderImpl kReader;
  return kReader;
}

}  // namespace storyline::ingest
