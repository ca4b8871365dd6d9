// The `timex` and `eval timex` commands: thin wrappers over timex::Tag and
// timex::EvaluateTimeml that parse flags, read input and print results.
#include "cli/timex_commands.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "src/timex/timex_eval.h"
#include "storyline/timex.h"

namespace storyline::cli {
namespace {

struct TimexArgs {
  std::string file;
  std::string date;
  bool json = false;
};

struct EvalArgs {
  std::string gold_dir;
  timex::EvalOptions options;
};

[[noreturn]] void Fail(const Status& status) {
  std::fprintf(stderr, "error: %s\n", status.ToString().c_str());
  throw CLI::RuntimeError(status.code() == StatusCode::kIOError ? 2 : 1);
}

// Splits off a plain-text article's " date YYYY-MM-DD" header, if any.
std::optional<Date> TakeDateHeader(std::string* text) {
  size_t i = text->find_first_not_of(" \t");
  if (i == std::string::npos || text->compare(i, 5, "date ") != 0) return std::nullopt;
  Result<Date> d = Date::Parse(std::string_view(*text).substr(i + 5, 10));
  if (!d.ok()) return std::nullopt;
  size_t cut = i + 15;
  if (cut < text->size() && ((*text)[cut] == ' ' || (*text)[cut] == '\n')) ++cut;
  text->erase(0, cut);
  return *d;
}

void RunTimex(const TimexArgs& a) {
  std::string text;
  if (a.file == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), {});
  } else {
    std::ifstream in(a.file, std::ios::binary);
    if (!in) Fail(Status::NotFound(a.file + ": cannot open"));
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::optional<Date> dct = TakeDateHeader(&text);
  if (!a.date.empty()) {
    Result<Date> d = Date::Parse(a.date);
    if (!d.ok()) Fail(d.status().WithPrefix("--date"));
    dct = *d;
  }
  std::vector<timex::Timex> found = timex::Tag(text, dct);
  if (a.json) {
    nlohmann::json out = nlohmann::json::object();
    out["dct"] = dct ? nlohmann::json(dct->ToString()) : nlohmann::json(nullptr);
    out["timex"] = nlohmann::json::array();
    for (const timex::Timex& t : found) {
      nlohmann::json j = {{"begin", t.begin}, {"end", t.end},
                          {"text", text.substr(t.begin, t.end - t.begin)},
                          {"type", std::string(timex::TypeName(t.type))},
                          {"value", t.value}};
      if (!t.mod.empty()) j["mod"] = t.mod;
      if (!t.anchor.empty()) j["anchor"] = t.anchor;
      out["timex"].push_back(j);
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  std::printf("dct: %s\n", dct ? dct->ToString().c_str() : "unknown");
  for (const timex::Timex& t : found) {
    std::printf("%u-%u\t%-8s\t%-14s\t%s\t%s\n", t.begin, t.end,
                std::string(timex::TypeName(t.type)).c_str(), t.value.c_str(),
                t.mod.empty() ? "-" : t.mod.c_str(),
                text.substr(t.begin, t.end - t.begin).c_str());
  }
}

void RunEval(const EvalArgs& a) {
  Result<timex::EvalReport> r = timex::EvaluateTimeml(a.gold_dir, a.options);
  if (!r.ok()) Fail(r.status());
  for (const std::string& d : r->details) std::printf("%s\n", d.c_str());
  std::printf("documents: %zu (split %s, tenses from %s)\n%s", r->documents,
              a.options.split.c_str(), r->tense_source.c_str(), r->table.c_str());
}

}  // namespace

void AddTimexCommands(CLI::App& app, CLI::App& eval) {
  auto targs = std::make_shared<TimexArgs>();
  CLI::App* t = app.add_subcommand("timex", "List the time expressions of an article");
  t->add_option("file", targs->file, "Text file, or - for stdin")->required();
  t->add_option("--date", targs->date, "Publication date YYYY-MM-DD (overrides a ' date' header)");
  t->add_flag("--json", targs->json, "Print JSON");
  t->callback([targs] { RunTimex(*targs); });

  auto eargs = std::make_shared<EvalArgs>();
  CLI::App* e = eval.add_subcommand("timex", "Score the timex tagger on TimeML gold (TempEval-3 Task A)");
  e->add_option("gold_dir", eargs->gold_dir, "Folder of .tml files (searched recursively)")->required();
  e->add_option("--out", eargs->options.out_dir, "Write each tagged document here as .tml");
  e->add_option("--split", eargs->options.split, "all, train or dev (every 5th file by name)");
  e->add_flag("--verbose", eargs->options.verbose, "List misses, spurious and wrong values");
  e->add_option("--tense", eargs->options.tense,
                "Verb tenses from: cues (default) or syntax (the syntax model, as the pipeline)");
  e->callback([eargs] { RunEval(*eargs); });
}

}  // namespace storyline::cli
