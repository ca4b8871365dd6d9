// Analysis::ToLayers: the text layer's output as store layers. Token spans
// carry no attributes to keep the "tokens" layer compact (it is the largest
// layer of every article).
#include <string>

#include "storyline/text.h"

namespace storyline::text {

std::vector<Layer> Analysis::ToLayers() const {
  std::vector<Layer> layers(3);
  layers[0].name = "paragraphs";
  layers[0].spans.reserve(paragraphs.size());
  for (const Paragraph& p : paragraphs) layers[0].spans.push_back(Span{p.begin, p.end, "paragraph", {}});
  layers[1].name = "sentences";
  layers[1].spans.reserve(sentences.size());
  for (const Sentence& s : sentences)
    layers[1].spans.push_back(Span{s.begin, s.end, s.caption ? "caption" : "sentence", {}});
  layers[2].name = "tokens";
  layers[2].spans.reserve(tokens.size());
  for (const Token& t : tokens) layers[2].spans.push_back(Span{t.begin, t.end, "token", {}});
  return layers;
}

}  // namespace storyline::text
