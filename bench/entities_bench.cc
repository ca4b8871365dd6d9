// Entities stage throughput on ../shared/corpus/bbc/bbc.jsonl (the first 200
// articles' "text", the same text bench/peers/entities/bench.js gives
// compromise and wink-nlp). Words = whitespace-separated tokens, so the rates
// compare across tools. BM_Tagger: the NER tagger on pre-tokenised
// sentences; BM_Recognizer: tokenise + tag + coreference, the whole stage.
//   build/bin/entities_bench   (scripts/bench_entities runs it with the peers)
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storyline/entities.h"

namespace storyline::entities {
namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::vector<SentenceInput>> tokenized;
  std::vector<std::vector<std::vector<std::string_view>>> forms;
  int64_t words = 0;
};

const Corpus& GetCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    const char* env = std::getenv("STORYLINE_CORPUS");
    fs::path base = env ? fs::path(env) : fs::path(STORYLINE_SOURCE_DIR) / ".." / "shared" / "corpus";
    int n = std::getenv("BENCH_ARTICLES") ? std::atoi(std::getenv("BENCH_ARTICLES")) : 200;
    std::ifstream in(base / "bbc" / "bbc.jsonl");
    std::string line;
    while (static_cast<int>(c.texts.size()) < n && std::getline(in, line)) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.contains("text")) continue;
      c.texts.push_back(j["text"].get<std::string>());
    }
    for (const std::string& t : c.texts) {
      bool in_word = false;
      for (char ch : t) {
        bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (!space && !in_word) ++c.words;
        in_word = !space;
      }
      c.tokenized.push_back(SimpleTokenize(t));
    }
    for (const auto& doc : c.tokenized) {
      c.forms.emplace_back();
      for (const SentenceInput& s : doc) {
        c.forms.back().emplace_back();
        for (const TokenInput& tok : s.tokens) c.forms.back().back().push_back(tok.form);
      }
    }
    return c;
  }();
  return corpus;
}

const Recognizer& GetRecognizer() {
  static std::unique_ptr<Recognizer> r = [] {
    auto rec = Recognizer::Load(std::string(STORYLINE_SOURCE_DIR) + "/models/entities");
    if (!rec.ok()) {
      std::fprintf(stderr, "%s\n", rec.status().ToString().c_str());
      std::exit(1);
    }
    return std::move(*rec);
  }();
  return *r;
}

void BM_Tagger(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  const Tagger& tagger = GetRecognizer().tagger();
  size_t spans = 0;
  for (auto _ : state) {
    for (const auto& doc : c.forms) {
      auto out = tagger.TagDocument(doc);
      for (const auto& s : out) spans += s.size();
    }
  }
  benchmark::DoNotOptimize(spans);
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(c.words) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tagger)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_Recognizer(benchmark::State& state) {
  const Corpus& c = GetCorpus();
  const Recognizer& rec = GetRecognizer();
  size_t mentions = 0;
  for (auto _ : state) {
    for (const std::string& t : c.texts) mentions += rec.Analyze(SimpleTokenize(t)).mentions.size();
  }
  benchmark::DoNotOptimize(mentions);
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(c.words) * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Recognizer)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_LoadModel(benchmark::State& state) {
  for (auto _ : state) {
    auto rec = Recognizer::Load(std::string(STORYLINE_SOURCE_DIR) + "/models/entities");
    benchmark::DoNotOptimize(rec.ok());
  }
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
}  // namespace storyline::entities

BENCHMARK_MAIN();
