#include "package_sql.hpp"

namespace wenyuan {

Result<void> create_package_tables(const sql::Db& db) {
    return db.exec(R"sql(
CREATE TABLE trusted_keys (
  key_id TEXT PRIMARY KEY CHECK (length(key_id) = 16),
  public_key TEXT NOT NULL UNIQUE CHECK (length(public_key) = 64),
  name TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL
) WITHOUT ROWID;

-- Every package applied, so that an older one from the same publisher is refused (no rollback).
CREATE TABLE applied_packages (
  id INTEGER PRIMARY KEY,
  key_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  digest TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL DEFAULT '',
  applied_at TEXT NOT NULL,
  UNIQUE (key_id, sequence)
);
)sql");
}

Result<std::optional<AppliedPackage>> last_applied(const sql::Db& db, std::string_view key_id) {
    auto stmt = db.prepare("SELECT sequence, digest FROM applied_packages WHERE key_id = ?1 "
                           "ORDER BY sequence DESC LIMIT 1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, key_id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<AppliedPackage>();
    return std::optional<AppliedPackage>(AppliedPackage{stmt->int64(0), stmt->text(1)});
}

Result<std::optional<std::string>> trusted_public_key(const sql::Db& db, std::string_view key_id) {
    auto stmt = db.prepare("SELECT public_key FROM trusted_keys WHERE key_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, key_id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->text(0));
}

}  // namespace wenyuan
