// Tests for the JSON Lines reader: field aliases, metadata and dates,
// broken lines reported with the right line numbers among good ones, size
// limits per line, and the real corpora.
#include <gtest/gtest.h>

#include <string>

#include "src/ingest/testing.h"
#include "storyline/ingest.h"

namespace storyline::ingest {
namespace {

using testing::ReadAll;
using testing::ReadAllBytes;
using testing::SharedDir;
using testing::TempDir;

TEST(JsonlReaderTest, ReadsFieldsAndMetadata) {
  auto c = ReadAllBytes(
      "feeds/wire.jsonl",
      R"({"id": 7, "title": "Flood", "text": "Water rose.", "url": "https://x.test/1", "source": "Wire", "date": "2024-11-05T10:00:00Z"})"
      "\n");
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_TRUE(c.errors.empty());
  const RawArticle& a = c.articles[0];
  EXPECT_EQ(a.text, "Water rose.");
  EXPECT_EQ(a.meta.title, "Flood");
  EXPECT_EQ(a.meta.url, "https://x.test/1");
  EXPECT_EQ(a.meta.source, "Wire");
  EXPECT_EQ(a.meta.date->ToString(), "2024-11-05");
  EXPECT_EQ(a.meta.date_source, "json");
  EXPECT_EQ(a.meta.origin, "feeds/wire.jsonl:1");
  EXPECT_EQ(a.raw.front(), '{');
  EXPECT_EQ(a.raw.back(), '}');
  EXPECT_TRUE(a.warnings.empty());
}

TEST(JsonlReaderTest, TextFieldAliasesInOrder) {
  auto c = ReadAllBytes("a.jsonl",
                        R"({"body": "from body"})"
                        "\n"
                        R"({"content": "from content"})"
                        "\n"
                        R"({"description": "from description"})"
                        "\n"
                        R"({"description": "d", "text": "text wins"})"
                        "\n"
                        R"({"text": null, "body": "null text falls through"})"
                        "\n");
  ASSERT_EQ(c.articles.size(), 5u);
  EXPECT_EQ(c.articles[0].text, "from body");
  EXPECT_EQ(c.articles[1].text, "from content");
  EXPECT_EQ(c.articles[2].text, "from description");
  EXPECT_EQ(c.articles[3].text, "text wins");
  EXPECT_EQ(c.articles[4].text, "null text falls through");
}

TEST(JsonlReaderTest, BrokenLinesNamedByLineAmongGoodOnes) {
  std::string feed =
      R"({"text": "one"})"
      "\n"
      "\n"                       // 2: blank, skipped
      R"({"text": "three")"      // 3: unterminated
      "\n"
      R"({"title": "no text"})"  // 4
      "\n"
      R"({"text": 5})"           // 5
      "\n"
      R"(["text"])"              // 6
      "\n"
      R"({"text": "   "})"       // 7
      "\n"
      "   \r\n"                  // 8: blank, skipped
      R"({"text": "nine"})"
      "\r\n"
      R"({"text": "ten"})";      // no final newline
  auto c = ReadAllBytes("f.jsonl", feed);
  ASSERT_EQ(c.articles.size(), 3u);
  EXPECT_EQ(c.articles[0].meta.origin, "f.jsonl:1");
  EXPECT_EQ(c.articles[1].meta.origin, "f.jsonl:9");
  EXPECT_EQ(c.articles[1].raw, R"({"text": "nine"})");
  EXPECT_EQ(c.articles[2].meta.origin, "f.jsonl:10");
  ASSERT_EQ(c.errors.size(), 5u);
  EXPECT_EQ(c.errors[0].message().rfind("f.jsonl:3: broken JSON: ", 0), 0u)
      << c.errors[0].message();
  EXPECT_EQ(c.errors[1].message(),
            "f.jsonl:4: no article text: missing or null \"text\" (or \"body\", "
            "\"content\", \"description\")");
  EXPECT_EQ(c.errors[2].message(),
            "f.jsonl:5: field \"text\" is a number, not a string");
  EXPECT_EQ(c.errors[3].message(),
            "f.jsonl:6: broken JSON: expected an object, got an array");
  EXPECT_EQ(c.errors[4].message(),
            "f.jsonl:7: empty article (field \"text\" is blank)");
  for (const Status& e : c.errors)
    EXPECT_EQ(e.code(), StatusCode::kInvalidArgument);
  // Results arrive in file order, errors interleaved.
  ASSERT_EQ(c.order.size(), 8u);
  EXPECT_EQ(c.order[0], "f.jsonl:1");
  EXPECT_EQ(c.order[1].substr(0, 10), "f.jsonl:3:");
  EXPECT_EQ(c.order[6], "f.jsonl:9");
}

TEST(JsonlReaderTest, ParseErrorNamesColumn) {
  auto c = ReadAllBytes("f.jsonl", R"({"text": "a",})");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message().find("at column"), std::string::npos)
      << c.errors[0].message();
  EXPECT_EQ(c.errors[0].message().find("json.exception"), std::string::npos);
}

TEST(JsonlReaderTest, DateForms) {
  struct Case {
    const char* date_json;
    const char* want;  // "" = unknown
    bool warns;
  };
  const Case kCases[] = {
      {R"("1987-02-26")", "1987-02-26", false},
      {R"("1987-02-26T15:01:01")", "1987-02-26", false},
      {R"("2024-11-05T10:00:00Z")", "2024-11-05", false},
      {R"("2024-11-05 10:00")", "2024-11-05", false},
      {"null", "", false},
      {R"("")", "", false},
      {R"("soon")", "", true},
      {R"("26-FEB-1987")", "", true},
      {R"("2024-02-30")", "", true},
      {"20241105", "", true},
  };
  for (const Case& k : kCases) {
    std::string line = std::string(R"({"text": "t", "date": )") + k.date_json + "}";
    auto c = ReadAllBytes("d.jsonl", line);
    ASSERT_EQ(c.articles.size(), 1u) << line;
    const RawArticle& a = c.articles[0];
    EXPECT_EQ(a.meta.date ? a.meta.date->ToString() : "", k.want) << line;
    EXPECT_EQ(a.meta.date_source, *k.want ? "json" : "") << line;
    EXPECT_EQ(a.warnings.size(), k.warns ? 1u : 0u) << line;
  }
  auto c = ReadAllBytes("d.jsonl", R"({"text": "t", "date": "soon"})");
  EXPECT_EQ(c.articles[0].warnings[0],
            "d.jsonl:1: unparsable \"date\" 'soon'; date left unknown");
}

TEST(JsonlReaderTest, LongDateIsQuotedOnACharacterBoundary) {
  std::string date = std::string(39, 'x') + "\u00e9tail";  // é spans bytes 39-40
  auto c = ReadAllBytes("d.jsonl", R"({"text": "t", "date": ")" + date + R"("})");
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.articles[0].warnings.size(), 1u);
  EXPECT_EQ(c.articles[0].warnings[0],
            "d.jsonl:1: unparsable \"date\" '" + std::string(39, 'x') +
                "...'; date left unknown");
}

