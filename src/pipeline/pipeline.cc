// The pipeline: reader -> Document -> stages -> store, in batches.
#include "storyline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>
#include <unordered_set>

#include "storyline/entities.h"
#include "storyline/syntax.h"
#include "storyline/text.h"
#include "storyline/timex.h"

#ifndef STORYLINE_DEFAULT_MODEL_DIR
#define STORYLINE_DEFAULT_MODEL_DIR "models"
#endif

namespace storyline {

// Loaded models and configured stages.
struct Pipeline::Stages {
  text::Options text;
  std::unique_ptr<syntax::Analyzer> syntax;
  std::unique_ptr<entities::Recognizer> entities;
};

Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->stages_ = std::make_unique<Stages>();
  std::string dir = options.model_dir;
  if (dir.empty()) {
    const char* env = std::getenv("STORYLINE_MODELS");
    dir = env && *env ? env : STORYLINE_DEFAULT_MODEL_DIR;
  }
  SL_ASSIGN_OR_RETURN(p->stages_->syntax, syntax::Analyzer::Load(dir + "/syntax/en_ewt.model"));
  if (options.parser_beam > 0) p->stages_->syntax->set_parser_beam(options.parser_beam);
  SL_ASSIGN_OR_RETURN(p->stages_->entities, entities::Recognizer::Load(dir + "/entities"));
  return p;
}

Document Pipeline::MakeDocument(ingest::RawArticle article) {
  NormalizedText norm = text::Normalize(article.text);
  return Document(std::move(article.meta), std::move(article.raw), std::move(article.text),
                  std::move(norm));
}

Document Pipeline::MakeDocument(const StoredArticle& stored) {
  NormalizedText norm = text::Normalize(stored.text);
  return Document(stored.meta, stored.raw, stored.text, std::move(norm));
}

namespace {

// The tense a finite verb or modal gives the time expressions near it.
timex::Tense VerbTense(const syntax::WordAnalysis& w) {
  if (w.xpos == "MD") return (w.lemma == "will" || w.lemma == "shall") ? timex::Tense::kFuture
                                                                         : timex::Tense::kUnknown;
  if (w.Feature("VerbForm") != "Fin") return timex::Tense::kUnknown;
  std::string_view tense = w.Feature("Tense");
  if (tense == "Past") return timex::Tense::kPast;
  if (tense == "Pres") return timex::Tense::kPresent;
  return timex::Tense::kUnknown;
}

// Verbs of saying: their tense is the report's, not the event's.
bool IsReportingVerb(std::string_view lemma) {
  static constexpr std::string_view kReporting[] = {
      "say", "tell", "report", "announce", "add", "state", "claim", "warn", "note", "confirm"};
  for (std::string_view r : kReporting)
    if (lemma == r) return true;
  return false;
}

// One span per word: label UPOS; attrs xpos, lemma, feats, head (1-based
// index in the sentence, 0 = root, as in CoNLL-U) and deprel. Finite verbs
// and their tense go to `verbs` for the timex stage.
Layer SyntaxLayer(const syntax::Analyzer& analyzer, const text::Analysis& a,
                  const NormalizedText& norm, std::vector<syntax::WordAnalysis>* all,
                  std::vector<timex::TagContext::Verb>* verbs) {
  Layer layer{"syntax", 1, {}};
  layer.spans.reserve(a.tokens.size());
  std::vector<std::string_view> words;
  std::vector<syntax::WordAnalysis> out;
  for (const text::Sentence& s : a.sentences) {
    words.clear();
    for (uint32_t t = s.first_token; t < s.last_token; ++t) words.push_back(a.TokenForm(norm, t));
    analyzer.Analyze(words, &out);
    all->insert(all->end(), out.begin(), out.end());
    for (size_t i = 0; i < out.size(); ++i) {
      const text::Token& tok = a.tokens[s.first_token + i];
      const syntax::WordAnalysis& w = out[i];
      if (timex::Tense tense = VerbTense(w); tense != timex::Tense::kUnknown)
        verbs->push_back({tok.begin, tok.end, tense, IsReportingVerb(w.lemma)});
      layer.spans.push_back(Span{tok.begin, tok.end, std::string(w.upos),
                                 {{"xpos", std::string(w.xpos)},
                                  {"lemma", w.lemma},
                                  {"feats", std::string(w.feats)},
                                  {"head", std::to_string(w.head)},
                                  {"deprel", std::string(w.deprel)}}});
    }
  }
  return layer;
}

// The entities stage's input: the text layer's sentences, with UPOS, heads
// and relations from the syntax stage when it ran (`words`, one per token).
std::vector<entities::SentenceInput> EntityInput(const text::Analysis& a,
                                                 const NormalizedText& norm,
                                                 const std::vector<syntax::WordAnalysis>& words) {
  std::vector<entities::SentenceInput> sentences = entities::SentencesFromText(a, norm);
  if (words.size() != a.tokens.size()) return sentences;
  for (size_t si = 0; si < sentences.size() && si < a.sentences.size(); ++si) {
    const uint32_t first = a.sentences[si].first_token;
    for (size_t i = 0; i < sentences[si].tokens.size(); ++i) {
      const syntax::WordAnalysis& w = words[first + i];
      entities::TokenInput& t = sentences[si].tokens[i];
      t.upos = std::string(w.upos);
      t.head = w.head - 1;  // 1-based with 0 = root -> 0-based with -1 = root
      t.deprel = std::string(w.deprel);
    }
  }
  return sentences;
}

}  // namespace

