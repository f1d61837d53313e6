// Reading and writing item rows. Private to the library.
#pragma once

#include <string>
#include <vector>

#include "sqlite.hpp"
#include "wenyuan/item.hpp"

namespace wenyuan {

/// The item columns in the order item_from_row reads them.
extern const char* const kItemColumns;

/// Reads an item from a statement that selected kItemColumns first.
Item item_from_row(const sql::Stmt& stmt);

/// Binds every writable column of `item` to ?1..?N in kItemColumns order after id (for INSERT and
/// UPDATE); returns N.
int bind_item(sql::Stmt& stmt, const Item& item);

/// Keywords as the JSON array stored in the catalog, and back.
std::string keywords_to_json(const std::vector<std::string>& keywords);
std::vector<std::string> keywords_from_json(const std::string& json);

Access access_from_string(const std::string& text);

}  // namespace wenyuan
