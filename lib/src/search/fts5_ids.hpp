// Collecting the ids an FTS5 expression matches without stepping SQLite once per row. Private to
// the library.
//
// `SELECT rowid FROM t WHERE t MATCH ?` costs about 60 ns a row at a million items (the virtual
// machine, xNext, xRowid, xEof): 20 ms for a doclist of 300,000. The auxiliary function
// `wenyuan_ids(t, ?2)` is called on the first matching row only and walks each phrase of the
// expression with FTS5's own xQueryPhrase, which iterates inside FTS5: 8 ms for the same doclist.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite.hpp"
#include "wenyuan/result.hpp"

struct fts5_api;

namespace wenyuan::search {

/// Item ids, 32 bits: a million of them take 4 MB, and the facts cap ids at 2^31 anyway.
using ItemId = std::uint32_t;

/// Registers the auxiliary function `wenyuan_ids` on the connection whose FTS5 API this is. Called
/// by register_search_tokenizers. Errors: Errc::internal when FTS5 refuses it.
Result<void> register_id_collector(fts5_api* api);

/// The sorted ids an expression that is one phrase, or phrases joined by OR (with parentheses
/// around them), matches in `table` (search_text or search_pinyin): the union of every phrase's
/// rows. Not for expressions with AND, NOT, NEAR or column filters: their phrases would be counted
/// alone. Errors: SQLite's; Errc::internal for a rowid that is not a 32-bit item id.
Result<std::vector<ItemId>> phrase_union_ids(const sql::Db& db, std::string_view table, const std::string& expression);

}  // namespace wenyuan::search
