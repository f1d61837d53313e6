// Chinese-first full-text search over the catalog: Han unigrams and bigrams, simplified and
// traditional folded together, pinyin and its initials, English words without diacritics,
// field filters and facets. The same code serves the CLI, the kiosk and embedding programs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

struct SearchOptions {
    Reader reader = Reader::staff;  ///< kiosk readers only ever see public items
    std::size_t limit = 20;
    std::size_t offset = 0;
    bool facets = false;  ///< count results per type, category, period and place
};

/// Where in a recording a hit matched: a caption cue or a segment (wenyuan/segments.hpp).
struct SearchMoment {
    double start_seconds = 0;
    double end_seconds = 0;
    std::string kind;       ///< "caption" or "segment"
    std::string text;       ///< the cue's text, or the segment's title
    std::string lang;       ///< the captions' language, if known
    std::int64_t segment_id = 0;  ///< for a segment
};

struct SearchHit {
    std::int64_t id = 0;
    std::string title;
    std::string title_en;
    std::string type;
    double score = 0;      ///< higher is better
    std::string snippet;   ///< matched text with hits marked as [..]
    std::string matched;   ///< which field matched best: title, keywords, places, body or pinyin
    /// For recordings whose captions or segments hold the query's words: the earliest cue or
    /// segment with all of them (else with the most), so that a player can open there.
    std::optional<SearchMoment> moment;
};

struct FacetCount {
    std::string value;  ///< the code stored on items ("04", "西周", "relic") or the place text
    std::string label;  ///< Chinese name for display
    std::size_t count = 0;
};

struct SearchResults {
    std::vector<SearchHit> hits;
    std::size_t total = 0;  ///< every match, not just this page
    /// false when no item has every word of the query: the hits (and `total`) are then the items
    /// with the most of its words, those with rarer words first. A program may say so ("no item
    /// has all the words").
    bool all_words = true;
    /// "type", "category", "period", "place" → counts, largest first (only when asked).
    std::map<std::string, std::vector<FacetCount>> facets;
    /// One line for each filter that names nothing in this archive and so matches no item
    /// ("period:不存在: no period has this code or name (such as …)"), for the reader to see.
    std::vector<std::string> notes;
};

/// Searches the archive. The query language: words (Chinese, English or pinyin: 青铜, bronze,
/// qingtong, "qing tong", qt), "quoted phrases", -exclusions and the filters type:, category:,
/// period:, material:, place:, collection: and year:1950..1980 (period names imply their years:
/// period:汉 also finds items dated 100 BCE). Any string is safe: nothing reaches SQL or FTS5
/// unescaped, and what cannot be parsed is read as plain words. An empty query lists items.
/// Common English words (the, of, in …) are ignored next to other words; when no item has all
/// the words, the items with the most of them are returned (see SearchResults::all_words).
/// Large result sets are counted and faceted exactly, but ranked in two steps (see
/// docs/search.md): pre-ranked from the titles, then the best 200 scored with BM25.
///
/// Errors: only failures to run (Errc::io, Errc::corrupt); a query never fails.
/// Thread safety: as for Archive (one thread per Archive).
Result<SearchResults> search_items(const Archive& archive, std::string_view query,
                             const SearchOptions& options = {});

/// Rebuilds the search index from the catalog: the indexed text, the facts search filters and
/// counts by, and both full-text tables, for every live item (with the text of its segments and
/// captions), and records a `derivation` event. One transaction: readers see the old index until it
/// commits, and a crash or kill leaves the old one. For an index `verify` finds out of step with
/// the catalog. About a minute for a million items (docs/benchmarks.md); needs free disk space
/// about the size of the index (the write-ahead log holds the new one until it is checkpointed).
/// Returns how many items were indexed.
/// Errors: Errc::invalid_argument (read-only archive), Errc::io (disk full: nothing changed).
/// Thread safety: as for Archive.
Result<std::size_t> rebuild_search_index(Archive& archive, std::string_view agent);

/// Merges the search index into one segment per table. Queries on a merged index touch fewer
/// pages; worth doing after a large import or a package, on an archive that changes rarely (a
/// kiosk's). Takes seconds on a million items; the archive stays usable by readers meanwhile.
/// Errors: Errc::invalid_argument (read-only archive), Errc::io.
/// Thread safety: as for Archive.
Result<void> optimize_search_index(Archive& archive);

}  // namespace wenyuan
