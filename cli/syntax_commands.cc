// `train syntax`, `eval ud` and `parse`: thin wrappers over the syntax
// stage (include/storyline/syntax.h) and its trainer; see syntax_commands.h.
#include "cli/syntax_commands.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "src/syntax/conllu.h"
#include "src/syntax/model.h"
#include "src/syntax/raw_text.h"
#include "src/syntax/train/syntax_trainer.h"
#include "src/syntax/ud_scorer.h"
#include "storyline/syntax.h"

namespace storyline::cli {
namespace {

using syntax::Analyzer;
using syntax::ConlluSentence;

[[noreturn]] void Fail(const Status& s) {
  std::cerr << "error: " << s.ToString() << "\n";
  const bool usage = s.code() == StatusCode::kNotFound || s.code() == StatusCode::kInvalidArgument;
  throw CLI::RuntimeError(usage ? 2 : 1);
}

template <typename T>
T Check(Result<T> r) {
  if (!r.ok()) Fail(r.status());
  return std::move(r).value();
}

std::unique_ptr<Analyzer> LoadModel(const std::string& path, int beam) {
  const auto t0 = std::chrono::steady_clock::now();
  auto a = Check(Analyzer::Load(path.empty() ? Analyzer::DefaultModelPath() : path));
  a->set_parser_beam(beam);
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "loaded syntax model in %.0f ms (%.1f MB in memory; parser beam %d)\n",
               ms, static_cast<double>(a->MemoryBytes()) / 1e6, beam > 0 ? beam : a->parser_beam());
  return a;
}

// Predicts columns 3-8 of every word of `gold`, keeping ids, forms,
// multiword tokens, comments and MISC (so token spans stay identical).
std::vector<ConlluSentence> AnalyzeGoldTokens(const Analyzer& a,
                                              const std::vector<ConlluSentence>& gold) {
  std::vector<ConlluSentence> out = gold;
  std::vector<std::string_view> forms;
  std::vector<syntax::WordAnalysis> res;
  for (ConlluSentence& s : out) {
    forms.clear();
    for (const syntax::ConlluWord& w : s.words) forms.push_back(w.form);
    a.Analyze(forms, &res);
    for (size_t i = 0; i < s.words.size(); ++i) {
      syntax::ConlluWord& w = s.words[i];
      w.lemma = res[i].lemma;
      w.upos = std::string(res[i].upos);
      w.xpos = std::string(res[i].xpos);
      w.feats = std::string(res[i].feats);
      w.head = res[i].head;
      w.deprel = std::string(res[i].deprel);
      w.deps.assign(1, '_');  // not = "_": GCC 12 -Wrestrict false positive
    }
  }
  return out;
}

std::string ReadAll(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), {});
  }
  return Check(syntax::ReadFileBytes(path));
}

void WriteSentences(const std::vector<ConlluSentence>& sents, std::FILE* f) {
  std::string buf;
  for (const ConlluSentence& s : sents) {
    syntax::AppendConllu(s, &buf);
    if (buf.size() > (1 << 20)) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
}

}  // namespace

