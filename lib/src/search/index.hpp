// The search index: one FTS5 table over the text of every item, kept in step with the catalog
// inside the same transactions. Private to the library.
#pragma once

#include <cstdint>
#include <utility>
#include <string>
#include <vector>

#include "sqlite.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/item.hpp"
#include "wenyuan/vocab.hpp"

namespace wenyuan::search {

/// The text of one item as the index sees it, column by column.
struct SearchDoc {
    std::string title;     ///< title and English title
    std::string keywords;  ///< keywords and the names of the item's type, category and period
    std::string places;    ///< place, creator or inheritor, material
    std::string body;      ///< descriptions, date, source and provenance
    std::string pinyin;    ///< the Han text whose readings are indexed (title, keywords, place, creator,
                           ///< and the Chinese names of type, categories and period)
};

/// From this schema version on, the pinyin text also holds the Chinese names of the item's type,
/// categories and period (an older catalog, read as it is, has them only in `keywords`).
inline constexpr int kNamesInPinyinFrom = 9;

SearchDoc compose_doc(const Item& item, const Vocabulary& vocabulary, bool names_in_pinyin = true);

/// Creates the index tables (schema migration 2) and indexes every existing item.
Result<void> create_index(const sql::Db& db);

/// Schema migration 3: creates the search_facts table and fills it for every existing item, and
/// rebuilds the pinyin index, which from version 3 on holds pairs of initials.
Result<void> create_facts(const sql::Db& db);

/// Schema migration 7: re-creates both FTS5 tables without a prefix index (the pinyin tokenizer
/// emits the starts of syllables instead) and re-reads every item's text into them. Does nothing
/// for tables already in that form.
Result<void> recreate_fulltext(const sql::Db& db);

/// Schema migration 8: both FTS5 tables merge 16 segments of a level at a time instead of 4
/// (their 'automerge' setting), which makes bulk inserts cheaper. Changes no table definition.
Result<void> configure_merging(const sql::Db& db);

/// Creates the two FTS5 tables as the current schema has them, with their hash size and merge
/// setting, inside the caller's transaction. Used by rebuild_index, and by bench_search to time
/// the full-text writes alone in a scratch database (content = 'search_docs' is not read on insert).
Result<void> create_fulltext(const sql::Db& db);

/// Schema migration 9: rebuilds the index (rebuild_index): the pinyin column of search_docs now
/// also holds the Chinese names of the item's type, categories and period, and search_pinyin
/// holds syllable pairs (qing+tong for 青铜; see tokenizer.hpp). Changes no table definition.
Result<void> index_names_and_syllable_pairs(const sql::Db& db);

/// Full-text rows waiting to be written at the end of a bulk transaction. FTS5 flushes its
/// in-memory terms to a new segment whenever a later statement in the transaction opens a
/// statement savepoint, so interleaving FTS inserts with catalog inserts writes (and then merges)
/// a tiny segment per item; a bulk insert keeps the FTS writes together at the end instead.
struct PendingText {
    std::vector<std::pair<std::int64_t, SearchDoc>> docs;
};

/// Indexes an item that was just inserted (never indexed before), inside the caller's transaction.
/// `has_timed`: segments or caption cues were inserted with it, and their text joins the body.
/// With `pending`, the full-text rows are queued there; the caller must write_pending() before
/// it commits.
Result<void> index_new_item(const sql::Db& db, const Item& item, const Vocabulary& vocabulary, bool has_timed = false,
                            PendingText* pending = nullptr);

/// Writes and clears the queued full-text rows, inside the caller's transaction.
Result<void> write_pending(const sql::Db& db, PendingText& pending);

/// Re-indexes one item (or removes it when it is deleted or gone), inside the caller's
/// transaction.
Result<void> reindex_item(const sql::Db& db, std::int64_t item_id, const Vocabulary& vocabulary);

/// Drops the index (text, facts and both full-text tables) and builds it again from every live
/// item, inside the caller's transaction.
Result<void> rebuild_index(const sql::Db& db, const Vocabulary& vocabulary);

/// Compares the index with the catalog: every live item indexed with its current text and facts,
/// nothing else indexed, and FTS5's own integrity check. FTS5 runs that check as an INSERT, which a
/// read-only connection refuses: there it is skipped and `notes` says so.
/// `schema_version`: the catalog's, which an archive opened read-only may not have migrated.
Result<void> check_index(const sql::Db& db, bool read_only, int schema_version, const Vocabulary& vocabulary,
                         std::vector<VerifyProblem>& problems, std::vector<std::string>& notes);

}  // namespace wenyuan::search
