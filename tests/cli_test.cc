// End-to-end tests of the storyline command line: the binary is run as a
// user would run it, on the seed reports and on each class of bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct RunResult {
  int exit_code = -1;
  bool signaled = false;
  std::string out, err;
};

// Runs `storyline ARGS` with a shell (for redirections) and captures both streams.
RunResult Storyline(const std::string& args, const std::string& stdin_file = "") {
  static int n = 0;
  fs::path tmp = fs::temp_directory_path() / ("storyline_cli_" + std::to_string(getpid()) + "_" + std::to_string(n++));
  std::string cmd = std::string(STORYLINE_BIN) + " " + args + " >" + tmp.string() + ".out 2>" +
                    tmp.string() + ".err" + (stdin_file.empty() ? " </dev/null" : " <" + stdin_file);
  int status = std::system(cmd.c_str());
  RunResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  // sh reports a child killed by signal N as exit 128+N.
  r.signaled = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) > 128);
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  r.out = slurp(tmp.string() + ".out");
  r.err = slurp(tmp.string() + ".err");
  fs::remove(tmp.string() + ".out");
  fs::remove(tmp.string() + ".err");
  return r;
}

// The objects of a `--json` listing (JSON Lines), in order.
std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> rows;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line));
  return rows;
}

// `storyline --json entities` output by canonical name.
std::map<std::string, json> EntitiesByName(const std::string& out) {
  std::map<std::string, json> by_name;
  for (const json& e : JsonLines(out)) by_name[e["name"].get<std::string>()] = e;
  return by_name;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("storyline_cli_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "s.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Db() const { return "--db " + db_ + " "; }
  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }
  static fs::path Seeds() { return fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "seeds"; }

  fs::path dir_;
  std::string db_;
};

TEST_F(CliTest, SeedsIngestTwiceGivesTwoArticlesFirstDatedSecondUnknown) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  RunResult first = Storyline(Db() + "ingest " + Seeds().string());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("2 new"), std::string::npos) << first.out;
  RunResult second = Storyline(Db() + "ingest " + Seeds().string());
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("0 new, 2 duplicate"), std::string::npos) << second.out;

  RunResult list = Storyline(Db() + "--json articles");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::vector<json> rows = JsonLines(list.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["date"], "2024-11-05");
  EXPECT_EQ(rows[0]["date_source"], "header");
  EXPECT_TRUE(rows[1]["date"].is_null());
  EXPECT_GT(rows[0]["layers"]["sentences"].get<int>(), 20);
}

TEST_F(CliTest, ShowJsonOfSecondSeedHasCaptionAndTheRussiaSentence) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  ASSERT_EQ(Storyline(Db() + "ingest " + Seeds().string()).exit_code, 0);
  RunResult list = Storyline(Db() + "--json articles");
  std::string undated_id;
  for (const json& row : JsonLines(list.out))
    if (row["date"].is_null()) undated_id = row["id"];
  ASSERT_FALSE(undated_id.empty());
  RunResult show = Storyline(Db() + "show " + undated_id + " --json");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  json doc = json::parse(show.out);
  const json& spans = doc["layers"]["sentences"]["spans"];
  int captions = 0;
  bool russia = false;
  for (const json& s : spans) {
    std::string text = s["text"];
    if (s["kind"] == "caption") {
      ++captions;
      EXPECT_NE(text.find("via Reuters]"), std::string::npos) << text;
    }
    if (s["kind"] == "sentence" && text.rfind("Russia has deployed the North Korean soldiers", 0) == 0)
      russia = true;
  }
  EXPECT_EQ(captions, 1);
  EXPECT_TRUE(russia);
}

TEST_F(CliTest, EntitiesMergeSpellingsAcrossTheSeedReports) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  ASSERT_EQ(Storyline(Db() + "ingest " + Seeds().string()).exit_code, 0);
  RunResult r = Storyline(Db() + "--json entities");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, json> by_name = EntitiesByName(r.out);
  ASSERT_TRUE(by_name.count("Volodymyr Zelensky")) << r.out;
  const json& zelensky = by_name["Volodymyr Zelensky"];
  EXPECT_EQ(zelensky["type"], "PER");
  EXPECT_EQ(zelensky["articles"].size(), 2u);  // one spelling per outlet, one entity
  EXPECT_NE(zelensky["aliases"].dump().find("Zelenskyy"), std::string::npos);
  ASSERT_TRUE(by_name.count("Kyiv")) << r.out;
  EXPECT_NE(by_name["Kyiv"]["aliases"].dump().find("Kiev"), std::string::npos);
  ASSERT_TRUE(by_name.count("Jeon Ha-gyu"));
  EXPECT_NE(by_name["Jeon Ha-gyu"]["roles"].dump().find("spokesman"), std::string::npos);
  EXPECT_FALSE(by_name.count("Zelenskyy"));
  EXPECT_FALSE(by_name.count("Kiev"));
}

