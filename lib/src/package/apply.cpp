// wenyuan package apply: validate, stage, then switch the catalog in one transaction.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>

#include "../archive_impl.hpp"
#include "../clock.hpp"
#include "../items_sql.hpp"
#include "../timed_sql.hpp"
#include "apply_bag.hpp"
#include "bag.hpp"
#include "refs.hpp"
#include "rows.hpp"
#include "withdrawn.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/package.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan {
namespace {

using json = nlohmann::json;

// Moves staged objects into the store. Objects are content-addressed: an object already there
// (a resumed apply) is simply kept.
Result<void> install(const ObjectStore& store, const std::vector<package::StagedObject>& staged) {
    for (const package::StagedObject& object : staged) {
        const auto target = store.path_of(object.sha256);
        if (store.contains(object.sha256)) {
            ::unlink(object.temp.c_str());
            continue;
        }
        const auto folder = target.parent_path();
        std::error_code ec;
        const bool made = std::filesystem::create_directories(folder, ec);
        if (ec) return fail(Errc::io, folder.string() + ": cannot create folder: " + ec.message());
        ::chmod(object.temp.c_str(), 0444);
        if (::rename(object.temp.c_str(), target.c_str()) != 0) return fail(fs::errno_error(target, "rename into place failed"));
        WENYUAN_TRY(fs::sync_directory(folder));
        if (made) WENYUAN_TRY(fs::sync_directory(folder.parent_path()));
    }
    return {};
}

Result<std::optional<std::int64_t>> id_where(const sql::Db& db, const char* sql, std::string_view value) {
    auto stmt = db.cached(sql);
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, value);
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>((*stmt)->int64(0));
}

// Inserts or updates one item (by uid). Returns its local id; counts what it did.
Result<std::int64_t> upsert_item(Archive::Impl& impl, Item item, const std::string& time, std::string_view agent,
                                 const std::string& package_name, ApplyReport& report) {
    auto local = id_where(impl.db, "SELECT id FROM items WHERE uid = ?1", item.uid);
    if (!local) return fail(std::move(local).error());
    if (!item.key.empty()) {  // a key used here by another item stays with it; ids are what matter
        auto holder = id_where(impl.db, "SELECT id FROM items WHERE key = ?1", item.key);
        if (!holder) return fail(std::move(holder).error());
        if (*holder && (!*local || **holder != **local)) item.key.clear();
    }
    const std::string columns = kItemColumns + 4;  // every column but id
    const std::string values = "?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
                               "?23,?24,?25,?26,?27,?28,?29,?30,?31,NULL";
    Event event{0, time, "ingestion", std::nullopt, "", std::string(agent), "success", "from package " + package_name};
    if (*local) {
        auto row = impl.db.cached(std::string("SELECT ") + kItemColumns + " FROM items WHERE id = ?1");
        if (!row) return fail(std::move(row).error());
        (*row)->bind(1, **local);
        auto found = (*row)->step();
        if (!found) return fail(std::move(found).error());
        if (*found) {
            const Item current = item_from_row(**row);
            if (!current.deleted && package::item_to_json(current) == package::item_to_json(item)) {
                ++report.items_unchanged;  // a delta resends every row; most are as they were
                return current.id;
            }
        }
    }
    if (*local) {
        auto stmt = impl.db.prepare("UPDATE items SET (" + columns + ") = (" + values + ") WHERE id = ?32");
        if (!stmt) return fail(std::move(stmt).error());
        const int n = bind_item(*stmt, item);
        WENYUAN_TRY(stmt->bind(n + 1, **local).run());
        item.id = **local;
        WENYUAN_TRY(impl.on_item_changed(item.id));
        event.type = "metadata_change";
        event.detail = "updated from package " + package_name;
        ++report.items_updated;
    } else {
        auto stmt = impl.db.prepare("INSERT INTO items(" + columns + ") VALUES (" + values + ")");
        if (!stmt) return fail(std::move(stmt).error());
        bind_item(*stmt, item);
        WENYUAN_TRY(stmt->run());
        item.id = impl.db.last_insert_id();
        WENYUAN_TRY(impl.on_item_added(item));
        ++report.items_added;
    }
    event.item_id = item.id;
    WENYUAN_TRY(impl.insert_event(event));
    return item.id;
}

