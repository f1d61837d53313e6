// Exhibitions in the catalog (schema version 5). Private to the library.
#pragma once

#include "../sqlite.hpp"

namespace wenyuan {

/// Creates the exhibitions table (schema migration 5).
Result<void> create_exhibition_tables(const sql::Db& db);

}  // namespace wenyuan