// Canonical entities live in the store: two ingest runs, one report each,
// link into the same entities, and ingesting again counts nothing twice.
TEST_F(CliTest, EntitiesPersistAcrossIngestRunsAndReingestCountsNothingTwice) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  std::vector<fs::path> files;
  for (const auto& f : fs::directory_iterator(Seeds())) files.push_back(f.path());
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 2u);
  for (const fs::path& f : files) ASSERT_EQ(Storyline(Db() + "ingest " + f.string()).exit_code, 0);
  auto listing = [&] { return EntitiesByName(Storyline(Db() + "--json entities").out); };
  auto first = listing();
  ASSERT_TRUE(first.count("Volodymyr Zelensky"));
  EXPECT_EQ(first["Volodymyr Zelensky"]["articles"].size(), 2u);
  EXPECT_NE(first["Volodymyr Zelensky"]["aliases"].dump().find("Zelenskyy"), std::string::npos);
  ASSERT_TRUE(first.count("Kyiv"));
  EXPECT_EQ(first["Kyiv"]["articles"].size(), 2u);
  EXPECT_FALSE(first.count("Kiev"));

  ASSERT_EQ(Storyline(Db() + "ingest " + Seeds().string()).exit_code, 0);
  auto second = listing();
  ASSERT_EQ(second.size(), first.size());
  for (const auto& [name, e] : first) EXPECT_EQ(second[name]["mentions"], e["mentions"]) << name;

  EXPECT_EQ(JsonLines(Storyline(Db() + "--json entities --limit 3").out).size(), 3u);
  json stats = json::parse(Storyline(Db() + "--json stats").out);
  EXPECT_EQ(stats["entities"].get<size_t>(), first.size());
  EXPECT_GT(stats["mentions"].get<int>(), 100);
  // show marks each mention with its canonical id.
  const std::string id = JsonLines(Storyline(Db() + "--json articles").out).back()["id"];
  RunResult show = Storyline(Db() + "--json show " + id);
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.out.find("\"canonical\""), std::string::npos);
}

// The stages run on several threads; the store comes out the same as with
// one: every layer of every article and the canonical entities.
TEST_F(CliTest, IngestOnTwoThreadsStoresWhatOneThreadStores) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  std::string docs;
  for (int i = 0; i < 40; ++i)
    docs += json{{"source", "wire"}, {"date", "2024-11-05"},
                 {"text", "Russian President Vladimir Putin met Kim Jong Un in Moscow on Tuesday. "
                          "He said the talks " + std::to_string(i) + " went well, Putin told reporters."}}
                .dump() + "\n";
  const std::string feed = Write("feed.jsonl", docs);
  auto dump = [&](int threads) {
    const std::string db = "--db " + (dir_ / ("t" + std::to_string(threads) + ".db")).string() + " ";
    EXPECT_EQ(Storyline(db + "ingest --threads " + std::to_string(threads) + " " + Seeds().string() +
                        " " + feed).exit_code, 0);
    std::string out = Storyline(db + "--json entities").out;
    for (const json& row : JsonLines(Storyline(db + "--json articles").out)) {
      json shown = json::parse(Storyline(db + "--json show " + row["id"].get<std::string>()).out);
      shown.erase("ingested_at");  // the clock, not the stages
      out += shown.dump() + "\n";
    }
    return out;
  };
  const std::string one = dump(1);
  EXPECT_NE(one.find("Vladimir Putin"), std::string::npos);
  EXPECT_NE(one.find("\"canonical\""), std::string::npos);
  EXPECT_TRUE(dump(2) == one);  // not EXPECT_EQ: no diff of two large dumps
}

// `ingest --beam` sets the parser's beam: the model's own width (8) is the
// default, and a greedy parse of the same articles stores other trees.
TEST_F(CliTest, IngestBeamWidthReachesTheParser) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  auto trees = [&](const std::string& name, const std::string& beam) {
    const std::string db = "--db " + (dir_ / name).string() + " ";
    EXPECT_EQ(Storyline(db + "ingest " + beam + Seeds().string()).exit_code, 0);
    std::string out;
    for (const json& row : JsonLines(Storyline(db + "--json articles").out))
      out += Storyline(db + "show --syntax " + row["id"].get<std::string>()).out;
    return out;
  };
  const std::string by_default = trees("default.db", "");
  EXPECT_FALSE(by_default.empty());
  EXPECT_TRUE(trees("beam8.db", "--beam 8 ") == by_default);
  EXPECT_FALSE(trees("beam1.db", "--beam 1 ") == by_default);
  EXPECT_EQ(Storyline("--db " + (dir_ / "x.db").string() + " ingest --beam 99 " +
                      Seeds().string()).exit_code, 2);
}