// Adds the item's assets it does not have yet (same role and bytes), keeping derived_from.
// Fills `ids` with the local asset id of every packaged asset, and `added` with whether it is new.
Result<void> add_missing_assets(Archive::Impl& impl, std::int64_t item_id, const json& assets, const std::string& where,
                                const std::string& time, std::vector<std::int64_t>& ids, std::vector<bool>& added) {
    auto object = impl.db.cached("INSERT OR IGNORE INTO objects(sha256, size, stored_at) VALUES (?1, ?2, ?3)");
    if (!object) return fail(std::move(object).error());
    for (std::size_t i = 0; i < assets.size(); ++i) {
        auto draft = package::asset_from_json(assets[i], where + " asset " + std::to_string(i));
        if (!draft) return fail(std::move(draft).error());
        // By the item's few assets: `+sha256` keeps SQLite from picking the sha256 index, which for
        // an object many items share (one scan in several records) walks all of their assets.
        auto existing = impl.db.cached("SELECT id FROM assets WHERE item_id = ?1 AND role = ?2 AND +sha256 = ?3");
        if (!existing) return fail(std::move(existing).error());
        (*existing)->bind(1, item_id).bind(2, draft->role).bind(3, draft->sha256);
        auto row = (*existing)->step();
        if (!row) return fail(std::move(row).error());
        if (*row) {
            ids.push_back((*existing)->int64(0));
            added.push_back(false);
            continue;
        }
        (*object)->reset();
        WENYUAN_TRY((*object)->bind(1, draft->sha256).bind(2, static_cast<std::int64_t>(draft->size)).bind(3, time).run());
        auto insert = impl.db.cached(
            "INSERT INTO assets(item_id, role, sha256, mime, name, lang, tech, warnings, derived_from, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        if (!insert) return fail(std::move(insert).error());
        (*insert)->bind(1, item_id).bind(2, draft->role).bind(3, draft->sha256).bind(4, draft->mime).bind(5, draft->name);
        (*insert)->bind(6, draft->lang).bind(7, draft->tech_json).bind(8, json(draft->warnings).dump());
        if (draft->derived_from_index && *draft->derived_from_index < ids.size()) {
            (*insert)->bind(9, ids[*draft->derived_from_index]);
        } else {
            (*insert)->bind_null(9);
        }
        WENYUAN_TRY((*insert)->bind(10, time).run());
        ids.push_back(impl.db.last_insert_id());
        added.push_back(true);
    }
    return {};
}

double number(const json& j, const char* name) {
    return j.contains(name) && j[name].is_number() ? j[name].get<double>() : 0.0;
}

// Segments the item lacks (same times and title), and the cues of caption assets added just now;
// segments the item has and the package does not list were removed at the source and go too.
// Fills `segment_ids` with sender's segment id → ours.
Result<void> add_timed(Archive& archive, std::int64_t item_id, const json& entry, const std::vector<std::int64_t>& asset_ids,
                       const std::vector<bool>& added, const std::string& time, std::string_view agent,
                       const std::set<std::int64_t>& with_segments, std::map<std::int64_t, std::int64_t>& segment_ids,
                       ApplyReport& report) {
    auto& impl = archive.impl();
    const json segments = entry.value("segments", json::array());
    const json cues = entry.value("cues", json::array());
    if (segments.empty() && cues.empty() && !with_segments.count(item_id)) return {};  // most items: nothing timed
    auto have = list_segments(archive, item_id);
    if (!have) return fail(std::move(have).error());
    const auto same = [](const Segment& s, const json& j) {
        return s.start == number(j, "start") && s.end == number(j, "end") && s.title == j.value("title", "");
    };
    if (entry.contains("segments")) {  // the sender's full list: what it lacks was removed there
        for (const Segment& s : *have) {
            if (std::none_of(segments.begin(), segments.end(), [&](const json& j) { return j.is_object() && same(s, j); })) {
                WENYUAN_TRY(remove_segment(archive, s.id, agent));
                ++report.segments_removed;
            }
        }
    }
    if (segments.empty() && cues.empty()) return {};
    TimedRecords timed;
    for (const json& j : segments) {
        if (!j.is_object()) continue;
        if (std::none_of(have->begin(), have->end(), [&](const Segment& s) { return same(s, j); })) {
            timed.segments.push_back({number(j, "start"), number(j, "end"), j.value("title", ""), j.value("description", ""),
                                      j.value("source", "manual")});
        }
    }
    for (const json& j : cues) {
        const std::size_t asset = j.is_object() ? j.value("asset", std::size_t{0}) : asset_ids.size();
        if (asset < asset_ids.size() && added[asset]) {
            timed.cues.push_back({asset, number(j, "start"), number(j, "end"), j.value("text", "")});
        }
    }
    if (!timed.segments.empty() || !timed.cues.empty()) {
        WENYUAN_TRY(insert_timed(impl.db, item_id, timed, asset_ids, time));
        WENYUAN_TRY(impl.on_item_changed(item_id));
        have = list_segments(archive, item_id);
        if (!have) return fail(std::move(have).error());
    }
    for (const json& j : segments) {
        for (const Segment& s : *have) {
            if (j.is_object() && j.contains("id") && j["id"].is_number_integer() && same(s, j)) segment_ids[j["id"].get<std::int64_t>()] = s.id;
        }
    }
    return {};
}

// The catalog switch: items, assets, exhibitions and the package record, all or nothing.
Result<void> switch_catalog(Archive& archive, const package::Bag& bag, std::string_view agent, ApplyReport& report) {
    auto& impl = archive.impl();
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    const std::string time = now_utc_iso();
    std::map<std::int64_t, std::int64_t> local_ids;    // sender's item id → ours
    std::map<std::int64_t, std::int64_t> segment_ids;  // sender's segment id → ours
    std::set<std::string> carried;                     // uids of the items the package carries
    std::set<std::int64_t> with_segments;              // our items that have segments
    if (archive.schema_version() >= 4) {
        auto stmt = impl.db.prepare("SELECT DISTINCT item_id FROM segments");
        if (!stmt) return fail(std::move(stmt).error());
        WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) { with_segments.insert(row.int64(0)); }));
    }
    for (const json& entry : bag.doc["items"]) {
        const std::string where = bag.file.string() + ": " + bag::kPackageJson + ": item " + entry["source_id"].dump();
        auto item = package::item_from_json(entry["item"], where);
        if (!item) return fail(std::move(item).error());
        if (item->access != Access::public_access) return fail(Errc::invalid_argument, where + ": not public");
        auto id = upsert_item(impl, std::move(*item), time, agent, bag.name, report);
        if (!id) return fail(std::move(id).error());
        local_ids[entry["source_id"].get<std::int64_t>()] = *id;
        std::vector<std::int64_t> asset_ids;
        std::vector<bool> added;
        WENYUAN_TRY(add_missing_assets(impl, *id, entry["assets"], where, time, asset_ids, added));
        WENYUAN_TRY(add_timed(archive, *id, entry, asset_ids, added, time, agent, with_segments, segment_ids, report));
        carried.insert(entry["item"].value("uid", ""));
    }
    auto withdrawn = package::apply_withdrawals(archive, bag.doc.value("withdrawn", json()), carried, bag.name, time, agent);
    if (!withdrawn) return fail(std::move(withdrawn).error());
    report.items_withdrawn = *withdrawn;
    for (const json& slug : bag.doc["exhibitions"]) {
        const std::string path = "data/exhibitions/" + slug.get<std::string>() + ".json";
        auto exhibition = parse_exhibition(bag.small.at(path), bag.file.string() + ": " + path);
        if (!exhibition) return fail(std::move(exhibition).error());
        bool unknown = false;
        package::for_each_ref(*exhibition, [&](ItemRef& ref) {
            const auto found = local_ids.find(ref.id);
            if (found == local_ids.end()) unknown = true;
            else ref = ItemRef{found->second, {}};
        });
        for (Section& section : exhibition->sections) {
            for (Exhibit& exhibit : section.exhibits) {
                if (!exhibit.segment) continue;
                const auto found = segment_ids.find(*exhibit.segment);
                if (found == segment_ids.end()) unknown = true;
                else exhibit.segment = found->second;
            }
        }
        if (unknown) return fail(bag.error(Errc::corrupt, path, "refers to an item or segment the package does not carry"));
        auto saved = save_exhibition(archive, std::move(*exhibition), agent);
        if (!saved) return fail(bag.error(saved.error().code, path, saved.error().message));
        ++report.exhibitions;
    }
    auto record = impl.db.prepare("INSERT INTO applied_packages(key_id, sequence, digest, name, created, applied_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!record) return fail(std::move(record).error());
    record->bind(1, bag.key_id).bind(2, bag.sequence).bind(3, bag.tag_digest).bind(4, bag.name);
    WENYUAN_TRY(record->bind(5, bag.created).bind(6, time).run());
    return tx->commit();
}

}  // namespace

