// The usage log: a kiosk's own SQLite file of visits, exhibits opened, searches, tours and ratings.
#include <chrono>

#include "usage_impl.hpp"

namespace wenyuan {
namespace {

// Times are milliseconds since 1970 UTC. No column can hold personal data: a visit is a number.
constexpr const char* kSchema = R"sql(
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  started_ms INTEGER NOT NULL,
  ended_ms INTEGER,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5)
);
CREATE TABLE views (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER,
  exhibition TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  opened_ms INTEGER NOT NULL,
  dwell_ms INTEGER
);
CREATE INDEX views_exhibit ON views(exhibition, item_id);
CREATE TABLE searches (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER,
  at_ms INTEGER NOT NULL,
  query TEXT NOT NULL,
  results INTEGER NOT NULL
);
CREATE TABLE tours (
  id INTEGER PRIMARY KEY,
  visit_id INTEGER,
  exhibition TEXT NOT NULL,
  tour TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER
);
)sql";

constexpr std::size_t kMaxQueryBytes = 200;

/// Cuts UTF-8 text to at most `max` bytes without splitting a character.
std::string_view cut_utf8(std::string_view text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
}

Result<void> not_a_database(const std::string& name) {
    return fail(Errc::corrupt, name + ": not a Wenyuan usage log (not an SQLite database, or a damaged one)");
}

Result<void> prepare_file(const sql::Db& db, const std::string& name) {
    // Read before the journal mode is set, which would report a text file in SQLite's words.
    auto application = db.scalar("PRAGMA application_id");
    if (!application && application.error().code == Errc::corrupt) return not_a_database(name);
    if (!application) return fail(std::move(application).error());
    WENYUAN_TRY(db.exec("PRAGMA journal_mode = WAL"));
    WENYUAN_TRY(db.exec("PRAGMA synchronous = NORMAL"));
    auto version = db.scalar("PRAGMA user_version");
    if (!version) return fail(std::move(version).error());
    if (*application == 0 && *version == 0) {
        auto tables = db.scalar("SELECT count(*) FROM sqlite_schema");
        if (!tables) return fail(std::move(tables).error());
        if (*tables != 0) return fail(Errc::corrupt, name + ": not a Wenyuan usage log (a different SQLite database)");
        auto tx = sql::Transaction::begin(db);
        if (!tx) return fail(std::move(tx).error());
        WENYUAN_TRY(db.exec(kSchema));
        WENYUAN_TRY(db.exec("PRAGMA application_id = " + std::to_string(kUsageApplicationId)));
        WENYUAN_TRY(db.exec("PRAGMA user_version = " + std::to_string(kUsageSchemaVersion)));
        return tx->commit();
    }
    return {};
}

Result<void> check_file(const sql::Db& db, const std::string& name) {
    auto application = db.scalar("PRAGMA application_id");
    if (!application && application.error().code == Errc::corrupt) return not_a_database(name);
    if (!application) return fail(std::move(application).error());
    if (*application != kUsageApplicationId) return fail(Errc::corrupt, name + ": not a Wenyuan usage log");
    auto version = db.scalar("PRAGMA user_version");
    if (!version) return fail(std::move(version).error());
    if (*version > kUsageSchemaVersion) {
        return fail(Errc::version, name + ": usage log version " + std::to_string(*version) +
                                       " is newer than this Wenyuan; upgrade Wenyuan to read it");
    }
    return {};
}

Result<std::unique_ptr<UsageLog::Impl>> open_impl(const std::filesystem::path& file, bool read_only, UsageOptions options) {
    const std::string name = file.string();
    if (read_only && !std::filesystem::exists(file)) return fail(Errc::not_found, name + ": no such usage log");
    if (!read_only && file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) return fail(Errc::io, name + ": cannot create the folder: " + ec.message());
    }
    auto db = sql::Db::open(file, read_only, !read_only);
    if (!db) return fail(std::move(db).error());
    if (!read_only) {
        if (auto prepared = prepare_file(*db, name); !prepared) {
            if (prepared.error().code == Errc::corrupt) return fail(std::move(prepared).error());
            return fail(Errc::io, name + ": cannot set up the usage log: " + prepared.error().message);
        }
    }
    if (auto checked = check_file(*db, name); !checked) {
        if (checked.error().code == Errc::io) return fail(Errc::corrupt, name + ": not a Wenyuan usage log (" + checked.error().message + ")");
        return fail(std::move(checked).error());
    }
    auto impl = std::make_unique<UsageLog::Impl>();
    impl->path = file;
    impl->db = std::move(*db);
    impl->read_only = read_only;
    impl->options = std::move(options);
    return impl;
}

}  // namespace

std::int64_t UsageLog::Impl::now() const {
    if (options.now_ms) return options.now_ms();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Result<sql::StmtLease> UsageLog::Impl::insert(std::string_view sql, std::int64_t visit) const {
    if (read_only) return fail(Errc::invalid_argument, path.string() + ": the usage log was opened read-only");
    auto stmt = db.cached(sql);
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, visit ? std::optional<std::int64_t>(visit) : std::nullopt).bind(2, now());
    return stmt;
}

