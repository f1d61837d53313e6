#include "archive_impl.hpp"
#include "clock.hpp"

namespace wenyuan {

Result<void> Archive::Impl::add_membership(std::int64_t item_id, std::string_view collection,
                                           const std::string& time) {
    if (collection.empty()) return fail(Errc::invalid_argument, "collection: a collection needs a name");
    auto create = db.prepare("INSERT OR IGNORE INTO collections(name, title, created_at) VALUES (?1, ?1, ?2)");
    if (!create) return fail(std::move(create).error());
    WENYUAN_TRY(create->bind(1, collection).bind(2, time).run());
    auto member = db.prepare(
        "INSERT OR IGNORE INTO collection_items(collection_id, item_id) "
        "SELECT id, ?2 FROM collections WHERE name = ?1");
    if (!member) return fail(std::move(member).error());
    return member->bind(1, collection).bind(2, item_id).run();
}

Result<void> Archive::add_to_collection(std::int64_t item_id, std::string_view collection,
                                        std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("change a collection"));
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    WENYUAN_TRY(item(item_id));
    const std::string time = now_utc_iso();
    WENYUAN_TRY(impl_->add_membership(item_id, collection, time));
    WENYUAN_TRY(impl_->insert_event({0, time, "metadata_change", item_id, "", std::string(agent), "success",
                                     "collection += " + std::string(collection)}));
    WENYUAN_TRY(impl_->on_item_changed(item_id));
    return tx->commit();
}

Result<std::vector<Collection>> Archive::collections() const {
    auto stmt = impl_->db.prepare(
        "SELECT c.id, c.name, c.title, (SELECT count(*) FROM collection_items ci JOIN items i "
        "ON i.id = ci.item_id WHERE ci.collection_id = c.id AND i.deleted_at IS NULL) "
        "FROM collections c ORDER BY c.name");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<Collection> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.int64(0), row.text(1), row.text(2), static_cast<std::size_t>(row.int64(3))});
    }));
    return out;
}

Result<std::vector<std::string>> Archive::collections_of(std::int64_t item_id) const {
    auto stmt = impl_->db.prepare(
        "SELECT c.name FROM collections c JOIN collection_items ci ON ci.collection_id = c.id "
        "WHERE ci.item_id = ?1 ORDER BY c.name");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, item_id);
    std::vector<std::string> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back(row.text(0));
    }));
    return out;
}

Result<void> Archive::relate(std::int64_t subject, std::string_view predicate, std::int64_t object,
                             std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("relate items"));
    if (predicate.empty()) return fail(Errc::invalid_argument, "relation: a relation needs a predicate");
    if (subject == object) return fail(Errc::invalid_argument, "relation: an item cannot be related to itself");
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    WENYUAN_TRY(item(subject));
    WENYUAN_TRY(item(object));
    auto insert = impl_->db.prepare("INSERT OR IGNORE INTO relations(subject, predicate, object) VALUES (?1,?2,?3)");
    if (!insert) return fail(std::move(insert).error());
    WENYUAN_TRY(insert->bind(1, subject).bind(2, predicate).bind(3, object).run());
    WENYUAN_TRY(impl_->insert_event({0, now_utc_iso(), "relation_change", subject, "", std::string(agent), "success",
                                     std::string(predicate) + " " + std::to_string(object)}));
    return tx->commit();
}

Result<std::vector<Relation>> Archive::relations(std::int64_t item_id) const {
    auto stmt = impl_->db.prepare(
        "SELECT subject, predicate, object FROM relations WHERE subject = ?1 OR object = ?1 "
        "ORDER BY subject, predicate, object");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, item_id);
    std::vector<Relation> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.int64(0), row.text(1), row.int64(2)});
    }));
    return out;
}

}  // namespace wenyuan