Result<std::int64_t> package_generation(const Archive& archive) {
    // Asked of the catalog, not of the schema version read at open: a kiosk that opened an older
    // archive read-only sees the table appear when the first apply migrates it.
    auto tables = archive.impl().db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'applied_packages'");
    if (!tables) return fail(std::move(tables).error());
    if (*tables == 0) return std::int64_t{0};  // no package ever applied
    return archive.impl().db.scalar("SELECT coalesce(max(id), 0) FROM applied_packages");
}

Result<ApplyReport> apply_package(Archive& archive, const std::filesystem::path& file, std::string_view agent,
                                  const ApplyOptions& options, const ProgressFn& progress) {
    if (!options.check_only) WENYUAN_TRY(archive.impl().require_writable("apply a package"));
    auto bag = package::validate_bag(archive, file);
    if (!bag) return fail(std::move(bag).error());
    ApplyReport report;
    report.name = bag->name;
    report.key_id = bag->key_id;
    report.created = bag->created;
    report.expires = bag->expires;
    report.sequence = bag->sequence;
    report.already_applied = bag->already_applied;

    auto staged = package::hash_and_stage(archive, *bag, !options.check_only && !bag->already_applied, progress);
    if (!staged) return fail(std::move(staged).error());
    report.bytes_staged = bag->stage_bytes;
    for (const auto& [path, member] : bag->members) {
        if (path.rfind(bag::kObjectsDir, 0) != 0) continue;
        if (archive.store().contains(path.substr(std::string(bag::kObjectsDir).size()))) ++report.objects_present;
        else ++report.objects_staged;
    }
    if (options.check_only || bag->already_applied) {
        package::discard(*staged);
        return report;
    }
    if (auto installed = install(archive.store(), *staged); !installed) {
        package::discard(*staged);
        return fail(std::move(installed).error());
    }
    WENYUAN_TRY(switch_catalog(archive, *bag, agent, report));
    return report;
}

}  // namespace wenyuan
