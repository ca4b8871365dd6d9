// The SQLite backend of Store (see include/storyline/store.h).
//
// WAL journal with synchronous=FULL: a committed batch survives a crash of
// the process or the machine, and readers never block the writer. Every
// write is one BEGIN IMMEDIATE transaction, so a kill -9 leaves either the
// whole batch or none of it. The file is marked with application_id 'STLN'
// so that a foreign SQLite file is refused instead of being migrated.
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <unordered_map>
#include <utility>

#include "src/store/schema.h"
#include "storyline/store.h"

namespace storyline {
namespace {

constexpr int kApplicationId = 0x53544c4e;  // "STLN"

// Owns a prepared statement; binds and reads with 1-based/0-based indexes
// as SQLite does.
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }

  int Prepare(sqlite3* db, std::string_view sql) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    return sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void Bind(int i, std::string_view s) {
    sqlite3_bind_text(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int i, std::string_view s) {
    sqlite3_bind_blob(stmt_, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  int Step() { return sqlite3_step(stmt_); }

  std::string Text(int col) const {
    const auto* p = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), n) : std::string();
  }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string NowUtc() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Columns shared by GetArticle and ListArticles, in this order.
constexpr std::string_view kMetaColumns =
    "id, source, url, title, date, date_source, origin, ingested_at";

void ReadMeta(const Stmt& s, std::string* id, ArticleMeta* m, std::string* ingested_at) {
  *id = s.Text(0);
  m->source = s.Text(1);
  m->url = s.Text(2);
  m->title = s.Text(3);
  if (!s.IsNull(4)) {
    auto d = Date::Parse(s.Text(4));
    if (d.ok()) m->date = *d;
  }
  m->date_source = s.Text(5);
  m->origin = s.Text(6);
  *ingested_at = s.Text(7);
}

class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  Status Init(const StoreOptions& options);

  Result<std::vector<bool>> PutArticles(std::span<const ArticleRecord> batch,
                                        ExistingLayers existing,
                                        std::span<const EntityRecord> entities) override;
  Result<std::vector<bool>> HasMentions(std::span<const std::string> ids) override;
  Result<std::vector<EntityRecord>> LoadEntities() override;
  Result<std::vector<EntitySummary>> ListEntities() override;
  Status PutLayer(std::string_view article_id, const Layer& layer) override;
  Status SetDate(std::string_view id, const Date& date, std::string_view date_source,
                 std::span<const Layer> layers) override;
  Result<StoredArticle> GetArticle(std::string_view id) override;
  Result<std::vector<Layer>> GetLayers(std::string_view id) override;
  Result<std::vector<ArticleSummary>> ListArticles() override;
  Result<std::vector<SearchHit>> Search(std::string_view query, int limit) override;
  Result<StoreStats> Stats() override;

 private:
  // A Status for the last SQLite error, naming the store file and `what`.
  Status Error(std::string_view what) const {
    int rc = sqlite3_extended_errcode(db_);
    std::string msg = path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_);
    switch (rc & 0xFF) {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB: return Status::Corruption(msg);
      case SQLITE_IOERR:
      case SQLITE_FULL:
      case SQLITE_CANTOPEN:
      case SQLITE_READONLY:
      case SQLITE_BUSY:
      case SQLITE_PERM: return Status::IOError(msg);
      default: return Status::Internal(msg);
    }
  }
  Status Exec(std::string_view sql, std::string_view what) {
    char* err = nullptr;
    if (sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      sqlite3_free(err);
      return Error(what);
    }
    return Status::Ok();
  }
  Result<int64_t> QueryInt(std::string_view sql) {
    Stmt s;
    if (s.Prepare(db_, sql) != SQLITE_OK) return Error(sql);
    int rc = s.Step();
    if (rc != SQLITE_ROW) return Error(sql);
    return s.Int(0);
  }
  Status Migrate();
  // Runs `insert` (one of the layer statements) for `layer` of article
  // `rowid`; false on a SQLite error.
  static bool WriteLayer(Stmt& insert, int64_t rowid, const Layer& layer) {
    insert.Reset();
    insert.Bind(1, rowid);
    insert.Bind(2, layer.name);
    insert.Bind(3, static_cast<int64_t>(layer.version));
    insert.Bind(4, static_cast<int64_t>(layer.spans.size()));
    insert.BindBlob(5, EncodeLayer(layer));
    return insert.Step() == SQLITE_DONE;
  }
  // Full id (and rowid) for an id or unique prefix.
  Result<std::pair<std::string, int64_t>> ResolveId(std::string_view id);

