#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "storyline/store.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "s.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Document MakeDoc(const std::string& source, const std::string& text,
                          std::optional<Date> date = std::nullopt) {
    ArticleMeta m;
    m.source = source;
    m.title = "Title of " + text.substr(0, 10);
    m.date = date;
    m.origin = source + "/" + text.substr(0, 5);
    return Document(m, " raw " + text, text, NormalizedText{text, {}});
  }
  static Layer Sentences(const std::string& text) {
    return Layer{"sentences", 1, {{0, static_cast<uint32_t>(text.size()), "sentence", {}}}};
  }

  fs::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, ReingestIsANoOp) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document a = MakeDoc("afp", "Russian lawmakers will vote Wednesday.", Date{2024, 11, 5});
  Document b = MakeDoc("aljazeera", "The upper house has ratified the pact.");
  std::vector<ArticleRecord> batch = {{&a, {Sentences(a.text())}, {}}, {&b, {}, {}}};
  auto first = (*store)->PutArticles(batch);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, (std::vector<bool>{true, true}));
  auto second = (*store)->PutArticles(batch);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, (std::vector<bool>{false, false}));
  auto list = (*store)->ListArticles();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, a.id());  // dated first
  EXPECT_FALSE((*list)[1].meta.date.has_value());
  EXPECT_EQ((*list)[0].LayerSize("sentences"), 1u);
  EXPECT_EQ((*list)[1].LayerSize("sentences"), 0u);
}

TEST_F(SqliteStoreTest, RoundTripsArticleBytesAndLayers) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  std::string text = "Zelenskyy said \xE2\x80\x9C" "first battles\xE2\x80\x9D.";
  Document d = MakeDoc("x", text, Date{2024, 11, 6});
  Layer timex{"timex", 2, {{0, 9, "DATE", {{"value", "2024-11-06"}}}}};
  std::vector<ArticleRecord> batch = {{&d, {Sentences(text), timex}, {}}};
  ASSERT_TRUE((*store)->PutArticles(batch).ok());
  auto got = (*store)->GetArticle(d.id().substr(0, 6));  // a prefix works
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->text, text);
  EXPECT_EQ(got->raw, d.raw());
  EXPECT_EQ(got->meta.date->ToString(), "2024-11-06");
  EXPECT_EQ(got->meta.origin, d.meta().origin);
  auto layers = (*store)->GetLayers(d.id());
  ASSERT_TRUE(layers.ok());
  ASSERT_EQ(layers->size(), 2u);
  EXPECT_EQ((*layers)[1], timex);

  Layer rerun{"timex", 3, {{0, 9, "DATE", {{"value", "2024-11-07"}}}}};
  ASSERT_TRUE((*store)->PutLayer(d.id(), rerun).ok());
  layers = (*store)->GetLayers(d.id());
  EXPECT_EQ((*layers)[1], rerun);
}

TEST_F(SqliteStoreTest, ReingestAddsMissingLayersAndRefreshReplacesThem) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Document d = MakeDoc("afp", "Lawmakers will vote Wednesday.");
  std::vector<ArticleRecord> old_run = {{&d, {Sentences(d.text())}, {}}};
  ASSERT_TRUE((*store)->PutArticles(old_run).ok());
  // A later version of the pipeline adds a timex layer and changes sentences.
  Layer timex{"timex", 1, {{18, 27, "DATE", {{"value", "2024-11-06"}}}}};
  Layer resplit{"sentences", 2, {{0, 10, "sentence", {}}}};
  std::vector<ArticleRecord> new_run = {{&d, {resplit, timex}, {}}};
  auto again = (*store)->PutArticles(new_run);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, std::vector<bool>{false});
  auto layers = (*store)->GetLayers(d.id());
  ASSERT_EQ(layers->size(), 2u);
  EXPECT_EQ((*layers)[0], Sentences(d.text()));  // kept
  EXPECT_EQ((*layers)[1], timex);                // added
  ASSERT_TRUE((*store)->PutArticles(new_run, Store::ExistingLayers::kReplace).ok());
  layers = (*store)->GetLayers(d.id());
  EXPECT_EQ((*layers)[0], resplit);
  EXPECT_EQ((*store)->ListArticles()->size(), 1u);
}

