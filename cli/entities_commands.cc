// train ner, eval ner GOLD, ner --conll FILE: the NER commands. Thin: parse,
// call storyline::entities, print, map the Status through cli::Fail.
#include "cli/entities_commands.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli/cli.h"
#include "src/entities/trainer.h"
#include "storyline/entities.h"

namespace storyline::cli {
namespace {

namespace ent = storyline::entities;

// models/entities of the working directory (the repository root), else the
// one of the source tree this binary was built from.
std::string DefaultModelDir() {
  if (std::filesystem::exists("models/entities/ner.model")) return "models/entities";
  return std::string(STORYLINE_DEFAULT_MODEL_DIR) + "/entities";
}

struct NerFlags {
  std::string model_dir = DefaultModelDir();
  int beam = 0;  // 0: the tagger's default
  bool no_truecase = false;
};

struct Loaded {
  std::unique_ptr<ent::Gazetteer> gazetteer;
  std::unique_ptr<ent::Tagger> tagger;
};

Result<Loaded> LoadTagger(const NerFlags& flags) {
  Loaded l;
  SL_ASSIGN_OR_RETURN(l.gazetteer, ent::Gazetteer::Load(flags.model_dir + "/gazetteer.bin"));
  SL_ASSIGN_OR_RETURN(l.tagger, ent::Tagger::Load(flags.model_dir + "/ner.model", l.gazetteer.get()));
  ent::Tagger::Options o = l.tagger->options();
  if (flags.beam > 0) o.beam_size = flags.beam;
  if (flags.no_truecase) o.truecase_caps = false;
  l.tagger->set_options(o);
  return l;
}

// Tags every document of `corpus`; calls `emit(sentence, tags)` in order.
template <typename Emit>
void TagCorpus(const ent::Tagger& tagger, const ent::ConllCorpus& corpus, Emit emit) {
  for (const ent::ConllDocument& d : corpus.documents) {
    std::vector<std::vector<std::string_view>> forms;
    for (const ent::ConllSentence& s : d.sentences) {
      forms.emplace_back();
      for (const ent::ConllToken& t : s.tokens) forms.back().push_back(t.columns.front());
    }
    auto tags = tagger.TagDocumentIob(forms);
    for (size_t i = 0; i < d.sentences.size(); ++i) emit(d.sentences[i], tags[i]);
  }
}

}  // namespace

void AddEntitiesCommands(CLI::App& app, CLI::App& train, CLI::App& eval) {
  // ---- train ner
  auto topts = std::make_shared<ent::TrainOptions>();
  topts->train_path = "../shared/eval/ner/conll2003/eng.train";
  topts->dev_path = "../shared/eval/ner/conll2003/eng.testa";
  topts->gazetteer_path = "models/entities/gazetteer.bin";
  topts->output_path = "models/entities/ner.model";
  CLI::App* tr = train.add_subcommand("ner", "Train the NER tagger (averaged perceptron) on CoNLL data");
  tr->add_option("--train", topts->train_path, "CoNLL training file")->capture_default_str();
  tr->add_option("--dev", topts->dev_path, "CoNLL dev file for epoch selection ('' for none)")
      ->capture_default_str();
  tr->add_option("--gazetteer", topts->gazetteer_path, "gazetteer.bin ('' for none)")
      ->capture_default_str();
  tr->add_option("--vectors", topts->vectors_path,
                 "fastText .vec file from scripts/train_ner (word clusters)");
  tr->add_option("--clusters-from", topts->clusters_from,
                 "Reuse the word clusters of an existing model (skips k-means)");
  tr->add_option("--casing", topts->casing_path,
                 "Corpus casing counts (word, lower-case count, capitalised count) from scripts/train_ner");
  tr->add_option("-o,--out", topts->output_path, "Model file to write")->capture_default_str();
  tr->add_option("--epochs", topts->epochs, "Training epochs")->capture_default_str();
  tr->add_option("--ensemble", topts->ensemble,
                 "Independent runs (different shuffles) whose weights are averaged")
      ->capture_default_str();
  tr->add_option("--min-count", topts->min_feature_count,
                 "Feature count cutoff (rows seen fewer times are not learned)")
      ->capture_default_str();
  tr->add_option("--rows-log2", topts->log2_rows, "Hash buckets (log2)")->capture_default_str();
  tr->add_option("--seed", topts->seed, "Shuffle / k-means seed")->capture_default_str();
  tr->add_option("--dropout", topts->feature_dropout,
                 "Share of each training token's features left out in training (0 = off)")
      ->check(CLI::Range(0.0, 0.9))
      ->capture_default_str();
  auto no_context = std::make_shared<bool>(false);
  tr->add_flag("--no-context", *no_context,
               "Train without the context aggregation features (scripts/train_ner's fold taggers)");
  auto kmeans = std::make_shared<std::vector<int>>(std::vector<int>{64, 256, 1024});
  tr->add_option("--kmeans", *kmeans, "k-means cluster counts at the three granularities (each 1-65535)")
      ->expected(3)
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  tr->callback([topts, kmeans, no_context, &train]() {
    for (int g = 0; g < 3; ++g) topts->clusters[g] = (*kmeans)[g];
    topts->context_aggregation = !*no_context;
    auto rep = ent::TrainNer(*topts, [](const std::string& s) { std::cerr << s << "\n"; });
    int code = 0;
    if (!rep.ok()) {
      code = Fail(rep.status());
    } else {
      std::printf("wrote %s: %zu bytes, %zu weight rows; best epoch %d, dev F1 %.4f; %.1f s\n",
                  topts->output_path.c_str(), rep->model_bytes, rep->rows_kept, rep->best_epoch,
                  rep->best_dev_f1, rep->seconds);
    }
    if (code) throw CLI::RuntimeError(code);  // carries the exit code out of CLI11
  });
  (void)train;

  // ---- eval ner GOLD
  auto flags = std::make_shared<NerFlags>();
  auto gold = std::make_shared<std::string>();
  auto scored = std::make_shared<bool>(false);
  CLI::App* ev = eval.add_subcommand("ner", "Score NER on a CoNLL file as conlleval does");
  ev->add_option("GOLD", *gold, "CoNLL file; gold tags in the last column")->required();
  ev->add_option("--model-dir", flags->model_dir, "Directory with ner.model and gazetteer.bin")
      ->capture_default_str();
  ev->add_option("--beam", flags->beam, "Beam size (1 = greedy; default: the tagger's)");
  ev->add_flag("--no-truecase", flags->no_truecase, "Tag all-caps sentences as written");
  ev->add_flag("--scored", *scored,
               "GOLD already holds gold and predicted tags as its last two columns "
               "(conlleval input); score it without tagging");
  ev->callback([flags, gold, scored]() {
    auto corpus = ent::ReadConllFile(*gold, *scored ? 3 : 2);
    if (!corpus.ok()) throw CLI::RuntimeError(Fail(corpus.status()));
    ent::NerScorer scorer;
    if (*scored) {
      for (const auto& d : corpus->documents)
        for (const auto& s : d.sentences) {
          std::vector<std::string> g, p;
          for (const auto& t : s.tokens) {
            g.push_back(t.columns[t.columns.size() - 2]);
            p.push_back(t.columns.back());
          }
          scorer.AddSentence(g, p);
        }
    } else {
      auto loaded = LoadTagger(*flags);
      if (!loaded.ok()) throw CLI::RuntimeError(Fail(loaded.status()));
      TagCorpus(*loaded->tagger, *corpus,
                [&](const ent::ConllSentence& s, const std::vector<std::string>& tags) {
                  std::vector<std::string> g;
                  for (const auto& t : s.tokens) g.push_back(t.columns.back());
                  scorer.AddSentence(g, tags);
                });
    }
    std::cout << scorer.Report();
  });

  // ---- ner --conll FILE
  auto conll = std::make_shared<std::string>();
  CLI::App* ner = app.add_subcommand("ner", "Tag named entities");
  ner->add_option("--conll", *conll,
                  "CoNLL file: writes each line with the predicted IOB2 tag appended")
      ->required();
  ner->add_option("--model-dir", flags->model_dir, "Directory with ner.model and gazetteer.bin")
      ->capture_default_str();
  ner->callback([flags, conll]() {
    auto corpus = ent::ReadConllFile(*conll, 1);
    if (!corpus.ok()) throw CLI::RuntimeError(Fail(corpus.status()));
    auto loaded = LoadTagger(*flags);
    if (!loaded.ok()) throw CLI::RuntimeError(Fail(loaded.status()));
    std::string out;
    for (const ent::ConllDocument& d : corpus->documents) {
      if (!d.docstart.empty()) out += d.docstart + " O\n\n";
      ent::ConllCorpus one;
      one.documents.push_back(d);
      TagCorpus(*loaded->tagger, one,
                [&](const ent::ConllSentence& s, const std::vector<std::string>& tags) {
                  for (size_t i = 0; i < s.lines.size(); ++i) {
                    out += s.lines[i];
                    out += ' ';
                    out += tags[i];
                    out += '\n';
                  }
                  out += '\n';
                });
      std::cout << out;
      out.clear();
    }
  });
}

}  // namespace storyline::cli
