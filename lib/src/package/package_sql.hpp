// Catalog tables of packages and keys (schema version 6). Private to the library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "../sqlite.hpp"

namespace wenyuan {

/// Creates trusted_keys and applied_packages (schema migration 6).
Result<void> create_package_tables(const sql::Db& db);

/// The last package applied from this publisher: its sequence and tag-manifest digest.
struct AppliedPackage {
    std::int64_t sequence = 0;
    std::string digest;
};
Result<std::optional<AppliedPackage>> last_applied(const sql::Db& db, std::string_view key_id);

/// The public key (hex) the archive trusts under this id, if any.
Result<std::optional<std::string>> trusted_public_key(const sql::Db& db, std::string_view key_id);

}  // namespace wenyuan
