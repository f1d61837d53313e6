#include "search/facts.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstring>


namespace wenyuan::search {
namespace {

constexpr const char* kFactColumns =
    "SELECT item_id, type, relic_category, ich_category, period, place, material, year_start, year_end, public, "
    "title_chars, title_folded, title_initials FROM search_facts ";

bool by_id(const ItemFacts& facts, std::int64_t id) { return facts.id < id; }

// Folded title and initials per item, with their lengths: 51 bytes on average in the bench's
// catalogue of a million.
constexpr std::size_t kTitleBytesReserved = 64;

// Asks for huge pages under a large table before it is filled: a search touches a scattered
// few of a million items' facts and titles, and with 4 KB pages nearly every touch also misses
// the TLB (32 MB of facts span 8,000 pages). Only the 2 MB-aligned middle can be huge.
void advise_huge_pages(const void* data, std::size_t bytes) {
    constexpr std::uintptr_t kHuge = 2u << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHuge - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint: errors change nothing
}

}  // namespace

std::uint32_t StringPool::intern(std::string_view text) {
    if (text.empty()) return 0;
    const auto [found, added] = ids_.try_emplace(std::string(text), static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.emplace_back(text);
    return found->second;
}

std::uint32_t StringPool::find(std::string_view text) const {
    const auto found = ids_.find(std::string(text));
    return found == ids_.end() ? 0 : found->second;
}

std::uint16_t FactTable::code(std::string_view text) {
    const std::uint32_t number = codes_.intern(text);
    return number <= 0xffff ? static_cast<std::uint16_t>(number) : 0;  // vocabularies hold hundreds, not 65,535
}

ItemFacts FactTable::from_row(const sql::Stmt& row) {
    auto year = [&](int column) {
        return static_cast<std::int16_t>(std::clamp<std::int64_t>(row.int64(column), -32767, 32767));
    };
    ItemFacts facts;
    facts.id = static_cast<std::uint32_t>(row.int64(0));
    facts.type = code(row.text(1));
    facts.relic_category = code(row.text(2));
    facts.ich_category = code(row.text(3));
    facts.period = code(row.text(4));
    facts.place = strings_.intern(row.text(5));
    facts.material = strings_.intern(row.text(6));
    if (!row.is_null(7)) facts.year_start = year(7);
    if (!row.is_null(8)) facts.year_end = year(8);
    facts.is_public = row.int64(9) != 0;
    facts.title_chars = static_cast<std::uint16_t>(std::min<std::int64_t>(row.int64(10), 0xffff));
    facts.title_at = static_cast<std::uint32_t>(titles_.size());
    append_counted(row.text(11));
    append_counted(row.text(12));
    return facts;
}

Result<void> FactTable::load(const sql::Db& db) {
    rows_.clear();
    titles_.clear();
    strings_ = StringPool();
    codes_ = StringPool();
    dirty_.clear();
    auto largest = db.scalar("SELECT coalesce(max(item_id), 0) FROM search_facts");
    if (!largest) return fail(std::move(largest).error());
    if (*largest > 0x7fffffff) return fail(Errc::internal, "search: item ids above 2,147,483,647 are not supported");
    auto stmt = db.prepare(std::string(kFactColumns) + "ORDER BY item_id");
    if (!stmt) return fail(std::move(stmt).error());
    // Reserved up front (ids are about dense): growing by doubling briefly held both the old and
    // the new copy, which made the peak memory of a million items 100 MB instead of 85. Pages of
    // the titles' reserve that are never written stay virtual.
    rows_.reserve(static_cast<std::size_t>(*largest));
    titles_.reserve(static_cast<std::size_t>(*largest) * kTitleBytesReserved);
    advise_huge_pages(rows_.data(), rows_.capacity() * sizeof(ItemFacts));
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) { rows_.push_back(from_row(row)); }));
    index_rows();
    loaded_ = true;
    return {};
}

