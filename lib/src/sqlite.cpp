#include "sqlite.hpp"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <mutex>


namespace wenyuan::sql {

Error db_error(sqlite3* db, std::string_view what) {
    const int code = sqlite3_extended_errcode(db);
    Errc kind = Errc::io;
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) kind = Errc::busy;
    if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB) kind = Errc::corrupt;
    if ((code & 0xff) == SQLITE_CONSTRAINT) kind = Errc::invalid_argument;
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    std::string name = file && *file ? std::string(file) : "catalog";
    return Error{kind, name + ": " + std::string(what) + ": " + sqlite3_errmsg(db)};
}

Stmt& Stmt::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                      SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(stmt_.get(), index, value);
    return *this;
}
Stmt& Stmt::bind(int index, double value) {
    sqlite3_bind_double(stmt_.get(), index, value);
    return *this;
}
Stmt& Stmt::bind_null(int index) {
    sqlite3_bind_null(stmt_.get(), index);
    return *this;
}

Result<bool> Stmt::step() {
    const int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    Error error = db_error(db_, sqlite3_sql(stmt_.get()));
    sqlite3_reset(stmt_.get());
    return fail(std::move(error));
}

Result<void> Stmt::run() {
    for (;;) {
        auto row = step();
        if (!row) return fail(std::move(row).error());
        if (!*row) break;
    }
    sqlite3_reset(stmt_.get());
    return {};
}

void Stmt::reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
}

std::string Stmt::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_.get(), column);
    const int size = sqlite3_column_bytes(stmt_.get(), column);
    return data ? std::string(reinterpret_cast<const char*>(data), static_cast<size_t>(size))
                : std::string();
}
std::int64_t Stmt::int64(int column) const { return sqlite3_column_int64(stmt_.get(), column); }
double Stmt::real(int column) const { return sqlite3_column_double(stmt_.get(), column); }
bool Stmt::is_null(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}
std::optional<std::int64_t> Stmt::opt_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}
std::optional<double> Stmt::opt_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return real(column);
}

namespace {

// SQLite keeps memory statistics by default, behind a global mutex taken on every allocation:
// 8% of a bulk insert's time. Nothing here reads them (no sqlite3_memory_used, no soft heap
// limit). Only possible before SQLite initializes; when the host program already uses SQLite,
// sqlite3_config refuses (SQLITE_MISUSE) and its setting stays.
void configure_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<Db> Db::open(const std::filesystem::path& file, bool read_only, bool create, bool immutable) {
    configure_sqlite_once();
    sqlite3* raw = nullptr;
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create) flags |= SQLITE_OPEN_CREATE;
    std::string name = file.string();
    if (immutable && read_only) {
        // A URI filename: every byte but unreserved ones and '/' percent-encoded.
        name = "file:";
        for (const char c : std::filesystem::absolute(file).string()) {
            if (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/-_.~", c)) {
                name += c;
            } else {
                char escaped[4];
                std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
                name += escaped;
            }
        }
        name += "?immutable=1";
        flags |= SQLITE_OPEN_URI;
    }
    const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
    Db db;
    db.db_.reset(raw);
    db.path_ = file.string();
    if (rc != SQLITE_OK) {
        const std::string message = raw ? sqlite3_errmsg(raw) : "out of memory";
        return fail(rc == SQLITE_CANTOPEN ? Errc::not_found : Errc::io,
                    file.string() + ": cannot open catalog: " + message);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 10000);
    return db;
}

Result<Stmt> Db::prepare(std::string_view sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
        SQLITE_OK) {
        return fail(db_error(db_.get(), "prepare"));
    }
    return Stmt(db_.get(), stmt);
}

Result<StmtLease> Db::cached(std::string_view sql) const {
    auto found = cache_.find(std::string(sql));
    if (found == cache_.end()) {
        auto stmt = prepare(sql);
        if (!stmt) return fail(std::move(stmt).error());
        found = cache_.emplace(std::string(sql), std::make_unique<Stmt>(std::move(*stmt))).first;
    }
    found->second->reset();
    return StmtLease(found->second.get());
}

Result<void> Db::exec(std::string_view sql) const {
    char* message = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = db_error(db_.get(), "exec");
        sqlite3_free(message);
        return fail(std::move(error));
    }
    return {};
}

Result<std::int64_t> Db::scalar(std::string_view sql) const {
    auto stmt = prepare(sql);
    if (!stmt) return fail(std::move(stmt).error());
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return fail(Errc::internal, "catalog: query returned no row: " + std::string(sql));
    return stmt->int64(0);
}

Result<Transaction> Transaction::begin(const Db& db) {
    if (!sqlite3_get_autocommit(db.get())) {
        WENYUAN_TRY(db.exec("SAVEPOINT wenyuan_nested"));
        return Transaction(&db, true);
    }
    WENYUAN_TRY(db.exec("BEGIN IMMEDIATE"));
    return Transaction(&db, false);
}

Transaction::~Transaction() {
    if (!db_) return;
    sqlite3_exec(db_->get(), nested_ ? "ROLLBACK TO wenyuan_nested; RELEASE wenyuan_nested" : "ROLLBACK",
                 nullptr, nullptr, nullptr);
}

Result<ReadTransaction> ReadTransaction::begin(const Db& db) {
    if (!sqlite3_get_autocommit(db.get())) return ReadTransaction(nullptr);
    WENYUAN_TRY(db.exec("BEGIN"));
    return ReadTransaction(&db);
}

ReadTransaction::~ReadTransaction() {
    if (db_) sqlite3_exec(db_->get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Result<void> Transaction::commit() {
    assert(db_);
    WENYUAN_TRY(db_->exec(nested_ ? "RELEASE wenyuan_nested" : "COMMIT"));
    db_ = nullptr;
    return {};
}

}  // namespace wenyuan::sql
