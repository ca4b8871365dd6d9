// placeholder (filled in by the coreference commit)
#include "storyline/entities.h"
namespace storyline::entities {
Result<std::unique_ptr<Recognizer>> Recognizer::Load(const std::string& dir) {
  SL_ASSIGN_OR_RETURN(auto g, Gazetteer::Load(dir + "/gazetteer.bin"));
  SL_ASSIGN_OR_RETURN(auto t, Tagger::Load(dir + "/ner.model", g.get()));
  return std::make_unique<Recognizer>(std::move(g), std::move(t));
}
Recognizer::Recognizer(std::unique_ptr<Gazetteer> g, std::unique_ptr<Tagger> t)
    : gazetteer_(std::move(g)), tagger_(std::move(t)) {}
Recognizer::~Recognizer() = default;
ArticleEntities Recognizer::Analyze(const std::vector<SentenceInput>&) const { return {}; }
std::vector<int> Linker::Add(const std::string&, const ArticleEntities&) { return {}; }
}  // namespace storyline::entities
