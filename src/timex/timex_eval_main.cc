// storyline_timex_tool: a stand-alone driver for the timex commands (the same
// functions the main `storyline` binary registers), so the stage can be run
// and evaluated before the pipeline is wired:
//   storyline_timex_tool timex --date 2024-11-06 article.txt
//   storyline_timex_tool eval timex ../shared/eval/timeml/train --split dev
#include <CLI/CLI.hpp>

#include "cli/timex_commands.h"

int main(int argc, char** argv) {
  CLI::App app("storyline timex stage");
  app.require_subcommand(1);
  CLI::App* eval = app.add_subcommand("eval", "Evaluate a stage on gold data");
  eval->require_subcommand(1);
  storyline::cli::AddTimexCommands(app, *eval);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
