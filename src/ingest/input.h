// Input: the byte stream one reader consumes (a file, stdin, or bytes in
// memory), with look-ahead for sniffing and a size known up front when the
// operating system can tell (regular files). LineReader splits an Input
// into lines with a per-line byte limit, so JSON Lines stream in bounded
// memory. Private to the ingest stage.
#ifndef STORYLINE_SRC_INGEST_INPUT_H_
#define STORYLINE_SRC_INGEST_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storyline/status.h"

namespace storyline::ingest {

class Input {
 public:
  // Opens a file for reading. NotFound when it does not exist, IOError when
  // it cannot be opened (permissions, a race with a deletion).
  static Result<std::unique_ptr<Input>> OpenFile(const std::string& path);
  // Reads from `fd` (not owned, not closed), e.g. 0 for stdin.
  static std::unique_ptr<Input> FromFd(int fd, std::string name);
  // Reads from `bytes`, which must outlive the Input.
  static std::unique_ptr<Input> FromBytes(std::string name,
                                          std::string_view bytes);

  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  ~Input();

  // Display name: the path, "-" for stdin. Prefixes messages; the origin.
  const std::string& name() const { return name_; }
  // Outlet guessed from where the input lives (its parent folder's name);
  // used when neither the article nor ReadOptions names one.
  const std::string& source_hint() const { return source_hint_; }
  void set_source_hint(std::string hint) { source_hint_ = std::move(hint); }
  // Total size in bytes when known before reading (regular files, bytes).
  std::optional<uint64_t> size() const { return size_; }

  // Returns up to `n` first unread bytes without consuming them.
  Result<std::string_view> Peek(size_t n);
  // Reads up to `n` bytes into `buf`; returns 0 at the end.
  Result<size_t> Read(char* buf, size_t n);
  // Reads everything that is left. When the input is over `limit` bytes
  // (checked against size() first, so a huge file is never read) returns
  // InvalidArgument "name: article is X MiB, over the L MiB limit".
  // Every error message starts with name().
  Result<std::string> ReadAll(size_t limit);

 private:
  Input(std::string name, int fd, bool owns_fd, std::string_view bytes,
        std::optional<uint64_t> size);
  Result<size_t> ReadRaw(char* buf, size_t n);

  std::string name_;
  std::string source_hint_;
  int fd_ = -1;
  bool owns_fd_ = false;
  std::string_view bytes_;  // when fd_ < 0
  std::optional<uint64_t> size_;
  std::string ahead_;  // peeked, not yet consumed
  size_t ahead_pos_ = 0;
};

// Splits an Input into lines ending in "\n" (the last may lack it).
class LineReader {
 public:
  // `input` must outlive the reader.
  LineReader(Input* input, size_t max_line_bytes);

  struct Line {
    std::string text;        // without "\n"; empty when too_long
    uint64_t number = 0;     // 1-based
    uint64_t length = 0;     // bytes without "\n", even when skipped
    bool too_long = false;   // over max_line_bytes: text was not kept
  };
  // Reads the next line into *line. Returns false at the end of the input.
  Result<bool> Next(Line* line);

 private:
  Result<bool> Fill();

  Input* input_;
  size_t max_line_bytes_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t line_number_ = 0;
  bool eof_ = false;
};

// "16 MiB", "200.0 MiB", "3.5 KiB", "12 bytes".
std::string FormatBytes(uint64_t n);

}  // namespace storyline::ingest

#endif  // STORYLINE_SRC_INGEST_INPUT_H_
