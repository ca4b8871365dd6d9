// Recognizer: the tagger, the gazetteer and within-article coreference
// behind one call; see include/storyline/entities.h.
#include <algorithm>

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

std::vector<SentenceInput> SentencesFromText(const text::Analysis& analysis,
                                             const NormalizedText& norm) {
  std::vector<SentenceInput> out;
  out.reserve(analysis.sentences.size());
  for (const text::Sentence& s : analysis.sentences) {
    SentenceInput in;
    in.caption = s.caption;
    for (uint32_t t = s.first_token; t < s.last_token && t < analysis.tokens.size(); ++t) {
      TokenInput tok;
      tok.form = std::string(analysis.TokenForm(norm, t));
      tok.begin = analysis.tokens[t].begin;
      tok.end = analysis.tokens[t].end;
      in.tokens.push_back(std::move(tok));
    }
    out.push_back(std::move(in));
  }
  return out;
}

Layer ToLayer(const ArticleEntities& a, const std::vector<int>* canonical_ids) {
  Layer layer;
  layer.name = "entities";
  for (const Mention& m : a.mentions) {
    Span s;
    s.begin = m.begin;
    s.end = m.end;
    s.label = m.type;
    if (m.entity >= 0 && static_cast<size_t>(m.entity) < a.entities.size()) {
      const ArticleEntity& e = a.entities[m.entity];
      s.set_attr("entity", e.name);
      if (!e.roles.empty()) s.set_attr("role", e.roles.front());
      if (canonical_ids && static_cast<size_t>(m.entity) < canonical_ids->size())
        s.set_attr("canonical", std::to_string((*canonical_ids)[m.entity]));
    }
    if (!m.subtype.empty()) s.set_attr("subtype", m.subtype);
    if (m.pronoun) s.set_attr("pronoun", "1");
    if (!m.metonym_of.empty()) s.set_attr("metonym_of", m.metonym_of);
    layer.spans.push_back(std::move(s));
  }
  std::stable_sort(layer.spans.begin(), layer.spans.end(), [](const Span& x, const Span& y) {
    return x.begin != y.begin ? x.begin < y.begin : x.end < y.end;
  });
  return layer;
}

}  // namespace storyline::entities