TEST_F(SqliteStoreTest, EntitiesAndMentionsAreCountedAndReplacedNotDoubled) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Document a = MakeDoc("afp", "Putin met Kim in Moscow. Putin smiled.");
  Document b = MakeDoc("kbs", "Kim left Moscow.");
  std::vector<EntityRecord> entities = {{0, "Vladimir Putin", "PER", "{}"},
                                        {1, "Kim Jong Un", "PER", "{}"},
                                        {2, "Moscow", "LOC", "{\"subtype\":\"city\"}"}};
  std::vector<ArticleRecord> batch = {
      {&a, {}, std::vector<MentionRecord>{{0, 0, 5}, {1, 10, 13}, {2, 17, 23}, {0, 25, 30}}},
      {&b, {}, std::vector<MentionRecord>{{1, 0, 3}, {2, 9, 15}}}};
  ASSERT_TRUE((*store)->PutArticles(batch, Store::ExistingLayers::kAddMissing, entities).ok());
  auto has = (*store)->HasMentions(std::vector<std::string>{a.id(), "0123456789abcdef"});
  ASSERT_TRUE(has.ok());
  EXPECT_EQ(*has, (std::vector<bool>{true, false}));

  auto check = [&](uint64_t putin, uint64_t kim, size_t kim_articles) {
    auto list = (*store)->ListEntities();
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].entity.name, "Vladimir Putin");
    EXPECT_EQ((*list)[0].mentions, putin);
    EXPECT_EQ((*list)[1].mentions, kim);
    EXPECT_EQ((*list)[1].articles.size(), kim_articles);
    EXPECT_EQ((*list)[2].entity.state, "{\"subtype\":\"city\"}");
  };
  check(2, 2, 2);
  // A second run of the same batch (entities updated, not replaced: the
  // upsert keeps their mentions) counts nothing twice.
  entities[1].state = "{\"roles\":[\"leader\"]}";
  ASSERT_TRUE((*store)->PutArticles(batch, Store::ExistingLayers::kAddMissing, entities).ok());
  check(2, 2, 2);
  auto loaded = (*store)->LoadEntities();
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ((*loaded)[1].state, "{\"roles\":[\"leader\"]}");
  // --refresh replaces an article's mentions.
  std::vector<ArticleRecord> refresh = {{&a, {}, std::vector<MentionRecord>{{0, 0, 5}}}};
  ASSERT_TRUE((*store)->PutArticles(refresh, Store::ExistingLayers::kReplace).ok());
  check(1, 1, 1);
  auto st = (*store)->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->entities, 3u);
  EXPECT_EQ(st->mentions, 3u);
}

TEST_F(SqliteStoreTest, UnknownAndAmbiguousIdsAreClearErrors) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->GetArticle("abcdef").status().code(), StatusCode::kNotFound);
  EXPECT_EQ((*store)->GetArticle("ab").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ((*store)->GetArticle("xyz!").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, FullTextSearchFindsWordsAndReportsBadQueries) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Document a = MakeDoc("a", "North Korean troops were deployed to Kursk.");
  Document b = MakeDoc("b", "The treaty was signed in Pyongyang.");
  std::vector<ArticleRecord> batch = {{&a, {}, {}}, {&b, {}, {}}};
  ASSERT_TRUE((*store)->PutArticles(batch).ok());
  auto hits = (*store)->Search("kursk", 10);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].id, a.id());
  EXPECT_NE((*hits)[0].snippet.find("[Kursk]"), std::string::npos);
  EXPECT_EQ((*store)->Search("\"unbalanced", 10).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, StatsCountArticlesSourcesAndLayers) {
  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok());
  Document a = MakeDoc("afp", "one", Date{2024, 1, 1});
  Document b = MakeDoc("afp", "two");
  Document c = MakeDoc("bbc", "three");
  std::vector<ArticleRecord> batch = {{&a, {Sentences("one")}, {}}, {&b, {}, {}}, {&c, {}, {}}};
  ASSERT_TRUE((*store)->PutArticles(batch).ok());
  auto st = (*store)->Stats();
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(st->articles, 3u);
  EXPECT_EQ(st->dated, 1u);
  EXPECT_EQ(st->undated, 2u);
  EXPECT_EQ(st->layers, 1u);
  EXPECT_EQ(st->schema_version, 2);
  ASSERT_EQ(st->by_source.size(), 2u);
  EXPECT_EQ(st->by_source[0], (std::pair<std::string, uint64_t>{"afp", 2}));
}

