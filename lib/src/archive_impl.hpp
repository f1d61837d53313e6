// Archive::Impl: the state behind an open archive. Private to the library.
#pragma once

#include <filesystem>
#include <string>

#include "fsutil.hpp"
#include "search/facts.hpp"
#include "search/index.hpp"
#include "sqlite.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan {

struct Archive::Impl {
    std::filesystem::path root;
    ObjectStore store;
    sql::Db db;
    bool read_only = false;
    int schema_version = 0;
    Vocabulary vocabulary;
    /// What search filters and counts by, loaded on the first search.
    mutable search::FactTable facts;
    /// Set by a bulk insert while it runs: new items' full-text rows wait there (index.hpp).
    search::PendingText* pending_text = nullptr;
    fs::Fd lock;  ///< shared flock on <root>/.lock held by every writer; gc takes it exclusively

    Impl(std::filesystem::path dir, sql::Db database, bool ro)
        : root(dir), store(std::move(dir)), db(std::move(database)), read_only(ro) {}

    /// Errc::invalid_argument when the archive was opened read-only.
    Result<void> require_writable(std::string_view what) const;
    /// Reloads `vocabulary` from the catalog.
    Result<void> load_vocabulary();
    /// Inserts an event row inside the caller's transaction.
    Result<void> insert_event(const Event& event);
    /// Adds an item to a collection (created on first use) inside the caller's transaction.
    Result<void> add_membership(std::int64_t item_id, std::string_view collection, const std::string& time);
    /// Indexes a newly inserted item (item.id set), inside the caller's transaction;
    /// `has_timed` when segments or caption cues were inserted with it (their text is indexed).
    Result<void> on_item_added(const Item& item, bool has_timed = false);
    /// Keeps derived state (the search index) in step with an item, inside the caller's
    /// transaction, so that a crash can never leave them disagreeing.
    Result<void> on_item_changed(std::int64_t item_id);
    /// Checks derived state (the search index) against the catalog for `verify`.
    Result<void> verify_derived(std::vector<VerifyProblem>& problems, std::vector<std::string>& notes) const;
};

/// The vocabulary CSV files compiled into the library (name → text), in seed order.
struct EmbeddedFile {
    const char* name;
    const char* text;
};
extern const EmbeddedFile kEmbeddedVocabulary[];
extern const std::size_t kEmbeddedVocabularyCount;

/// Reads the vocabularies from the catalog.
Result<Vocabulary> read_vocabulary(const sql::Db& db);

/// Seeds the vocab table from CSV text (inside the caller's transaction).
Result<void> seed_vocabulary(const sql::Db& db, std::string_view file_name, std::string_view text);

}  // namespace wenyuan
