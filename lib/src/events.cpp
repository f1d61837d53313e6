#include "archive_impl.hpp"

namespace wenyuan {

Result<void> Archive::Impl::insert_event(const Event& event) {
    auto stmt = db.cached(
        "INSERT INTO events(time, type, item_id, object, agent, outcome, detail) VALUES (?1,?2,?3,?4,?5,?6,?7)");
    if (!stmt) return fail(std::move(stmt).error());
    sql::Stmt& insert = **stmt;
    insert.bind(1, event.time).bind(2, event.type).bind(3, event.item_id);
    insert.bind_text_or_null(4, event.object).bind(5, event.agent).bind(6, event.outcome).bind(7, event.detail);
    return insert.run();
}

Result<void> Archive::log_event(const Event& event) {
    WENYUAN_TRY(impl_->require_writable("log an event"));
    return impl_->insert_event(event);
}

Result<std::vector<Event>> Archive::events(std::size_t limit, std::optional<std::int64_t> item_id) const {
    std::string query = "SELECT id, time, type, item_id, object, agent, outcome, detail FROM events";
    if (item_id) query += " WHERE item_id = ?1";
    query += " ORDER BY id DESC";
    if (limit) query += " LIMIT " + std::to_string(limit);
    auto stmt = impl_->db.prepare(query);
    if (!stmt) return fail(std::move(stmt).error());
    if (item_id) stmt->bind(1, *item_id);
    std::vector<Event> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.int64(0), row.text(1), row.text(2), row.opt_int64(3), row.text(4),
                       row.text(5), row.text(6), row.text(7)});
    }));
    return out;
}

}  // namespace wenyuan

namespace wenyuan {

Result<std::optional<std::string>> Archive::seen_import(std::string_view path, std::uint64_t size,
                                                        std::int64_t mtime_ns) const {
    auto stmt = impl_->db.prepare("SELECT sha256 FROM import_seen WHERE path = ?1 AND size = ?2 AND mtime_ns = ?3");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, path).bind(2, static_cast<std::int64_t>(size)).bind(3, mtime_ns);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<std::string>();
    return std::optional<std::string>(stmt->text(0));
}

Result<void> Archive::remember_import(std::string_view path, std::uint64_t size, std::int64_t mtime_ns,
                                      std::string_view sha256) {
    WENYUAN_TRY(impl_->require_writable("record an import"));
    auto stmt = impl_->db.prepare("INSERT OR REPLACE INTO import_seen(path, size, mtime_ns, sha256) VALUES (?1,?2,?3,?4)");
    if (!stmt) return fail(std::move(stmt).error());
    return stmt->bind(1, path).bind(2, static_cast<std::int64_t>(size)).bind(3, mtime_ns).bind(4, sha256).run();
}

}  // namespace wenyuan
