// HTML reader: one page is one article. The page must be UTF-8 and under
// ReadOptions::max_article_bytes (checked by stat before reading); the main
// text and metadata come from ExtractHtml (html_extract.h), and a page with
// no text is an "empty article" error.
#include <cctype>
#include <initializer_list>

#include "src/ingest/html_extract.h"
#include "src/ingest/reader.h"

namespace storyline::ingest {

namespace {

// Gumbo's memory and time grow with the square of element nesting (a page
// of 10,000 nested <div>s takes 0.8 GB), so deeper pages are refused before
// parsing. Real pages nest a few dozen levels.
constexpr int kMaxNesting = 1000;

bool NameIs(std::string_view name, std::initializer_list<std::string_view> set) {
  for (std::string_view v : set)
    if (name.size() == v.size() && StartsWithNoCase(name, v)) return true;
  return false;
}

// Estimates the nesting depth gumbo will build: start tags minus end tags,
// not counting void elements or those the parser closes implicitly (<p>,
// <li>, ...), and skipping the raw text of <script>, <style> and the like.
int EstimateNesting(std::string_view html) {
  int depth = 0, max_depth = 0;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    bool close = i < html.size() && html[i] == '/';
    size_t j = i + (close ? 1 : 0), k = j;
    while (k < html.size() &&
           std::isalnum(static_cast<unsigned char>(html[k])))
      ++k;
    if (k == j) continue;
    std::string_view name = html.substr(j, k - j);
    i = k;
    if (NameIs(name, {"area", "base", "br", "col", "embed", "hr", "img",
                      "input", "link", "meta", "source", "track", "wbr",
                      "param", "keygen", "p", "li", "dt", "dd", "tr", "td",
                      "th", "option", "optgroup", "thead", "tbody", "tfoot",
                      "colgroup", "rb", "rt", "rp", "rtc", "html",
                      "head", "body"}))
      continue;
    if (close) {
      if (depth > 0) --depth;
      continue;
    }
    if (++depth > max_depth) max_depth = depth;
    if (NameIs(name, {"script", "style", "textarea", "title", "xmp",
                      "noscript", "plaintext"})) {
      // Raw text: tags inside are not tags. Find "</name".
      std::string end = "</" + std::string(name);
      size_t e = i;
      while ((e = html.find("</", e)) != std::string_view::npos &&
             !StartsWithNoCase(html.substr(e), end))
        e += 2;
      if (e == std::string_view::npos) break;
      i = e;
    }
  }
  return max_depth;
}

class HtmlReaderImpl final : public Reader {
 public:
  std::string_view name() const override { return "html"; }

  Match Accepts(std::string_view path, std::string_view head) const override {
    std::string ext = LowerExtension(path);
    if (ext == "html" || ext == "htm" || ext == "xhtml")
      return Match::kExtension;
    head = StripBom(head);
    while (!head.empty() && (head.front() == ' ' || head.front() == '\t' ||
                             head.front() == '\n' || head.front() == '\r'))
      head.remove_prefix(1);
    if (StartsWithNoCase(head, "<!doctype html") ||
        StartsWithNoCase(head, "<html"))
      return Match::kContent;
    return Match::kNo;
  }

  void Read(Input& input, const ReadOptions& options,
            const ArticleSink& sink) const override {
    const std::string& where = input.name();
    Result<std::string> raw = ReadWholeArticle(input, options);
    if (!raw.ok()) return sink(raw.status());
    if (EstimateNesting(*raw) > kMaxNesting) {
      return sink(ArticleError(where, "HTML nested over " +
                                          std::to_string(kMaxNesting) +
                                          " levels deep"));
    }

    HtmlArticle page = ExtractHtml(*raw);
    if (IsBlank(page.text))
      return sink(ArticleError(where, "empty article (no text in the HTML)"));
    RawArticle article;
    for (std::string& w : page.warnings)
      article.warnings.push_back(where + ": " + w);
    article.meta.title = std::move(page.title);
    article.meta.url = std::move(page.url);
    article.meta.source = std::move(page.site_name);
    if (page.date) {
      article.meta.date = page.date;
      article.meta.date_source = "html-meta";
    }
    article.meta.origin = where;
    ApplyDefaults(options, input.source_hint(), &article.meta);
    article.text = std::move(page.text);
    article.raw = std::move(raw).value();
    sink(std::move(article));
  }
};

}  // namespace

const Reader& HtmlReader() {
  static const HtmlReaderImpl kReader;
  return kReader;
}

}  // namespace storyline::ingest
