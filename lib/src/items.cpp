#include <nlohmann/json.hpp>

#include <algorithm>

#include "archive_impl.hpp"
#include "clock.hpp"
#include "items_sql.hpp"
#include "timed_sql.hpp"
#include "wenyuan/fields.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan {
namespace {

// Every vocabulary code on the item must be known: the library checks what set_field would.
Result<void> validate_item(const Item& item, const Vocabulary& vocabulary) {
    if (item.title.empty()) return fail(Errc::invalid_argument, "title: an item needs a title");
    const std::pair<const char*, const std::string*> codes[] = {
        {"item_type", &item.type},          {"relic_category", &item.relic_category},
        {"ich_category", &item.ich_category}, {"period", &item.period},
        {"grade", &item.grade},             {"completeness", &item.completeness},
        {"condition", &item.condition},     {"acquisition", &item.acquisition},
    };
    for (const auto& [kind, code] : codes) {
        if (code->empty() && std::string_view(kind) != "item_type") continue;
        const VocabTerm* term = vocabulary.find(kind, *code);
        if (!term || term->code != *code) {
            return fail(Errc::invalid_argument, std::string(kind) + ": '" + *code +
                                                    "' is not a code of the vocabulary (see `wenyuan vocab`)");
        }
    }
    if (item.year_start && item.year_end && *item.year_end < *item.year_start) {
        return fail(Errc::invalid_argument, "years: the range ends before it starts");
    }
    return {};
}

std::string warnings_to_json(const std::vector<std::string>& warnings) {
    return nlohmann::json(warnings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<void> insert_assets(Archive::Impl& impl, std::int64_t item_id, const std::vector<AssetDraft>& drafts,
                           const std::string& time, std::string_view agent, std::vector<std::int64_t>* asset_ids = nullptr) {
    auto object = impl.db.prepare("INSERT OR IGNORE INTO objects(sha256, size, stored_at) VALUES (?1, ?2, ?3)");
    auto asset = impl.db.prepare(
        "INSERT INTO assets(item_id, role, sha256, mime, name, lang, tech, warnings, derived_from, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!object) return fail(std::move(object).error());
    if (!asset) return fail(std::move(asset).error());
    std::vector<std::int64_t> ids;
    for (const AssetDraft& draft : drafts) {
        if (!is_sha256_hex(draft.sha256) || !impl.store.contains(draft.sha256)) {
            return fail(Errc::invalid_argument, "asset " + draft.role + " '" + draft.name +
                                                    "': object " + draft.sha256 + " is not in the store");
        }
        if (draft.role.empty() || draft.mime.empty()) {
            return fail(Errc::invalid_argument, "asset '" + draft.name + "': role and mime are required");
        }
        if (!nlohmann::json::accept(draft.tech_json)) {
            return fail(Errc::invalid_argument, "asset '" + draft.name + "': technical metadata is not JSON");
        }
        object->reset();
        WENYUAN_TRY(object->bind(1, draft.sha256).bind(2, static_cast<std::int64_t>(draft.size)).bind(3, time).run());
        asset->reset();
        asset->bind(1, item_id).bind(2, draft.role).bind(3, draft.sha256).bind(4, draft.mime);
        asset->bind(5, draft.name).bind(6, draft.lang).bind(7, draft.tech_json.empty() ? "{}" : draft.tech_json);
        asset->bind(8, warnings_to_json(draft.warnings));
        if (draft.derived_from_index && *draft.derived_from_index < ids.size()) {
            asset->bind(9, ids[*draft.derived_from_index]);
        } else {
            asset->bind_null(9);
        }
        asset->bind(10, time);
        WENYUAN_TRY(asset->run());
        ids.push_back(impl.db.last_insert_id());
        if (draft.role != "original") {
            Event event{0, time, "derivation", item_id, draft.sha256, std::string(agent),
                        draft.warnings.empty() ? "success" : "warning",
                        draft.role + " " + draft.name + (draft.warnings.empty() ? "" : ": " + draft.warnings.front())};
            WENYUAN_TRY(impl.insert_event(event));
        }
    }
    if (asset_ids) *asset_ids = std::move(ids);
    return {};
}

Result<Item> query_item(const sql::Db& db, std::string_view where, const std::string& value,
                        std::int64_t id, bool include_deleted) {
    // Cached: exhibition checks and packages look up thousands of items one by one.
    auto lease = db.cached(std::string("SELECT ") + kItemColumns + " FROM items WHERE " + std::string(where));
    if (!lease) return fail(std::move(lease).error());
    sql::Stmt* stmt = &**lease;
    if (value.empty()) stmt->bind(1, id); else stmt->bind(1, value);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    const std::string name = value.empty() ? "item " + std::to_string(id) : "item '" + value + "'";
    if (!*row) return fail(Errc::not_found, name + ": no such item (see `wenyuan list`)");
    Item item = item_from_row(*stmt);
    if (item.deleted && !include_deleted) return fail(Errc::not_found, name + ": the item was deleted");
    return item;
}

Result<void> update_item_row(const sql::Db& db, const Item& item) {
    auto stmt = db.prepare(
        "UPDATE items SET uid=?1, key=?2, type=?3, title=?4, title_en=?5, description=?6, "
        "description_en=?7, relic_category=?8, ich_category=?9, period=?10, grade=?11, "
        "completeness=?12, condition=?13, acquisition=?14, date=?15, year_start=?16, year_end=?17, "
        "material=?18, dimensions=?19, place=?20, latitude=?21, longitude=?22, creator=?23, "
        "source=?24, provenance=?25, rights=?26, license=?27, access=?28, keywords=?29, "
        "created_at=?30, updated_at=?31 WHERE id=?32");
    if (!stmt) return fail(std::move(stmt).error());
    const int n = bind_item(*stmt, item);
    stmt->bind(n + 1, item.id);
    return stmt->run();
}

Result<void> check_key_free(const sql::Db& db, const Item& item) {
    if (item.key.empty()) return {};
    auto stmt = db.cached("SELECT id FROM items WHERE key = ?1 AND id <> ?2");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, item.key).bind(2, item.id);
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    if (*row) {
        return fail(Errc::invalid_argument, "key: '" + item.key + "' is already used by item " +
                                                std::to_string((*stmt)->int64(0)));
    }
    return {};
}

// Inserts a validated item with its assets, event, memberships and index entry, inside the
// caller's transaction. Sets item.id.
Result<void> insert_new_item(Archive::Impl& impl, Item& item, const std::vector<AssetDraft>& assets,
                             const std::vector<std::string>& collections, std::string_view agent,
                             const TimedRecords* timed = nullptr) {
    WENYUAN_TRY(check_key_free(impl.db, item));
    auto insert = impl.db.cached(std::string("INSERT INTO items(") +
                                 (kItemColumns + 4) +  // every column but id
                                 ") VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,"
                                 "?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,NULL)");
    if (!insert) return fail(std::move(insert).error());
    bind_item(**insert, item);
    WENYUAN_TRY((*insert)->run());
    item.id = impl.db.last_insert_id();

    std::string original;
    for (const AssetDraft& asset : assets) {
        if (asset.role == "original") original = asset.sha256;
    }
    Event ingestion{0, item.created_at, "ingestion", item.id, original, std::string(agent), "success",
                    item.title + (assets.empty() ? "" : " (" + std::to_string(assets.size()) + " files)")};
    WENYUAN_TRY(impl.insert_event(ingestion));
    std::vector<std::int64_t> asset_ids;
    if (!assets.empty()) WENYUAN_TRY(insert_assets(impl, item.id, assets, item.created_at, agent, &asset_ids));
    for (const std::string& collection : collections) {
        WENYUAN_TRY(impl.add_membership(item.id, collection, item.created_at));
    }
    const bool has_timed = timed && (!timed->segments.empty() || !timed->cues.empty());
    if (has_timed) WENYUAN_TRY(insert_timed(impl.db, item.id, *timed, asset_ids, item.created_at));
    return impl.on_item_added(item, has_timed);
}

Item new_item_from(const Item& draft, const std::string& time) {
    Item item = draft;
    item.id = 0;
    item.uid = random_uid();
    item.created_at = item.updated_at = time;
    return item;
}

}  // namespace

Result<std::int64_t> Archive::add_item(const Item& draft, const std::vector<AssetDraft>& assets,
                                       const std::vector<std::string>& collections,
                                       std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("add an item"));
    WENYUAN_TRY(validate_item(draft, impl_->vocabulary));
    Item item = new_item_from(draft, now_utc_iso());
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    WENYUAN_TRY(insert_new_item(*impl_, item, assets, collections, agent));
    WENYUAN_TRY(tx->commit());
    return item.id;
}

namespace {

// add_item_with_timed; with `original`, nothing is added when a live item has that original.
Result<std::optional<std::int64_t>> add_timed(Archive& archive, const Item& draft, const std::vector<AssetDraft>& assets,
                                              const std::vector<std::string>& collections, const TimedRecords& timed,
                                              std::string_view agent, const std::string* original) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("add an item"));
    WENYUAN_TRY(validate_item(draft, impl.vocabulary));
    for (std::size_t i = 0; i < timed.segments.size(); ++i) {
        WENYUAN_TRY(validate_segment(timed.segments[i], "segment " + std::to_string(i + 1)));
    }
    Item item = new_item_from(draft, now_utc_iso());
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    if (original) {
        auto holder = archive.item_with_original(*original);
        if (!holder) return fail(std::move(holder).error());
        if (*holder) return std::optional<std::int64_t>();
    }
    WENYUAN_TRY(insert_new_item(impl, item, assets, collections, agent, &timed));
    WENYUAN_TRY(tx->commit());
    return std::optional<std::int64_t>(item.id);
}

}  // namespace

