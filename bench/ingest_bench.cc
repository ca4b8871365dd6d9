// Ingest throughput on ../shared/corpus: the store alone (articles already
// read and normalised: is SQLite ever the bottleneck?) and the whole ingest
// path (read JSON Lines, normalise, text layer, store).
//   build/bin/ingest_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "storyline/ingest.h"
#include "storyline/pipeline.h"
#include "storyline/store.h"

namespace storyline {
namespace {

namespace fs = std::filesystem;

std::string CorpusFile(const char* rel) {
  const char* env = std::getenv("STORYLINE_CORPUS");
  fs::path base = env ? fs::path(env) : fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "corpus";
  return (base / rel).string();
}

const std::vector<std::string>& Inputs() {
  static const std::vector<std::string> files = {CorpusFile("bbc/bbc.jsonl"),
                                                 CorpusFile("reuters21578/reuters21578.jsonl")};
  return files;
}

const std::vector<Document>& Docs() {
  static const std::vector<Document> docs = [] {
    std::vector<Document> out;
    for (const std::string& f : Inputs()) {
      Status st = ingest::ReadPath(f, {}, [&](Result<ingest::RawArticle> a) {
        if (a.ok()) out.push_back(Pipeline::MakeDocument(*std::move(a)));
      });
      if (!st.ok()) std::fprintf(stderr, "%s\n", st.ToString().c_str());
    }
    return out;
  }();
  return docs;
}

// A store in a fresh temporary file, removed (with its WAL) on destruction.
class TempStore {
 public:
  TempStore() {
    static int n = 0;
    path_ = (fs::temp_directory_path() /
             ("storyline_bench_" + std::to_string(getpid()) + "_" + std::to_string(n++) + ".db"))
                .string();
    Remove();
    auto store = OpenSqliteStore(path_);
    if (store.ok()) store_ = *std::move(store);
    else error_ = store.status().ToString();
  }
  ~TempStore() {
    store_.reset();
    Remove();
  }
  Store* get() const { return store_.get(); }
  const std::string& error() const { return error_; }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
  }
  std::string path_, error_;
  std::unique_ptr<Store> store_;
};

// Times `run(store)` once per benchmark iteration, each on a fresh store
// made and removed outside the timed region. `run` returns false after
// skipping the benchmark with an error.
template <typename Run>
void TimeOnFreshStores(benchmark::State& state, Run run) {
  for (auto _ : state) {
    state.PauseTiming();
    auto temp = std::make_unique<TempStore>();
    if (!temp->get()) return state.SkipWithError(temp->error().c_str());
    state.ResumeTiming();
    if (!run(*temp->get())) return;
    state.PauseTiming();
    temp.reset();
    state.ResumeTiming();
  }
}

// Articles/s of the store alone: raw bytes, text, FTS5 index, batched commits.
void BM_StoreOnly(benchmark::State& state) {
  const auto& docs = Docs();
  if (docs.empty()) return state.SkipWithError("no corpus (../shared/corpus)");
  uint64_t bytes = 0;
  for (const Document& d : docs) bytes += d.text().size();
  TimeOnFreshStores(state, [&](Store& store) {
    std::vector<ArticleRecord> batch;
    auto put = [&] {
      if (store.PutArticles(batch).ok()) return true;
      state.SkipWithError("store failed");
      return false;
    };
    for (const Document& d : docs) {
      batch.push_back({&d, {}, {}});
      if (batch.size() == static_cast<size_t>(state.range(0))) {
        if (!put()) return false;
        batch.clear();
      }
    }
    return put();
  });
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(docs.size()), benchmark::Counter::kIsIterationInvariantRate);
  state.SetBytesProcessed(static_cast<int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_StoreOnly)->Arg(1024)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// Ingest without NLP: read the JSON Lines, normalise, hash, store in
// batches of 1,024 (no annotation layers).
void BM_ReadAndStore(benchmark::State& state) {
  uint64_t articles = 0;
  TimeOnFreshStores(state, [&](Store& store) {
    std::vector<Document> docs;
    auto flush = [&] {
      std::vector<ArticleRecord> batch;
      for (const Document& d : docs) batch.push_back({&d, {}, {}});
      if (!store.PutArticles(batch).ok()) state.SkipWithError("store failed");
      docs.clear();
    };
    articles = 0;
    for (const std::string& f : Inputs()) {
      Status st = ingest::ReadPath(f, {}, [&](Result<ingest::RawArticle> a) {
        if (!a.ok()) return;
        docs.push_back(Pipeline::MakeDocument(*std::move(a)));
        ++articles;
        if (docs.size() == 1024) flush();
      });
      if (!st.ok()) {
        state.SkipWithError(st.ToString().c_str());
        return false;
      }
    }
    flush();
    return true;
  });
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ReadAndStore)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The whole `storyline ingest` path (text, syntax, timex, entities and
// linking) on the same files, with the stages on state.range(0) threads.
void BM_IngestFull(benchmark::State& state) {
  IngestOptions options;
  options.threads = static_cast<int>(state.range(0));
  auto pipeline = Pipeline::Create({});
  if (!pipeline.ok()) return state.SkipWithError(pipeline.status().ToString().c_str());
  uint64_t articles = 0, words = 0;
  TimeOnFreshStores(state, [&](Store& store) {
    auto sum = (*pipeline)->Ingest(Inputs(), store, options);
    if (!sum.ok()) {
      state.SkipWithError(sum.status().ToString().c_str());
      return false;
    }
    articles = sum->added;
    words = sum->words;
    return true;
  });
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_IngestFull)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

}  // namespace
}  // namespace storyline

BENCHMARK_MAIN();
