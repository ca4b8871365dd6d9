// Recognizer: the tagger, the gazetteer and within-article coreference
// behind one call; see include/storyline/entities.h.
#include <algorithm>
#include <deque>

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

namespace {

bool IsWordPiece(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

ArticleEntities Recognizer::Analyze(const std::vector<SentenceInput>& sentences) const {
  // The model learnt CoNLL tokens, where a hyphenated word is one token
  // ("Ha-gyu", "Tripoli-based"); the text stage splits it into "Ha" "-" "gyu".
  // Glue such pieces (no space between them) for the tagger and map its
  // spans back to the caller's tokens.
  std::vector<std::vector<std::string_view>> forms(sentences.size());
  std::vector<std::vector<uint32_t>> start(sentences.size());  // first caller token of each
  std::deque<std::string> glued;
  for (size_t s = 0; s < sentences.size(); ++s) {
    const std::vector<TokenInput>& toks = sentences[s].tokens;
    const size_t n = toks.size();
    for (size_t i = 0; i < n;) {
      size_t j = i + 1;
      while (j + 1 < n && toks[j].form == "-" && toks[j].begin == toks[j - 1].end &&
             toks[j + 1].begin == toks[j].end && IsWordPiece(toks[j - 1].form) &&
             IsWordPiece(toks[j + 1].form))
        j += 2;
      start[s].push_back(static_cast<uint32_t>(i));
      if (j == i + 1) {
        forms[s].push_back(toks[i].form);
      } else {
        std::string w;
        for (size_t k = i; k < j; ++k) w += toks[k].form;
        glued.push_back(std::move(w));
        forms[s].push_back(glued.back());
      }
      i = j;
    }
    start[s].push_back(static_cast<uint32_t>(n));
  }
  std::vector<std::vector<TaggedSpan>> spans = tagger_->TagDocument(forms);
  for (size_t s = 0; s < spans.size(); ++s)
    for (TaggedSpan& sp : spans[s]) {
      sp.first = start[s][sp.first];
      sp.last = start[s][sp.last];
    }
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
