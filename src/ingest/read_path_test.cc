// Tests for ReadPath and ReadBytes: dispatch by extension and sniffing,
// deterministic recursive folder order, stdin (a pipe and a redirected
// file), unreadable and missing paths, and the bundled examples.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "src/ingest/reader.h"
#include "src/ingest/testing.h"
#include "storyline/ingest.h"

namespace storyline::ingest {
namespace {

using testing::Collected;
using testing::ReadAll;
using testing::TempDir;

// Runs `fn` with fd 0 replaced by `fd`, then restores stdin.
void WithStdin(int fd, const std::function<void()>& fn) {
  int saved = ::dup(0);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(::dup2(fd, 0), 0);
  fn();
  ASSERT_EQ(::dup2(saved, 0), 0);
  ::close(saved);
}

Collected ReadStdinPipe(const std::string& bytes) {
  int fds[2];
  EXPECT_EQ(::pipe(fds), 0);
  // Small inputs fit in the pipe buffer, so no writer thread is needed.
  EXPECT_EQ(::write(fds[1], bytes.data(), bytes.size()),
            static_cast<ssize_t>(bytes.size()));
  ::close(fds[1]);
  Collected c;
  WithStdin(fds[0], [&] { c = ReadAll("-"); });
  ::close(fds[0]);
  return c;
}

TEST(ChooseReaderTest, ByExtensionThenContent) {
  struct Case {
    const char* path;
    const char* head;
    const char* reader;
  };
  const Case kCases[] = {
      {"a.jsonl", "plain words", "jsonl"},
      {"a.NDJSON", "", "jsonl"},
      {"a.html", "plain words", "html"},
      {"a.HTM", "", "html"},
      {"a.txt", "<!doctype html><p>", "html"},
      {"a.txt", "  <html>", "html"},
      {"a.txt", "Words <html>", "text"},
      {"a.jsonl", "<!doctype html>", "jsonl"},
      {"-", "{\"text\": \"a\"}\n", "jsonl"},
      {"-", "{not a line end", "text"},
      {"-", "{braces} in a sentence}\nmore", "jsonl"},
      {"a.md", "# Title", "text"},
      {"noext", "", "text"},
  };
  for (const Case& c : kCases)
    EXPECT_EQ(ChooseReader(c.path, c.head).name(), c.reader)
        << c.path << " " << c.head;
}

TEST(ReadPathTest, MissingPathIsNotFound) {
  bool called = false;
  Status st = ReadPath("/nonexistent/storyline/feed.jsonl", {},
                       [&](Result<RawArticle>) { called = true; });
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_EQ(st.message(), "/nonexistent/storyline/feed.jsonl: no such file or folder");
  EXPECT_FALSE(called);
  EXPECT_EQ(ReadPath("", {}, [](Result<RawArticle>) {}).code(),
            StatusCode::kNotFound);
}

TEST(ReadPathTest, UnreadableFileIsIOError) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores file permissions";
  TempDir dir;
  std::string path = dir.Write("secret.txt", "text");
  ::chmod(path.c_str(), 0);
  Collected c = ReadAll(path);
  EXPECT_EQ(c.status.code(), StatusCode::kIOError);
  EXPECT_TRUE(c.articles.empty());
  EXPECT_TRUE(c.errors.empty());
}

TEST(ReadPathTest, UnreadableFileInFolderIsReportedAndSkipped) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores file permissions";
  TempDir dir;
  dir.Write("a.txt", "A");
  std::string secret = dir.Write("b.txt", "B");
  dir.Write("c.txt", "C");
  ::chmod(secret.c_str(), 0);
  Collected c = ReadAll(dir.path());
  EXPECT_TRUE(c.status.ok());
  ASSERT_EQ(c.articles.size(), 2u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code(), StatusCode::kIOError);
  EXPECT_EQ(c.errors[0].message().rfind(secret + ": cannot open", 0), 0u);
}

TEST(ReadPathTest, UnlistableFolders) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores folder permissions";
  TempDir dir;
  dir.Write("a.txt", "A");
  dir.Write("locked/b.txt", "B");
  dir.Write("z.txt", "Z");
  std::string locked = dir.path() + "/locked";
  ::chmod(locked.c_str(), 0);
  Collected c = ReadAll(dir.path());
  EXPECT_TRUE(c.status.ok());
  ASSERT_EQ(c.order.size(), 3u);
  EXPECT_EQ(c.order[1].rfind(locked + ": cannot list folder", 0), 0u);
  EXPECT_EQ(c.errors[0].code(), StatusCode::kIOError);

  // The folder named itself cannot be listed: ReadPath fails.
  Collected top = ReadAll(locked);
  EXPECT_EQ(top.status.code(), StatusCode::kIOError);
  EXPECT_TRUE(top.order.empty());
}