  sqlite3* db_;
  std::string path_;
  Stmt insert_article_, insert_layer_, insert_layer_if_missing_, find_rowid_;
  Stmt upsert_entity_, insert_mention_, insert_mention_if_missing_, delete_mentions_;
};

Status SqliteStore::Init(const StoreOptions& options) {
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
  // The first read of the header tells a database from anything else.
  SL_ASSIGN_OR_RETURN(int64_t app_id, QueryInt("PRAGMA application_id"));
  SL_ASSIGN_OR_RETURN(int64_t n_tables, QueryInt("SELECT count(*) FROM sqlite_master"));
  if (app_id != kApplicationId && n_tables > 0)
    return Status::Corruption(path_ + ": not a storyline store (a SQLite file of another program)");
  if (!options.read_only) {
    SL_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL", "set WAL mode"));
    SL_RETURN_IF_ERROR(Exec("PRAGMA synchronous=FULL", "set synchronous"));
  }
  SL_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON", "enable foreign keys"));
  if (!options.read_only) SL_RETURN_IF_ERROR(Migrate());
  if (insert_article_.Prepare(db_,
          "INSERT OR IGNORE INTO articles(id, source, url, title, date, date_source,"
          " origin, raw, text, ingested_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)") !=
          SQLITE_OK ||
      insert_layer_.Prepare(db_,
          "INSERT OR REPLACE INTO layers(article, name, version, n_spans, data) VALUES (?1,?2,?3,?4,?5)") !=
          SQLITE_OK ||
      insert_layer_if_missing_.Prepare(db_,
          "INSERT OR IGNORE INTO layers(article, name, version, n_spans, data) VALUES (?1,?2,?3,?4,?5)") !=
          SQLITE_OK ||
      find_rowid_.Prepare(db_, "SELECT rowid FROM articles WHERE id = ?1") != SQLITE_OK ||
      // An upsert, not INSERT OR REPLACE: a replaced row would cascade to
      // the entity's mentions.
      upsert_entity_.Prepare(db_,
          "INSERT INTO entities(id, canonical, type, data) VALUES (?1,?2,?3,?4)"
          " ON CONFLICT(id) DO UPDATE SET canonical = excluded.canonical,"
          " type = excluded.type, data = excluded.data") != SQLITE_OK ||
      insert_mention_.Prepare(db_,
          "INSERT OR REPLACE INTO entity_mentions(entity, article, begin, end) VALUES (?1,?2,?3,?4)") !=
          SQLITE_OK ||
      insert_mention_if_missing_.Prepare(db_,
          "INSERT OR IGNORE INTO entity_mentions(entity, article, begin, end) VALUES (?1,?2,?3,?4)") !=
          SQLITE_OK ||
      delete_mentions_.Prepare(db_, "DELETE FROM entity_mentions WHERE article = ?1") != SQLITE_OK) {
    if (options.read_only) return Status::Ok();  // statements are for writers
    return Error("prepare statements");
  }
  return Status::Ok();
}

