// Segments and caption cues in the catalog (schema version 4). Private to the library.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sqlite.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan {

/// Checks a segment's times and title; `where` names it in the message ("segment 3").
Result<void> validate_segment(const SegmentDraft& segment, const std::string& where);

/// Inserts the segments and cues of a new item inside the caller's transaction; `asset_ids`
/// are the ids of the item's assets in draft order (CueDraft::asset_index indexes them).
Result<void> insert_timed(const sql::Db& db, std::int64_t item_id, const TimedRecords& timed,
                          const std::vector<std::int64_t>& asset_ids, const std::string& time);

/// Creates the tables (schema migration 4).
Result<void> create_timed_tables(const sql::Db& db);

/// The text of the item's segments (title, description) and cues, in time order, one per line,
/// as the search index holds it after the item's own body. Empty when there is none.
Result<std::string> timed_text(const sql::Db& db, std::int64_t item_id);

}  // namespace wenyuan
