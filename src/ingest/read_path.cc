// ReadPath and ReadBytes: the stage's entry points. Resolves a path to
// files (a folder is walked recursively and its article files sorted by
// path, so every run sees the same order), opens each and hands it to the
// reader that claims it.
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <vector>

#include "src/ingest/reader.h"
#include "storyline/ingest.h"

namespace storyline::ingest {

namespace {

namespace fs = std::filesystem;

// Extensions read inside folders ("" is a file without one). A file named
// on the command line is read whatever its name.
bool IsArticleExtension(std::string_view ext) {
  static constexpr std::string_view kExtensions[] = {
      "", "txt", "text", "md", "jsonl", "ndjson", "html", "htm", "xhtml"};
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) !=
         std::end(kExtensions);
}

// Dataset notices that sit next to articles (README.txt, LICENSE).
bool IsNoticeFile(std::string_view name) {
  static constexpr std::string_view kNotices[] = {
      "readme", "license", "licence", "copying", "changelog", "notice",
      "authors"};
  std::string_view stem = name.substr(0, name.find('.'));
  for (std::string_view n : kNotices)
    if (stem.size() == n.size() && StartsWithNoCase(stem, n)) return true;
  return false;
}

// The name of the folder `path` sits in: the default outlet.
std::string ParentFolderName(const std::string& path, bool make_absolute) {
  fs::path p(path);
  if (make_absolute) {
    std::error_code ec;
    fs::path abs = fs::absolute(p, ec);
    if (!ec) p = abs;
  }
  return p.lexically_normal().parent_path().filename().string();
}

// A file to read, or an error met while listing, at its place in order.
struct Entry {
  std::string path;
  Status error;  // OK for a file
};

// Lists the article files under `root` (which is a folder). Returns IOError
// only when `root` itself cannot be listed.
Status ListFolder(const std::string& root, std::vector<Entry>* entries) {
  std::vector<std::string> pending = {root};
  bool first = true;
  while (!pending.empty()) {
    std::string dir = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
      Status st = Status::IOError(dir + ": cannot list folder: " + ec.message());
      if (first) return st;
      entries->push_back({dir, st});
      continue;
    }
    first = false;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      const fs::directory_entry& e = *it;
      std::string name = e.path().filename().string();
      if (name.empty() || name[0] == '.') continue;  // hidden
      std::string path = e.path().string();
      std::error_code sec;
      fs::file_status s = e.symlink_status(sec);
      if (!sec && fs::is_symlink(s)) {
        // Follow links to files, not to folders: no cycles, no escapes.
        s = e.status(sec);
        if (!sec && fs::is_directory(s)) continue;
      }
      if (sec) {
        entries->push_back(
            {path, Status::IOError(path + ": cannot stat: " + sec.message())});
      } else if (fs::is_directory(s)) {
        pending.push_back(path);
      } else if (fs::is_regular_file(s) &&
                 IsArticleExtension(LowerExtension(name)) &&
                 !IsNoticeFile(name)) {
        entries->push_back({path, Status::Ok()});
      }
    }
    if (ec) {
      entries->push_back(
          {dir, Status::IOError(dir + ": cannot list folder: " + ec.message())});
    }
  }
  std::stable_sort(entries->begin(), entries->end(),
                   [](const Entry& a, const Entry& b) { return a.path < b.path; });
  return Status::Ok();
}

// Opens and reads one file. Returns the open error for the caller to route.
Status ReadFile(const std::string& path, const ReadOptions& options,
                const ArticleSink& sink) {
  Result<std::unique_ptr<Input>> input = Input::OpenFile(path);
  if (!input.ok()) return input.status();
  (*input)->set_source_hint(ParentFolderName(path, /*make_absolute=*/true));
  ReadInput(**input, options, sink);
  return Status::Ok();
}

}  // namespace

Status ReadPath(std::string_view path_view, const ReadOptions& options,
                const ArticleSink& sink) {
  std::string path(path_view);
  if (path == "-") {
    std::unique_ptr<Input> in = Input::FromFd(0, "-");
    ReadInput(*in, options, sink);
    return Status::Ok();
  }
  if (path.empty()) return Status::NotFound("empty path");
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err == ENOENT || err == ENOTDIR)
      return Status::NotFound(path + ": no such file or folder");
    return Status::IOError(path + ": cannot stat: " + std::strerror(err));
  }
  if (!S_ISDIR(st.st_mode)) return ReadFile(path, options, sink);

  std::vector<Entry> entries;
  SL_RETURN_IF_ERROR(ListFolder(path, &entries));
  for (const Entry& e : entries) {
    if (!e.error.ok()) {
      sink(e.error);
      continue;
    }
    // A file that vanished or turned unreadable since the listing is that
    // article's problem, not the folder's.
    Status opened = ReadFile(e.path, options, sink);
    if (!opened.ok()) sink(opened);
  }
  return Status::Ok();
}

void ReadBytes(std::string_view name, std::string_view bytes,
               const ReadOptions& options, const ArticleSink& sink) {
  std::unique_ptr<Input> in = Input::FromBytes(std::string(name), bytes);
  in->set_source_hint(ParentFolderName(std::string(name), false));
  ReadInput(*in, options, sink);
}

}  // namespace storyline::ingest
