// Cross-article linking cost as the store grows: BM_Link/N adds N synthetic
// articles (20 entities each, names drawn with a Zipf-like skew from a pool
// of people, organisations and places, so popular entities recur across
// thousands of articles) to one Linker. Articles/s should stay flat as N
// grows tenfold: the cost of an article is in its own entities, not in the
// entities seen before (hash indexes, no scan).
//   build/bin/linker_bench
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "storyline/entities.h"

namespace storyline::entities {
namespace {

std::vector<ArticleEntities> MakeArticles(int n) {
  std::mt19937 rng(7);
  // Skewed draw: the square of a uniform index favours the first names.
  auto skewed = [&rng](int pool) {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<int>(u * u * pool);
  };
  std::vector<ArticleEntities> out(n);
  for (ArticleEntities& a : out) {
    for (int e = 0; e < 20; ++e) {
      ArticleEntity x;
      switch (e % 4) {
        case 0:
        case 1:
          x.type = "PER";
          x.name = std::string(1, static_cast<char>('A' + skewed(26))) + "irst" +
                   std::to_string(skewed(30)) + " Surname" + std::to_string(skewed(20000));
          x.aliases = {x.name.substr(x.name.find(' ') + 1)};
          break;
        case 2:
          x.type = "ORG";
          x.name = "Ministry of Thing" + std::to_string(skewed(5000));
          break;
        default:
          x.type = "LOC";
          x.name = "Place" + std::to_string(skewed(30000));
      }
      x.mentions = {0, 1};
      a.entities.push_back(std::move(x));
    }
  }
  return out;
}

void BM_Link(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const std::vector<ArticleEntities> articles = MakeArticles(n);
  size_t entities = 0;
  for (auto _ : state) {
    Linker linker;
    for (int i = 0; i < n; ++i) linker.Add("article-" + std::to_string(i), articles[i]);
    entities = linker.Entities().size();
    benchmark::DoNotOptimize(entities);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["canonical_entities"] = static_cast<double>(entities);
}
BENCHMARK(BM_Link)->Arg(2000)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace storyline::entities

BENCHMARK_MAIN();
