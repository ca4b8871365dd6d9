// storyline_entities_cli: a developer entry point carrying the same entities
// commands the storyline binary gets from cli/entities_commands.cc, plus
// `entities FILE...` over plain-text files (the store-backed `storyline
// entities` needs the pipeline, which the lead wires).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"
#include "cli/entities_commands.h"
#include "storyline/entities.h"

int main(int argc, char** argv) {
  namespace ent = storyline::entities;
  CLI::App app{"storyline entities stage (developer CLI)"};
  app.name("storyline_entities_cli");
  app.require_subcommand(1);
  CLI::App* train = app.add_subcommand("train", "Train a model");
  CLI::App* eval = app.add_subcommand("eval", "Evaluate a model");
  train->require_subcommand(1);
  eval->require_subcommand(1);
  storyline::cli::AddEntitiesCommands(app, *train, *eval);

  std::vector<std::string> files;
  std::string model_dir = "models/entities";
  bool json = false;
  CLI::App* ents = app.add_subcommand("entities", "Canonical entities across plain-text articles");
  ents->add_option("FILES", files, "Article text files")->required();
  ents->add_option("--model-dir", model_dir)->capture_default_str();
  ents->add_flag("--json", json, "JSON output");
  ents->callback([&]() {
    auto rec = ent::Recognizer::Load(model_dir);
    if (!rec.ok()) throw CLI::RuntimeError(storyline::cli::Fail(rec.status()));
    ent::Linker linker((*rec)->gazetteer());
    for (const std::string& f : files) {
      std::ifstream in(f, std::ios::binary);
      if (!in) throw CLI::RuntimeError(storyline::cli::Fail(storyline::Status::NotFound(f + ": cannot open")));
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      ent::ArticleEntities a = (*rec)->Analyze(ent::SimpleTokenize(text));
      linker.Add(f, a);
      if (!json) {
        std::cout << "== " << f << "\n";
        for (const ent::Mention& m : a.mentions) {
          std::cout << "  [" << m.begin << "," << m.end << ") " << m.text << "\t" << m.type
                    << (m.subtype.empty() ? "" : "/" + m.subtype) << "\t-> "
                    << (m.entity >= 0 ? a.entities[m.entity].name : "?");
          if (!m.metonym_of.empty()) std::cout << "\t(metonym of " << m.metonym_of << ")";
          std::cout << "\n";
        }
      }
    }
    for (const ent::CanonicalEntity& e : linker.Entities()) {
      nlohmann::json j = {{"id", e.id},           {"name", e.name},       {"type", e.type},
                          {"subtype", e.subtype}, {"aliases", e.aliases}, {"roles", e.roles},
                          {"articles", e.articles}, {"mentions", e.mention_count}};
      std::cout << (json ? j.dump() : j.dump()) << "\n";
    }
  });
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
