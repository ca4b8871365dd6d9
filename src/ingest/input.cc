// Input and LineReader: POSIX reads with EINTR retries, look-ahead for
// sniffing, and a size check before a whole file is read.
#include "src/ingest/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace storyline::ingest {

namespace {
constexpr size_t kChunk = 64 << 10;

std::string ErrnoMessage(int err) { return std::strerror(err); }
}  // namespace

std::string FormatBytes(uint64_t n) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024;
  char buf[64];
  if (n >= kMiB && n % kMiB == 0) {
    std::snprintf(buf, sizeof buf, "%llu MiB",
                  static_cast<unsigned long long>(n / kMiB));
  } else if (n >= kMiB) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / kMiB);
  } else if (n >= kKiB) {
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / kKiB);
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes",
                  static_cast<unsigned long long>(n));
  }
  return buf;
}

Input::Input(std::string name, int fd, bool owns_fd, std::string_view bytes,
             std::optional<uint64_t> size)
    : name_(std::move(name)),
      fd_(fd),
      owns_fd_(owns_fd),
      bytes_(bytes),
      size_(size) {}

Input::~Input() {
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<Input>> Input::OpenFile(const std::string& path) {
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR)
      return Status::NotFound(path + ": no such file or folder");
    return Status::IOError(path + ": cannot open: " + ErrnoMessage(err));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::IOError(path + ": cannot stat: " + ErrnoMessage(err));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::IOError(path + ": is a folder, not a file");
  }
  std::optional<uint64_t> size;
  if (S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
  return std::unique_ptr<Input>(new Input(path, fd, /*owns_fd=*/true, {}, size));
}

std::unique_ptr<Input> Input::FromFd(int fd, std::string name) {
  std::optional<uint64_t> size;
  struct stat st;
  // A regular file redirected to stdin has a size; a pipe does not. The
  // offset matters when the caller has already read part of the file.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    if (pos >= 0 && pos <= st.st_size)
      size = static_cast<uint64_t>(st.st_size - pos);
  }
  return std::unique_ptr<Input>(
      new Input(std::move(name), fd, /*owns_fd=*/false, {}, size));
}

std::unique_ptr<Input> Input::FromBytes(std::string name,
                                        std::string_view bytes) {
  return std::unique_ptr<Input>(
      new Input(std::move(name), -1, false, bytes, bytes.size()));
}

Result<size_t> Input::ReadRaw(char* buf, size_t n) {
  if (fd_ < 0) {
    size_t k = std::min(n, bytes_.size());
    std::memcpy(buf, bytes_.data(), k);
    bytes_.remove_prefix(k);
    return k;
  }
  for (;;) {
    ssize_t k = ::read(fd_, buf, n);
    if (k >= 0) return static_cast<size_t>(k);
    if (errno == EINTR) continue;
    return Status::IOError(name_ + ": read failed: " + ErrnoMessage(errno));
  }
}

Result<std::string_view> Input::Peek(size_t n) {
  if (ahead_pos_ > 0) {
    ahead_.erase(0, ahead_pos_);
    ahead_pos_ = 0;
  }
  while (ahead_.size() < n) {
    size_t old = ahead_.size();
    ahead_.resize(n);
    Result<size_t> k = ReadRaw(ahead_.data() + old, n - old);
    if (!k.ok()) {
      ahead_.resize(old);
      return k.status();
    }
    ahead_.resize(old + *k);
    if (*k == 0) break;
  }
  return std::string_view(ahead_).substr(0, std::min(n, ahead_.size()));
}

Result<size_t> Input::Read(char* buf, size_t n) {
  if (ahead_pos_ < ahead_.size()) {
    size_t k = std::min(n, ahead_.size() - ahead_pos_);
    std::memcpy(buf, ahead_.data() + ahead_pos_, k);
    ahead_pos_ += k;
    if (ahead_pos_ == ahead_.size()) {
      ahead_.clear();
      ahead_pos_ = 0;
    }
    return k;
  }
  return ReadRaw(buf, n);
}

Result<std::string> Input::ReadAll(size_t limit) {
  if (size_ && *size_ > limit) {
    return Status::InvalidArgument(name_ + ": article is " +
                                   FormatBytes(*size_) +
                                   ", over the " + FormatBytes(limit) +
                                   " limit");
  }
  std::string out;
  if (size_) out.reserve(*size_);
  for (;;) {
    size_t old = out.size();
    // Never hold more than limit + 1 bytes, even if the file grew.
    size_t room = limit - old;
    size_t want = room >= kChunk ? kChunk : room + 1;
    out.resize(old + want);
    Result<size_t> k = Read(out.data() + old, want);
    if (!k.ok()) return k.status();
    out.resize(old + *k);
    if (*k == 0) break;
    if (out.size() > limit) {
      return Status::InvalidArgument(name_ + ": article is over the " +
                                     FormatBytes(limit) + " limit");
    }
  }
  return out;
}

LineReader::LineReader(Input* input, size_t max_line_bytes)
    : input_(input), max_line_bytes_(max_line_bytes), buf_(kChunk, '\0') {}

Result<bool> LineReader::Fill() {
  pos_ = end_ = 0;
  Result<size_t> k = input_->Read(buf_.data(), buf_.size());
  if (!k.ok()) return k.status();
  end_ = *k;
  if (end_ == 0) eof_ = true;
  return end_ > 0;
}

Result<bool> LineReader::Next(Line* line) {
  line->text.clear();
  line->length = 0;
  line->too_long = false;
  bool any = false;  // saw a byte or a newline of this line
  for (;;) {
    if (pos_ == end_) {
      if (eof_) break;
      Result<bool> filled = Fill();
      if (!filled.ok()) return filled.status();
      if (!*filled) break;
    }
    any = true;
    const char* start = buf_.data() + pos_;
    const char* nl =
        static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
    size_t seg = nl ? static_cast<size_t>(nl - start) : end_ - pos_;
    line->length += seg;
    if (!line->too_long) {
      if (line->length > max_line_bytes_) {
        line->too_long = true;
        line->text.clear();
        line->text.shrink_to_fit();
      } else {
        line->text.append(start, seg);
      }
    }
    pos_ += seg;
    if (nl) {
      ++pos_;
      break;
    }
  }
  if (!any) return false;
  line->number = ++line_number_;
  return true;
}

}  // namespace storyline::ingest
