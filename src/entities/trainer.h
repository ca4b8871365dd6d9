// Training the NER tagger (the storyline_entities_train target; the runtime
// never links it). An averaged perceptron (Collins 2002) over the features of
// features.h, decoded greedily with the same constraints as the runtime and
// trained on its own predicted history (labels, document-level prediction
// history), as Ratinov & Roth 2009 train their greedy tagger. The epoch with
// the best dev F1 is kept, quantised to int16 and written with model_writer.
// Feature dropout (a random tenth of each token's features left out in
// training) regularises it.
//
// Word clusters: k-means (k-means++ seeding, fixed seed, so deterministic)
// at three granularities over fastText vectors the project trains on
// ../shared/corpus (scripts/train_ner). Corpus tag prior: how taggers
// trained on folds of the training data tagged each capitalised word in
// that corpus; a training document sees the prior of the tagger that never
// saw it (jackknife), new text the prior of all of them.
#ifndef STORYLINE_SRC_ENTITIES_TRAINER_H_
#define STORYLINE_SRC_ENTITIES_TRAINER_H_

#include <functional>
#include <string>

#include "src/entities/features.h"
#include "storyline/entities.h"
#include "storyline/status.h"

namespace storyline::entities {

struct TrainOptions {
  std::string train_path;      // CoNLL file, gold tags in the last column
  std::string dev_path;        // optional CoNLL dev file (epoch selection)
  std::string gazetteer_path;  // optional gazetteer.bin
  std::string vectors_path;    // optional fastText .vec file -> clusters
  std::string clusters_from;   // optional model file whose cluster table is reused
  // Optional corpus statistics, one word per line: "word<TAB>lower<TAB>
  // capitalised" counts, optionally followed by the corpus tag counts (PER
  // ORG LOC MISC O) of each jackknife tagger, fold k's tagger trained
  // without the documents d of train_path with d % folds == k
  // (scripts/train_ner writes it).
  std::string casing_path;
  std::string output_path;     // model file to write
  int epochs = 12;             // passes over the training data
  int ensemble = 1;            // runs with different shuffles whose averaged weights are averaged
  uint32_t log2_rows = 20;     // hash buckets: 2^20 rows of 17 weights
  uint32_t seed = 7;           // document shuffling and k-means seeding
  int clusters[3] = {64, 256, 1024};  // k-means granularities
  int kmeans_iterations = 8;
  int min_feature_count = 1;   // static feature rows seen fewer times in training are never learned
  int prune_below = 1;         // drop rows whose largest |int16 weight| is below this
  bool use_history = true;
  // Share of each training token's features left out (feature dropout; 0 =
  // off). 0.1 raised eng.testa from 0.9152 to 0.9212 (mean of shuffle seeds
  // 7-11, docs/entities.md).
  float feature_dropout = 0.1f;
  // Context aggregation features (features.h). scripts/train_ner's fold
  // taggers of the corpus prior run without them (the model records it):
  // with them they tag better but the final model does worse with their
  // prior (docs/entities.md, fifth round).
  bool context_aggregation = true;
};

struct TrainReport {
  int best_epoch = 0;
  double best_dev_f1 = 0;
  size_t rows_kept = 0;
  size_t model_bytes = 0;
  double seconds = 0;
};

// Trains and writes the model. `log` receives progress lines.
Result<TrainReport> TrainNer(const TrainOptions& options,
                             const std::function<void(const std::string&)>& log);

// Builds the cluster table from a fastText .vec file.
Status BuildClusters(const std::string& vec_path, const int k[3], int iterations, uint32_t seed,
                     const std::function<void(const std::string&)>& log, ClusterTable* out);

// Writes a model file (model.h layout). `weights` are int16 rows; `flags`
// the header flags (kModelNoContexts).
Status WriteModel(const std::string& path, uint32_t log2_rows, float scale,
                  uint64_t gazetteer_checksum, const std::vector<int16_t>& weights,
                  const ClusterTable& clusters, int prune_below, uint32_t flags,
                  size_t* rows_kept, size_t* bytes_written);

}  // namespace storyline::entities

#endif  // STORYLINE_SRC_ENTITIES_TRAINER_H_