TEST(ReadPathTest, VanishedFileInFolderIsIOErrorInPlace) {
  // A dangling link is a file that was listed and is gone when read: the
  // same path as a deletion racing the walk.
  TempDir dir;
  dir.Write("a.txt", "A");
  std::filesystem::create_symlink(dir.path() + "/gone.txt",
                                  dir.path() + "/b.txt");
  dir.Write("c.txt", "C");
  Collected c = ReadAll(dir.path());
  EXPECT_TRUE(c.status.ok());
  ASSERT_EQ(c.order.size(), 3u);
  EXPECT_EQ(c.order[0], dir.path() + "/a.txt");
  EXPECT_EQ(c.order[1].rfind(dir.path() + "/b.txt: cannot stat", 0), 0u)
      << c.order[1];
  EXPECT_EQ(c.order[2], dir.path() + "/c.txt");
  EXPECT_EQ(c.errors[0].code(), StatusCode::kIOError);
}

TEST(ReadPathTest, FolderIsRecursiveSortedAndFiltered) {
  TempDir dir;
  // Written out of order on purpose.
  dir.Write("z.txt", "Z");
  dir.Write("b/2.txt", "B2");
  dir.Write("a.html", "<p>A html</p>");
  dir.Write("b/1.jsonl", "{\"text\": \"B1 line 1\"}\n{\"text\": \"B1 line 2\"}\n");
  dir.Write("b/deeper/x", "no extension");
  dir.Write("b.txt", "B txt");
  dir.Write(".hidden.txt", "hidden");
  dir.Write(".git/config.txt", "hidden folder");
  dir.Write("image.png", std::string("\x89PNG\0\0", 6));
  dir.Write("notes.md", "Markdown");
  dir.Write("README.txt", "dataset notice");
  dir.Write("LICENSE", "licence");
  dir.Write("data.csv", "a,b");
  Collected c = ReadAll(dir.path());
  ASSERT_TRUE(c.status.ok());
  EXPECT_TRUE(c.errors.empty());
  const std::string& d = dir.path();
  std::vector<std::string> want = {
      d + "/a.html",        d + "/b.txt",      d + "/b/1.jsonl:1",
      d + "/b/1.jsonl:2",   d + "/b/2.txt",    d + "/b/deeper/x",
      d + "/notes.md",      d + "/z.txt"};
  EXPECT_EQ(c.order, want);
  // The same again: the order does not depend on the directory listing.
  EXPECT_EQ(ReadAll(dir.path()).order, want);
  // Source is the parent folder's name.
  EXPECT_EQ(c.articles[2].meta.source, "b");
  EXPECT_EQ(c.articles[5].meta.source, "deeper");
}

TEST(ReadPathTest, FolderLinksAreNotFollowed) {
  TempDir dir;
  dir.Write("real/a.txt", "A");
  std::filesystem::create_directory_symlink(dir.path() + "/real",
                                            dir.path() + "/loop");
  std::filesystem::create_directory_symlink(dir.path(),
                                            dir.path() + "/real/up");
  Collected c = ReadAll(dir.path());
  ASSERT_TRUE(c.status.ok());
  ASSERT_EQ(c.articles.size(), 1u);
}

TEST(ReadPathTest, ExplicitFileIsReadWhateverItsExtension) {
  TempDir dir;
  std::string path = dir.Write("story.csv", "Text in a csv name.");
  Collected c = ReadAll(path);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Text in a csv name.");
}

TEST(ReadPathTest, BadFilesInFolderDoNotStopTheWalk) {
  TempDir dir;
  dir.Write("1-empty.txt", "");
  dir.Write("2-binary.txt", std::string("\x7f" "ELF\0\0\0", 7));
  dir.Write("3-latin1.txt", "na\xefve");
  std::string huge = dir.Write("4-huge.html", "");
  std::filesystem::resize_file(huge, 200'000'000);
  dir.Write("5-good.txt", " date 2024-11-05 Good.");
  dir.Write("6-mixed.jsonl", "{\"text\": \"ok\"}\n{oops}\n");
  Collected c = ReadAll(dir.path());
  ASSERT_TRUE(c.status.ok());
  const std::string& d = dir.path();
  ASSERT_EQ(c.order.size(), 7u);
  EXPECT_EQ(c.order[0], d + "/1-empty.txt: empty article");
  EXPECT_EQ(c.order[1], d + "/2-binary.txt: binary file, not text");
  EXPECT_EQ(c.order[2], d + "/3-latin1.txt: invalid UTF-8 at byte 2");
  EXPECT_EQ(c.order[3],
            d + "/4-huge.html: article is 190.7 MiB, over the 16 MiB limit");
  EXPECT_EQ(c.order[4], d + "/5-good.txt");
  EXPECT_EQ(c.order[5], d + "/6-mixed.jsonl:1");
  EXPECT_EQ(c.order[6].rfind(d + "/6-mixed.jsonl:2: broken JSON", 0), 0u);
}

