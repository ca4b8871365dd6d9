// Pipeline: the only code that knows every stage.
//
//   SL_ASSIGN_OR_RETURN(auto store, OpenSqliteStore("storyline.db"));
//   SL_ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create({}));
//   IngestOptions opts;
//   opts.on_error = [](const Status& s) { std::cerr << s.message() << "\n"; };
//   SL_ASSIGN_OR_RETURN(IngestSummary sum, pipeline->Ingest({"../shared/seeds"}, *store, opts));
//
// Ingest reads every path, builds a Document per article (normalising the
// text and computing its id), runs the stages in order (text, then each
// later stage that is built in), and writes article and layers to the store
// in batched transactions, with the article's entities linked to the
// store's canonical entities in the same transaction. A bad article is reported through on_error and
// skipped; it never stops the run. Data flows one way: the pipeline reads
// nothing back from a stage's output except to feed the next stage.
// A Pipeline is immutable after Create and may be shared by threads.
#ifndef STORYLINE_PIPELINE_H_
#define STORYLINE_PIPELINE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storyline/document.h"
#include "storyline/entities.h"
#include "storyline/ingest.h"
#include "storyline/span.h"
#include "storyline/status.h"
#include "storyline/store.h"

namespace storyline {

struct PipelineOptions {
  // Where trained models live; empty = $STORYLINE_MODELS, else the models/
  // folder of the source tree this binary was built from.
  std::string model_dir;
  // Parser beam width: 0 = the width the syntax model was trained with
  // (most accurate), smaller = faster (see docs/syntax.md for the trade).
  int parser_beam = 0;
};

struct IngestProgress {
  uint64_t read = 0, added = 0, duplicates = 0, rejected = 0;
  uint64_t bytes_done = 0, bytes_total = 0;  // total 0 when unknown (stdin)
};

struct IngestOptions {
  ingest::ReadOptions read;        // source/date overrides, size limit
  size_t batch_size = 1024;        // articles per transaction
  double max_batch_seconds = 0.5;  // commit at least this often
  int threads = 0;                 // threads running the stages; 0 = one per core
  // Articles already stored get the layers they lack (kAddMissing), or all
  // layers recomputed (kReplace, `ingest --refresh`).
  Store::ExistingLayers existing_layers = Store::ExistingLayers::kAddMissing;
  std::function<void(const Status&)> on_error;             // per bad article or path
  std::function<void(const std::string&)> on_warning;      // kept, but worth saying
  std::function<void(const IngestProgress&)> on_progress;  // ~10 times a second
};

struct IngestSummary {
  uint64_t read = 0;        // articles read (good or bad)
  uint64_t added = 0;       // new articles stored
  uint64_t duplicates = 0;  // already in the store (or twice in this run)
  uint64_t rejected = 0;    // bad input, reported through on_error
  uint64_t failed_paths = 0;  // paths that could not be read at all
  uint64_t words = 0;       // tokens of the added articles
  double seconds = 0;
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options);
  ~Pipeline();

  // Reads, annotates and stores every article under `paths` ("-" is stdin).
  // Fails only when nothing could be read at all or the store fails; per
  // article problems go to options.on_error and count as rejected.
  Result<IngestSummary> Ingest(const std::vector<std::string>& paths, Store& store,
                               const IngestOptions& options) const;

  // Builds a Document from a reader's article.
  static Document MakeDocument(ingest::RawArticle article);
  // Rebuilds the Document of a stored article.
  static Document MakeDocument(const StoredArticle& stored);
  // Runs every stage on `doc` and returns their layers in pipeline order.
  std::vector<Layer> Annotate(const Document& doc) const;

  // Same; `found` (may be null) receives the entities stage's analysis.
  std::vector<Layer> Annotate(const Document& doc, entities::ArticleEntities* found) const;

  // Sets the publication date of stored article `id` (or a unique prefix)
  // and resolves its time expressions again against it, from the forms the
  // timex layer keeps: no stage reruns, no model is needed. Returns the
  // new timex layer.
  static Result<Layer> Redate(Store& store, std::string_view id, const Date& date);

  // The store's canonical entities as a Linker, to link more articles.
  Result<entities::Linker> LoadLinker(Store& store) const;

 private:
  Pipeline() = default;
  // Links the entities of the batch's articles that need it (`found`, one
  // per record) into `linker`: sets their "entities" layer with canonical
  // ids and their mentions, and appends the entities they touched to
  // `changed`, all for one store transaction.
  static Status LinkBatch(entities::Linker* linker, Store& store, Store::ExistingLayers existing,
                          const std::vector<entities::ArticleEntities>& found,
                          std::vector<ArticleRecord>* batch, std::vector<EntityRecord>* changed);
  struct Stages;
  std::unique_ptr<Stages> stages_;
};

}  // namespace storyline

#endif  // STORYLINE_PIPELINE_H_
