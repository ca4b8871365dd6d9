// The TimeML evaluation driver; see timex_eval.h.
#include "src/timex/timex_eval.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "src/timex/timeml.h"
#include "storyline/syntax.h"
#include "storyline/text.h"
#include "storyline/timex.h"

namespace storyline::timex {
namespace fs = std::filesystem;

namespace {

// The pipeline's TagContext (src/pipeline/pipeline.cc): sentences from the
// text stage, finite verbs with their tense from the syntax stage, "will"/
// "shall" as future, verbs of saying flagged.
Tense VerbTense(const syntax::WordAnalysis& w) {
  if (w.xpos == "MD") return w.lemma == "will" || w.lemma == "shall" ? Tense::kFuture
                                                                     : Tense::kUnknown;
  if (w.Feature("VerbForm") != "Fin") return Tense::kUnknown;
  std::string_view tense = w.Feature("Tense");
  if (tense == "Past") return Tense::kPast;
  if (tense == "Pres") return Tense::kPresent;
  return Tense::kUnknown;
}

bool IsReportingVerb(std::string_view lemma) {
  static constexpr std::string_view kReporting[] = {
      "say", "tell", "report", "announce", "add", "state", "claim", "warn", "note", "confirm"};
  return std::find(std::begin(kReporting), std::end(kReporting), lemma) != std::end(kReporting);
}

TagContext SyntaxContext(const std::string& source, const syntax::Analyzer& analyzer) {
  TagContext ctx;
  NormalizedText norm = text::Normalize(source);
  text::Analysis a = text::Analyze(source, norm);
  std::vector<std::string_view> words;
  std::vector<syntax::WordAnalysis> out;
  for (const text::Sentence& s : a.sentences) {
    ctx.sentences.push_back({s.begin, s.end});
    words.clear();
    for (uint32_t t = s.first_token; t < s.last_token; ++t) words.push_back(a.TokenForm(norm, t));
    analyzer.Analyze(words, &out);
    for (size_t i = 0; i < out.size(); ++i) {
      const text::Token& tok = a.tokens[s.first_token + i];
      if (Tense tense = VerbTense(out[i]); tense != Tense::kUnknown)
        ctx.verbs.push_back({tok.begin, tok.end, tense, IsReportingVerb(out[i].lemma)});
    }
  }
  ctx.has_verbs = true;
  return ctx;
}

}  // namespace

Result<EvalReport> EvaluateTimeml(const std::string& gold_dir, const EvalOptions& options) {
  if (options.split != "all" && options.split != "train" && options.split != "dev")
    return Status::InvalidArgument("--split must be all, train or dev, not '" + options.split + "'");
  std::error_code ec;
  if (!fs::is_directory(gold_dir, ec)) return Status::NotFound(gold_dir + ": not a folder");
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(gold_dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == ".tml") files.push_back(it->path());
  if (ec) return Status::IOError(gold_dir + ": " + ec.message());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return a.filename().string() < b.filename().string();
  });
  if (files.empty()) return Status::NotFound(gold_dir + ": no .tml files");
  if (!options.out_dir.empty()) {
    fs::create_directories(options.out_dir, ec);
    if (ec) return Status::IOError(options.out_dir + ": " + ec.message());
  }

  if (options.tense != "syntax" && options.tense != "cues")
    return Status::InvalidArgument("--tense must be syntax or cues, not '" + options.tense + "'");
  EvalReport report;
  std::unique_ptr<syntax::Analyzer> analyzer;
  report.tense_source = "cues";
  if (options.tense == "syntax") {
    auto loaded = syntax::Analyzer::Load(
        options.model_path.empty() ? syntax::Analyzer::DefaultModelPath() : options.model_path);
    if (loaded.ok()) {
      analyzer = std::move(*loaded);
      report.tense_source = "syntax";
    } else {
      report.tense_source = "cues (" + loaded.status().message() + ")";
    }
  }
  std::map<size_t, bool> split_of_text;  // text hash -> dev
  for (size_t i = 0; i < files.size(); ++i) {
    std::ifstream in(files[i], std::ios::binary);
    if (!in) return Status::IOError(files[i].string() + ": cannot read");
    std::stringstream ss;
    ss << in.rdbuf();
    Result<TimemlDocument> doc = ParseTimeml(ss.str(), files[i].filename().string());
    if (!doc.ok()) return doc.status();
    size_t h = std::hash<std::string>()(doc->text);
    bool dev = i % 5 == 4;
    if (auto it = split_of_text.find(h); it != split_of_text.end()) dev = it->second;
    else split_of_text[h] = dev;
    if ((options.split == "dev" && !dev) || (options.split == "train" && dev)) continue;

    TagContext ctx;
    if (analyzer) ctx = SyntaxContext(doc->text, *analyzer);
    std::vector<Timex> found = Tag(doc->text, doc->dct, analyzer ? &ctx : nullptr);
    std::vector<ScoredTimex> gold, system;
    for (const GoldTimex& g : doc->gold) gold.push_back({g.begin, g.end, g.type, g.value});
    for (const Timex& t : found)
      system.push_back({t.begin, t.end, std::string(TypeName(t.type)), t.value});
    report.counts += ScoreDocument(gold, system);
    ++report.documents;

    if (options.verbose) {
      const std::string& text = doc->text;
      auto snippet = [&](uint32_t b, uint32_t e) { return text.substr(b, e - b); };
      std::vector<bool> used(system.size(), false);
      for (const ScoredTimex& g : gold) {
        bool matched = false;
        for (size_t k = 0; k < system.size(); ++k) {
          const ScoredTimex& s = system[k];
          if (used[k] || !(s.begin < g.end && g.begin < s.end)) continue;
          used[k] = true;
          matched = true;
          if (s.value != g.value || s.type != g.type || s.begin != g.begin || s.end != g.end)
            report.details.push_back(doc->name + " DIFF gold '" + snippet(g.begin, g.end) + "' " +
                                     g.type + " " + g.value + " | sys '" +
                                     snippet(s.begin, s.end) + "' " + s.type + " " + s.value +
                                     " dct=" + (doc->dct ? doc->dct->ToString() : "?"));
          break;
        }
        if (!matched)
          report.details.push_back(doc->name + " MISS '" + snippet(g.begin, g.end) + "' " +
                                   g.type + " " + g.value);
      }
      for (size_t k = 0; k < system.size(); ++k)
        if (!used[k])
          report.details.push_back(doc->name + " SPURIOUS '" +
                                   snippet(system[k].begin, system[k].end) + "' " +
                                   system[k].type + " " + system[k].value);
    }
    if (!options.out_dir.empty()) {
      fs::path out = fs::path(options.out_dir) / files[i].filename();
      std::ofstream o(out, std::ios::binary);
      o << WriteTimeml(*doc, found);
      if (!o) return Status::IOError(out.string() + ": cannot write");
    }
  }
  report.scores = Summarize(report.counts);
  report.table = FormatScores(report.counts, report.scores);
  return report;
}

}  // namespace storyline::timex