TEST(ReadPathTest, StdinPipeIsSniffed) {
  Collected text = ReadStdinPipe(" date 2024-11-05 From a pipe.");
  ASSERT_EQ(text.articles.size(), 1u);
  EXPECT_EQ(text.articles[0].text, "From a pipe.");
  EXPECT_EQ(text.articles[0].meta.origin, "-");
  EXPECT_EQ(text.articles[0].meta.source, "");
  EXPECT_EQ(text.articles[0].meta.date_source, "header");

  Collected jsonl = ReadStdinPipe("{\"text\": \"one\"}\n{\"text\": 2}\n");
  ASSERT_EQ(jsonl.articles.size(), 1u);
  EXPECT_EQ(jsonl.articles[0].meta.origin, "-:1");
  ASSERT_EQ(jsonl.errors.size(), 1u);
  EXPECT_EQ(jsonl.errors[0].message(), "-:2: field \"text\" is a number, not a string");

  Collected html = ReadStdinPipe("<!doctype html><title>T</title><p>Body</p>");
  ASSERT_EQ(html.articles.size(), 1u);
  EXPECT_EQ(html.articles[0].text, "Body");

  Collected empty = ReadStdinPipe("");
  ASSERT_EQ(empty.errors.size(), 1u);
  EXPECT_EQ(empty.errors[0].message(), "-: empty article");
}

TEST(ReadPathTest, StdinRedirectedFromFileUsesItsSize) {
  TempDir dir;
  std::string path = dir.Write("in.txt", "Redirected text.");
  int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  Collected c;
  ReadOptions options;
  options.max_article_bytes = 10;
  WithStdin(fd, [&] { c = ReadAll("-", options); });
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].message(),
            "-: article is 16 bytes, over the 10 bytes limit");
  ::lseek(fd, 0, SEEK_SET);
  WithStdin(fd, [&] { c = ReadAll("-"); });
  ::close(fd);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Redirected text.");
}

TEST(ReadPathTest, UnreadableStdinIsReported) {
  TempDir dir;
  std::string path = dir.Write("w.txt", "");
  int fd = ::open(path.c_str(), O_WRONLY);
  ASSERT_GE(fd, 0);
  Collected c;
  WithStdin(fd, [&] { c = ReadAll("-"); });
  ::close(fd);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].code(), StatusCode::kIOError);
}

TEST(ExamplesTest, AllExamplesIngestCleanly) {
  std::string dir = std::string(STORYLINE_SOURCE_DIR) + "/examples";
  ReadOptions options;
  options.date = Date{2024, 3, 15};
  Collected c = ReadAll(dir, options);
  ASSERT_TRUE(c.status.ok()) << c.status.ToString();
  for (const Status& e : c.errors) ADD_FAILURE() << e.ToString();
  ASSERT_EQ(c.articles.size(), 4u);
  const RawArticle& courier = c.articles[0];
  EXPECT_EQ(courier.meta.source, "lennfield-courier");
  EXPECT_EQ(courier.meta.date->ToString(), "2024-03-14");
  EXPECT_EQ(courier.meta.date_source, "header");
  EXPECT_NE(courier.text.find("\xE2\x80\x9CWe have never seen"), std::string::npos);
  const RawArticle& daily1 = c.articles[1];
  EXPECT_EQ(daily1.meta.source, "Northmarch Daily");
  EXPECT_EQ(daily1.meta.date_source, "json");
  EXPECT_EQ(daily1.meta.date->ToString(), "2024-03-14");
  const RawArticle& daily2 = c.articles[2];
  EXPECT_EQ(daily2.meta.date_source, "flag");
  const RawArticle& post = c.articles[3];
  EXPECT_EQ(post.meta.source, "The Valley Post");
  EXPECT_EQ(post.meta.title, "Varrow Bridge counts the cost of the flood");
  EXPECT_EQ(post.meta.date->ToString(), "2024-03-15");
  EXPECT_EQ(post.meta.date_source, "html-meta");
  EXPECT_EQ(post.text.find("Read more"), std::string::npos);
  EXPECT_NE(post.text.find("\xC2\xA3" "3.2 million"), std::string::npos);
  for (const RawArticle& a : c.articles) EXPECT_TRUE(a.warnings.empty());
}

}  // namespace
}  // namespace storyline::ingest