Status SqliteStore::Migrate() {
  SL_ASSIGN_OR_RETURN(int64_t version, QueryInt("PRAGMA user_version"));
  auto migrations = store::Migrations();
  if (version > static_cast<int64_t>(migrations.size()))
    return Status::InvalidArgument(path_ + ": store has schema version " +
                                   std::to_string(version) + ", newer than this storyline (" +
                                   std::to_string(migrations.size()) + "); upgrade storyline");
  if (version == static_cast<int64_t>(migrations.size())) return Status::Ok();
  SL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "begin migration"));
  for (size_t v = version; v < migrations.size(); ++v) {
    Status st = Exec(migrations[v], "migrate to schema " + std::to_string(v + 1));
    if (!st.ok()) {
      (void)Exec("ROLLBACK", "rollback");
      return st;
    }
  }
  std::string set = "PRAGMA user_version=" + std::to_string(migrations.size()) +
                    "; PRAGMA application_id=" + std::to_string(kApplicationId);
  Status st = Exec(set, "record schema version");
  if (st.ok()) st = Exec("COMMIT", "commit migration");
  if (!st.ok()) (void)Exec("ROLLBACK", "rollback");
  return st;
}

Result<std::vector<bool>> SqliteStore::PutArticles(std::span<const ArticleRecord> batch,
                                                   ExistingLayers existing,
                                                   std::span<const EntityRecord> entities) {
  std::vector<bool> is_new;
  is_new.reserve(batch.size());
  SL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "begin write"));
  const std::string now = NowUtc();
  auto fail = [&](std::string_view what) {
    Status st = Error(what);
    (void)Exec("ROLLBACK", "rollback");
    return st;
  };
  // Entities first: the mentions below refer to them.
  for (const EntityRecord& e : entities) {
    Stmt& s = upsert_entity_;
    s.Reset();
    s.Bind(1, e.id);
    s.Bind(2, e.name);
    s.Bind(3, e.type);
    s.Bind(4, e.state);
    if (s.Step() != SQLITE_DONE) return fail("write entity " + std::to_string(e.id));
  }
  for (const ArticleRecord& rec : batch) {
    const Document& d = *rec.doc;
    const ArticleMeta& m = d.meta();
    Stmt& s = insert_article_;
    s.Reset();
    s.Bind(1, d.id());
    s.Bind(2, m.source);
    s.Bind(3, m.url);
    s.Bind(4, m.title);
    if (m.date) s.Bind(5, m.date->ToString()); else s.BindNull(5);
    s.Bind(6, m.date_source);
    s.Bind(7, m.origin);
    s.BindBlob(8, d.raw());
    s.Bind(9, d.text());
    s.Bind(10, now);
    if (s.Step() != SQLITE_DONE) return fail("insert article " + d.id());
    const bool inserted = sqlite3_changes(db_) == 1;
    is_new.push_back(inserted);
    int64_t rowid;
    if (inserted) {
      rowid = sqlite3_last_insert_rowid(db_);
    } else {
      if (rec.layers.empty() && !rec.mentions) continue;
      find_rowid_.Reset();
      find_rowid_.Bind(1, d.id());
      if (find_rowid_.Step() != SQLITE_ROW) return fail("find article " + d.id());
      rowid = find_rowid_.Int(0);
    }
    // A new article's layers go in as they are; a stored one's as asked.
    const bool replace = inserted || existing == ExistingLayers::kReplace;
    Stmt& l = replace ? insert_layer_ : insert_layer_if_missing_;
    for (const Layer& layer : rec.layers)
      if (!WriteLayer(l, rowid, layer)) return fail("insert layer " + layer.name);
    if (!rec.mentions) continue;
    if (replace && !inserted) {
      delete_mentions_.Reset();
      delete_mentions_.Bind(1, rowid);
      if (delete_mentions_.Step() != SQLITE_DONE) return fail("replace mentions of " + d.id());
    }
    Stmt& mention = replace ? insert_mention_ : insert_mention_if_missing_;
    for (const MentionRecord& mr : *rec.mentions) {
      mention.Reset();
      mention.Bind(1, mr.entity);
      mention.Bind(2, rowid);
      mention.Bind(3, static_cast<int64_t>(mr.begin));
      mention.Bind(4, static_cast<int64_t>(mr.end));
      if (mention.Step() != SQLITE_DONE) return fail("insert mention in " + d.id());
    }
  }
  if (Status st = Exec("COMMIT", "commit"); !st.ok()) {
    (void)Exec("ROLLBACK", "rollback");
    return st;
  }
  return is_new;
}

