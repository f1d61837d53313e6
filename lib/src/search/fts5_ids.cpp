#include "search/fts5_ids.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <new>

namespace wenyuan::search {
namespace {

using Ids = std::vector<ItemId>;
constexpr const char* kPointerType = "wenyuan_ids";

int collect_row(const Fts5ExtensionApi* api, Fts5Context* context, void* ids) noexcept {
    try {
        const sqlite3_int64 rowid = api->xRowid(context);
        if (rowid < 0 || rowid > std::numeric_limits<ItemId>::max()) return SQLITE_RANGE;
        static_cast<Ids*>(ids)->push_back(static_cast<ItemId>(rowid));
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    }
    return SQLITE_OK;
}

// wenyuan_ids(table, pointer): on the first matching row, appends every phrase's rowids to the
// bound vector, phrase after phrase (each in ascending order).
void collect_ids(const Fts5ExtensionApi* api, Fts5Context* context, sqlite3_context* result, int argc,
                 sqlite3_value** argv) noexcept {
    auto* ids = argc == 1 ? static_cast<Ids*>(sqlite3_value_pointer(argv[0], kPointerType)) : nullptr;
    if (!ids) {
        sqlite3_result_error(result, "wenyuan_ids: wants the table and a bound id vector", -1);
        return;
    }
    const int phrases = api->xPhraseCount(context);
    for (int phrase = 0; phrase < phrases; ++phrase) {
        const int rc = api->xQueryPhrase(context, phrase, ids, collect_row);
        if (rc != SQLITE_OK) {
            sqlite3_result_error_code(result, rc);
            return;
        }
    }
    sqlite3_result_int(result, phrases);
}

}  // namespace

Result<void> register_id_collector(fts5_api* api) {
    const int rc = api->xCreateFunction(api, "wenyuan_ids", nullptr, collect_ids, nullptr);
    if (rc != SQLITE_OK) return fail(Errc::internal, std::string("search: cannot register wenyuan_ids: ") + sqlite3_errstr(rc));
    return {};
}

Result<Ids> phrase_union_ids(const sql::Db& db, std::string_view table, const std::string& expression) {
    const std::string name(table);
    auto stmt = db.cached("SELECT wenyuan_ids(" + name + ", ?2) FROM " + name + " WHERE " + name + " MATCH ?1 LIMIT 1");
    if (!stmt) return fail(std::move(stmt).error());
    Ids ids;
    (*stmt)->bind(1, expression);
    sqlite3_bind_pointer((*stmt)->get(), 2, &ids, kPointerType, nullptr);
    auto row = (*stmt)->step();
    (*stmt)->reset();
    sqlite3_bind_null((*stmt)->get(), 2);  // the cached statement must not keep a pointer to `ids`
    if (!row) return fail(std::move(row).error());
    // Phrase after phrase: sort and merge (one phrase is already in order).
    if (std::adjacent_find(ids.begin(), ids.end(), [](auto a, auto b) { return a >= b; }) != ids.end()) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    return ids;
}

}  // namespace wenyuan::search
