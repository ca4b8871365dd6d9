// ingest, articles, show, search, stats: the commands over the store.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/cli.h"
#include "storyline/pipeline.h"
#include "storyline/text.h"

namespace storyline::cli {
namespace {

using nlohmann::json;

json MetaJson(const std::string& id, const ArticleMeta& m) {
  json j = {{"id", id},       {"source", m.source}, {"title", m.title},
            {"url", m.url},   {"origin", m.origin}, {"date_source", m.date_source}};
  j["date"] = m.date ? json(m.date->ToString()) : json(nullptr);
  return j;
}

std::string DateOrUnknown(const ArticleMeta& m) {
  return m.date ? m.date->ToString() : "unknown   ";
}

// The first `n` characters of `s` on one line (whole UTF-8 characters).
std::string Preview(std::string_view s, size_t n) {
  // Drop a character that a byte-limited cut split at the end.
  size_t end = s.size();
  for (size_t k = 0; k < 4 && k < end; ++k) {
    unsigned char c = static_cast<unsigned char>(s[end - 1 - k]);
    if ((c & 0xC0) == 0x80) continue;
    int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (static_cast<size_t>(need) > k + 1) end -= k + 1;
    break;
  }
  s = s.substr(0, end);
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < s.size() && chars < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) ++chars;
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : static_cast<char>(c);
  }
  // Finish a multibyte character that the cut split.
  size_t i = out.size();
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) out += s[i++];
  if (out.size() < s.size()) out += "...";
  return out;
}

std::string Human(uint64_t bytes) {
  char buf[32];
  if (bytes >= (1u << 20)) std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1048576.0);
  else if (bytes >= 1024) std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1024.0);
  else std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(bytes));
  return buf;
}

void PrintProgress(const IngestProgress& p) {
  char line[160];
  if (p.bytes_total > 0) {
    double frac = std::min(1.0, static_cast<double>(p.bytes_done) / p.bytes_total);
    int filled = static_cast<int>(frac * 24);
    std::string bar = std::string(filled, '#') + std::string(24 - filled, '-');
    std::snprintf(line, sizeof line, "\r[%s] %3.0f%%  %llu read, %llu new, %llu duplicate, %llu rejected ",
                  bar.c_str(), frac * 100, (unsigned long long)p.read, (unsigned long long)p.added,
                  (unsigned long long)p.duplicates, (unsigned long long)p.rejected);
  } else {
    std::snprintf(line, sizeof line, "\r%llu read, %llu new, %llu duplicate, %llu rejected ",
                  (unsigned long long)p.read, (unsigned long long)p.added,
                  (unsigned long long)p.duplicates, (unsigned long long)p.rejected);
  }
  std::cerr << line << std::flush;
}

int RunIngest(Context& ctx, const std::vector<std::string>& paths, const std::string& source,
              const std::string& date, bool refresh, int threads, int beam) {
  IngestOptions opts;
  opts.threads = threads;
  if (refresh) opts.existing_layers = Store::ExistingLayers::kReplace;
  opts.read.source = source;
  if (!date.empty()) {
    auto d = Date::Parse(date);
    if (!d.ok()) return Fail(d.status().WithPrefix("--date"));
    opts.read.date = *d;
  }
  auto store = OpenStore(ctx, /*must_exist=*/false);
  if (!store.ok()) return Fail(store.status());
  PipelineOptions pipeline_options;
  pipeline_options.parser_beam = beam;
  auto pipeline = Pipeline::Create(pipeline_options);
  if (!pipeline.ok()) return Fail(pipeline.status());

  constexpr int kMaxErrorsShown = 20;
  int errors_shown = 0, errors_hidden = 0;
  const bool progress = Interactive() && !ctx.quiet && !ctx.json;
  auto clear_line = [&] { if (progress) std::cerr << "\r\033[K"; };
  opts.on_error = [&](const Status& s) {
    if (errors_shown < kMaxErrorsShown) {
      clear_line();
      std::cerr << "storyline: error: " << s.message() << "\n";
      ++errors_shown;
    } else {
      ++errors_hidden;
    }
  };
  opts.on_warning = [&](const std::string& w) {
    if (ctx.quiet) return;
    clear_line();
    Warn(w);
  };
  if (progress) opts.on_progress = PrintProgress;

  auto sum = (*pipeline)->Ingest(paths, **store, opts);
  clear_line();
  if (errors_hidden) std::cerr << "storyline: ... and " << errors_hidden << " more errors\n";
  if (!sum.ok()) return Fail(sum.status());
  const IngestSummary& s = *sum;
  if (ctx.json) {
    std::cout << json{{"read", s.read}, {"new", s.added}, {"duplicate", s.duplicates},
                      {"rejected", s.rejected}, {"failed_paths", s.failed_paths},
                      {"words", s.words}, {"seconds", s.seconds}}
              << "\n";
  } else if (!ctx.quiet) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "ingested into %s: %llu read, %llu new, %llu duplicate, %llu rejected"
                  " (%.2f s, %.0f articles/s)",
                  ctx.db.c_str(), (unsigned long long)s.read, (unsigned long long)s.added,
                  (unsigned long long)s.duplicates, (unsigned long long)s.rejected, s.seconds,
                  s.seconds > 0 ? s.read / s.seconds : 0.0);
    std::cout << buf << "\n";
  }
  // Non-zero when nothing could be ingested, or when a whole input was unreadable.
  if (s.added + s.duplicates == 0 || s.failed_paths > 0) return 1;
  return 0;
}

