// CLI commands of the timex stage, for the lead's cli/main.cc to register:
//   storyline timex [--date YYYY-MM-DD] [--json] FILE|-
//   storyline eval timex GOLD_DIR [--out OUT_DIR] [--split all|train|dev] [--verbose]
#ifndef STORYLINE_CLI_TIMEX_COMMANDS_H_
#define STORYLINE_CLI_TIMEX_COMMANDS_H_

namespace CLI {
class App;
}

namespace storyline::cli {

// Adds `timex` to `app` and `timex` under the `eval` subcommand. Failures
// print "error: <status>" and exit with code 1 (bad input) or 2 (I/O).
void AddTimexCommands(CLI::App& app, CLI::App& eval);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_TIMEX_COMMANDS_H_