Result<void> FactTable::reread(const sql::Db& db, std::int64_t id) {
    auto stmt = db.cached(std::string(kFactColumns) + "WHERE item_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, id);
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    const auto at = std::lower_bound(rows_.begin(), rows_.end(), id, by_id);
    const bool present = at != rows_.end() && at->id == id;
    if (!*row) {
        if (present) rows_.erase(at);
    } else if (present) {
        *at = from_row(**stmt);
    } else {
        rows_.insert(at, from_row(**stmt));
    }
    return {};
}

// Texts are stored with a two-byte length before them (cut at 65,535 bytes).
void FactTable::append_counted(std::string_view text) {
    const auto size = static_cast<std::uint16_t>(std::min<std::size_t>(text.size(), 0xffff));
    titles_ += static_cast<char>(size & 0xff);
    titles_ += static_cast<char>(size >> 8);
    titles_.append(text.substr(0, size));
}

std::string_view FactTable::counted_at(std::size_t at) const {
    const auto size = static_cast<std::size_t>(static_cast<unsigned char>(titles_[at])) |
                      static_cast<std::size_t>(static_cast<unsigned char>(titles_[at + 1])) << 8;
    return {titles_.data() + at + 2, size};
}

std::string_view FactTable::folded_title(const ItemFacts& item) const { return counted_at(item.title_at); }

std::string_view FactTable::title_initials(const ItemFacts& item) const {
    const std::string_view folded = folded_title(item);
    return counted_at(item.title_at + 2 + folded.size());
}

const ItemFacts* FactTable::find(std::int64_t id) const {
    if (id < 0 || static_cast<std::uint64_t>(id) >= row_of_id_.size()) return nullptr;
    const std::int32_t row = row_of_id_[static_cast<std::size_t>(id)];
    return row < 0 ? nullptr : &rows_[static_cast<std::size_t>(row)];
}

void FactTable::index_rows() {
    row_of_id_.assign(rows_.empty() ? 0 : static_cast<std::size_t>(rows_.back().id) + 1, -1);
    title_chars_.resize(rows_.size());
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        row_of_id_[static_cast<std::size_t>(rows_[i].id)] = static_cast<std::int32_t>(i);
        title_chars_[i] = rows_[i].title_chars;
    }
}

void FactTable::mark_dirty(std::int64_t item_id) {
    if (!loaded_) return;
    if (dirty_.size() >= 4096) {  // a bulk change: reloading is cheaper than re-reading one by one
        forget();
        return;
    }
    dirty_.insert(item_id);
}

Result<bool> FactTable::refresh_if_loaded(const sql::Db& db) {
    if (!loaded_) return false;
    auto version = db.scalar("PRAGMA data_version");
    if (!version) return fail(std::move(version).error());
    if (*version != data_version_) {
        loaded_ = false;
        return false;
    }
    WENYUAN_TRY(refresh(db));
    return true;
}

Result<void> FactTable::load_ids(const sql::Db& db, const std::vector<std::uint32_t>& ids) {
    auto stmt = db.cached(std::string(kFactColumns) + "WHERE item_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    for (std::int64_t id : ids) {
        (*stmt)->reset();
        (*stmt)->bind(1, id);
        auto row = (*stmt)->step();
        if (!row) return fail(std::move(row).error());
        if (*row) rows_.push_back(from_row(**stmt));  // no row: a deleted item
    }
    index_rows();
    return {};
}

Result<void> FactTable::refresh(const sql::Db& db) {
    auto version = db.scalar("PRAGMA data_version");
    if (!version) return fail(std::move(version).error());
    if (!loaded_ || *version != data_version_) {
        data_version_ = *version;
        return load(db);
    }
    if (dirty_.empty()) return {};
    for (std::int64_t id : dirty_) WENYUAN_TRY(reread(db, id));
    dirty_.clear();
    index_rows();
    return {};
}

}  // namespace wenyuan::search
