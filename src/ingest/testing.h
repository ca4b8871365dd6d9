// Test helpers for the ingest stage: a temporary folder that removes
// itself, file writers, and a sink that collects every result. Only
// included by *_test.cc files.
#ifndef STORYLINE_SRC_INGEST_TESTING_H_
#define STORYLINE_SRC_INGEST_TESTING_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/ingest.h"

namespace storyline::ingest::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl =
        (std::filesystem::temp_directory_path() / "storyline_ingest_XXXXXX")
            .string();
    char* made = ::mkdtemp(tmpl.data());
    EXPECT_NE(made, nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    // Restore permissions a test may have removed so cleanup succeeds.
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator();
         it.increment(ec)) {
      std::error_code pec;
      if (!it->is_symlink(pec))
        std::filesystem::permissions(it->path(),
                                     std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, pec);
    }
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  // Writes `bytes` to path()/rel (creating folders) and returns the path.
  std::string Write(const std::string& rel, std::string_view bytes) const {
    std::filesystem::path p = std::filesystem::path(path_) / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return p.string();
  }

 private:
  std::string path_;
};

struct Collected {
  Status status;                          // what ReadPath returned
  std::vector<RawArticle> articles;       // in order
  std::vector<Status> errors;             // in order
  std::vector<std::string> order;         // origin or error message, in order

  // The sink: keeps an article or an error.
  void Add(Result<RawArticle> r) {
    if (r.ok()) {
      order.push_back(r->meta.origin);
      articles.push_back(std::move(r).value());
    } else {
      order.push_back(r.status().message());
      errors.push_back(r.status());
    }
  }
};

inline Collected ReadAll(std::string_view path, const ReadOptions& options = {}) {
  Collected c;
  c.status = ReadPath(path, options, [&](Result<RawArticle> r) { c.Add(std::move(r)); });
  return c;
}

inline Collected ReadAllBytes(std::string_view name, std::string_view bytes,
                              const ReadOptions& options = {}) {
  Collected c;
  ReadBytes(name, bytes, options, [&](Result<RawArticle> r) { c.Add(std::move(r)); });
  return c;
}

// The shared data folder next to the repository, or "" when absent.
inline std::string SharedDir() {
  std::string dir = std::string(STORYLINE_SOURCE_DIR) + "/../shared";
  std::error_code ec;
  return std::filesystem::is_directory(dir, ec) ? dir : "";
}

}  // namespace storyline::ingest::testing

#endif  // STORYLINE_SRC_INGEST_TESTING_H_
