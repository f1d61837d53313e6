// Catalog fields from a recording's tags (title, artist, date, location, comment). Private.
#pragma once

#include <map>
#include <string>

#include "wenyuan/item.hpp"

namespace wenyuan::media {

/// Fills title, creator, date (and year range for a plain year), description and coordinates
/// (ISO 6709, "+31.2304+121.4737/") from tags with lower-case keys. Invalid UTF-8 is left out.
void apply_tags(const std::map<std::string, std::string>& tags, Item& item);

/// True when the bytes are valid UTF-8.
bool valid_utf8(std::string_view text);

}  // namespace wenyuan::media