Result<std::int64_t> add_item_with_timed(Archive& archive, const Item& draft, const std::vector<AssetDraft>& assets,
                                         const std::vector<std::string>& collections, const TimedRecords& timed,
                                         std::string_view agent) {
    auto id = add_timed(archive, draft, assets, collections, timed, agent, nullptr);
    if (!id) return fail(std::move(id).error());
    return **id;
}

Result<std::optional<std::int64_t>> add_item_unless_archived(Archive& archive, const Item& draft,
                                                             const std::vector<AssetDraft>& assets,
                                                             const std::vector<std::string>& collections,
                                                             const TimedRecords& timed, std::string_view agent) {
    const auto original = std::find_if(assets.begin(), assets.end(), [](const AssetDraft& a) { return a.role == "original"; });
    if (original == assets.end()) {
        return fail(Errc::invalid_argument, "item '" + draft.title + "': no original asset to check the archive for");
    }
    return add_timed(archive, draft, assets, collections, timed, agent, &original->sha256);
}

Result<std::vector<std::int64_t>> Archive::add_items(const std::vector<Item>& drafts, std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("add items"));
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (auto valid = validate_item(drafts[i], impl_->vocabulary); !valid) {
            return fail(valid.error().code, "record " + std::to_string(i + 1) + " ('" + drafts[i].title +
                                                "'): " + valid.error().message);
        }
    }
    const std::string time = now_utc_iso();
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    std::vector<std::int64_t> ids;
    ids.reserve(drafts.size());
    search::PendingText pending;
    impl_->pending_text = &pending;
    struct Reset {
        Archive::Impl& impl;
        ~Reset() { impl.pending_text = nullptr; }
    } reset{*impl_};
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        Item item = new_item_from(drafts[i], time);
        if (auto added = insert_new_item(*impl_, item, {}, {}, agent); !added) {
            return fail(added.error().code, "record " + std::to_string(i + 1) + " ('" + item.title +
                                                "'): " + added.error().message);
        }
        ids.push_back(item.id);
    }
    WENYUAN_TRY(search::write_pending(impl_->db, pending));
    WENYUAN_TRY(tx->commit());
    return ids;
}

