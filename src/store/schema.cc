#include "src/store/schema.h"

#include <array>

namespace storyline::store {
namespace {

// Version 1: articles, layers, full-text index, and the tables later stages
// fill (canonical entities, stories, claims).
constexpr std::string_view kV1 = R"sql(
CREATE TABLE articles (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,       -- xxh3 of source + normalised text
  source       TEXT NOT NULL,
  url          TEXT NOT NULL DEFAULT '',
  title        TEXT NOT NULL DEFAULT '',
  date         TEXT,                       -- YYYY-MM-DD, NULL when unknown
  date_source  TEXT NOT NULL DEFAULT '',
  origin       TEXT NOT NULL DEFAULT '',
  raw          BLOB NOT NULL,              -- bytes exactly as read
  text         TEXT NOT NULL,              -- what every span indexes
  ingested_at  TEXT NOT NULL
);
CREATE INDEX articles_by_date ON articles(date);

-- One row per article and layer: spans in the compact codec of span.h.
CREATE TABLE layers (
  article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  version  INTEGER NOT NULL,
  n_spans  INTEGER NOT NULL,
  data     BLOB NOT NULL,
  PRIMARY KEY (article, name)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='rowid',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;

CREATE TABLE entities (
  id         INTEGER PRIMARY KEY,
  canonical  TEXT NOT NULL,
  type       TEXT NOT NULL,
  data       TEXT NOT NULL DEFAULT '{}'   -- aliases, roles, counts (JSON)
);
CREATE TABLE entity_mentions (
  entity   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  begin    INTEGER NOT NULL,
  end      INTEGER NOT NULL,
  PRIMARY KEY (article, begin, end)
) WITHOUT ROWID;

CREATE TABLE stories (
  id          INTEGER PRIMARY KEY,
  label       TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  data        TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE story_articles (
  story    INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  PRIMARY KEY (story, article)
) WITHOUT ROWID;

CREATE TABLE claims (
  id       INTEGER PRIMARY KEY,
  story    INTEGER REFERENCES stories(id) ON DELETE CASCADE,
  article  INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
  kind     TEXT NOT NULL,                -- quote, quantity, event
  begin    INTEGER NOT NULL,
  end      INTEGER NOT NULL,
  data     TEXT NOT NULL DEFAULT '{}'
);
)sql";

// v2: entity listings count mentions per entity.
constexpr std::string_view kV2 = R"sql(
CREATE INDEX entity_mentions_by_entity ON entity_mentions(entity, article);
)sql";

constexpr std::array<std::string_view, 2> kMigrations = {kV1, kV2};

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

}  // namespace storyline::store
