// `eval timex`: tags every TimeML document under a folder with its DCT and
// scores the result as TempEval-3 Task A (tempeval_scorer.h), optionally
// writing each tagged document as a .tml file of the same name. A split
// option keeps a deterministic development slice of the training data:
// every 5th document by sorted file name is "dev", the rest "train";
// documents with identical text share the split of the first one.
#ifndef STORYLINE_SRC_TIMEX_TIMEX_EVAL_H_
#define STORYLINE_SRC_TIMEX_TIMEX_EVAL_H_

#include <string>
#include <vector>

#include "src/timex/tempeval_scorer.h"
#include "storyline/status.h"

namespace storyline::timex {

struct EvalOptions {
  std::string out_dir;          // empty: write nothing
  std::string split = "all";    // "all", "train" or "dev"
  bool verbose = false;         // per-document lines and every error
  // Where verb tenses come from: "cues" (the tagger's cue-word fallback) or
  // "syntax" (the text and syntax stages, as in the pipeline; falls back to
  // cues when the model cannot be loaded). Cues are the default: on the
  // train/dev splits syntax tenses scored lower (value F1 0.757 / 0.722
  // against 0.762 / 0.733), mostly because TimeBank's future dates sit
  // under modals ("must be returned by Jan. 14") that carry no Tense.
  std::string tense = "cues";
  std::string model_path;       // empty: syntax::Analyzer::DefaultModelPath()
};

struct EvalReport {
  size_t documents = 0;
  TempEvalCounts counts;
  TempEvalScores scores;
  std::string table;            // FormatScores(...)
  std::vector<std::string> details;  // with verbose: misses and wrong values
  std::string tense_source;     // "syntax" or "cues (<why>)"
};

// IOError/NotFound for unreadable folders; a malformed file is an
// InvalidArgument naming it.
Result<EvalReport> EvaluateTimeml(const std::string& gold_dir, const EvalOptions& options);

}  // namespace storyline::timex

#endif  // STORYLINE_SRC_TIMEX_TIMEX_EVAL_H_
