#include "cli/cli.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace storyline::cli {

int ExitCode(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return 0;
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound: return 1;
    case StatusCode::kCorruption: return 3;
    case StatusCode::kIOError: return 4;
    case StatusCode::kInternal: return 1;
  }
  return 1;
}

int Fail(const Status& status) {
  std::cerr << "storyline: error: " << status.message() << "\n";
  return ExitCode(status);
}

void Warn(const std::string& message) {
  std::cerr << "storyline: warning: " << message << "\n";
}

Result<std::unique_ptr<Store>> OpenStore(const Context& ctx, bool must_exist) {
  if (must_exist && !std::filesystem::exists(ctx.db))
    return Status::NotFound(ctx.db + ": no such store (run 'storyline ingest PATH' first, or pass --db)");
  StoreOptions opts;
  opts.create_if_missing = !must_exist;
  return OpenSqliteStore(ctx.db, opts);
}

bool Interactive() {
  const char* ci = std::getenv("CI");
  return isatty(STDERR_FILENO) && !(ci && *ci);
}

}  // namespace storyline::cli
