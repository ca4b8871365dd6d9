// Tests for HTML extraction and the HTML reader: chrome removed, main block
// chosen, paragraphs separated, entities decoded, title/URL/date from the
// usual meta tags, sniffing, and pathological pages refused.
#include "src/ingest/html_extract.h"

#include <gtest/gtest.h>

#include <string>

#include "src/ingest/testing.h"
#include "src/util/utf8.h"
#include "storyline/ingest.h"

namespace storyline::ingest {
namespace {

using testing::ReadAllBytes;

constexpr const char* kPage = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Flood hits town | The Gazette</title>
  <meta property="og:title" content="Flood hits   town">
  <meta property="og:url" content="https://gazette.test/flood">
  <meta property="og:site_name" content="The Gazette">
  <meta property="article:published_time" content="2024-11-06T08:30:00+01:00">
  <link rel="canonical" href="https://gazette.test/canonical">
  <style>p { color: red; }</style>
  <script>var nav = "<p>not text</p>";</script>
</head>
<body>
  <header><a href="/">Home</a> Site header</header>
  <nav><ul><li>World</li><li>Sport</li></ul></nav>
  <article>
    <h1>Flood   hits
      town</h1>
    <p>The river rose &amp; burst its banks &mdash; twice.</p>
    <p>&ldquo;We are safe,&rdquo; said <b>Mayor</b> Ana Vell.</p>
    <ul><li>Item one</li><li>Item two</li></ul>
    <p>Line one<br>Line two</p>
    <aside>Related: other floods</aside>
    <form><input name="q"><button>Subscribe</button></form>
    <noscript>Enable JavaScript</noscript>
    <div hidden>Secret</div>
  </article>
  <footer>Copyright</footer>
  <script>track();</script>
</body>
</html>
)";

TEST(HtmlExtractTest, MainTextWithoutChrome) {
  HtmlArticle a = ExtractHtml(kPage);
  EXPECT_EQ(a.text,
            "Flood hits town\n\n"
            "The river rose & burst its banks \xE2\x80\x94 twice.\n\n"
            "\xE2\x80\x9CWe are safe,\xE2\x80\x9D said Mayor Ana Vell.\n\n"
            "Item one\n\nItem two\n\n"
            "Line one\n\nLine two");
  EXPECT_EQ(a.title, "Flood hits town");
  EXPECT_EQ(a.url, "https://gazette.test/flood");
  EXPECT_EQ(a.site_name, "The Gazette");
  ASSERT_TRUE(a.date);
  EXPECT_EQ(a.date->ToString(), "2024-11-06");
  EXPECT_TRUE(a.warnings.empty());
}

TEST(HtmlExtractTest, FallsBackToTitleTagAndCanonical) {
  HtmlArticle a = ExtractHtml(
      "<html><head><title> Plain\n title </title>"
      "<link rel=\"Canonical\" href=\"https://x.test/c\"></head>"
      "<body><p>Text.</p></body></html>");
  EXPECT_EQ(a.title, "Plain title");
  EXPECT_EQ(a.url, "https://x.test/c");
  EXPECT_EQ(a.text, "Text.");
  EXPECT_FALSE(a.date);
}

TEST(HtmlExtractTest, DateSources) {
  struct Case {
    const char* head;
    const char* body;
    const char* want;
  };
  const Case kCases[] = {
      {R"(<meta property="og:published_time" content="2024-01-02">)", "", "2024-01-02"},
      {R"(<meta itemprop="datePublished" content="2024-01-03T00:00Z">)", "", "2024-01-03"},
      {R"(<meta name="date" content="2024-01-04">)", "", "2024-01-04"},
      {R"(<meta name="pubdate" content="2024-01-05">)", "", "2024-01-05"},
      {R"(<meta name="DC.date.issued" content="2024-01-06">)", "", "2024-01-06"},
      {R"(<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle", "datePublished": "2024-01-07T09:00:00Z"}]}</script>)",
       "", "2024-01-07"},
      {"", R"(<article><header><time datetime="2024-01-08T10:00">8 Jan</time></header><p>x</p></article>)",
       "2024-01-08"},
      {"", R"(<p><time pubdate datetime="2024-01-09">9 Jan</time></p>)", "2024-01-09"},
      // A time outside any article says nothing about publication.
      {"", R"(<p>Due on <time datetime="2030-01-01">1 Jan</time></p>)", ""},
      // The most specific meta wins over the generic ones.
      {R"(<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2024-01-10">)",
       "", "2024-01-10"},
      // An unparsable candidate is skipped for the next one.
      {R"(<meta property="article:published_time" content="Tuesday"><meta name="date" content="2024-01-11">)",
       "", "2024-01-11"},
      {R"(<script type="application/ld+json">{broken</script>)", "", ""},
  };
  for (const Case& c : kCases) {
    std::string page = std::string("<html><head>") + c.head +
                       "</head><body><p>Text</p>" + c.body + "</body></html>";
    HtmlArticle a = ExtractHtml(page);
    EXPECT_EQ(a.date ? a.date->ToString() : "", c.want) << page;
  }
}