int RunArticles(Context& ctx) {
  auto store = OpenStore(ctx, true);
  if (!store.ok()) return Fail(store.status());
  auto list = (*store)->ListArticles();
  if (!list.ok()) return Fail(list.status());
  if (list->empty() && !ctx.json) {
    std::cout << "no articles in " << ctx.db << "\n";
    return 0;
  }
  for (const ArticleSummary& a : *list) {
    if (ctx.json) {
      json j = MetaJson(a.id, a.meta);
      j["text_bytes"] = a.text_bytes;
      j["ingested_at"] = a.ingested_at;
      j["lead"] = Preview(a.lead, 100);
      json layers = json::object();
      for (const auto& [name, n] : a.layer_sizes) layers[name] = n;
      j["layers"] = layers;
      std::cout << j.dump() << "\n";
      continue;
    }
    std::string what = a.meta.title.empty() ? a.lead : a.meta.title;
    std::cout << a.id << "  " << DateOrUnknown(a.meta) << "  " << a.meta.source << "  "
              << a.LayerSize("sentences") << " sentences, " << a.LayerSize("tokens")
              << " tokens, " << a.LayerSize("timex") << " times, " << a.LayerSize("entities")
              << " names  " << Preview(what, 50) << "\n";
  }
  return 0;
}

// The span's text, or "" when its offsets do not fit the article.
std::string_view SpanText(const std::string& text, const Span& s) {
  if (s.end > text.size() || s.begin > s.end) return {};
  return std::string_view(text).substr(s.begin, s.end - s.begin);
}

// Prints each sentence's dependency tree as CoNLL-U-like rows.
void PrintSyntax(const std::string& text, const Layer& sentences, const Layer& syntax) {
  size_t w = 0;
  int n = 0;
  for (const Span& sent : sentences.spans) {
    std::cout << "\n# sentence " << ++n << (sent.label == "caption" ? " (caption)" : "") << "\n";
    int i = 0;
    for (; w < syntax.spans.size() && syntax.spans[w].begin < sent.end; ++w) {
      const Span& s = syntax.spans[w];
      if (s.begin < sent.begin) continue;
      char row[256];
      std::snprintf(row, sizeof row, "%3d  %-18.*s %-16s %-6s %-5s %3s  %-10s %s\n", ++i,
                    static_cast<int>(SpanText(text, s).size()), SpanText(text, s).data(),
                    std::string(s.attr("lemma")).c_str(), s.label.c_str(),
                    std::string(s.attr("xpos")).c_str(), std::string(s.attr("head")).c_str(),
                    std::string(s.attr("deprel")).c_str(), std::string(s.attr("feats")).c_str());
      std::cout << row;
    }
  }
}

