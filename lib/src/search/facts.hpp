// The facts search filters and counts by (type, category, period, place, material, years,
// access, folded title), for every live item, held in memory in id order. They are loaded from
// the narrow search_facts table the index keeps beside search_docs. A large result set is filtered and
// faceted in one merge pass over it instead of one catalog lookup per match. Private to the
// library.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sqlite.hpp"

namespace wenyuan::search {

/// Strings stored once; facts refer to them by number. 0 is the empty string.
class StringPool {
public:
    StringPool() { strings_.emplace_back(); }
    std::uint32_t intern(std::string_view text);
    /// The number of a string, or 0 when it was never interned.
    std::uint32_t find(std::string_view text) const;
    const std::string& operator[](std::uint32_t id) const { return strings_[id]; }
    std::size_t size() const noexcept { return strings_.size(); }

private:
    std::vector<std::string> strings_;
    std::unordered_map<std::string, std::uint32_t> ids_;
};

/// 32 bytes per item: a million items take 32 MB (plus their titles).
struct ItemFacts {
    static constexpr std::int16_t kNoYear = std::numeric_limits<std::int16_t>::min();

    std::uint32_t id = 0;
    std::uint16_t type = 0, relic_category = 0, ich_category = 0, period = 0;  ///< numbers in codes()
    std::uint32_t place = 0, material = 0;                                     ///< numbers in strings()
    std::uint32_t title_at = 0;     ///< where the folded title and its initials start in FactTable's text
    std::int16_t year_start = kNoYear, year_end = kNoYear;  ///< clamped to ±32,767
    std::uint16_t title_chars = 0;  ///< characters in the title: a short title that matches is a focused one
    bool is_public = false;
};

/// The facts of every live item, kept current across the archive's own writes (items marked
/// dirty are re-read before the next search) and reloaded when another connection commits.
class FactTable {
public:
    /// Brings the table up to date: loads it on first use or after another connection's commit,
    /// else re-reads the items marked dirty.
    Result<void> refresh(const sql::Db& db);
    /// refresh() without loading: true when the table was loaded and is now current, false when
    /// it would have to be (re)loaded.
    Result<bool> refresh_if_loaded(const sql::Db& db);
    /// Fills a table with the facts of these items only (ascending ids): for a small result set,
    /// reading a few rows beats loading a million. Such a table is never refreshed.
    Result<void> load_ids(const sql::Db& db, const std::vector<std::uint32_t>& ids);
    /// Counts the searches served without loading this table; from the second on, a program that
    /// keeps searching (a kiosk) is better served by loading it, and a one-off search (the CLI)
    /// never pays for it. (After eight, as before, a kiosk's eighth search paid a 1–3 s load.)
    bool worth_loading() noexcept { return ++searches_without_ >= 2; }
    /// Called inside the write transaction of an item; takes effect at the next refresh, which
    /// then sees whatever was committed (or rolled back).
    void mark_dirty(std::int64_t item_id);
    /// The next refresh loads the table again (the index was rebuilt, or much of it changed).
    void forget() noexcept {
        loaded_ = false;
        dirty_.clear();
    }

    const std::vector<ItemFacts>& rows() const noexcept { return rows_; }
    const StringPool& strings() const noexcept { return strings_; }  ///< places and materials
    const StringPool& codes() const noexcept { return codes_; }      ///< vocabulary codes
    /// The Chinese and English title, folded (search/fold.hpp).
    std::string_view folded_title(const ItemFacts& item) const;
    /// The initials of the title's Han characters ("qtj" for 青铜镜).
    std::string_view title_initials(const ItemFacts& item) const;
    /// The facts of a live item, or nullptr.
    const ItemFacts* find(std::int64_t id) const;
    /// item.title_chars, read from a dense copy (2 bytes an item, which stays in the CPU cache)
    /// instead of the item's own 32 bytes: for passes over every item of a large result set.
    /// `item` must be one of rows().
    std::uint16_t title_chars(const ItemFacts& item) const { return title_chars_[static_cast<std::size_t>(&item - rows_.data())]; }

private:
    Result<void> load(const sql::Db& db);
    Result<void> reread(const sql::Db& db, std::int64_t id);
    ItemFacts from_row(const sql::Stmt& row);
    std::uint16_t code(std::string_view text);
    void append_counted(std::string_view text);
    std::string_view counted_at(std::size_t at) const;
    void index_rows();

    std::vector<ItemFacts> rows_;  ///< ordered by id
    StringPool strings_, codes_;
    std::string titles_;  ///< per item: folded title and initials, each after its 16-bit length
    std::vector<std::int32_t> row_of_id_;  ///< item id → index in rows_, or -1
    std::vector<std::uint16_t> title_chars_;  ///< per row of rows_
    std::unordered_set<std::int64_t> dirty_;
    std::int64_t data_version_ = -1;
    int searches_without_ = 0;
    bool loaded_ = false;
};

}  // namespace wenyuan::search
