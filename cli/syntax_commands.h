// The syntax stage's commands for the storyline CLI:
//   storyline train syntax [--train F] [--dev F] [--out M] ...
//   storyline eval ud GOLD.conllu [--raw] [--model M] [--system-out F]
//   storyline parse FILE.conllu | parse --text FILE|- [--model M]
// A failing command prints "error: <status>" to stderr and throws
// CLI::RuntimeError with exit code 1 (NotFound/InvalidArgument: 2), which
// CLI11's app.exit() turns into the process exit code.
#ifndef STORYLINE_CLI_SYNTAX_COMMANDS_H_
#define STORYLINE_CLI_SYNTAX_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace storyline::cli {

void AddSyntaxCommands(CLI::App& app, CLI::App& train, CLI::App& eval);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_SYNTAX_COMMANDS_H_