Result<void> UsageLog::Impl::update_one(std::string_view sql, std::int64_t id, std::int64_t value, std::string_view what) const {
    if (read_only) return fail(Errc::invalid_argument, path.string() + ": the usage log was opened read-only");
    auto stmt = db.cached(sql);
    if (!stmt) return fail(std::move(stmt).error());
    WENYUAN_TRY((*stmt)->bind(1, id).bind(2, value).run());
    if (db.changes() == 0) {
        // Either no such row or it was already set: only the former is an error.
        auto exists = db.cached(std::string("SELECT count(*) FROM ") + std::string(what) + "s WHERE id = ?1");
        if (!exists) return fail(std::move(exists).error());
        (*exists)->bind(1, id);
        auto row = (*exists)->step();
        if (!row) return fail(std::move(row).error());
        if ((*exists)->int64(0) == 0) {
            return fail(Errc::invalid_argument, path.string() + ": no " + std::string(what) + " " + std::to_string(id));
        }
    }
    return {};
}

Result<UsageLog> UsageLog::open(const std::filesystem::path& file, UsageOptions options) {
    auto impl = open_impl(file, false, std::move(options));
    if (!impl) return fail(std::move(impl).error());
    return UsageLog(std::move(*impl));
}

Result<UsageLog> UsageLog::open_read_only(const std::filesystem::path& file) {
    auto impl = open_impl(file, true, {});
    if (!impl) return fail(std::move(impl).error());
    return UsageLog(std::move(*impl));
}

UsageLog::UsageLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UsageLog::UsageLog(UsageLog&&) noexcept = default;
UsageLog& UsageLog::operator=(UsageLog&&) noexcept = default;
UsageLog::~UsageLog() = default;

const std::filesystem::path& UsageLog::path() const noexcept { return impl_->path; }

Result<std::int64_t> UsageLog::begin_visit() {
    if (impl_->read_only) return fail(Errc::invalid_argument, impl_->path.string() + ": the usage log was opened read-only");
    auto stmt = impl_->db.cached("INSERT INTO visits(started_ms) VALUES (?1)");
    if (!stmt) return fail(std::move(stmt).error());
    WENYUAN_TRY((*stmt)->bind(1, impl_->now()).run());
    return impl_->db.last_insert_id();
}

Result<void> UsageLog::end_visit(std::int64_t visit) {
    return impl_->update_one("UPDATE visits SET ended_ms = ?2 WHERE id = ?1 AND ended_ms IS NULL", visit, impl_->now(), "visit");
}

Result<void> UsageLog::rate_visit(std::int64_t visit, int rating) {
    if (rating < 1 || rating > 5) {
        return fail(Errc::invalid_argument, impl_->path.string() + ": a rating is 1 to 5, not " + std::to_string(rating));
    }
    return impl_->update_one("UPDATE visits SET rating = ?2 WHERE id = ?1", visit, rating, "visit");
}

Result<std::int64_t> UsageLog::exhibit_opened(std::int64_t visit, std::string_view exhibition, std::int64_t item_id) {
    auto stmt = impl_->insert("INSERT INTO views(visit_id, opened_ms, exhibition, item_id) VALUES (?1, ?2, ?3, ?4)", visit);
    if (!stmt) return fail(std::move(stmt).error());
    WENYUAN_TRY((*stmt)->bind(3, exhibition).bind(4, item_id).run());
    return impl_->db.last_insert_id();
}

Result<void> UsageLog::exhibit_closed(std::int64_t view) {
    // The dwell is computed in SQL from the stored open time, so that a restart in between is fine.
    return impl_->update_one("UPDATE views SET dwell_ms = max(0, ?2 - opened_ms) WHERE id = ?1 AND dwell_ms IS NULL", view,
                             impl_->now(), "view");
}

Result<void> UsageLog::searched(std::int64_t visit, std::string_view query, std::size_t results) {
    auto stmt = impl_->insert("INSERT INTO searches(visit_id, at_ms, query, results) VALUES (?1, ?2, ?3, ?4)", visit);
    if (!stmt) return fail(std::move(stmt).error());
    return (*stmt)->bind(3, cut_utf8(query, kMaxQueryBytes)).bind(4, static_cast<std::int64_t>(results)).run();
}

Result<std::int64_t> UsageLog::tour_started(std::int64_t visit, std::string_view exhibition, std::string_view tour_title) {
    auto stmt = impl_->insert("INSERT INTO tours(visit_id, started_ms, exhibition, tour) VALUES (?1, ?2, ?3, ?4)", visit);
    if (!stmt) return fail(std::move(stmt).error());
    WENYUAN_TRY((*stmt)->bind(3, exhibition).bind(4, tour_title).run());
    return impl_->db.last_insert_id();
}

Result<void> UsageLog::tour_finished(std::int64_t tour_run) {
    return impl_->update_one("UPDATE tours SET finished_ms = ?2 WHERE id = ?1 AND finished_ms IS NULL", tour_run, impl_->now(), "tour");
}

}  // namespace wenyuan