Result<std::vector<bool>> SqliteStore::HasMentions(std::span<const std::string> ids) {
  Stmt s;
  if (s.Prepare(db_,
          "SELECT EXISTS (SELECT 1 FROM articles a JOIN entity_mentions m ON m.article = a.rowid"
          " WHERE a.id = ?1)") != SQLITE_OK)
    return Error("find mentions");
  std::vector<bool> out;
  out.reserve(ids.size());
  for (const std::string& id : ids) {
    s.Reset();
    s.Bind(1, id);
    if (s.Step() != SQLITE_ROW) return Error("find mentions");
    out.push_back(s.Int(0) != 0);
  }
  return out;
}

Result<std::vector<EntityRecord>> SqliteStore::LoadEntities() {
  Stmt s;
  if (s.Prepare(db_, "SELECT id, canonical, type, data FROM entities ORDER BY id") != SQLITE_OK)
    return Error("read entities");
  std::vector<EntityRecord> out;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) out.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3)});
  if (rc != SQLITE_DONE) return Error("read entities");
  return out;
}

Result<std::vector<EntitySummary>> SqliteStore::ListEntities() {
  SL_ASSIGN_OR_RETURN(std::vector<EntityRecord> records, LoadEntities());
  std::vector<EntitySummary> out;
  out.reserve(records.size());
  std::unordered_map<int64_t, size_t> by_id;
  for (EntityRecord& r : records) {
    by_id[r.id] = out.size();
    out.push_back({std::move(r), 0, {}});
  }
  Stmt s;
  if (s.Prepare(db_,
          "SELECT m.entity, a.id, count(*) FROM entity_mentions m JOIN articles a ON a.rowid = m.article"
          " GROUP BY m.entity, m.article ORDER BY m.entity, m.article") != SQLITE_OK)
    return Error("count mentions");
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    auto it = by_id.find(s.Int(0));
    if (it == by_id.end()) continue;
    out[it->second].articles.push_back(s.Text(1));
    out[it->second].mentions += static_cast<uint64_t>(s.Int(2));
  }
  if (rc != SQLITE_DONE) return Error("count mentions");
  return out;
}

Result<std::pair<std::string, int64_t>> SqliteStore::ResolveId(std::string_view id) {
  std::string prefix;
  for (char c : id) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!std::isxdigit(static_cast<unsigned char>(c)))
      return Status::InvalidArgument("'" + std::string(id) + "' is not an article id (hex digits)");
    prefix += c;
  }
  if (prefix.size() < 4)
    return Status::InvalidArgument("article id '" + prefix + "' is too short (give at least 4 digits)");
  Stmt s;
  if (s.Prepare(db_, "SELECT id, rowid FROM articles WHERE id >= ?1 AND id < ?2 LIMIT 2") != SQLITE_OK)
    return Error("look up article");
  s.Bind(1, prefix);
  s.Bind(2, prefix + "g");  // 'g' sorts after every hex digit
  std::vector<std::pair<std::string, int64_t>> found;
  while (s.Step() == SQLITE_ROW) found.emplace_back(s.Text(0), s.Int(1));
  if (found.empty()) return Status::NotFound(path_ + ": no article with id " + prefix);
  if (found.size() > 1)
    return Status::InvalidArgument("article id prefix " + prefix + " is ambiguous; give more digits");
  return found[0];
}

Status SqliteStore::PutLayer(std::string_view article_id, const Layer& layer) {
  SL_ASSIGN_OR_RETURN(auto resolved, ResolveId(article_id));
  if (!WriteLayer(insert_layer_, resolved.second, layer)) return Error("write layer " + layer.name);
  return Status::Ok();
}

