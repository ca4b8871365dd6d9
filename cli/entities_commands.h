// The entities command group: `train ner`, `eval ner GOLD`, `ner --conll FILE`.
// The lead wires AddEntitiesCommands into cli/main.cc and links
// storyline::entities and storyline::entities_train into the storyline binary.
#ifndef STORYLINE_CLI_ENTITIES_COMMANDS_H_
#define STORYLINE_CLI_ENTITIES_COMMANDS_H_

#include <CLI/CLI.hpp>

namespace storyline::cli {

// `app` gets `ner`, `train` gets `ner`, `eval` gets `ner`.
void AddEntitiesCommands(CLI::App& app, CLI::App& train, CLI::App& eval);

}  // namespace storyline::cli

#endif  // STORYLINE_CLI_ENTITIES_COMMANDS_H_