TEST(HtmlExtractTest, UnparsableDateWarns) {
  HtmlArticle a = ExtractHtml(
      R"(<meta name="date" content="last Tuesday"><p>Text</p>)");
  EXPECT_FALSE(a.date);
  ASSERT_EQ(a.warnings.size(), 1u);
  EXPECT_EQ(a.warnings[0], "unparsable date in <meta date> 'last Tuesday'");
}

TEST(HtmlExtractTest, OutOfRangeCharacterReferenceStaysValidUtf8) {
  // Found by html_reader_fuzzer: gumbo 0.10 emits a stray byte here.
  HtmlArticle a = ExtractHtml("<p>a&#x1F600F680;b</p>");
  EXPECT_TRUE(util::IsValidUtf8(a.text)) << a.text;
  EXPECT_EQ(a.text.front(), 'a');
  EXPECT_EQ(a.text.back(), 'b');
}

TEST(HtmlExtractTest, PrefersLargestArticle) {
  HtmlArticle a = ExtractHtml(
      "<body><article><p>Short teaser.</p></article>"
      "<article><p>The long main story with many more words in it.</p>"
      "</article></body>");
  EXPECT_EQ(a.text, "The long main story with many more words in it.");
}

TEST(HtmlExtractTest, ArticleInsideAsideIsNotMain) {
  HtmlArticle a = ExtractHtml(
      "<body><aside><article><p>A much longer related story teaser that "
      "should never be chosen as main text.</p></article></aside>"
      "<article><p>Main.</p></article></body>");
  EXPECT_EQ(a.text, "Main.");
}

TEST(HtmlExtractTest, UsesMainWhenNoArticle) {
  HtmlArticle a = ExtractHtml(
      "<body><div>Menu junk</div><div role=\"main\"><p>Body.</p></div></body>");
  EXPECT_EQ(a.text, "Body.");
}

TEST(HtmlExtractTest, PicksParagraphContainer) {
  HtmlArticle a = ExtractHtml(
      "<body><div class=menu>Home | World | Sport</div>"
      "<div class=story><p>First paragraph of the story.</p>"
      "<p>Second paragraph of the story.</p></div>"
      "<div class=promo><p>Ad.</p></div></body>");
  EXPECT_EQ(a.text,
            "First paragraph of the story.\n\nSecond paragraph of the story.");
}

TEST(HtmlExtractTest, ScatteredParagraphsKeepWholeBody) {
  HtmlArticle a = ExtractHtml(
      "<body><div><p>One.</p></div><div><p>Two.</p></div>"
      "<div><p>Six.</p></div></body>");
  EXPECT_EQ(a.text, "One.\n\nTwo.\n\nSix.");
}

TEST(HtmlExtractTest, PreKeepsWhitespaceAndTablesSpaceCells) {
  HtmlArticle a = ExtractHtml(
      "<body><pre>a  b\n  c</pre><table><tr><td>x</td><td>y</td></tr>"
      "</table></body>");
  EXPECT_EQ(a.text, "a  b\n  c\n\nx y");
}

