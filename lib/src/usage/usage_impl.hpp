// UsageLog::Impl: the state behind an open usage log. Private to the library.
#pragma once

#include "../sqlite.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan {

struct UsageLog::Impl {
    std::filesystem::path path;
    sql::Db db;
    bool read_only = false;
    UsageOptions options;

    std::int64_t now() const;
    /// A cached INSERT with ?1 bound to the visit (NULL for 0) and ?2 to now; the caller binds the
    /// rest. Errc::invalid_argument on a read-only log.
    Result<sql::StmtLease> insert(std::string_view sql, std::int64_t visit) const;
    /// An UPDATE that must touch one row; Errc::invalid_argument naming `what` when none matched.
    Result<void> update_one(std::string_view sql, std::int64_t id, std::int64_t value, std::string_view what) const;
};

/// Application id of usage logs ('WYus'), kept apart from catalogs ('WYan').
inline constexpr std::int64_t kUsageApplicationId = 0x57597573;
inline constexpr int kUsageSchemaVersion = 1;

}  // namespace wenyuan