TEST(JsonlReaderTest, WrongMetadataTypesWarnAndKeepArticle) {
  auto c = ReadAllBytes("m.jsonl",
                        R"({"text": "t", "title": 3, "url": ["u"], "source": {}})");
  ASSERT_EQ(c.articles.size(), 1u);
  const RawArticle& a = c.articles[0];
  EXPECT_EQ(a.meta.title, "");
  EXPECT_EQ(a.meta.url, "");
  EXPECT_EQ(a.meta.source, "");  // no folder in the name, no option
  ASSERT_EQ(a.warnings.size(), 3u);
  EXPECT_EQ(a.warnings[0],
            "m.jsonl:1: field \"title\" is a number, not a string; ignored");
}

TEST(JsonlReaderTest, OwnSourceAndDateWinOverOptions) {
  ReadOptions options;
  options.source = "Flag Source";
  options.date = Date{2000, 1, 1};
  auto c = ReadAllBytes("corpus/x.jsonl",
                        R"({"text": "a", "source": "Own", "date": "2024-11-05"})"
                        "\n"
                        R"({"text": "b"})",
                        options);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].meta.source, "Own");
  EXPECT_EQ(c.articles[0].meta.date_source, "json");
  EXPECT_EQ(c.articles[1].meta.source, "Flag Source");
  EXPECT_EQ(c.articles[1].meta.date->ToString(), "2000-01-01");
  EXPECT_EQ(c.articles[1].meta.date_source, "flag");
}

TEST(JsonlReaderTest, SourceDefaultsToFolderName) {
  auto c = ReadAllBytes("corpus/bbc/bbc.jsonl", R"({"text": "a"})");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].meta.source, "bbc");
}