Result<void> Archive::add_assets(std::int64_t item_id, const std::vector<AssetDraft>& assets,
                                 std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("add assets"));
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    WENYUAN_TRY(query_item(impl_->db, "id = ?1", "", item_id, false));
    WENYUAN_TRY(insert_assets(*impl_, item_id, assets, now_utc_iso(), agent));
    WENYUAN_TRY(impl_->on_item_changed(item_id));
    return tx->commit();
}

Result<Item> Archive::item(std::int64_t id, bool include_deleted) const {
    return query_item(impl_->db, "id = ?1", "", id, include_deleted);
}

Result<Item> Archive::item_by_key(std::string_view key) const {
    if (key.empty()) return fail(Errc::not_found, "item '': an empty key names no item");
    return query_item(impl_->db, "key = ?1", std::string(key), 0, false);
}

Result<std::optional<std::int64_t>> Archive::item_with_original(std::string_view sha256) const {
    auto stmt = impl_->db.prepare(
        "SELECT a.item_id FROM assets a JOIN items i ON i.id = a.item_id "
        "WHERE a.sha256 = ?1 AND a.role = 'original' AND i.deleted_at IS NULL LIMIT 1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, sha256);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(stmt->int64(0));
}

Result<std::vector<Item>> Archive::list_items(const ListOptions& options) const {
    std::string query = std::string("SELECT ") + kItemColumns + " FROM items WHERE deleted_at IS NULL";
    if (options.reader == Reader::kiosk) query += " AND access = 'public'";
    if (!options.type.empty()) query += " AND type = ?1";
    if (!options.collection.empty()) {
        query += " AND id IN (SELECT ci.item_id FROM collection_items ci JOIN collections c "
                 "ON c.id = ci.collection_id WHERE c.name = ?2)";
    }
    query += " ORDER BY id";
    if (options.limit) query += " LIMIT " + std::to_string(options.limit);
    if (options.offset) query += (options.limit ? "" : " LIMIT -1") + std::string(" OFFSET ") + std::to_string(options.offset);
    auto stmt = impl_->db.prepare(query);
    if (!stmt) return fail(std::move(stmt).error());
    if (!options.type.empty()) stmt->bind(1, options.type);
    if (!options.collection.empty()) stmt->bind(2, options.collection);
    std::vector<Item> items;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        items.push_back(item_from_row(row));
    }));
    return items;
}

