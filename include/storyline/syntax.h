// The syntax stage: part-of-speech tags, lemmas, morphological features and
// a labelled dependency tree for every word of a sentence.
//
//   Result<std::unique_ptr<syntax::Analyzer>> a =
//       syntax::Analyzer::Load(syntax::Analyzer::DefaultModelPath());
//   if (!a.ok()) return a.status();
//   std::vector<std::string_view> words = {"Russian", "lawmakers", "will", "vote"};
//   for (const syntax::WordAnalysis& w : (*a)->Analyze(words))
//     Use(w.upos, w.xpos, w.lemma, w.Feature("Tense"), w.head, w.deprel);
//
// Words follow Universal Dependencies tokenisation ("don't" -> "do" "n't"),
// which is what text::Analyze produces. The model is trained by the project
// on UD English EWT (`storyline train syntax`, src/syntax/train/): an
// averaged-perceptron tagger and an arc-hybrid parser (greedy with a dynamic
// oracle, or beam search trained globally); see docs/syntax.md. Cost is
// linear in sentence length.
#ifndef STORYLINE_SYNTAX_H_
#define STORYLINE_SYNTAX_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/status.h"

namespace storyline::syntax {

struct SyntaxModel;  // src/syntax/model.h

// The analysis of one word. The string_views point into the Analyzer's
// tables and stay valid while it lives.
struct WordAnalysis {
  std::string_view upos;    // universal tag: "NOUN", "AUX", ...
  std::string_view xpos;    // Penn Treebank tag: "NNS", "MD", ...
  std::string_view feats;   // UD features "Mood=Ind|Tense=Past|VerbForm=Fin" or "_"
  std::string lemma;        // "say" for "said"
  int head = 0;             // 1-based index of the head word; 0 = root
  std::string_view deprel;  // UD relation with subtype: "nsubj", "nmod:poss"

  // The value of one feature ("Past" for "Tense"), or "" when absent.
  std::string_view Feature(std::string_view name) const;
};

class Analyzer {
 public:
  // Loads a model file. Errors: NotFound (no file), Corruption (truncated,
  // damaged or not a model), InvalidArgument (another format version or
  // feature set: retrain).
  static Result<std::unique_ptr<Analyzer>> Load(const std::string& path);
  // The same from the bytes of a model file; `name` prefixes errors.
  static Result<std::unique_ptr<Analyzer>> FromBytes(std::string_view bytes,
                                                     std::string_view name);
  // $STORYLINE_SYNTAX_MODEL if set, else "models/syntax/en_ewt.model"
  // (relative to the working directory: the repository root).
  static std::string DefaultModelPath();

  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Analyses one sentence of words. Empty input gives empty output. Const
  // and thread-safe: one Analyzer can serve many threads.
  std::vector<WordAnalysis> Analyze(std::span<const std::string_view> words) const;
  void Analyze(std::span<const std::string_view> words,
               std::vector<WordAnalysis>* out) const;

  // Tags only (no lemmas, features or tree): upos/xpos of each word.
  void Tag(std::span<const std::string_view> words, std::vector<WordAnalysis>* out) const;

  // Parser beam width for Analyze: 0 (the default) = the width the model
  // was trained with (its `parser_beam()`), 1 = greedy, more = a wider
  // beam (slower, linear in both). Not thread-safe: set before sharing.
  void set_parser_beam(int width) { parser_beam_override_ = width < 0 ? 0 : width; }
  // The beam width the model was trained with (1 = greedy).
  int parser_beam() const;

  // Approximate heap bytes held by the loaded model.
  size_t MemoryBytes() const;
  // The training description stored in the model.
  const std::string& description() const;

  // For the trainer and tests: wraps an in-memory model.
  explicit Analyzer(std::unique_ptr<SyntaxModel> model);
  const SyntaxModel& model() const { return *model_; }

 private:
  void Agree(std::vector<WordAnalysis>* out) const;

  std::unique_ptr<SyntaxModel> model_;
  int parser_beam_override_ = 0;
};

}  // namespace storyline::syntax

#endif  // STORYLINE_SYNTAX_H_
