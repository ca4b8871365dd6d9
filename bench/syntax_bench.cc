// Throughput of the syntax stage on news text (../shared/corpus/bbc): tag
// only, and tag + lemmas + features + parse, in words per second on one
// thread. Text is split by a simple rule tokeniser (whitespace, detached
// punctuation, UD clitics 's n't) until the text layer is in the build.
//   syntax_bench [--corpus=FILE.jsonl] [--max_words=N] [--tokens_out=FILE]
//                [--model=FILE] [benchmark flags]
// --tokens_out writes the sentences (one per line, words space-separated)
// so scripts/bench_syntax can run the NLTK peer on the very same words.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "storyline/syntax.h"

namespace {

std::string g_corpus = "../shared/corpus/bbc/bbc.jsonl";
std::string g_model;
std::string g_tokens_out;
size_t g_max_words = 200000;

std::vector<std::vector<std::string>> g_sentences;
std::unique_ptr<storyline::syntax::Analyzer> g_analyzer;
size_t g_words = 0;

bool IsPunct(char c) { return std::strchr(",.;:!?\"()[]", c) != nullptr; }

void TokenizeInto(const std::string& text) {
  std::vector<std::string> sent;
  auto flush = [&] {
    if (!sent.empty()) {
      g_words += sent.size();
      g_sentences.push_back(std::move(sent));
      sent.clear();
    }
  };
  size_t i = 0;
  while (i < text.size() && g_words < g_max_words) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) {
      if (text[i] == '\n') flush();
      ++i;
    }
    size_t j = i;
    while (j < text.size() && !std::isspace(static_cast<unsigned char>(text[j]))) ++j;
    std::string w = text.substr(i, j - i);
    i = j;
    std::vector<std::string> pre, post;
    while (w.size() > 1 && IsPunct(w.front())) {
      pre.emplace_back(1, w.front());
      w.erase(0, 1);
    }
    while (w.size() > 1 && IsPunct(w.back())) {
      post.insert(post.begin(), std::string(1, w.back()));
      w.pop_back();
    }
    for (auto& p : pre) sent.push_back(p);
    if (w.size() > 3 && w.compare(w.size() - 3, 3, "n't") == 0) {
      sent.push_back(w.substr(0, w.size() - 3));
      sent.push_back("n't");
    } else if (w.size() > 2 && w.compare(w.size() - 2, 2, "'s") == 0) {
      sent.push_back(w.substr(0, w.size() - 2));
      sent.push_back("'s");
    } else if (!w.empty()) {
      sent.push_back(w);
    }
    for (auto& p : post) sent.push_back(p);
    if (!post.empty() && (post.back() == "." || post.back() == "?" || post.back() == "!")) flush();
  }
  flush();
}

// Resident set size of this process in kB (Linux /proc), or 0.
long RssKb() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmRSS:") {
      long kb = 0;
      in >> kb;
      return kb;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}

bool Setup() {
  std::ifstream in(g_corpus);
  if (!in) {
    std::fprintf(stderr, "syntax_bench: cannot open %s\n", g_corpus.c_str());
    return false;
  }
  std::string line;
  while (g_words < g_max_words && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("text") || !j["text"].is_string()) continue;
    TokenizeInto(j["text"].get<std::string>());
  }
  const long rss_before = RssKb();
  const auto t0 = std::chrono::steady_clock::now();
  auto a = storyline::syntax::Analyzer::Load(
      g_model.empty() ? storyline::syntax::Analyzer::DefaultModelPath() : g_model);
  if (!a.ok()) {
    std::fprintf(stderr, "syntax_bench: %s\n", a.status().ToString().c_str());
    return false;
  }
  g_analyzer = std::move(*a);
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "syntax_bench: model load %.0f ms, resident +%.1f MB\n", load_ms,
               static_cast<double>(RssKb() - rss_before) / 1024.0);
  if (!g_tokens_out.empty()) {
    std::ofstream out(g_tokens_out);
    for (const auto& s : g_sentences) {
      for (size_t i = 0; i < s.size(); ++i) out << (i ? " " : "") << s[i];
      out << "\n";
    }
  }
  std::fprintf(stderr,
               "syntax_bench: %zu sentences, %zu words; model %.1f MB in memory, parser beam %d\n",
               g_sentences.size(), g_words, static_cast<double>(g_analyzer->MemoryBytes()) / 1e6,
               g_analyzer->parser_beam());
  return true;
}

// beam: parser beam width for Analyze (0 = the model's trained width).
void Run(benchmark::State& state, bool parse, int beam = 0) {
  g_analyzer->set_parser_beam(beam);
  std::vector<std::string_view> words;
  std::vector<storyline::syntax::WordAnalysis> out;
  size_t total = 0;
  for (auto _ : state) {
    for (const auto& s : g_sentences) {
      words.assign(s.begin(), s.end());
      if (parse) g_analyzer->Analyze(words, &out);
      else g_analyzer->Tag(words, &out);
      benchmark::DoNotOptimize(out.data());
      total += s.size();
    }
  }
  state.counters["words_per_s"] =
      benchmark::Counter(static_cast<double>(total), benchmark::Counter::kIsRate);
}

void BM_SyntaxTag(benchmark::State& state) { Run(state, false); }
void BM_SyntaxTagParse(benchmark::State& state) { Run(state, true); }
// The parser decoded greedily whatever width the model was trained with.
void BM_SyntaxTagParseGreedy(benchmark::State& state) { Run(state, true, 1); }
BENCHMARK(BM_SyntaxTag)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_SyntaxTagParse)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_SyntaxTagParseGreedy)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    auto take = [&](const char* flag, std::string* v) {
      size_t n = std::strlen(flag);
      if (a.compare(0, n, flag) == 0) { *v = a.substr(n); return true; }
      return false;
    };
    std::string max;
    if (take("--corpus=", &g_corpus) || take("--model=", &g_model) ||
        take("--tokens_out=", &g_tokens_out)) continue;
    if (take("--max_words=", &max)) { g_max_words = std::stoul(max); continue; }
    rest.push_back(argv[i]);
  }
  int rc = static_cast<int>(rest.size());
  benchmark::Initialize(&rc, rest.data());
  if (!Setup()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