TEST_F(SqliteStoreTest, ReopensExistingStore) {
  Document a = MakeDoc("a", "persisted text");
  {
    auto store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok());
    std::vector<ArticleRecord> batch = {{&a, {}, {}}};
    ASSERT_TRUE((*store)->PutArticles(batch).ok());
  }
  auto store = OpenSqliteStore(path_, {.create_if_missing = false});
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_TRUE((*store)->GetArticle(a.id()).ok());
}

TEST_F(SqliteStoreTest, RefusesGarbageFileWithCorruption) {
  std::ofstream(path_) << std::string(8192, 'x');
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorruption);
  EXPECT_NE(store.status().message().find(path_), std::string::npos);
}

TEST_F(SqliteStoreTest, RefusesForeignSqliteFile) {
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("not a storyline store"), std::string::npos);
}

TEST_F(SqliteStoreTest, RefusesNewerSchema) {
  { ASSERT_TRUE(OpenSqliteStore(path_).ok()); }
  sqlite3* db;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = OpenSqliteStore(path_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("newer"), std::string::npos);
}

TEST_F(SqliteStoreTest, MissingStoreAndDirectoryAreClearErrors) {
  EXPECT_EQ(OpenSqliteStore(path_, {.create_if_missing = false}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(OpenSqliteStore(dir_.string()).status().code(), StatusCode::kInvalidArgument);
}

// A child process writes batches as fast as it can and is killed with
// SIGKILL at an arbitrary point. Every article that made it to the store must
// be whole: its text, raw bytes and layer all present and consistent.
TEST_F(SqliteStoreTest, KillMidIngestLosesNoCommittedArticleAndLeavesNoHalfArticle) {
  { ASSERT_TRUE(OpenSqliteStore(path_).ok()); }
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto store = OpenSqliteStore(path_);
    if (!store.ok()) _exit(2);
    for (int i = 0;; ++i) {
      std::vector<Document> docs;
      for (int k = 0; k < 20; ++k)
        docs.push_back(MakeDoc("src", "article number " + std::to_string(i * 20 + k) +
                                          std::string(2000, 'a' + k % 26)));
      std::vector<ArticleRecord> batch;
      for (const Document& d : docs) batch.push_back({&d, {Sentences(d.text())}, {}});
      if (!(*store)->PutArticles(batch).ok()) _exit(3);
    }
  }
  // Let it commit some batches, then kill it mid-flight.
  uint64_t committed = 0;
  for (int tries = 0; tries < 200 && committed < 100; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto store = OpenSqliteStore(path_, {.read_only = true});
    if (store.ok()) {
      auto st = (*store)->Stats();
      if (st.ok()) committed = st->articles;
    }
  }
  kill(pid, SIGKILL);
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  ASSERT_TRUE(WIFSIGNALED(wstatus)) << "child exited early with " << WEXITSTATUS(wstatus);

  auto store = OpenSqliteStore(path_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto list = (*store)->ListArticles();
  ASSERT_TRUE(list.ok());
  EXPECT_GE(list->size(), committed);  // nothing seen committed was lost
  EXPECT_EQ(list->size() % 20, 0u);    // whole batches only
  for (const ArticleSummary& s : *list) {
    auto a = (*store)->GetArticle(s.id);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->raw, " raw " + a->text);
    auto layers = (*store)->GetLayers(s.id);
    ASSERT_TRUE(layers.ok());
    ASSERT_EQ(layers->size(), 1u);
    EXPECT_EQ((*layers)[0].spans[0].end, a->text.size());
  }
}

}  // namespace
}  // namespace storyline
