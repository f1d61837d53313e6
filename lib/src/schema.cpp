#include "schema.hpp"

#include <string>
#include <vector>

#include "search/index.hpp"
#include "timed_sql.hpp"
#include "exhibition/exhibition_sql.hpp"
#include "package/package_sql.hpp"

namespace wenyuan {
namespace {

// Version 1: the archive core. Frozen: never edit, add a migration instead.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE vocab (
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  zh TEXT NOT NULL,
  en TEXT NOT NULL DEFAULT '',
  parent TEXT NOT NULL DEFAULT '',
  start_year INTEGER,
  end_year INTEGER,
  seq INTEGER NOT NULL,
  PRIMARY KEY (kind, code)
) WITHOUT ROWID;

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  key TEXT UNIQUE,
  type TEXT NOT NULL,
  title TEXT NOT NULL CHECK (title <> ''),
  title_en TEXT, description TEXT, description_en TEXT,
  relic_category TEXT, ich_category TEXT, period TEXT, grade TEXT,
  completeness TEXT, condition TEXT, acquisition TEXT,
  date TEXT, year_start INTEGER, year_end INTEGER,
  material TEXT, dimensions TEXT, place TEXT, latitude REAL, longitude REAL,
  creator TEXT, source TEXT, provenance TEXT, rights TEXT, license TEXT,
  access TEXT NOT NULL CHECK (access IN ('public', 'internal', 'restricted')),
  keywords TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX items_type ON items(type);

CREATE TABLE objects (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  stored_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  role TEXT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES objects(sha256),
  mime TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  lang TEXT NOT NULL DEFAULT '',
  tech TEXT NOT NULL DEFAULT '{}',
  warnings TEXT NOT NULL DEFAULT '[]',
  derived_from INTEGER REFERENCES assets(id),
  created_at TEXT NOT NULL
);
CREATE INDEX assets_item ON assets(item_id);
CREATE INDEX assets_sha ON assets(sha256);
CREATE INDEX assets_original ON assets(sha256) WHERE role = 'original';

CREATE TABLE field_history (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  time TEXT NOT NULL,
  agent TEXT NOT NULL
);
CREATE INDEX field_history_item ON field_history(item_id);

CREATE TABLE relations (
  subject INTEGER NOT NULL REFERENCES items(id),
  predicate TEXT NOT NULL,
  object INTEGER NOT NULL REFERENCES items(id),
  PRIMARY KEY (subject, predicate, object)
) WITHOUT ROWID;

CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE TABLE collection_items (
  collection_id INTEGER NOT NULL REFERENCES collections(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  PRIMARY KEY (collection_id, item_id)
) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('ingestion', 'derivation', 'metadata_change',
        'fixity_check', 'deletion', 'migration', 'gc', 'vocabulary_change', 'relation_change')),
  item_id INTEGER REFERENCES items(id),
  object TEXT,
  agent TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('success', 'warning', 'failure')),
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_item ON events(item_id);

-- Files seen by earlier imports: lets a re-import skip unchanged files without re-reading them.
CREATE TABLE import_seen (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  sha256 TEXT NOT NULL
) WITHOUT ROWID;
)sql";

struct Migration {
    int to_version;
    const char* sql;
    Result<void> (*run)(const sql::Db&) = nullptr;  ///< code to run after the SQL, if any
};

// Forward migrations, applied in order; migration N turns a version N-1 catalog into version N.
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, kSchemaV1},
        {2, "", search::create_index},  // the search index, built for existing items
        {3, "", search::create_facts},  // what search filters, counts and pre-ranks by
        {4, "", create_timed_tables},   // segments and caption cues of recordings
        {5, "", create_exhibition_tables},  // exhibitions (what kiosks show)
        {6, "", create_package_tables},  // trusted publisher keys and applied packages
        {7, "", search::recreate_fulltext},  // full-text tables without a prefix index
        {8, "", search::configure_merging},  // FTS5 automerge 16 on both full-text tables
        {9, "", search::index_names_and_syllable_pairs},  // pinyin of vocabulary names, syllable pairs (qing+tong)
    };
    return list;
}

}  // namespace

int current_schema_version() noexcept { return static_cast<int>(migrations().back().to_version); }

int oldest_read_only_schema_version() noexcept { return 7; }

Result<void> configure_connection(const sql::Db& db, bool read_only) {
    WENYUAN_TRY(db.exec("PRAGMA foreign_keys = ON"));
    if (read_only) return {};
    WENYUAN_TRY(db.exec("PRAGMA journal_mode = WAL"));
    WENYUAN_TRY(db.exec("PRAGMA synchronous = FULL"));
    // A writer's B-tree inserts (the uid index is random) and FTS5 segment merges touch pages all
    // over a large catalog; 2 MB of page cache made a million-item import mostly page reads.
    // Allocated as used, so a small archive never grows it.
    WENYUAN_TRY(db.exec("PRAGMA cache_size = -65536"));
    return {};
}

Result<void> create_schema(const sql::Db& db) {
    WENYUAN_TRY(db.exec("PRAGMA application_id = " + std::to_string(kApplicationId)));
    return migrate(db);
}

Result<void> migrate(const sql::Db& db) {
    auto application = db.scalar("PRAGMA application_id");
    if (!application) return fail(std::move(application).error());
    if (*application != kApplicationId) {
        return fail(Errc::corrupt, db.path() + ": not a Wenyuan catalog (application_id " +
                                       std::to_string(*application) + ")");
    }
    auto stored = db.scalar("PRAGMA user_version");
    if (!stored) return fail(std::move(stored).error());
    if (*stored > current_schema_version()) {
        return fail(Errc::version, db.path() + ": catalog schema version " +
                                       std::to_string(*stored) + " is newer than this Wenyuan (" +
                                       std::to_string(current_schema_version()) +
                                       "); upgrade Wenyuan to open it");
    }
    for (const Migration& step : migrations()) {
        if (step.to_version <= *stored) continue;
        auto tx = sql::Transaction::begin(db);
        if (!tx) return fail(std::move(tx).error());
        WENYUAN_TRY(db.exec(step.sql));
        if (step.run) WENYUAN_TRY(step.run(db));
        WENYUAN_TRY(db.exec("PRAGMA user_version = " + std::to_string(step.to_version)));
        if (*stored > 0) {
            auto log = db.prepare(
                "INSERT INTO events(time, type, agent, outcome, detail) "
                "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), 'migration', 'wenyuan', 'success', ?1)");
            if (!log) return fail(std::move(log).error());
            WENYUAN_TRY(log->bind(1, "catalog schema migrated to version " +
                                         std::to_string(step.to_version)).run());
        }
        WENYUAN_TRY(tx->commit());
    }
    return {};
}

}  // namespace wenyuan
