// Store: where articles and their annotation layers live.
//
//   SL_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenSqliteStore("storyline.db"));
//   SL_ASSIGN_OR_RETURN(std::vector<bool> is_new, store->PutArticles(batch));
//   SL_ASSIGN_OR_RETURN(StoredArticle a, store->GetArticle("32456be9"));  // id or unique prefix
//
// Stages see the store only through this interface, so another backend
// (PostgreSQL) can follow without touching them. The SQLite backend keeps the
// raw bytes of every article, one compact row per (article, layer), an FTS5
// index over title and text, and tables for entities, stories and claims.
// Writes are transactional: a batch is in or it is not, and a process killed
// mid-ingest leaves every committed article whole. A Store is not
// thread-safe; use one per thread.
#ifndef STORYLINE_STORE_H_
#define STORYLINE_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storyline/document.h"
#include "storyline/span.h"
#include "storyline/status.h"

namespace storyline {

// A canonical (cross-article) entity. The store queries id, name and type;
// `state` is the entities stage's own linking state (JSON), kept as is.
struct EntityRecord {
  int64_t id = 0;
  std::string name, type, state;
};

// A mention of entity `entity` in an article: bytes [begin, end) of its text.
struct MentionRecord {
  int64_t entity = 0;
  uint32_t begin = 0, end = 0;
};

struct EntitySummary {
  EntityRecord entity;
  uint64_t mentions = 0;
  std::vector<std::string> articles;  // ids of the articles it occurs in, by ingest order
};

// An article as written: the Document plus the layers computed at ingest.
struct ArticleRecord {
  const Document* doc = nullptr;  // borrowed for the call
  std::vector<Layer> layers;
  // When set, the article's entity mentions: written for a new article,
  // replacing the stored ones under kReplace, added where missing otherwise.
  std::optional<std::vector<MentionRecord>> mentions;
};

// An article as read back. The normalised text is not stored; recompute it
// with text::Normalize(text) (the pipeline does).
struct StoredArticle {
  std::string id;
  ArticleMeta meta;
  std::string raw;
  std::string text;
  std::string ingested_at;  // UTC, ISO 8601
};

struct ArticleSummary {
  std::string id;
  ArticleMeta meta;  // origin, source, title, url, date
  uint64_t text_bytes = 0;
  std::string ingested_at;
  std::string lead;  // the first 160 bytes of the text (may cut a character)
  std::vector<std::pair<std::string, uint64_t>> layer_sizes;  // name -> spans
  uint64_t LayerSize(std::string_view name) const {
    for (const auto& [n, size] : layer_sizes)
      if (n == name) return size;
    return 0;
  }
};

struct SearchHit {
  std::string id;
  std::string title;
  std::string source;
  std::string snippet;  // with the matches in [brackets]
  double score = 0;     // bm25; lower is better, as SQLite reports it
};

struct StoreStats {
  uint64_t articles = 0, dated = 0, undated = 0, layers = 0;
  uint64_t raw_bytes = 0, text_bytes = 0, file_bytes = 0;
  uint64_t entities = 0, mentions = 0;
  int schema_version = 0;
  std::vector<std::pair<std::string, uint64_t>> by_source;  // most first
  std::vector<std::pair<std::string, uint64_t>> by_layer;   // rows per layer
};

class Store {
 public:
  virtual ~Store() = default;

  // What PutArticles does with the layers of an article already stored.
  enum class ExistingLayers {
    kAddMissing,  // keep stored layers, add the ones it lacks (a stage added since)
    kReplace,     // replace every given layer (a stage improved since)
  };
  // Writes each article with its layers in one transaction. An article whose
  // id is already stored keeps its bytes and metadata (re-ingesting changes
  // nothing twice); its layers are handled as `existing` says. `entities`
  // (new or changed canonical entities) are written first, in the same
  // transaction. The result says, per record, whether the article was new.
  virtual Result<std::vector<bool>> PutArticles(
      std::span<const ArticleRecord> batch,
      ExistingLayers existing = ExistingLayers::kAddMissing,
      std::span<const EntityRecord> entities = {}) = 0;
  // Replaces one layer of a stored article (to rerun a stage alone).
  virtual Status PutLayer(std::string_view article_id, const Layer& layer) = 0;
  // Sets the publication date of a stored article (`id` or a unique
  // prefix) and replaces `layers` (those computed against the date), in one
  // transaction.
  virtual Status SetDate(std::string_view id, const Date& date, std::string_view date_source,
                         std::span<const Layer> layers) = 0;

  // `id` may be a unique prefix of at least 4 hex digits. NotFound when no
  // article matches, InvalidArgument when the prefix is ambiguous.
  virtual Result<StoredArticle> GetArticle(std::string_view id) = 0;
  virtual Result<std::vector<Layer>> GetLayers(std::string_view id) = 0;
  // Per id: whether a stored article with that exact id has entity mentions
  // (false for an unknown id).
  virtual Result<std::vector<bool>> HasMentions(std::span<const std::string> ids) = 0;
  // Every canonical entity by id, without counts (to restore a linker).
  virtual Result<std::vector<EntityRecord>> LoadEntities() = 0;
  // Every canonical entity by id, with its mention count and articles.
  virtual Result<std::vector<EntitySummary>> ListEntities() = 0;
  // All articles, by date (unknown last) then origin.
  virtual Result<std::vector<ArticleSummary>> ListArticles() = 0;
  // FTS5 query syntax (words, "phrases", AND/OR/NOT, prefix*).
  virtual Result<std::vector<SearchHit>> Search(std::string_view query, int limit) = 0;
  virtual Result<StoreStats> Stats() = 0;
};

struct StoreOptions {
  bool create_if_missing = true;
  bool read_only = false;
  int busy_timeout_ms = 5000;  // wait this long for another writer
};

// Opens (creating and migrating as needed) a SQLite store at `path`.
// Corruption when the file is not a storyline database or is damaged;
// InvalidArgument when it was written by a newer schema.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options = {});

}  // namespace storyline

#endif  // STORYLINE_STORE_H_