TEST(JsonlReaderTest, TooLongLineIsSkippedAndStreamingContinues) {
  ReadOptions options;
  options.max_article_bytes = 1000;
  std::string big = R"({"text": ")" + std::string(5000, 'x') + R"("})";
  auto c = ReadAllBytes("big.jsonl",
                        R"({"text": "before"})"
                        "\n" + big + "\n" R"({"text": "after"})",
                        options);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[1].meta.origin, "big.jsonl:3");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(),
            "big.jsonl:2: line is 4.9 KiB, over the 1000 bytes limit; skipped");
}

TEST(JsonlReaderTest, InvalidUtf8LineIsAnError) {
  auto c = ReadAllBytes("u.jsonl",
                        "{\"text\": \"caf\xE9\"}\n{\"text\": \"ok\"}\n");
  ASSERT_EQ(c.articles.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(),
            "u.jsonl:1: invalid UTF-8 at byte 13 of the line");
}

TEST(JsonlReaderTest, EscapedNulInTextIsBinary) {
  auto c = ReadAllBytes("n.jsonl", R"({"text": "a\u0000b"})");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(), "n.jsonl:1: field \"text\": binary file, not text");
}

TEST(JsonlReaderTest, BinaryFileIsOneError) {
  std::string bytes(10000, '\0');
  auto c = ReadAllBytes("image.jsonl", bytes);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(), "image.jsonl: binary file, not text");
}

TEST(JsonlReaderTest, ByteOrderMarkOnFirstLine) {
  auto c = ReadAllBytes("b.jsonl", "\xEF\xBB\xBF{\"text\": \"a\"}\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "a");
}

TEST(JsonlReaderTest, EmptyFileHasNoArticles) {
  auto c = ReadAllBytes("e.jsonl", "");
  EXPECT_TRUE(c.articles.empty());
  EXPECT_TRUE(c.errors.empty());
}

TEST(JsonlReaderTest, StreamsFromDiskWithLineNumbers) {
  TempDir dir;
  std::string feed;
  for (int i = 1; i <= 3000; ++i) {
    if (i % 1000 == 0) {
      feed += "{broken\n";
    } else {
      feed += R"({"text": "article )" + std::to_string(i) + R"( )" +
              std::string(100, 'z') + "\"}\n";
    }
  }
  std::string path = dir.Write("many.ndjson", feed);
  auto c = ReadAll(path);
  ASSERT_TRUE(c.status.ok());
  EXPECT_EQ(c.articles.size(), 2997u);
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[2].message().rfind(path + ":3000: broken JSON", 0), 0u);
  EXPECT_EQ(c.articles[999].meta.origin, path + ":1001");
}

TEST(JsonlCorpusTest, ReadsBbcAndAgNews) {
  std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  auto bbc = ReadAll(shared + "/corpus/bbc/bbc.jsonl");
  ASSERT_TRUE(bbc.status.ok());
  EXPECT_EQ(bbc.articles.size(), 2225u);
  EXPECT_TRUE(bbc.errors.empty());
  EXPECT_EQ(bbc.articles[0].meta.title, "Ad sales boost Time Warner profit");
  EXPECT_EQ(bbc.articles[0].meta.source, "bbc");

  auto ag = ReadAll(shared + "/corpus/agnews/ag_news_test.jsonl");
  EXPECT_EQ(ag.articles.size(), 7600u);
  EXPECT_TRUE(ag.errors.empty());
}

TEST(JsonlCorpusTest, ReutersDatesAndTitleOnlyBriefs) {
  std::string shared = SharedDir();
  if (shared.empty()) GTEST_SKIP() << "../shared not present";
  auto r = ReadAll(shared + "/corpus/reuters21578/reuters21578.jsonl");
  ASSERT_TRUE(r.status.ok());
  ASSERT_FALSE(r.articles.empty());
  EXPECT_EQ(r.articles[0].meta.date->ToString(), "1987-02-26");
  EXPECT_EQ(r.articles[0].meta.date_source, "json");
  EXPECT_EQ(r.articles[0].meta.title, "BAHIA COCOA REVIEW");
  // Every record is either an article or an error: BRIEF items have a null
  // body (no text) and a few bodies are blank.
  EXPECT_EQ(r.articles.size() + r.errors.size(), 21578u);
  for (const Status& e : r.errors) {
    bool expected =
        e.message().find("missing or null \"text\"") != std::string::npos ||
        e.message().find("empty article") != std::string::npos;
    EXPECT_TRUE(expected) << e.message();
  }
}

}  // namespace
}  // namespace storyline::ingest
