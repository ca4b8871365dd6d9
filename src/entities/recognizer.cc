// Recognizer: the tagger, the gazetteer and within-article coreference
// behind one call; see include/storyline/entities.h.
#include "src/entities/coref.h"
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

ArticleEntities Recognizer::Analyze(const std::vector<SentenceInput>& sentences) const {
  std::vector<std::vector<std::string_view>> forms(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s)
    for (const TokenInput& t : sentences[s].tokens) forms[s].push_back(t.form);
  std::vector<std::vector<TaggedSpan>> spans = tagger_->TagDocument(forms);
  ArticleEntities out;
  BuildArticleEntities(sentences, spans, gazetteer_.get(), &out);
  return out;
}

}  // namespace storyline::entities