int RunShow(Context& ctx, const std::string& id, bool tokens, bool syntax) {
  auto store = OpenStore(ctx, true);
  if (!store.ok()) return Fail(store.status());
  auto article = (*store)->GetArticle(id);
  if (!article.ok()) return Fail(article.status());
  auto layers = (*store)->GetLayers(article->id);
  if (!layers.ok()) return Fail(layers.status());
  const std::string& text = article->text;
  if (ctx.json) {
    json j = MetaJson(article->id, article->meta);
    j["ingested_at"] = article->ingested_at;
    j["text"] = text;
    json jl = json::object();
    for (const Layer& l : *layers) {
      json spans = json::array();
      for (const Span& s : l.spans) {
        json js = {{"begin", s.begin}, {"end", s.end}, {"kind", s.label},
                   {"text", SpanText(text, s)}};
        if (!s.attrs.empty()) {
          json attrs = json::object();
          for (const auto& [k, v] : s.attrs) attrs[k] = v;
          js["attrs"] = attrs;
        }
        spans.push_back(std::move(js));
      }
      jl[l.name] = {{"version", l.version}, {"spans", spans}};
    }
    j["layers"] = jl;
    std::cout << j.dump(1, '\t', false, json::error_handler_t::replace) << "\n";
    return 0;
  }
  const ArticleMeta& m = article->meta;
  std::cout << "id:      " << article->id << "\n"
            << "source:  " << m.source << "\n"
            << "date:    " << (m.date ? m.date->ToString() + " (" + m.date_source + ")" : "unknown") << "\n";
  if (!m.title.empty()) std::cout << "title:   " << m.title << "\n";
  if (!m.url.empty()) std::cout << "url:     " << m.url << "\n";
  std::cout << "origin:  " << m.origin << "\n\n";
  const Layer* sentences = nullptr;
  for (const Layer& l : *layers)
    if (l.name == "sentences") sentences = &l;
  if (sentences) {
    int n = 0;
    for (const Span& s : sentences->spans) {
      std::cout << (s.label == "caption" ? "[caption] " : "[" + std::to_string(++n) + "] ")
                << SpanText(text, s) << "\n";
    }
  } else {
    std::cout << text << "\n";
  }
  for (const Layer& l : *layers) {
    if (l.name == "sentences" || l.name == "paragraphs") continue;
    if (l.name == "tokens" && !tokens) {
      std::cout << "\ntokens: " << l.spans.size() << " (show them with --tokens)\n";
      continue;
    }
    if (l.name == "syntax") {
      if (syntax && sentences) PrintSyntax(text, *sentences, l);
      else std::cout << "\nsyntax: " << l.spans.size() << " words tagged and parsed (show the trees with --syntax)\n";
      continue;
    }
    std::cout << "\n" << l.name << ": " << l.spans.size() << "\n";
    for (const Span& s : l.spans) {
      std::cout << "  " << s.begin << "-" << s.end << "  " << s.label << "  \""
                << SpanText(text, s) << "\"";
      for (const auto& [k, v] : s.attrs)
        if (k != "form") std::cout << "  " << k << "=" << v;  // timex's internal form
      std::cout << "\n";
    }
  }
  return 0;
}

int RunSearch(Context& ctx, const std::string& query, int limit) {
  auto store = OpenStore(ctx, true);
  if (!store.ok()) return Fail(store.status());
  auto hits = (*store)->Search(query, limit);
  if (!hits.ok()) return Fail(hits.status());
  for (const SearchHit& h : *hits) {
    if (ctx.json) {
      std::cout << json{{"id", h.id}, {"title", h.title}, {"source", h.source},
                        {"snippet", h.snippet}, {"score", h.score}}.dump() << "\n";
    } else {
      std::cout << h.id << "  " << h.source << "  " << Preview(h.snippet, 120) << "\n";
    }
  }
  if (hits->empty() && !ctx.json) std::cout << "no matches for " << query << "\n";
  return 0;
}

