// Tests for Input (files, fds, bytes, look-ahead, size limits) and
// LineReader (chunk boundaries, long lines, final line without "\n").
#include "src/ingest/input.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "src/ingest/testing.h"

namespace storyline::ingest {
namespace {

using testing::TempDir;

std::vector<LineReader::Line> AllLines(std::string_view bytes, size_t max) {
  auto in = Input::FromBytes("x", bytes);
  LineReader reader(in.get(), max);
  std::vector<LineReader::Line> lines;
  LineReader::Line line;
  for (;;) {
    Result<bool> more = reader.Next(&line);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    lines.push_back(line);
  }
  return lines;
}

TEST(FormatBytesTest, PicksUnits) {
  EXPECT_EQ(FormatBytes(12), "12 bytes");
  EXPECT_EQ(FormatBytes(3584), "3.5 KiB");
  EXPECT_EQ(FormatBytes(16u << 20), "16 MiB");
  EXPECT_EQ(FormatBytes(200'000'000), "190.7 MiB");
}

TEST(InputTest, PeekDoesNotConsume) {
  auto in = Input::FromBytes("x", "hello world");
  Result<std::string_view> head = in->Peek(5);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, "hello");
  Result<std::string> all = in->ReadAll(100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, "hello world");
}

TEST(InputTest, PeekPastEndReturnsWhatThereIs) {
  auto in = Input::FromBytes("x", "abc");
  Result<std::string_view> head = in->Peek(4096);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, "abc");
}

TEST(InputTest, ReadAllRefusesKnownSizeOverLimit) {
  std::string bytes(2048, 'a');  // borrowed: must outlive the Input
  auto in = Input::FromBytes("big.txt", bytes);
  Result<std::string> all = in->ReadAll(1024);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().message(),
            "big.txt: article is 2.0 KiB, over the 1.0 KiB limit");
}

TEST(InputTest, ReadAllStopsPipeOverLimit) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::string data(3000, 'x');
  ASSERT_EQ(::write(fds[1], data.data(), data.size()),
            static_cast<ssize_t>(data.size()));
  ::close(fds[1]);
  auto in = Input::FromFd(fds[0], "-");
  EXPECT_FALSE(in->size().has_value());
  Result<std::string> all = in->ReadAll(1024);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().message(), "-: article is over the 1.0 KiB limit");
  ::close(fds[0]);
}

TEST(InputTest, ReadAllAtExactLimitSucceeds) {
  std::string bytes(1024, 'a');
  auto in = Input::FromBytes("x", bytes);
  Result<std::string> all = in->ReadAll(1024);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1024u);
}

TEST(InputTest, OpenMissingFileIsNotFound) {
  auto in = Input::OpenFile("/nonexistent/storyline/x.txt");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), StatusCode::kNotFound);
}

TEST(InputTest, OpenFolderIsIOError) {
  TempDir dir;
  auto in = Input::OpenFile(dir.path());
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), StatusCode::kIOError);
}

TEST(InputTest, ReadFailureIsIOError) {
  TempDir dir;
  std::string path = dir.Write("w.txt", "text");
  int fd = ::open(path.c_str(), O_WRONLY);  // reading it fails with EBADF
  ASSERT_GE(fd, 0);
  auto in = Input::FromFd(fd, "-");
  Result<std::string> all = in->ReadAll(1024);
  ::close(fd);
  ASSERT_FALSE(all.ok());
  EXPECT_EQ(all.status().code(), StatusCode::kIOError);
  EXPECT_EQ(all.status().message().rfind("-: read failed", 0), 0u);
}

TEST(InputTest, FileSizeComesFromStat) {
  TempDir dir;
  std::string path = dir.Write("a.txt", "12345");
  auto in = Input::OpenFile(path);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ((*in)->size(), 5u);
}

TEST(LineReaderTest, SplitsLinesAndNumbersThem) {
  auto lines = AllLines("a\n\nbc\r\nlast", 100);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[2].text, "bc\r");
  EXPECT_EQ(lines[3].text, "last");
  EXPECT_EQ(lines[3].number, 4u);
}

TEST(LineReaderTest, TrailingNewlineAddsNoLine) {
  EXPECT_EQ(AllLines("a\nb\n", 100).size(), 2u);
  EXPECT_EQ(AllLines("", 100).size(), 0u);
}

TEST(LineReaderTest, LinesSpanChunks) {
  std::string long_line(200'000, 'x');
  auto lines = AllLines(long_line + "\nshort\n", 1 << 20);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text, long_line);
  EXPECT_EQ(lines[1].text, "short");
}

TEST(LineReaderTest, SkipsTooLongLinesAndKeepsGoing) {
  std::string big(150'000, 'y');
  auto lines = AllLines("ok\n" + big + "\nafter", 1000);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_FALSE(lines[0].too_long);
  EXPECT_TRUE(lines[1].too_long);
  EXPECT_TRUE(lines[1].text.empty());
  EXPECT_EQ(lines[1].length, big.size());
  EXPECT_EQ(lines[2].text, "after");
  EXPECT_EQ(lines[2].number, 3u);
}

}  // namespace
}  // namespace storyline::ingest
