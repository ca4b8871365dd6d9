// Shared plumbing of the storyline command line: global options, opening
// the store, printing errors, and mapping a Status to an exit code (the one
// place that does). Each command group lives in its own *_commands.cc and
// registers its subcommands on the app.
#ifndef STORYLINE_CLI_CLI_H_
#define STORYLINE_CLI_CLI_H_

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline::cli {

struct Context {
  std::string db = "storyline.db";
  bool json = false;    // machine-readable output (JSON, or JSON Lines for listings)
  bool quiet = false;   // no progress, no summary
  int exit_code = 0;    // set by the command that ran
};

// Exit codes: 0 success, 1 the run failed (bad input, nothing done), 2 usage,
// 3 store or model damaged, 4 I/O error.
int ExitCode(const Status& status);
// Prints "storyline: error: <message>" to stderr and returns ExitCode(status).
int Fail(const Status& status);
void Warn(const std::string& message);

Result<std::unique_ptr<Store>> OpenStore(const Context& ctx, bool must_exist);

// True when stderr is a terminal (progress bars) and CI is not set.
bool Interactive();

void AddStoreCommands(CLI::App& app, Context& ctx);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_CLI_H_