void AddSyntaxCommands(CLI::App& app, CLI::App& train, CLI::App& eval) {
  // train syntax
  {
    auto* cmd = train.add_subcommand("syntax", "Train the tagger, lemmatiser and parser on UD");
    auto opts = std::make_shared<syntax::TrainOptions>();
    auto quiet = std::make_shared<bool>(false);
    cmd->add_option("--train", opts->train_path, "CoNLL-U training file")->capture_default_str();
    cmd->add_option("--dev", opts->dev_path, "CoNLL-U dev file (early stopping)")
        ->capture_default_str();
    cmd->add_option("--out", opts->out_path, "model file to write")->capture_default_str();
    cmd->add_option("--wordnet", opts->wordnet_dir, "WordNet dict folder")->capture_default_str();
    cmd->add_option("--tagger-epochs", opts->tagger_max_epochs)->capture_default_str();
    cmd->add_option("--parser-epochs", opts->parser_max_epochs)->capture_default_str();
    cmd->add_option("--tagger-dropout", opts->tagger_dropout,
                    "share of a word's tagger features left out in training (feature dropout)")
        ->capture_default_str();
    cmd->add_option("--parser-dropout", opts->parser_dropout,
                    "share of the beam parser's features left out of each training sentence "
                    "(feature dropout; 0 = none)")
        ->capture_default_str();
    cmd->add_option("--patience", opts->patience, "tagger epochs without dev gain before stopping")
        ->capture_default_str();
    cmd->add_option("--parser-patience", opts->parser_patience,
                    "parser epochs without dev gain before stopping")->capture_default_str();
    cmd->add_option("--folds", opts->jackknife_folds, "jack-knife folds")->capture_default_str();
    cmd->add_option("--prune", opts->prune, "drop weights below this")->capture_default_str();
    cmd->add_option("--seed", opts->seed)->capture_default_str();
    cmd->add_option("--corpus", opts->corpus_dir,
                    "unlabelled JSON Lines folder for word clusters (\"\" = none)")
        ->capture_default_str();
    cmd->add_option("--clusters", opts->clusters.fine, "fine word clusters")->capture_default_str();
    cmd->add_option("--coarse-clusters", opts->clusters.coarse, "coarse word clusters")
        ->capture_default_str();
    cmd->add_option("--finer-clusters", opts->clusters.finer,
                    "a second, finer word clustering for the tagger (0 = none)")
        ->capture_default_str();
    cmd->add_option("--cluster-min-count", opts->clusters.min_count,
                    "corpus frequency a word needs for a cluster")->capture_default_str();
    cmd->add_option("--cluster-words", opts->clusters.max_words, "most words clustered")
        ->capture_default_str();
    cmd->add_option("--max-tagger-prune-loss", opts->max_tagger_prune_loss,
                    "dev UPOS that weight pruning may cost")->capture_default_str();
    cmd->add_option("--max-parser-prune-loss", opts->max_parser_prune_loss,
                    "dev LAS that weight pruning may cost")->capture_default_str();
    cmd->add_option("--two-pass", opts->two_pass_tagger, "second tagger pass (0/1)")
        ->capture_default_str();
    cmd->add_option("--supertagger", opts->supertagger,
                    "supertags (relation and head side) as parser features (0/1)")
        ->capture_default_str();
    cmd->add_option("--supertag-kids", opts->supertag_kids,
                    "supertags also tell the sides of a word's dependents (0/1)")
        ->capture_default_str();
    cmd->add_option("--supertag-kids-min-count", opts->supertag_kids_min_count,
                    "train count below which such a supertag falls back to the plain one")
        ->capture_default_str();
    cmd->add_option("--parser-beam", opts->parser_beam,
                    "parser beam width (1 = greedy, dynamic oracle; > 1 = global "
                    "max-violation training); stored in the model")
        ->capture_default_str()
        ->check(CLI::Range(1, 256));
    cmd->add_option("--parser-ensemble", opts->parser_ensemble,
                    "beam parsers trained with different shuffles and averaged (one thread each)")
        ->capture_default_str()
        ->check(CLI::Range(1, 8));
    cmd->add_option("--tagger-ensemble", opts->tagger_ensemble,
                    "runs of each tagger (both passes, the supertagger) trained with different "
                    "shuffles and averaged (one thread each)")
        ->capture_default_str()
        ->check(CLI::Range(1, 8));
    cmd->add_flag("--tagger-only", opts->tagger_only,
                  "train and prune only the tagger (untrained parser; for tagger experiments)");
    cmd->add_flag("--quiet", *quiet);
    cmd->callback([opts, quiet] {
      // Records every option that differs from its default, so the
      // model's description is the command that rebuilds it.
      const syntax::TrainOptions d;
      const syntax::TrainOptions& o = *opts;
      // A path as a shell word: quoted when empty or not plain.
      auto word = [](const std::string& path) {
        const bool plain = !path.empty() && path.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+=:,") ==
            std::string::npos;
        return plain ? path : "'" + path + "'";
      };
      std::string flags;
      auto flag = [&](const char* name, const auto& value, const auto& default_value) {
        if (value == default_value) return;
        std::ostringstream text;
        text << value;
        flags += std::string(" ") + name + " " + word(text.str());
      };
      flag("--wordnet", o.wordnet_dir, d.wordnet_dir);
      flag("--tagger-epochs", o.tagger_max_epochs, d.tagger_max_epochs);
      flag("--parser-epochs", o.parser_max_epochs, d.parser_max_epochs);
      flag("--tagger-dropout", o.tagger_dropout, d.tagger_dropout);
      flag("--parser-dropout", o.parser_dropout, d.parser_dropout);
      flag("--patience", o.patience, d.patience);
      flag("--parser-patience", o.parser_patience, d.parser_patience);
      flag("--folds", o.jackknife_folds, d.jackknife_folds);
      flag("--prune", o.prune, d.prune);
      flag("--seed", o.seed, d.seed);
      flag("--clusters", o.clusters.fine, d.clusters.fine);
      flag("--coarse-clusters", o.clusters.coarse, d.clusters.coarse);
      flag("--finer-clusters", o.clusters.finer, d.clusters.finer);
      flag("--cluster-min-count", o.clusters.min_count, d.clusters.min_count);
      flag("--cluster-words", o.clusters.max_words, d.clusters.max_words);
      flag("--max-tagger-prune-loss", o.max_tagger_prune_loss, d.max_tagger_prune_loss);
      flag("--max-parser-prune-loss", o.max_parser_prune_loss, d.max_parser_prune_loss);
      flag("--two-pass", o.two_pass_tagger, d.two_pass_tagger);
      flag("--supertagger", o.supertagger, d.supertagger);
      flag("--supertag-kids", o.supertag_kids, d.supertag_kids);
      flag("--supertag-kids-min-count", o.supertag_kids_min_count, d.supertag_kids_min_count);
      flag("--parser-beam", o.parser_beam, d.parser_beam);
      flag("--parser-ensemble", o.parser_ensemble, d.parser_ensemble);
      flag("--tagger-ensemble", o.tagger_ensemble, d.tagger_ensemble);
      opts->command_line = "storyline train syntax --train " + word(o.train_path) + " --dev " +
                           word(o.dev_path) + " --out " + word(o.out_path) + " --corpus " +
                           word(o.corpus_dir) + flags + (o.tagger_only ? " --tagger-only" : "");
      const auto t0 = std::chrono::steady_clock::now();
      Status s = syntax::TrainSyntax(*opts, [&](const std::string& line) {
        if (!*quiet) std::fprintf(stderr, "%s\n", line.c_str());
      });
      if (!s.ok()) Fail(s);
      std::fprintf(stderr, "trained in %.1f s\n",
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    });
  }
  // eval ud
  {
    auto* cmd = eval.add_subcommand("ud", "Score the syntax stage on a UD gold file (CoNLL 2018)");
    auto gold_path = std::make_shared<std::string>();
    auto model = std::make_shared<std::string>();
    auto sys_out = std::make_shared<std::string>();
    auto raw = std::make_shared<bool>(false);
    auto all = std::make_shared<bool>(false);
    cmd->add_option("gold", *gold_path, "gold CoNLL-U file")->required();
    cmd->add_flag("--raw", *raw, "tokenise and split the raw # text lines ourselves");
    cmd->add_option("--model", *model, "model file (default models/syntax/en_ewt.model)");
    cmd->add_option("--system-out", *sys_out, "also write the system CoNLL-U here");
    cmd->add_flag("--segmentation", *all, "also print Tokens, Sentences and Words F1");
    auto beam = std::make_shared<int>(0);
    cmd->add_option("--beam", *beam,
                    "parser beam width (default: the model's trained width; 1 = greedy)")
        ->check(CLI::Range(0, 256));
    cmd->callback([=] {
      auto gold = Check(syntax::ReadConlluFile(*gold_path));
      auto a = LoadModel(*model, *beam);
      const auto t0 = std::chrono::steady_clock::now();
      std::vector<ConlluSentence> sys;
      if (*raw) {
        sys = Check(syntax::AnalyzeRawText(*a, syntax::RawTextOf(gold), "raw"));
      } else {
        sys = AnalyzeGoldTokens(*a, gold);
      }
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      size_t words = 0;
      for (const auto& s : sys) words += s.words.size();
      std::fprintf(stderr, "analysed %zu words in %.2f s (%.0f words/s)\n", words, secs,
                   secs > 0 ? static_cast<double>(words) / secs : 0.0);
      if (!sys_out->empty()) {
        std::FILE* f = std::fopen(sys_out->c_str(), "wb");
        if (f == nullptr) Fail(Status::IOError(*sys_out + ": cannot create"));
        WriteSentences(sys, f);
        std::fclose(f);
      }
      auto scores = Check(syntax::ScoreUd(gold, sys));
      std::fputs(scores.ToString(*raw || *all).c_str(), stdout);
    });
  }
  // parse
  {
    auto* cmd = app.add_subcommand("parse", "Tag, lemmatise and parse; write CoNLL-U");
    auto input = std::make_shared<std::string>();
    auto model = std::make_shared<std::string>();
    auto text = std::make_shared<std::string>();
    cmd->add_option("file", *input, "CoNLL-U file: gold tokens, columns 3-8 predicted");
    cmd->add_option("--text", *text, "plain-text file to split and tokenise, or - for stdin");
    cmd->add_option("--model", *model, "model file (default models/syntax/en_ewt.model)");
    auto beam = std::make_shared<int>(0);
    cmd->add_option("--beam", *beam,
                    "parser beam width (default: the model's trained width; 1 = greedy)")
        ->check(CLI::Range(0, 256));
    auto info = std::make_shared<bool>(false);
    cmd->add_flag("--model-info", *info,
                  "print how the model was trained (the command that rebuilds it) and exit");
    cmd->callback([=] {
      if (*info) {
        std::printf("%s\n", LoadModel(*model, *beam)->description().c_str());
        return;
      }
      if (input->empty() == text->empty())
        Fail(Status::InvalidArgument("parse: give either FILE.conllu or --text FILE|-"));
      auto a = LoadModel(*model, *beam);
      std::vector<ConlluSentence> out;
      if (!input->empty()) {
        out = AnalyzeGoldTokens(*a, Check(syntax::ReadConlluFile(*input)));
      } else {
        std::string data = ReadAll(*text);
        out = Check(syntax::AnalyzeRawText(*a, data, *text == "-" ? "stdin" : *text));
      }
      WriteSentences(out, stdout);
    });
  }
}

}  // namespace storyline::cli