// A syntax model records the command that trained it (every option that
// differs from its default; `parse --model-info` prints it), and running
// that command again rebuilds the file byte for byte.
TEST_F(CliTest, TrainSyntaxRecordsTheCommandThatRebuildsTheModel) {
  if (!fs::exists("/usr/share/wordnet/verb.exc")) GTEST_SKIP() << "needs Debian wordnet-base";
  auto word = [](const char* id, const char* form, const char* upos, const char* xpos,
                 const char* head, const char* rel) {
    return std::string(id) + "\t" + form + "\t_\t" + upos + "\t" + xpos + "\t_\t" + head +
           "\t" + rel + "\t_\t_\n";
  };
  const std::string treebank = Write(
      "tiny.conllu",
      word("1", "The", "DET", "DT", "2", "det") + word("2", "dog", "NOUN", "NN", "3", "nsubj") +
          word("3", "barks", "VERB", "VBZ", "0", "root") + word("4", ".", "PUNCT", ".", "3", "punct") +
          "\n" + word("1", "Troops", "NOUN", "NNS", "2", "nsubj") +
          word("2", "will", "AUX", "MD", "3", "aux") + word("3", "leave", "VERB", "VB", "0", "root") +
          word("4", ".", "PUNCT", ".", "3", "punct") + "\n");
  const std::string model = (dir_ / "tiny.model").string();
  RunResult train = Storyline("train syntax --quiet --train " + treebank + " --dev " + treebank +
                              " --corpus '' --out " + model +
                              " --folds 0 --two-pass 0 --tagger-epochs 3 --parser-epochs 3"
                              " --parser-beam 2 --parser-ensemble 1 --tagger-dropout 0.1");
  ASSERT_EQ(train.exit_code, 0) << train.err;
  RunResult info = Storyline("parse --model-info --model " + model);
  ASSERT_EQ(info.exit_code, 0) << info.err;
  const std::string prefix = "command: storyline ";
  const size_t at = info.out.find(prefix);
  ASSERT_NE(at, std::string::npos) << info.out;
  std::string command = info.out.substr(at + prefix.size());
  command = command.substr(0, command.find('\n'));
  for (const char* flag : {"--corpus ''", "--folds 0", "--two-pass 0", "--tagger-epochs 3",
                           "--parser-epochs 3", "--parser-beam 2", "--parser-ensemble 1",
                           "--tagger-dropout 0.1"})
    EXPECT_NE(command.find(flag), std::string::npos) << flag << " missing from: " << command;
  auto bytes = [&] {
    std::ifstream in(model, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  };
  const std::string first = bytes();
  fs::remove(model);
  RunResult again = Storyline(command + " --quiet");
  ASSERT_EQ(again.exit_code, 0) << command << "\n" << again.err;
  EXPECT_TRUE(bytes() == first);
}

// An undated article dated later resolves its time expressions as if the
// date had been known at ingest.
TEST_F(CliTest, DatingAStoredArticleResolvesItsTimesAsIngestWithTheDateDoes) {
  if (!fs::exists(Seeds())) GTEST_SKIP() << "no ../shared/seeds";
  const std::string later = "--db " + (dir_ / "later.db").string() + " ";
  const std::string known = "--db " + (dir_ / "known.db").string() + " ";
  ASSERT_EQ(Storyline(later + "ingest " + Seeds().string()).exit_code, 0);
  ASSERT_EQ(Storyline(known + "ingest --date 2024-11-06 " + Seeds().string()).exit_code, 0);
  std::string undated;
  for (const json& row : JsonLines(Storyline(later + "--json articles").out))
    if (row["date"].is_null()) undated = row["id"];
  ASSERT_FALSE(undated.empty());
  auto timex_values = [&](const std::string& db) {
    json shown = json::parse(Storyline(db + "--json show " + undated).out);
    std::vector<std::string> values;
    for (const json& span : shown["layers"]["timex"]["spans"]) values.push_back(span["attrs"]["value"]);
    return values;
  };
  const std::vector<std::string> before = timex_values(later);
  ASSERT_FALSE(before.empty());
  EXPECT_NE(before, timex_values(known));  // "Wednesday" etc. unresolved without a date
  RunResult r = Storyline(later + "date " + undated.substr(0, 8) + " 2024-11-06");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(timex_values(later), timex_values(known));
  EXPECT_NE(Storyline(later + "--json articles").out.find("2024-11-06"), std::string::npos);
  EXPECT_EQ(Storyline(later + "date " + undated + " 2024-02-30").exit_code, 1);
  EXPECT_EQ(Storyline(later + "date ffffffff 2024-11-06").exit_code, 1);
}

// Every time expression of the seeds gold, with its value, through the whole
// pipeline (text, syntax tenses, timex, store); the undated report gets its
// publication day from --date, as the gold says.
TEST_F(CliTest, SeedTimeExpressionsAllResolveThroughIngest) {
  fs::path gold_path = fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "gold" / "seeds.json";
  if (!fs::exists(gold_path)) GTEST_SKIP() << "no ../shared/gold";
  ASSERT_EQ(Storyline(Db() + "ingest " + Seeds().string() + " --date 2024-11-06").exit_code, 0);
  std::map<std::string, std::string> id_by_file;
  for (const json& row : JsonLines(Storyline(Db() + "--json articles").out))
    id_by_file[fs::path(row["origin"].get<std::string>()).filename().string()] = row["id"];
  std::ifstream in(gold_path);
  json gold = json::parse(in);
  int found = 0, total = 0;
  for (const json& doc : gold["documents"]) {
    json shown = json::parse(Storyline(Db() + "--json show " + id_by_file[doc["file"]]).out);
    std::vector<std::pair<std::string, std::string>> got;
    for (const json& s : shown["layers"]["timex"]["spans"])
      got.emplace_back(s["text"], s["attrs"]["value"]);
    for (const json& t : doc["timex"]) {
      ++total;
      auto it = std::find(got.begin(), got.end(), std::pair<std::string, std::string>(t["text"], t["value"]));
      if (it == got.end()) {
        ADD_FAILURE() << doc["file"] << ": missed " << t["text"] << " = " << t["value"];
        continue;
      }
      got.erase(it);
      ++found;
    }
  }
  EXPECT_EQ(total, 24);
  EXPECT_EQ(found, 24);
}

TEST_F(CliTest, BadInputsExitNonZeroNamingTheFile) {
  std::string empty = Write("empty.txt", "");
  std::string binary = Write("blob.bin", std::string("\x7f" "ELF\0\0\0\x01\x02", 9) + std::string(600, '\0'));
  std::string missing = (dir_ / "missing.txt").string();
  std::string latin1 = Write("latin1.txt", "Caf\xe9 au lait in M\xfcnchen.");
  // 200 MB, sparse: refused by size before it is read.
  std::string huge = (dir_ / "huge.txt").string();
  { std::ofstream(huge) << "x"; }
  fs::resize_file(huge, 200u << 20);
  for (const std::string& path : {empty, binary, missing, latin1, huge}) {
    RunResult r = Storyline(Db() + "ingest " + path);
    EXPECT_FALSE(r.signaled) << path;
    EXPECT_NE(r.exit_code, 0) << path;
    EXPECT_NE(r.err.find(path), std::string::npos) << r.err;
  }
}

TEST_F(CliTest, BrokenJsonLineIsReportedWithLineNumberAndGoodLinesGoIn) {
  std::string feed = Write("feed.jsonl",
                           "{\"text\": \"First good article.\", \"source\": \"a\"}\n"
                           "{\"text\": broken\n"
                           "{\"text\": \"Second good article.\", \"date\": \"2024-11-06\"}\n");
  RunResult r = Storyline(Db() + "ingest " + feed);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find(feed + ":2"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("2 new"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 rejected"), std::string::npos) << r.out;
}

TEST_F(CliTest, StdinIsAnInput) {
  std::string input = Write("in.txt", " date 2024-11-05 Lawmakers will vote Wednesday.");
  RunResult r = Storyline(Db() + "ingest - --source wire", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  RunResult list = Storyline(Db() + "--json articles");
  json row = json::parse(list.out);
  EXPECT_EQ(row["source"], "wire");
  EXPECT_EQ(row["date"], "2024-11-05");
}

TEST_F(CliTest, CorruptStoreIsAClearError) {
  std::string db = Write("bad.db", std::string(4096, 'z'));
  RunResult r = Storyline("--db " + db + " stats");
  EXPECT_FALSE(r.signaled);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find(db), std::string::npos) << r.err;
}

TEST_F(CliTest, SearchFindsIngestedText) {
  std::string a = Write("a/one.txt", "North Korean troops were sent to Kursk.");
  ASSERT_EQ(Storyline(Db() + "ingest " + a).exit_code, 0);
  RunResult r = Storyline(Db() + "search Kursk");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("[Kursk]"), std::string::npos) << r.out;
  RunResult bad = Storyline(Db() + "search '\"unbalanced'");
  EXPECT_EQ(bad.exit_code, 1);
}

TEST_F(CliTest, MissingStoreForReadCommandsIsAClearError) {
  RunResult r = Storyline("--db " + (dir_ / "none.db").string() + " articles");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no such store"), std::string::npos) << r.err;
}

}  // namespace
