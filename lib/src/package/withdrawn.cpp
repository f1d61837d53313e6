#include "withdrawn.hpp"

#include <algorithm>
#include <cctype>

#include "../archive_impl.hpp"

namespace wenyuan::package {

Result<std::vector<std::string>> withdrawn_uids(const Archive& archive, const std::set<std::string>& earlier) {
    const sql::Db& db = archive.impl().db;
    auto once_public = db.prepare(
        "SELECT uid FROM items i WHERE (i.deleted_at IS NOT NULL OR i.access <> 'public') AND "
        "(i.access = 'public' OR EXISTS (SELECT 1 FROM field_history h WHERE h.item_id = i.id AND h.field = 'access' "
        "AND (h.old_value = 'public' OR h.new_value = 'public')))");
    if (!once_public) return fail(std::move(once_public).error());
    std::set<std::string> out;
    WENYUAN_TRY(once_public->each([&](const sql::Stmt& row) { out.insert(row.text(0)); }));
    auto exists = db.prepare("SELECT 1 FROM items WHERE uid = ?1");
    if (!exists) return fail(std::move(exists).error());
    for (const std::string& uid : earlier) {
        exists->reset();
        exists->bind(1, uid);
        auto row = exists->step();
        if (!row) return fail(std::move(row).error());
        if (!*row) out.insert(uid);  // gone altogether
    }
    return std::vector<std::string>(out.begin(), out.end());
}

Result<void> check_withdrawn(const nlohmann::json& withdrawn) {
    if (withdrawn.is_null()) return {};
    if (!withdrawn.is_array()) return fail(Errc::corrupt, "'withdrawn' is not a list");
    for (const auto& uid : withdrawn) {
        const bool ok = uid.is_string() && uid.get_ref<const std::string&>().size() == 32 &&
                        std::all_of(uid.get_ref<const std::string&>().begin(), uid.get_ref<const std::string&>().end(),
                                    [](unsigned char c) { return std::isxdigit(c) != 0; });
        if (!ok) return fail(Errc::corrupt, "'withdrawn' holds " + uid.dump() + ", not a 32-hex-digit uid");
    }
    return {};
}

Result<std::size_t> apply_withdrawals(Archive& archive, const nlohmann::json& withdrawn, const std::set<std::string>& keep,
                                      const std::string& package_name, const std::string& time, std::string_view agent) {
    if (!withdrawn.is_array()) return std::size_t{0};
    auto& impl = archive.impl();
    auto find = impl.db.prepare("SELECT id, title FROM items WHERE uid = ?1 AND deleted_at IS NULL");
    auto mark = impl.db.prepare("UPDATE items SET deleted_at = ?1, updated_at = ?1 WHERE id = ?2");
    auto history = impl.db.prepare(
        "INSERT INTO field_history(item_id, field, old_value, new_value, time, agent) VALUES (?1, 'deleted', '', ?2, ?2, ?3)");
    if (!find) return fail(std::move(find).error());
    if (!mark) return fail(std::move(mark).error());
    if (!history) return fail(std::move(history).error());
    std::size_t count = 0;
    for (const auto& value : withdrawn) {
        const std::string uid = value.get<std::string>();
        if (keep.count(uid)) continue;
        find->reset();
        find->bind(1, uid);
        auto row = find->step();
        if (!row) return fail(std::move(row).error());
        if (!*row) continue;
        const std::int64_t id = find->int64(0);
        const std::string title = find->text(1);
        mark->reset();
        WENYUAN_TRY(mark->bind(1, time).bind(2, id).run());
        history->reset();
        WENYUAN_TRY(history->bind(1, id).bind(2, time).bind(3, agent).run());
        WENYUAN_TRY(impl.insert_event({0, time, "deletion", id, "", std::string(agent), "success",
                                       title + ": withdrawn by the publisher (package " + package_name + ")"}));
        WENYUAN_TRY(impl.on_item_changed(id));
        ++count;
    }
    return count;
}

}  // namespace wenyuan::package