int RunEntities(Context& ctx, const std::string& type, size_t limit) {
  auto store = OpenStore(ctx, true);
  if (!store.ok()) return Fail(store.status());
  auto summaries = (*store)->ListEntities();
  if (!summaries.ok()) return Fail(summaries.status());
  std::vector<entities::CanonicalEntity> list;
  list.reserve(summaries->size());
  for (EntitySummary& s : *summaries) {
    if (!type.empty() && s.entity.type != type) continue;
    auto e = entities::DecodeCanonicalEntity(static_cast<int>(s.entity.id), s.entity.name,
                                             s.entity.type, s.entity.state);
    if (!e.ok()) return Fail(e.status());
    e->articles = std::move(s.articles);
    e->mention_count = static_cast<int>(s.mentions);
    list.push_back(*std::move(e));
  }
  if (list.empty() && type.empty() && !ctx.quiet) {
    auto stats = (*store)->Stats();
    if (stats.ok() && stats->articles > 0)
      std::cerr << "no canonical entities: the articles were stored before entity linking or "
                   "without the entities stage; ingest them again to link them\n";
  }
  std::vector<const entities::CanonicalEntity*> shown;
  for (const auto& e : list) shown.push_back(&e);
  // Most mentioned first; ties by name, so the listing is stable.
  std::stable_sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) {
    return a->mention_count != b->mention_count ? a->mention_count > b->mention_count
                                                : a->name < b->name;
  });
  if (limit > 0 && shown.size() > limit) shown.resize(limit);
  for (const entities::CanonicalEntity* e : shown) {
    if (ctx.json) {
      std::cout << json{{"id", e->id},           {"name", e->name},       {"type", e->type},
                        {"subtype", e->subtype}, {"aliases", e->aliases}, {"roles", e->roles},
                        {"articles", e->articles}, {"mentions", e->mention_count}}
                       .dump(-1, ' ', false, json::error_handler_t::replace)
                << "\n";
      continue;
    }
    std::cout << e->type << (e->subtype.empty() ? "" : "/" + e->subtype) << "  " << e->name;
    if (!e->aliases.empty()) {
      std::cout << "  (also";
      for (const auto& a : e->aliases) std::cout << " " << a << ";";
      std::cout << ")";
    }
    for (const auto& r : e->roles) std::cout << "  [" << r << "]";
    std::cout << "  " << e->mention_count << (e->mention_count == 1 ? " mention in " : " mentions in ")
              << e->articles.size()
              << (e->articles.size() == 1 ? " article" : " articles") << "\n";
  }
  return 0;
}

int RunDate(Context& ctx, const std::string& id, const std::string& date_text) {
  auto date = Date::Parse(date_text);
  if (!date.ok()) return Fail(date.status().WithPrefix("date"));
  auto store = OpenStore(ctx, true);
  if (!store.ok()) return Fail(store.status());
  auto layer = Pipeline::Redate(**store, id, *date);
  if (!layer.ok()) return Fail(layer.status());
  if (ctx.json) {
    json out = json::array();
    for (const Span& t : layer->spans)
      out.push_back({{"begin", t.begin}, {"end", t.end}, {"type", t.label},
                     {"value", std::string(t.attr("value"))}});
    std::cout << json{{"id", id}, {"date", date->ToString()}, {"timex", out}}.dump() << "\n";
  } else if (!ctx.quiet) {
    std::cout << "dated " << id << " " << date->ToString() << "; " << layer->spans.size()
              << " time expressions resolved again\n";
  }
  return 0;
}

int RunStats(Context& ctx) {
  auto store = OpenStore(ctx, true);
  if (!store.ok()) return Fail(store.status());
  auto st = (*store)->Stats();
  if (!st.ok()) return Fail(st.status());
  if (ctx.json) {
    json j = {{"articles", st->articles}, {"dated", st->dated}, {"undated", st->undated},
              {"layers", st->layers}, {"raw_bytes", st->raw_bytes}, {"text_bytes", st->text_bytes},
              {"file_bytes", st->file_bytes}, {"schema_version", st->schema_version},
              {"entities", st->entities}, {"mentions", st->mentions}};
    json src = json::object(), lay = json::object();
    for (const auto& [k, v] : st->by_source) src[k] = v;
    for (const auto& [k, v] : st->by_layer) lay[k] = v;
    j["by_source"] = src;
    j["by_layer"] = lay;
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::cout << "store:    " << ctx.db << " (" << Human(st->file_bytes) << ", schema "
            << st->schema_version << ")\n"
            << "articles: " << st->articles << " (" << st->dated << " dated, " << st->undated
            << " undated), " << Human(st->raw_bytes) << " raw, " << Human(st->text_bytes) << " text\n"
            << "entities: " << st->entities << " canonical, " << st->mentions << " mentions\n";
  if (!st->by_source.empty()) {
    std::cout << "sources: ";
    for (const auto& [k, v] : st->by_source) std::cout << " " << k << " (" << v << ")";
    std::cout << "\n";
  }
  if (!st->by_layer.empty()) {
    std::cout << "layers:  ";
    for (const auto& [k, v] : st->by_layer) std::cout << " " << k << " (" << v << ")";
    std::cout << "\n";
  }
  return 0;
}

}  // namespace

