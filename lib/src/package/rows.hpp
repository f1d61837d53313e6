// Catalog rows as JSON in a package's data/package.json. Private to the library.
#pragma once

#include <nlohmann/json.hpp>

#include "wenyuan/item.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::package {

/// Every catalogued field of the item (not its local id, which is sent as "source_id").
nlohmann::json item_to_json(const Item& item);
/// Errors: Errc::corrupt naming `where` (a field of the wrong type, an unknown access value).
Result<Item> item_from_json(const nlohmann::json& json, const std::string& where);

/// `derived_from` is the index of the source among the item's packaged assets, if it is there.
nlohmann::json asset_to_json(const Asset& asset, std::optional<std::size_t> derived_from);
Result<AssetDraft> asset_from_json(const nlohmann::json& json, const std::string& where);

}  // namespace wenyuan::package