Status SqliteStore::SetDate(std::string_view id, const Date& date, std::string_view date_source,
                            std::span<const Layer> layers) {
  SL_ASSIGN_OR_RETURN(auto resolved, ResolveId(id));
  SL_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE", "begin write"));
  auto fail = [&](std::string_view what) {
    Status st = Error(what);
    (void)Exec("ROLLBACK", "rollback");
    return st;
  };
  Stmt s;
  if (s.Prepare(db_, "UPDATE articles SET date = ?1, date_source = ?2 WHERE rowid = ?3") != SQLITE_OK)
    return fail("set date");
  s.Bind(1, date.ToString());
  s.Bind(2, date_source);
  s.Bind(3, resolved.second);
  if (s.Step() != SQLITE_DONE) return fail("set date of " + resolved.first);
  for (const Layer& layer : layers)
    if (!WriteLayer(insert_layer_, resolved.second, layer)) return fail("replace layer " + layer.name);
  if (Status st = Exec("COMMIT", "commit"); !st.ok()) {
    (void)Exec("ROLLBACK", "rollback");
    return st;
  }
  return Status::Ok();
}

Result<StoredArticle> SqliteStore::GetArticle(std::string_view id) {
  SL_ASSIGN_OR_RETURN(auto resolved, ResolveId(id));
  Stmt s;
  std::string sql = "SELECT " + std::string(kMetaColumns) + ", raw, text FROM articles WHERE rowid = ?1";
  if (s.Prepare(db_, sql) != SQLITE_OK) return Error("read article");
  s.Bind(1, resolved.second);
  if (s.Step() != SQLITE_ROW) return Error("read article " + resolved.first);
  StoredArticle a;
  ReadMeta(s, &a.id, &a.meta, &a.ingested_at);
  a.raw = s.Text(8);
  a.text = s.Text(9);
  return a;
}

Result<std::vector<Layer>> SqliteStore::GetLayers(std::string_view id) {
  SL_ASSIGN_OR_RETURN(auto resolved, ResolveId(id));
  Stmt s;
  if (s.Prepare(db_, "SELECT name, data FROM layers WHERE article = ?1 ORDER BY name") != SQLITE_OK)
    return Error("read layers");
  s.Bind(1, resolved.second);
  std::vector<Layer> layers;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    Layer l;
    if (!DecodeLayer(s.Text(1), &l))
      return Status::Corruption(path_ + ": layer " + s.Text(0) + " of article " +
                                resolved.first + " is damaged");
    layers.push_back(std::move(l));
  }
  if (rc != SQLITE_DONE) return Error("read layers");
  return layers;
}

Result<std::vector<ArticleSummary>> SqliteStore::ListArticles() {
  Stmt s;
  std::string sql = "SELECT " + std::string(kMetaColumns) +
                    ", length(CAST(text AS BLOB)), rowid, substr(CAST(text AS BLOB), 1, 160) FROM articles"
                    " ORDER BY date IS NULL, date, origin, id";
  if (s.Prepare(db_, sql) != SQLITE_OK) return Error("list articles");
  std::vector<ArticleSummary> out;
  std::unordered_map<int64_t, size_t> by_rowid;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW) {
    ArticleSummary a;
    ReadMeta(s, &a.id, &a.meta, &a.ingested_at);
    a.text_bytes = static_cast<uint64_t>(s.Int(8));
    by_rowid[s.Int(9)] = out.size();
    a.lead = s.Text(10);
    out.push_back(std::move(a));
  }
  if (rc != SQLITE_DONE) return Error("list articles");
  Stmt l;
  if (l.Prepare(db_, "SELECT article, name, n_spans FROM layers ORDER BY article, name") != SQLITE_OK)
    return Error("list layers");
  while ((rc = l.Step()) == SQLITE_ROW) {
    auto it = by_rowid.find(l.Int(0));
    if (it != by_rowid.end())
      out[it->second].layer_sizes.emplace_back(l.Text(1), static_cast<uint64_t>(l.Int(2)));
  }
  if (rc != SQLITE_DONE) return Error("list layers");
  return out;
}

