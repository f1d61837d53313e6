// Terminal width of UTF-8 text: Chinese characters take two columns.
#pragma once

#include <string>
#include <string_view>

namespace wenyuan::cli {

/// How many terminal columns `text` takes.
std::size_t display_width(std::string_view text);

/// `text` followed by spaces up to `columns` terminal columns.
std::string pad_display(std::string_view text, std::size_t columns);

/// Cuts `text` to at most `columns` terminal columns at a character boundary, ending in "…".
std::string truncate_display(std::string_view text, std::size_t columns);

}  // namespace wenyuan::cli
