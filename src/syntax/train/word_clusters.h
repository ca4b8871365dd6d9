// Word clusters from unlabelled text, for the tagger's and parser's
// back-off features (Koo et al. 2008; Owoputi et al. 2013 use Brown
// clusters the same way). Brown clustering is slow, so this is the quick
// distributional alternative of Schütze (1995): each frequent word is
// described by the distribution of the words at offsets -2, -1, +1, +2
// (Hellinger, i.e. square-rooted conditional probabilities), randomly
// projected to a few dense dimensions and grouped by spherical k-means;
// the fine clusters are grouped again into coarse ones, which gives a
// two-level hierarchy like Brown-cluster path prefixes; a second, finer
// k-means over the same vectors adds a third granularity for the tagger.
// The same pass records each word's case profile (how often it is
// capitalised away from a sentence's start). Text is split and
// tokenised by the text layer, so the words match raw-text mode.
// Deterministic: fixed initialisation, fixed order, one thread.
#ifndef STORYLINE_SRC_SYNTAX_TRAIN_WORD_CLUSTERS_H_
#define STORYLINE_SRC_SYNTAX_TRAIN_WORD_CLUSTERS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "src/syntax/features.h"
#include "storyline/status.h"

namespace storyline::syntax {

struct ClusterOptions {
  int max_words = 80000;     // most frequent words that get a cluster
  int min_count = 2;         // ... if seen at least this often
  int context_words = 1000;  // most frequent words used as contexts
  int dims = 128;            // random projection size
  int fine = 512;            // fine clusters
  int coarse = 48;           // coarse clusters (groups of fine ones)
  int finer = 2048;          // a second, finer clustering of the words; 0 = none
  int iterations = 12;       // k-means rounds
  uint64_t seed = 20240605;
};

// Reads every *.jsonl file under `corpus_dir` (sorted by path; string
// fields "title", "body", "text", "description") plus `extra` sentences
// (already tokenised, e.g. the treebank's training words) and clusters the
// words. Errors: NotFound when `corpus_dir` is missing or has no JSONL.
Status BuildWordClusters(const std::string& corpus_dir,
                         const std::vector<std::vector<std::string_view>>& extra,
                         const ClusterOptions& options, WordClusters* out,
                         const std::function<void(const std::string&)>& log);

}  // namespace storyline::syntax

#endif  // STORYLINE_SRC_SYNTAX_TRAIN_WORD_CLUSTERS_H_
