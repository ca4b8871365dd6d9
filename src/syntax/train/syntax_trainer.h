// Trains the syntax model (tagger, lexicons, parser) from a CoNLL-U
// treebank; the `storyline train syntax` command. Linked only into the
// trainer target storyline_syntax_train: the runtime never links this code.
//
// Steps: (0) word clusters from unlabelled text (word_clusters.h);
// (1) class inventories; (2) averaged-perceptron tagger, early
// stopping on dev UPOS; (3) k-fold jack-knifed tags for the parser's
// training data, so it learns from tags as noisy as at run time; (4) lemma
// and feature lexicons, WordNet tables; (5) arc-hybrid parser, early
// stopping on dev LAS: with a beam (default 8), a global structured
// perceptron with max-violation updates (Huang et al. 2012) against the
// static oracle's sequence; with beam 1, greedy with the dynamic oracle
// (Goldberg & Nivre 2013) and exploration; (6) averaged weights quantised to int16, small weights pruned.
// Deterministic: fixed seeds, fixed order; the parser ensemble's runs
// train in parallel but independently and are combined in run order.
#ifndef STORYLINE_SRC_SYNTAX_TRAIN_SYNTAX_TRAINER_H_
#define STORYLINE_SRC_SYNTAX_TRAIN_SYNTAX_TRAINER_H_

#include <functional>
#include <string>

#include "src/syntax/train/word_clusters.h"
#include "storyline/status.h"

namespace storyline::syntax {

struct TrainOptions {
  std::string train_path = "../shared/eval/ud/UD_English-EWT/en_ewt-ud-train.conllu";
  std::string dev_path = "../shared/eval/ud/UD_English-EWT/en_ewt-ud-dev.conllu";
  std::string wordnet_dir = "/usr/share/wordnet";
  // Unlabelled JSON Lines text for the word clusters; "" = no clusters.
  std::string corpus_dir = "../shared/corpus";
  ClusterOptions clusters;
  std::string out_path = "models/syntax/en_ewt.model";
  int tagger_max_epochs = 12;    // early stopping picks the best on dev
  int parser_max_epochs = 20;
  // Trains and prunes only the tagger (parser left untrained in the file):
  // a quick loop for tagger experiments, ~1 minute instead of ~10.
  bool tagger_only = false;
  int patience = 3;              // tagger epochs without dev gain before stopping
  // Feature dropout for the taggers: in training each feature of a word is
  // left out with this probability (chosen by a hash, so deterministic).
  double tagger_dropout = 0.2;
  // The same for the beam parser, per sentence: every feature of a
  // training sentence's states is left out with this probability (in its
  // decode and its update alike).
  double parser_dropout = 0.0;
  // The parser's dev LAS wanders by ~0.001 an epoch for many epochs
  // before its peak (a run stopped at epoch 13, three after a local best,
  // where the previous one peaked at 19), so by default it runs all
  // parser_max_epochs and keeps the best.
  int parser_patience = 20;
  int jackknife_folds = 4;       // 0 or 1 = train the parser on gold tags
  bool two_pass_tagger = true;   // second pass with right-context tags (needs folds > 1)
  // Supertagger before the parser (a word's relation and the side of its
  // head, from the words and jack-knifed tags; needs folds > 1).
  bool supertagger = true;
  // Supertags that also tell whether the word has left and right
  // dependents (Ouchi et al.'s "model 2"); a variant seen fewer than
  // supertag_kids_min_count times in train falls back to the plain one.
  bool supertag_kids = true;
  int supertag_kids_min_count = 20;
  // Parser beam width: 1 = greedy with the dynamic oracle; > 1 = beam
  // search trained as a global structured perceptron with max-violation
  // updates (Huang et al. 2012). Stored in the model; decoding uses it.
  int parser_beam = 8;
  // Beam parsers trained with different shuffles (one thread each, all at
  // once) whose best-epoch averaged weights are averaged into one model;
  // 1 = a single run. The greedy parser (parser_beam 1) is always one run.
  int parser_ensemble = 3;
  // Tagger runs (both passes and the supertagger, each with its own
  // jack-knife folds) trained with different shuffles, one thread each,
  // their averaged weights averaged as the parser ensemble's are.
  int tagger_ensemble = 1;
  int explore_from_epoch = 2;    // dynamic-oracle exploration starts here
  double explore_p = 0.9;        // probability of following the model's move
  double prune = 0.0;            // drop |averaged weight| below this
  // Dev accuracy that pruning may cost (for speed and size): UPOS for the
  // tagger; LAS for the parser, counted over the pruned tagger's tags.
  double max_tagger_prune_loss = 0.0006;
  double max_parser_prune_loss = 0.0010;
  int tag_dict_min_count = 20;   // tag dictionary: frequency and ...
  double tag_dict_min_share = 0.995;  // ... share of the dominant class
  uint64_t seed = 20240605;
  std::string command_line;      // recorded in the model description
};

// Trains and writes the model to options.out_path. `log` receives progress
// lines (may be empty). Errors: the reader's, NotFound for WordNet, IOError.
Status TrainSyntax(const TrainOptions& options,
                   const std::function<void(const std::string&)>& log);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_TRAIN_SYNTAX_TRAINER_H_