Result<std::vector<SearchHit>> SqliteStore::Search(std::string_view query, int limit) {
  Stmt s;
  if (s.Prepare(db_,
          "SELECT a.id, a.title, a.source,"
          " snippet(articles_fts, 1, '[', ']', '...', 16), bm25(articles_fts)"
          " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
          " WHERE articles_fts MATCH ?1 ORDER BY bm25(articles_fts) LIMIT ?2") != SQLITE_OK)
    return Error("search");
  s.Bind(1, query);
  s.Bind(2, static_cast<int64_t>(limit));
  std::vector<SearchHit> hits;
  int rc;
  while ((rc = s.Step()) == SQLITE_ROW)
    hits.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Double(4)});
  if (rc != SQLITE_DONE) {
    // FTS5 reports syntax errors at step time as SQLITE_ERROR.
    if ((sqlite3_extended_errcode(db_) & 0xFF) == SQLITE_ERROR)
      return Status::InvalidArgument("bad search query '" + std::string(query) +
                                     "': " + sqlite3_errmsg(db_));
    return Error("search");
  }
  return hits;
}

Result<StoreStats> SqliteStore::Stats() {
  StoreStats st;
  SL_ASSIGN_OR_RETURN(int64_t n, QueryInt("SELECT count(*) FROM articles"));
  st.articles = n;
  SL_ASSIGN_OR_RETURN(n, QueryInt("SELECT count(*) FROM articles WHERE date IS NOT NULL"));
  st.dated = n;
  st.undated = st.articles - st.dated;
  SL_ASSIGN_OR_RETURN(n, QueryInt("SELECT count(*) FROM layers"));
  st.layers = n;
  SL_ASSIGN_OR_RETURN(n, QueryInt("SELECT coalesce(sum(length(raw)),0) FROM articles"));
  st.raw_bytes = n;
  SL_ASSIGN_OR_RETURN(n, QueryInt("SELECT coalesce(sum(length(CAST(text AS BLOB))),0) FROM articles"));
  st.text_bytes = n;
  SL_ASSIGN_OR_RETURN(n, QueryInt("SELECT count(*) FROM entities"));
  st.entities = n;
  SL_ASSIGN_OR_RETURN(n, QueryInt("SELECT count(*) FROM entity_mentions"));
  st.mentions = n;
  SL_ASSIGN_OR_RETURN(n, QueryInt("PRAGMA user_version"));
  st.schema_version = static_cast<int>(n);
  std::error_code ec;
  auto size = std::filesystem::file_size(path_, ec);
  st.file_bytes = ec ? 0 : size;
  auto group = [&](std::string_view sql, auto* out) -> Status {
    Stmt s;
    if (s.Prepare(db_, sql) != SQLITE_OK) return Error("stats");
    while (s.Step() == SQLITE_ROW) out->emplace_back(s.Text(0), s.Int(1));
    return Status::Ok();
  };
  SL_RETURN_IF_ERROR(group(
      "SELECT source, count(*) c FROM articles GROUP BY source ORDER BY c DESC, source", &st.by_source));
  SL_RETURN_IF_ERROR(group(
      "SELECT name, count(*) c FROM layers GROUP BY name ORDER BY name", &st.by_layer));
  return st;
}

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const StoreOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  if (exists && fs::is_directory(path, ec))
    return Status::InvalidArgument(path + ": is a directory, not a store file");
  if (!exists && (!options.create_if_missing || options.read_only))
    return Status::NotFound(path + ": no such store");
  int flags = options.read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = path + ": cannot open store: " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return Status::IOError(msg);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  SL_RETURN_IF_ERROR(store->Init(options));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace storyline
