// Throughput of the text layer (normalise, then paragraphs + sentences +
// tokens) over real news: the BBC and Reuters-21578 articles of
// ../shared/corpus (research-only data, read in place, never copied).
// Reports bytes/s and words/s, where words = tokens, the unit
// scripts/bench_text compares against wink-nlp.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "storyline/text.h"

namespace {

// Article texts: bbc.jsonl "text" and reuters21578.jsonl "body" (non-null).
const std::vector<std::string>& Articles() {
  static const std::vector<std::string> articles = [] {
    std::vector<std::string> out;
    const char* dir = std::getenv("STORYLINE_CORPUS_DIR");
    const std::string root = dir ? dir : "../shared/corpus";
    const std::pair<const char*, const char*> files[] = {
        {"/bbc/bbc.jsonl", "text"}, {"/reuters21578/reuters21578.jsonl", "body"}};
    for (const auto& [file, field] : files) {
      std::ifstream in(root + file);
      std::string line;
      while (std::getline(in, line)) {
        nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (j.is_object() && j.contains(field) && j[field].is_string())
          out.push_back(j[field].get<std::string>());
      }
    }
    if (out.empty()) std::fprintf(stderr, "text_bench: no articles under %s\n", root.c_str());
    return out;
  }();
  return articles;
}

void BM_NormalizeAnalyze(benchmark::State& state) {
  const auto& articles = Articles();
  if (articles.empty()) {
    state.SkipWithError("corpus not found (set STORYLINE_CORPUS_DIR)");
    return;
  }
  int64_t bytes = 0, words = 0;
  for (auto _ : state) {
    for (const std::string& a : articles) {
      storyline::NormalizedText norm = storyline::text::Normalize(a);
      storyline::text::Analysis an = storyline::text::Analyze(a, norm);
      benchmark::DoNotOptimize(an.sentences.data());
      bytes += static_cast<int64_t>(a.size());
      words += static_cast<int64_t>(an.tokens.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["words"] = benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NormalizeAnalyze)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_Normalize(benchmark::State& state) {
  const auto& articles = Articles();
  int64_t bytes = 0;
  for (auto _ : state) {
    for (const std::string& a : articles) {
      storyline::NormalizedText norm = storyline::text::Normalize(a);
      benchmark::DoNotOptimize(norm.text.data());
      bytes += static_cast<int64_t>(a.size());
    }
  }
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_Normalize)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  const auto& articles = Articles();
  std::vector<storyline::NormalizedText> norms;
  for (const std::string& a : articles) norms.push_back(storyline::text::Normalize(a));
  int64_t bytes = 0, words = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < articles.size(); ++i) {
      auto tokens = storyline::text::Tokenize(articles[i], norms[i]);
      benchmark::DoNotOptimize(tokens.data());
      bytes += static_cast<int64_t>(articles[i].size());
      words += static_cast<int64_t>(tokens.size());
    }
  }
  state.SetBytesProcessed(bytes);
  state.counters["words"] = benchmark::Counter(static_cast<double>(words), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
