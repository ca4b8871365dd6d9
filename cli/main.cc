// storyline: the command-line entry point. Thin: parse, call the library,
// print, map the Status to an exit code.
#include <iostream>

#include "cli/cli.h"
#include "cli/entities_commands.h"
#include "cli/syntax_commands.h"
#include "cli/timex_commands.h"

int main(int argc, char** argv) {
  using storyline::cli::Context;
  Context ctx;
  CLI::App app{"storyline: reads news and tells you what happened.\n"
               "Ingest articles into an embedded store, then list, show and search them."};
  app.name("storyline");
  app.set_version_flag("--version", "storyline 0.1.0");
  app.add_option("--db", ctx.db, "Store file (SQLite); created when missing")
      ->capture_default_str();
  app.add_flag("--json", ctx.json, "Print JSON (JSON Lines for listings) instead of text");
  app.add_flag("-q,--quiet", ctx.quiet, "No progress bar or summary");
  app.require_subcommand(1);
  app.fallthrough();

  CLI::App* train = app.add_subcommand("train", "Train a model from public gold data (see models/*/README.md)");
  train->require_subcommand(1);
  CLI::App* eval = app.add_subcommand("eval", "Score a stage on public gold data");
  eval->require_subcommand(1);

  storyline::cli::AddStoreCommands(app, ctx);
  storyline::cli::AddSyntaxCommands(app, *train, *eval);
  storyline::cli::AddTimexCommands(app, *eval);
  storyline::cli::AddEntitiesCommands(app, *train, *eval);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every other parse error is a usage
    // error, exit code 2 as the README says (CLI11's own codes are 100+).
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}
