// RAII owners for sqlite3 handles and a small statement helper. Private to the library.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "wenyuan/result.hpp"

namespace wenyuan::sql {

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

/// A prepared statement with positional binding (1-based) and typed column reads (0-based).
class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

    Stmt& bind(int index, std::string_view text);
    Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Stmt& bind(int index, double value);
    Stmt& bind_null(int index);
    template <class T>
    Stmt& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }
    /// Binds empty text as NULL.
    Stmt& bind_text_or_null(int index, std::string_view text) {
        return text.empty() ? bind_null(index) : bind(index, text);
    }

    /// Steps once. true: a row is ready; false: done. Errors carry SQLite's message.
    Result<bool> step();
    /// Steps to completion, for statements that return no rows.
    Result<void> run();
    void reset();

    /// Steps through every row, calling `visit(*this)` for each. Errors stop the walk.
    template <class Visit>
    Result<void> each(Visit&& visit) {
        for (;;) {
            auto row = step();
            if (!row) return fail(std::move(row).error());
            if (!*row) return {};
            visit(static_cast<const Stmt&>(*this));
        }
    }

    std::string text(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    bool is_null(int column) const;
    std::optional<std::int64_t> opt_int64(int column) const;
    std::optional<double> opt_real(int column) const;

    sqlite3_stmt* get() const noexcept { return stmt_.get(); }

private:
    sqlite3* db_ = nullptr;
    std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt_;
};

/// A cached statement on loan: reset when the loan ends, so that a statement left mid-way never
/// holds a read snapshot open.
class StmtLease {
public:
    explicit StmtLease(Stmt* stmt) : stmt_(stmt) {}
    StmtLease(StmtLease&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
    StmtLease& operator=(StmtLease&&) = delete;
    ~StmtLease() {
        if (stmt_) sqlite3_reset(stmt_->get());
    }
    Stmt* operator->() const noexcept { return stmt_; }
    Stmt& operator*() const noexcept { return *stmt_; }

private:
    Stmt* stmt_;
};

/// An open connection.
class Db {
public:
    /// Opens (or creates, when `create`) the database file. Busy timeout 10 s. `immutable` (with
    /// `read_only`, for a file on a read-only file system): SQLite takes no locks and makes no
    /// -shm file, without which a WAL database there cannot be opened at all.
    static Result<Db> open(const std::filesystem::path& file, bool read_only, bool create, bool immutable = false);

    Result<Stmt> prepare(std::string_view sql) const;
    /// A statement prepared once per connection and kept for reuse (for statements run per
    /// item in bulk paths and per hit in search), with its bindings cleared. Not for a statement
    /// whose rows a caller higher up the stack is still reading.
    Result<StmtLease> cached(std::string_view sql) const;
    /// Runs one or more statements with no parameters and no rows.
    Result<void> exec(std::string_view sql) const;
    /// The single integer a query returns (for pragmas and counts).
    Result<std::int64_t> scalar(std::string_view sql) const;
    std::int64_t last_insert_id() const noexcept { return sqlite3_last_insert_rowid(db_.get()); }
    int changes() const noexcept { return sqlite3_changes(db_.get()); }
    sqlite3* get() const noexcept { return db_.get(); }
    const std::string& path() const noexcept { return path_; }

private:
    DbHandle db_;
    std::string path_;
    mutable std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;  // finalised before db_ closes
};

/// BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless commit() succeeded.
/// Inside a transaction already open on the connection (a package apply that saves exhibitions
/// in its own transaction) it nests as a SAVEPOINT: commit() releases it, the destructor rolls
/// back to it, and only the outer COMMIT makes anything durable.
class Transaction {
public:
    static Result<Transaction> begin(const Db& db);
    Transaction(Transaction&& other) noexcept : db_(other.db_), nested_(other.nested_) { other.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Result<void> commit();

private:
    Transaction(const Db* db, bool nested) : db_(db), nested_(nested) {}
    const Db* db_;
    bool nested_ = false;
};

/// BEGIN (deferred) on construction, ending in the destructor: the reads in between see one
/// snapshot of the database, whatever other connections commit meanwhile. Inside an open
/// transaction it does nothing (the reads already see one snapshot).
class ReadTransaction {
public:
    static Result<ReadTransaction> begin(const Db& db);
    ReadTransaction(ReadTransaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    ReadTransaction& operator=(ReadTransaction&&) = delete;
    ~ReadTransaction();

private:
    explicit ReadTransaction(const Db* db) : db_(db) {}
    const Db* db_;
};

/// "catalog.db: <sqlite message>" for the connection's last error.
Error db_error(sqlite3* db, std::string_view what);

}  // namespace wenyuan::sql
