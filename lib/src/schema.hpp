// The catalog schema and its forward migrations. Private to the library.
#pragma once

#include "sqlite.hpp"

namespace wenyuan {

/// The schema version this build writes (PRAGMA user_version).
int current_schema_version() noexcept;

/// The oldest schema version a read-only open (a kiosk) accepts without migrating: later versions
/// changed only settings that writers use (8: FTS5 automerge), nothing a reader reads.
int oldest_read_only_schema_version() noexcept;

/// Sets the connection pragmas: WAL, foreign keys, synchronous=FULL.
Result<void> configure_connection(const sql::Db& db, bool read_only);

/// Creates the current schema in an empty database.
Result<void> create_schema(const sql::Db& db);

/// Migrates from the stored user_version to the current one, one step per transaction.
/// Errors: Errc::version when the catalog is newer than this build, Errc::corrupt when it is
/// not a Wenyuan catalog.
Result<void> migrate(const sql::Db& db);

/// PRAGMA application_id of every Wenyuan catalog: 'WYan'.
constexpr int kApplicationId = 0x5759616e;

}  // namespace wenyuan
