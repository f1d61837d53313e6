// Private to content*.cpp: building ExhibitViews and exhibitions.
#pragma once

#include <string>
#include <vector>

#include "app/content.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan::kiosk::detail {

/// The exhibit for an item, with the hashes of its assets that exist in the store. `asset_role`
/// is the curator's choice of asset ("preview" keeps the kiosk from streaming tiles), or empty.
Result<ExhibitView> make_exhibit(const Archive& archive, const Item& item, const std::string& asset_role,
                                 std::vector<std::string>& notes);

/// Adds the exhibit unless its item is there already; returns its index.
std::size_t add_exhibit(Museum& museum, ExhibitView view);

/// The catalog's stored exhibitions (wenyuan/exhibition.hpp), as far as the kiosk may show them.
Result<void> exhibitions_from_catalog(const Archive& archive, Museum& museum);

/// One exhibition per collection of public items, sections by item type.
Result<void> exhibitions_from_collections(const Archive& archive, Museum& museum);

}  // namespace wenyuan::kiosk::detail
