// Exhibitions in the catalog (schema version 5). Private to the library.
#pragma once

#include <vector>

#include "../sqlite.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan {

/// Creates the exhibitions table (schema migration 5).
Result<void> create_exhibition_tables(const sql::Db& db);

/// For `verify`: every stored exhibition document parses and every item it refers to exists in
/// the catalog. (Withdrawn or non-public items are not problems here: kiosks leave them out.)
Result<void> verify_exhibitions(const sql::Db& db, std::vector<VerifyProblem>& problems);

}  // namespace wenyuan