Result<std::size_t> Archive::count_items(Reader reader) const {
    auto count = impl_->db.scalar(reader == Reader::kiosk
                                      ? "SELECT count(*) FROM items WHERE deleted_at IS NULL AND access = 'public'"
                                      : "SELECT count(*) FROM items WHERE deleted_at IS NULL");
    if (!count) return fail(std::move(count).error());
    return static_cast<std::size_t>(*count);
}

Result<std::vector<Asset>> Archive::assets(std::int64_t item_id) const {
    auto lease = impl_->db.cached(  // cached: called per item by exhibition checks and packages
        "SELECT a.id, a.item_id, a.role, a.sha256, o.size, a.mime, a.name, a.lang, a.tech, a.warnings, "
        "a.derived_from, a.created_at FROM assets a JOIN objects o ON o.sha256 = a.sha256 "
        "WHERE a.item_id = ?1 ORDER BY a.id");
    if (!lease) return fail(std::move(lease).error());
    sql::Stmt* stmt = &**lease;
    stmt->bind(1, item_id);
    std::vector<Asset> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        Asset asset;
        asset.id = row.int64(0);
        asset.item_id = row.int64(1);
        asset.role = row.text(2);
        asset.sha256 = row.text(3);
        asset.size = static_cast<std::uint64_t>(row.int64(4));
        asset.mime = row.text(5);
        asset.name = row.text(6);
        asset.lang = row.text(7);
        asset.tech_json = row.text(8);
        asset.warnings = keywords_from_json(row.text(9));
        asset.derived_from = row.opt_int64(10);
        asset.created_at = row.text(11);
        out.push_back(std::move(asset));
    }));
    return out;
}