TEST(HtmlExtractTest, InlineElementsDoNotBreakWords) {
  HtmlArticle a = ExtractHtml("<p>un<i>believ</i>able <a href=x>link</a>.</p>");
  EXPECT_EQ(a.text, "unbelievable link.");
}

TEST(HtmlReaderTest, ReadsPageWithMetadata) {
  auto c = ReadAllBytes("news/flood.html", kPage);
  ASSERT_EQ(c.articles.size(), 1u);
  const RawArticle& a = c.articles[0];
  EXPECT_EQ(a.raw, kPage);
  EXPECT_EQ(a.meta.title, "Flood hits town");
  EXPECT_EQ(a.meta.source, "The Gazette");
  EXPECT_EQ(a.meta.date_source, "html-meta");
  EXPECT_EQ(a.meta.origin, "news/flood.html");
  EXPECT_EQ(a.text.rfind("Flood hits town\n\nThe river", 0), 0u);
}

TEST(HtmlReaderTest, SourceFallsBackToOptionThenFolder) {
  const char* page = "<html><body><p>x</p></body></html>";
  auto c = ReadAllBytes("outlet/a.htm", page);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].meta.source, "outlet");
  ReadOptions options;
  options.source = "Given";
  options.date = Date{2024, 2, 3};
  c = ReadAllBytes("outlet/a.htm", page, options);
  EXPECT_EQ(c.articles[0].meta.source, "Given");
  EXPECT_EQ(c.articles[0].meta.date_source, "flag");
}

TEST(HtmlReaderTest, SniffsHtmlContentInTxtAndNoExtension) {
  for (const char* name : {"page.txt", "page", "-"}) {
    auto c = ReadAllBytes(name,
                          "\n  <!DOCTYPE html><html><head><title>T</title>"
                          "</head><body><nav>N</nav><p>Body</p></body></html>");
    ASSERT_EQ(c.articles.size(), 1u) << name;
    EXPECT_EQ(c.articles[0].text, "Body") << name;
    EXPECT_EQ(c.articles[0].meta.title, "T") << name;
  }
  auto c = ReadAllBytes("page.txt", "<HTML><body><p>Upper</p></body></HTML>");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Upper");
}

TEST(HtmlReaderTest, BadPages) {
  struct Case {
    std::string bytes;
    const char* message;
  };
  const Case kCases[] = {
      {"", "p.html: empty article"},
      {"<html><body><nav>only nav</nav><script>x()</script></body></html>",
       "p.html: empty article (no text in the HTML)"},
      {std::string("<p>a\0b</p>", 9), "p.html: binary file, not text"},
      {"<p>caf\xE9</p>", "p.html: invalid UTF-8 at byte 6"},
  };
  for (const Case& k : kCases) {
    auto c = ReadAllBytes("p.html", k.bytes);
    ASSERT_EQ(c.errors.size(), 1u) << k.message;
    EXPECT_EQ(c.errors[0].message(), k.message);
  }
}

TEST(HtmlReaderTest, RefusesDeepNestingBeforeParsing) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  auto c = ReadAllBytes("deep.html", "<html><body>" + deep + "x</body></html>");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(), "deep.html: HTML nested over 1000 levels deep");

  std::string bold;
  for (int i = 0; i < 5000; ++i) bold += "<b>x";
  c = ReadAllBytes("deep.html", bold);
  ASSERT_EQ(c.errors.size(), 1u);
}

TEST(HtmlReaderTest, ManyUnclosedParagraphsAreNotNesting) {
  std::string page = "<html><body>";
  for (int i = 0; i < 3000; ++i) page += "<p>para<li>item";
  auto c = ReadAllBytes("flat.html", page);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_TRUE(c.errors.empty());
}

TEST(HtmlReaderTest, TagsInsideScriptAreNotNesting) {
  std::string script = "<script>";
  for (int i = 0; i < 3000; ++i) script += "s += '<div>';";
  auto c = ReadAllBytes("s.html", "<html><head>" + script +
                                      "</script></head><body><p>ok</p></body></html>");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "ok");
}

}  // namespace
}  // namespace storyline::ingest
