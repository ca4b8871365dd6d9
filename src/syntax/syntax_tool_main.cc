// syntax_tool: the syntax stage's CLI commands (cli/syntax_commands.h) as a
// stand-alone binary, until they are wired into the storyline CLI:
//   syntax_tool train syntax | syntax_tool eval ud GOLD [--raw] | syntax_tool parse ...
#include <CLI/CLI.hpp>

#include "cli/syntax_commands.h"

int main(int argc, char** argv) {
  CLI::App app{"storyline syntax tool"};
  app.require_subcommand(1);
  CLI::App* train = app.add_subcommand("train", "Train a model");
  CLI::App* eval = app.add_subcommand("eval", "Evaluate");
  train->require_subcommand(1);
  eval->require_subcommand(1);
  storyline::cli::AddSyntaxCommands(app, *train, *eval);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