std::vector<Layer> Pipeline::Annotate(const Document& doc) const {
  return Annotate(doc, nullptr);
}

std::vector<Layer> Pipeline::Annotate(const Document& doc, entities::ArticleEntities* found) const {
  text::Analysis analysis = text::Analyze(doc.text(), doc.normalized(), stages_->text);
  std::vector<Layer> layers = analysis.ToLayers();
  timex::TagContext timex_context;
  for (const text::Sentence& s : analysis.sentences)
    timex_context.sentences.push_back({s.begin, s.end});
  std::vector<syntax::WordAnalysis> words;
  if (stages_->syntax) {
    layers.push_back(SyntaxLayer(*stages_->syntax, analysis, doc.normalized(), &words,
                                 &timex_context.verbs));
    timex_context.has_verbs = true;
  }
  layers.push_back(timex::ToLayer(timex::Tag(doc.text(), doc.meta().date, &timex_context)));
  if (stages_->entities) {
    entities::ArticleEntities a =
        stages_->entities->Analyze(EntityInput(analysis, doc.normalized(), words));
    layers.push_back(entities::ToLayer(a));
    if (found) *found = std::move(a);
  }
  return layers;
}

namespace {

uint64_t TotalBytes(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  uint64_t total = 0;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") continue;
    if (fs::is_regular_file(p, ec)) {
      total += fs::file_size(p, ec);
    } else if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code e2;
        if (it->is_regular_file(e2)) total += it->file_size(e2);
      }
    }
  }
  return total;
}

// The store's canonical entities as a Linker.
Result<entities::Linker> LoadLinker(Store& store, const entities::Gazetteer* gazetteer) {
  SL_ASSIGN_OR_RETURN(std::vector<EntityRecord> records, store.LoadEntities());
  entities::Linker linker(gazetteer);
  for (const EntityRecord& r : records)
    SL_RETURN_IF_ERROR(linker.Restore(static_cast<int>(r.id), r.name, r.type, r.state));
  return linker;
}

}  // namespace

Result<entities::Linker> Pipeline::LoadLinker(Store& store) const {
  return storyline::LoadLinker(store, stages_->entities ? stages_->entities->gazetteer() : nullptr);
}

Status Pipeline::LinkBatch(entities::Linker* linker, Store& store, Store::ExistingLayers existing,
                           const std::vector<entities::ArticleEntities>& found,
                           std::vector<ArticleRecord>* batch, std::vector<EntityRecord>* changed) {
  // Link an article once: when it is new, when it has no mentions yet (a
  // store written before linking, or a stage added since) or on --refresh.
  std::vector<std::string> ids;
  for (const ArticleRecord& r : *batch) ids.push_back(r.doc->id());
  SL_ASSIGN_OR_RETURN(std::vector<bool> linked, store.HasMentions(ids));
  std::unordered_set<std::string> seen;
  std::set<int> touched;
  for (size_t i = 0; i < batch->size(); ++i) {
    if (!seen.insert(ids[i]).second) continue;  // twice in one batch
    if (linked[i] && existing != Store::ExistingLayers::kReplace) continue;
    const entities::ArticleEntities& a = found[i];
    std::vector<int> canonical = linker->Add(ids[i], a);
    ArticleRecord& rec = (*batch)[i];
    for (Layer& l : rec.layers)
      if (l.name == "entities") l = entities::ToLayer(a, &canonical);
    std::vector<MentionRecord> mentions;
    mentions.reserve(a.mentions.size());
    for (const entities::Mention& m : a.mentions)
      if (m.entity >= 0 && static_cast<size_t>(m.entity) < canonical.size())
        mentions.push_back({canonical[m.entity], m.begin, m.end});
    rec.mentions = std::move(mentions);
    touched.insert(canonical.begin(), canonical.end());
  }
  const auto& all = linker->Entities();
  for (int id : touched)
    changed->push_back({id, all[id].name, all[id].type, linker->State(id)});
  return Status::Ok();
}

Result<Layer> Pipeline::Redate(Store& store, std::string_view id, const Date& date) {
  SL_ASSIGN_OR_RETURN(std::vector<Layer> layers, store.GetLayers(id));
  auto it = std::find_if(layers.begin(), layers.end(), [](const Layer& l) { return l.name == "timex"; });
  if (it == layers.end())
    return Status::NotFound(std::string(id) + ": no timex layer (ingest the article again to compute it)");
  SL_ASSIGN_OR_RETURN(std::vector<timex::Timex> found, timex::FromLayer(*it));
  timex::Resolve(&found, date);
  Layer layer = timex::ToLayer(found);
  SL_RETURN_IF_ERROR(store.SetDate(id, date, "set", std::span<const Layer>(&layer, 1)));
  return layer;
}

