// Throughput of the timex stage (tag + resolve) on news text, in words/s.
// Input: the JSON array of article texts named by $STORYLINE_TIMEX_BENCH_DOCS
// (scripts/bench_timex writes the same file for chrono-node and dateparser),
// or else the first 150 BBC articles of ../shared/corpus/bbc/bbc.jsonl.
#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "storyline/timex.h"

namespace {

std::vector<std::string> LoadDocs() {
  std::vector<std::string> docs;
  if (const char* path = std::getenv("STORYLINE_TIMEX_BENCH_DOCS")) {
    std::ifstream in(path);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (j.is_array())
      for (const auto& d : j)
        if (d.is_string()) docs.push_back(d.get<std::string>());
    return docs;
  }
  std::ifstream in("../shared/corpus/bbc/bbc.jsonl");
  std::string line;
  while (docs.size() < 150 && std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("text") && j["text"].is_string())
      docs.push_back(j.value("title", "") + "\n\n" + j["text"].get<std::string>());
  }
  return docs;
}

size_t CountWords(const std::string& s) {
  size_t n = 0;
  bool in = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in) ++n;
    in = !space;
  }
  return n;
}

void BM_TimexTag(benchmark::State& state) {
  static const std::vector<std::string> docs = LoadDocs();
  size_t words = 0, bytes = 0;
  for (const std::string& d : docs) { words += CountWords(d); bytes += d.size(); }
  if (docs.empty()) { state.SkipWithError("no documents"); return; }
  const storyline::Date dct{2005, 6, 1};
  size_t found = 0;
  for (auto _ : state) {
    for (const std::string& d : docs) {
      std::vector<storyline::timex::Timex> t = storyline::timex::Tag(d, dct);
      found += t.size();
      benchmark::DoNotOptimize(t.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
  state.counters["words_per_sec"] = benchmark::Counter(
      static_cast<double>(words * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["timexes_per_doc"] =
      static_cast<double>(found) / static_cast<double>(docs.size() * state.iterations());
}
BENCHMARK(BM_TimexTag)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
