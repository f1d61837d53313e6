// Timecoded records of recordings: segments (chapters — an aria, a craft step, an interview's
// topic) and caption cues. Both are catalog records of an item; their text is in the item's
// search index, so that a search hit can say where in the recording it matched
// (SearchHit::moment in wenyuan/search.hpp). Times are seconds from the start of the
// recording, stored to the millisecond.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/item.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

/// A segment to record. `start` ≥ 0, `end` ≥ `start`, finite; `title` is required.
struct SegmentDraft {
    double start = 0;
    double end = 0;
    std::string title;
    std::string description;
    std::string source = "manual";  ///< where it came from: manual, manifest, csv, chapter
};

struct Segment {
    std::int64_t id = 0;
    std::int64_t item_id = 0;
    double start = 0;
    double end = 0;
    std::string title;
    std::string description;
    std::string source;
    std::string created_at;
};

/// A caption cue to record with a new item: the cue belongs to the caption asset at
/// `asset_index` in the asset list given with it (0 is the first asset).
struct CueDraft {
    std::size_t asset_index = 0;
    double start = 0;
    double end = 0;
    std::string text;
};

struct Cue {
    std::int64_t id = 0;
    std::int64_t item_id = 0;
    std::int64_t asset_id = 0;  ///< the caption asset
    std::string lang;           ///< that asset's language
    double start = 0;
    double end = 0;
    std::string text;
};

/// Segments and cues that come with a new item.
struct TimedRecords {
    std::vector<SegmentDraft> segments;
    std::vector<CueDraft> cues;
};

/// "1:02:03.500" for 3723.5 seconds; "0:05" for 5 (minutes:seconds under an hour).
std::string format_timecode(double seconds);

/// Reads "1:02:03.5", "02:03", "123.25", "00:01:02,500" (SRT's comma) as seconds.
/// Errors: Errc::invalid_argument naming the text.
Result<double> parse_timecode(std::string_view text);

/// Archive::add_item, plus segments and caption cues, in the same transaction: all or nothing.
/// Errors: as add_item; Errc::invalid_argument for a bad segment (negative or reversed times, no
/// title) or a cue whose asset_index is out of range, naming the record.
/// Thread safety: as for Archive (one thread at a time).
Result<std::int64_t> add_item_with_timed(Archive& archive, const Item& item, const std::vector<AssetDraft>& assets,
                                         const std::vector<std::string>& collections, const TimedRecords& timed,
                                         std::string_view agent);

/// add_item_with_timed for an importer: adds the item only when no live item has an original asset
/// with the same SHA-256 as `assets`' original (role "original") yet, checked inside the same write
/// transaction, so two processes importing the same file at once archive it once. Returns the new
/// item's id, or nullopt when an item has that original already (nothing is written then).
/// Errors: as add_item_with_timed; Errc::invalid_argument when `assets` has no original.
/// Thread safety: as for Archive (one thread at a time).
Result<std::optional<std::int64_t>> add_item_unless_archived(Archive& archive, const Item& item,
                                                             const std::vector<AssetDraft>& assets,
                                                             const std::vector<std::string>& collections,
                                                             const TimedRecords& timed, std::string_view agent);

/// Adds a segment to a live item, re-indexes it and logs a metadata_change event, in one
/// transaction. Returns the segment id. Errors: Errc::not_found (no such item, or deleted),
/// Errc::invalid_argument (bad times or no title; nothing changes), Errc::io.
Result<std::int64_t> add_segment(Archive& archive, std::int64_t item_id, const SegmentDraft& segment,
                                 std::string_view agent);

/// The item's segments by start time (then id). An item without segments gives an empty list.
/// Errors: Errc::io. Works on read-only archives.
Result<std::vector<Segment>> list_segments(const Archive& archive, std::int64_t item_id);

/// Removes a segment, re-indexes its item and logs a metadata_change event (whose detail keeps
/// the removed segment's times and title), in one transaction.
/// Errors: Errc::not_found (no such segment), Errc::io.
Result<void> remove_segment(Archive& archive, std::int64_t segment_id, std::string_view agent);

/// The item's caption cues, by asset then start time. Errors: Errc::io.
Result<std::vector<Cue>> list_cues(const Archive& archive, std::int64_t item_id);

}  // namespace wenyuan
