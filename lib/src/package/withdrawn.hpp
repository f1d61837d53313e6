// Withdrawals travelling in packages: items a publisher may have sent earlier that are now
// deleted or no longer public at the source, and their removal on the kiosk. Private to the
// library.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::package {

/// The uids a package from `archive` withdraws, sorted: items that are deleted or not public now
/// and were public at some time (public when deleted, or an access change from or to public in
/// their field history), so any earlier package may have carried them; plus the uids in
/// `earlier` (items and withdrawals of the --since package) that no longer exist here at all.
/// Items that were never public are never named. Errors: Errc::io.
Result<std::vector<std::string>> withdrawn_uids(const Archive& archive, const std::set<std::string>& earlier);

/// Checks a package.json "withdrawn" value: absent, or a list of 32-hex-digit uids. The error
/// text is the reason only (the caller names the package and member).
Result<void> check_withdrawn(const nlohmann::json& withdrawn);

/// Inside the caller's transaction: marks deleted every live local item whose uid is listed in
/// `withdrawn` and not in `keep` (the items the same package carries), with a field-history row,
/// a deletion event naming the package, and a re-index (so search no longer finds it). Unknown
/// uids and items already deleted are skipped. Returns how many items were withdrawn.
/// Errors: Errc::io.
Result<std::size_t> apply_withdrawals(Archive& archive, const nlohmann::json& withdrawn, const std::set<std::string>& keep,
                                      const std::string& package_name, const std::string& time, std::string_view agent);

}  // namespace wenyuan::package