void AddStoreCommands(CLI::App& app, Context& ctx) {
  auto* ingest = app.add_subcommand("ingest", "Read articles into the store (re-ingesting is a no-op)");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto source = std::make_shared<std::string>();
  auto date = std::make_shared<std::string>();
  ingest->add_option("paths", *paths, "Files, folders (recursive), .jsonl, .html, or - for stdin")
      ->required();
  ingest->add_option("--source", *source, "Outlet name for articles that do not name one");
  auto refresh = std::make_shared<bool>(false);
  ingest->add_option("--date", *date, "Publication date YYYY-MM-DD for articles without one");
  ingest->add_flag("--refresh", *refresh,
                   "Recompute every layer of articles already stored (by default they only get the layers they lack)");
  auto threads = std::make_shared<int>(0);
  ingest->add_option("--threads", *threads, "Threads running the stages (default: one per core)")
      ->check(CLI::Range(0, 256));
  auto beam = std::make_shared<int>(0);
  ingest->add_option("--beam", *beam,
                     "Parser beam width: 0 = the model's (8, most accurate); 4 is ~1.4x faster "
                     "(EWT dev LAS 0.847 vs 0.851), 1 is greedy and not advised (0.819)")
      ->check(CLI::Range(0, 64));
  ingest->callback([&ctx, paths, source, date, refresh, threads, beam] {
    ctx.exit_code = RunIngest(ctx, *paths, *source, *date, *refresh, *threads, *beam);
  });

  auto* articles = app.add_subcommand("articles", "List the stored articles");
  articles->callback([&ctx] { ctx.exit_code = RunArticles(ctx); });

  auto* show = app.add_subcommand("show", "Show one article: text by sentence and every layer");
  auto id = std::make_shared<std::string>();
  auto tokens = std::make_shared<bool>(false);
  show->add_option("id", *id, "Article id or a unique prefix (4+ hex digits)")->required();
  auto syntax = std::make_shared<bool>(false);
  show->add_flag("--tokens", *tokens, "List every token too");
  show->add_flag("--syntax", *syntax, "Print each sentence's tags, lemmas and dependency tree");
  show->callback([&ctx, id, tokens, syntax] { ctx.exit_code = RunShow(ctx, *id, *tokens, *syntax); });

  auto* redate = app.add_subcommand(
      "date", "Set the publication date of a stored article and resolve its time expressions against it");
  auto redate_id = std::make_shared<std::string>();
  auto redate_date = std::make_shared<std::string>();
  redate->add_option("id", *redate_id, "Article id or a unique prefix (4+ hex digits)")->required();
  redate->add_option("date", *redate_date, "Publication date YYYY-MM-DD")->required();
  redate->callback([&ctx, redate_id, redate_date] {
    ctx.exit_code = RunDate(ctx, *redate_id, *redate_date);
  });

  auto* search = app.add_subcommand("search", "Full-text search (FTS5 syntax: words, \"phrases\", OR, NOT, pre*)");
  auto query = std::make_shared<std::vector<std::string>>();
  auto limit = std::make_shared<int>(20);
  search->add_option("query", *query, "Search terms")->required();
  search->add_option("-n,--limit", *limit, "Most hits to print")->capture_default_str();
  search->callback([&ctx, query, limit] {
    std::string q;
    for (const auto& w : *query) q += (q.empty() ? "" : " ") + w;
    ctx.exit_code = RunSearch(ctx, q, *limit);
  });

  auto* ents = app.add_subcommand("entities", "Canonical entities across every stored article, with aliases and roles");
  auto type = std::make_shared<std::string>();
  ents->add_option("--type", *type, "Only this type: PER, ORG, LOC or MISC");
  auto ents_limit = std::make_shared<size_t>(0);
  ents->add_option("--limit", *ents_limit, "Only the N most mentioned (default: all)");
  ents->callback([&ctx, type, ents_limit] { ctx.exit_code = RunEntities(ctx, *type, *ents_limit); });

  auto* stats = app.add_subcommand("stats", "Counts and sizes of the store");
  stats->callback([&ctx] { ctx.exit_code = RunStats(ctx); });
}

}  // namespace storyline::cli