Result<IngestSummary> Pipeline::Ingest(const std::vector<std::string>& paths, Store& store,
                                       const IngestOptions& options) const {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  IngestSummary sum;
  IngestProgress progress;
  progress.bytes_total = options.on_progress ? TotalBytes(paths) : 0;
  auto last_progress = start;
  auto last_flush = start;

  std::vector<Document> docs;
  std::vector<std::vector<Layer>> layers;
  std::vector<entities::ArticleEntities> found;
  std::vector<uint64_t> words;
  Status store_error;
  // The store's canonical entities, loaded at the first batch.
  std::optional<entities::Linker> linker;

  auto report = [&](bool force) {
    if (!options.on_progress) return;
    auto now = Clock::now();
    if (!force && now - last_progress < std::chrono::milliseconds(100)) return;
    last_progress = now;
    progress.read = sum.read;
    progress.added = sum.added;
    progress.duplicates = sum.duplicates;
    progress.rejected = sum.rejected;
    options.on_progress(progress);
  };
  auto flush = [&] {
    last_flush = Clock::now();
    if (docs.empty() || !store_error.ok()) return;
    std::vector<ArticleRecord> batch;
    batch.reserve(docs.size());
    for (size_t i = 0; i < docs.size(); ++i) batch.push_back({&docs[i], std::move(layers[i]), {}});
    std::vector<EntityRecord> changed;
    if (stages_->entities) {
      if (!linker) {
        auto loaded = LoadLinker(store);
        if (!loaded.ok()) {
          store_error = loaded.status();
          return;
        }
        linker.emplace(*std::move(loaded));
      }
      Status st = LinkBatch(&*linker, store, options.existing_layers, found, &batch, &changed);
      if (!st.ok()) {
        store_error = st;
        return;
      }
    }
    auto is_new = store.PutArticles(batch, options.existing_layers, changed);
    if (!is_new.ok()) {
      store_error = is_new.status();
    } else {
      for (size_t i = 0; i < is_new->size(); ++i) {
        if ((*is_new)[i]) {
          ++sum.added;
          sum.words += words[i];
        } else {
          ++sum.duplicates;
        }
      }
    }
    docs.clear();
    layers.clear();
    found.clear();
    words.clear();
  };

  // Articles read but not yet annotated. The stages run on `threads`
  // threads (the reader's among them) over chunks of articles; linking and
  // storing stay on this thread and in input order, so the store is the same
  // whatever the thread count.
  std::vector<Document> pending;
  const size_t threads = options.threads > 0
                             ? static_cast<size_t>(options.threads)
                             : std::max<size_t>(1, std::thread::hardware_concurrency());
  const size_t chunk = 16 * threads;
  auto annotate = [&] {
    if (pending.empty() || !store_error.ok()) return;
    const size_t base = docs.size(), end = base + pending.size();
    for (Document& d : pending) docs.push_back(std::move(d));
    pending.clear();
    layers.resize(end);
    found.resize(end);
    words.resize(end);
    std::atomic<size_t> next{base};
    auto work = [&] {
      for (size_t i; (i = next.fetch_add(1)) < end;) {
        layers[i] = Annotate(docs[i], &found[i]);
        for (const Layer& l : layers[i])
          if (l.name == "tokens") words[i] = l.spans.size();
      }
    };
    {
      std::vector<std::jthread> helpers;
      for (size_t t = 1; t < std::min(threads, end - base); ++t) helpers.emplace_back(work);
      work();
    }  // joined
    if (docs.size() >= options.batch_size ||
        std::chrono::duration<double>(Clock::now() - last_flush).count() > options.max_batch_seconds)
      flush();
  };

  auto sink = [&](Result<ingest::RawArticle> article) {
    if (!store_error.ok()) return;  // the run is failing; drain the reader
    ++sum.read;
    if (!article.ok()) {
      ++sum.rejected;
      if (options.on_error) options.on_error(article.status());
      report(false);
      return;
    }
    if (options.on_warning)
      for (const std::string& w : article->warnings) options.on_warning(w);
    progress.bytes_done += article->raw.size();
    pending.push_back(MakeDocument(*std::move(article)));
    if (pending.size() >= chunk ||
        std::chrono::duration<double>(Clock::now() - last_flush).count() > options.max_batch_seconds)
      annotate();
    report(false);
  };

  Status first_path_error;
  for (const std::string& path : paths) {
    Status st = ingest::ReadPath(path, options.read, sink);
    if (!st.ok()) {
      ++sum.failed_paths;
      if (first_path_error.ok()) first_path_error = st;
      if (options.on_error) options.on_error(st);
    }
    if (!store_error.ok()) break;
  }
  annotate();
  flush();
  report(true);
  sum.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!store_error.ok()) return store_error;
  if (sum.read == 0 && !first_path_error.ok()) return first_path_error;
  return sum;
}

}  // namespace storyline
