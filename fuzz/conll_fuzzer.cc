// Fuzzes the CoNLL reader and the conlleval-compatible chunker/scorer
// (src/entities/conll.cc): any bytes must parse or fail with a Status, never
// crash, and the chunks and scores must be self-consistent. Input capped at
// 64 KiB. The first two bytes draw the options (minimum column count, which
// columns are scored), as FuzzedDataProvider would; read by hand so the
// target also builds with gcc, whose include path lacks that clang header.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/fuzz_check.h"
#include "storyline/entities.h"

namespace {

using storyline::fuzz::Check;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  if (size < 2) return 0;
  const size_t min_columns = 1 + data[0] % 4;
  const bool scored = data[1] & 1;
  std::string text(reinterpret_cast<const char*>(data) + 2, size - 2);
  namespace ent = storyline::entities;
  auto corpus = ent::ParseConll(text, "fuzz", min_columns);
  if (!corpus.ok()) {
    Check(!corpus.status().message().empty());
    return 0;
  }
  size_t tokens = 0;
  ent::NerScorer scorer;
  for (const auto& doc : corpus->documents) {
    for (const auto& s : doc.sentences) {
      Check(s.lines.size() == s.tokens.size());
      std::vector<std::string> gold, pred;
      for (const auto& t : s.tokens) {
        Check(t.columns.size() >= min_columns && !t.columns.empty());
        gold.push_back(t.columns.back());
        pred.push_back(scored && t.columns.size() > 1 ? t.columns[t.columns.size() - 2] : t.columns.front());
      }
      tokens += s.tokens.size();
      for (const auto* tags : {&gold, &pred}) {
        int prev_end = 0;
        for (const ent::Chunk& c : ent::ExtractChunks(*tags)) {
          Check(c.first >= prev_end && c.first < c.last && c.last <= static_cast<int>(tags->size()));
          prev_end = c.last;
        }
      }
      scorer.AddSentence(gold, pred);
    }
  }
  Check(tokens == corpus->num_tokens);
  ent::NerScore score = scorer.Score();
  Check(score.micro.correct <= score.micro.gold && score.micro.correct <= score.micro.predicted);
  Check(score.micro.f1() >= 0 && score.micro.f1() <= 1);
  std::string report = scorer.Report();
  Check(report.find("ner F1: ") != std::string::npos);
  return 0;
}