Result<void> Archive::edit_item(std::int64_t id,
                                const std::vector<std::pair<std::string, std::string>>& changes,
                                std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("edit an item"));
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    auto current = query_item(impl_->db, "id = ?1", "", id, false);
    if (!current) return fail(std::move(current).error());
    Item edited = *current;
    for (const auto& [name, value] : changes) {
        const FieldInfo* field = find_field(name);
        if (!field) {
            return fail(Errc::invalid_argument, "item " + std::to_string(id) + ": unknown field '" + name +
                                                    "' (see `wenyuan fields`)");
        }
        auto set = set_field(edited, *field, value, impl_->vocabulary);
        if (!set) return fail(Errc::invalid_argument, "item " + std::to_string(id) + ": " + set.error().message);
    }
    WENYUAN_TRY(check_key_free(impl_->db, edited));
    const std::string time = now_utc_iso();
    auto history = impl_->db.prepare(
        "INSERT INTO field_history(item_id, field, old_value, new_value, time, agent) VALUES (?1,?2,?3,?4,?5,?6)");
    if (!history) return fail(std::move(history).error());
    std::string changed;
    for (const FieldInfo& field : item_fields()) {
        if (field.name == "category") continue;  // recorded as relic_category / ich_category
        const std::string before = get_field(*current, field), after = get_field(edited, field);
        if (before == after) continue;
        history->reset();
        history->bind(1, id).bind(2, field.name).bind(3, before).bind(4, after).bind(5, time).bind(6, agent);
        WENYUAN_TRY(history->run());
        changed += (changed.empty() ? "" : ", ") + std::string(field.name);
    }
    if (changed.empty()) return {};  // nothing to record; the transaction rolls back harmlessly
    edited.updated_at = time;
    WENYUAN_TRY(update_item_row(impl_->db, edited));
    WENYUAN_TRY(impl_->insert_event({0, time, "metadata_change", id, "", std::string(agent), "success", changed}));
    WENYUAN_TRY(impl_->on_item_changed(id));
    return tx->commit();
}

Result<std::vector<FieldChange>> Archive::history(std::int64_t id) const {
    auto stmt = impl_->db.prepare(
        "SELECT item_id, field, old_value, new_value, time, agent FROM field_history WHERE item_id = ?1 ORDER BY id");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, id);
    std::vector<FieldChange> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.int64(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)});
    }));
    return out;
}

Result<void> Archive::delete_item(std::int64_t id, std::string_view reason, std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("delete an item"));
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    auto current = query_item(impl_->db, "id = ?1", "", id, false);
    if (!current) return fail(std::move(current).error());
    const std::string time = now_utc_iso();
    auto mark = impl_->db.prepare("UPDATE items SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2");
    if (!mark) return fail(std::move(mark).error());
    WENYUAN_TRY(mark->bind(1, time).bind(2, id).run());
    auto history = impl_->db.prepare(
        "INSERT INTO field_history(item_id, field, old_value, new_value, time, agent) "
        "VALUES (?1, 'deleted', '', ?2, ?3, ?4)");
    if (!history) return fail(std::move(history).error());
    WENYUAN_TRY(history->bind(1, id).bind(2, time).bind(3, time).bind(4, agent).run());
    WENYUAN_TRY(impl_->insert_event({0, time, "deletion", id, "", std::string(agent), "success",
                                     reason.empty() ? current->title : current->title + ": " + std::string(reason)}));
    WENYUAN_TRY(impl_->on_item_changed(id));
    return tx->commit();
}

}  // namespace wenyuan
