// An archive: a folder with a SQLite catalog (catalog.db) and a content-addressed object store.
// See docs/archive-format.md for the layout and the schema.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/item.hpp"
#include "wenyuan/result.hpp"
#include "wenyuan/store.hpp"
#include "wenyuan/vocab.hpp"

namespace wenyuan {

enum class OpenMode {
    read_write,  ///< staff tools: imports, edits, gc
    read_only,   ///< kiosks and reports: never writes a byte
};

struct CreateOptions {
    /// Folder with the vocabulary CSV files (relic_categories.csv, periods.csv …). Empty: use the
    /// copy installed with the library, or the one beside the source tree.
    std::filesystem::path vocabulary_dir;
};

/// Which items a reader may see.
enum class Reader {
    staff,  ///< everything that is not deleted
    kiosk,  ///< public items only
};

struct ListOptions {
    Reader reader = Reader::staff;
    std::string type;        ///< only this item type, if set
    std::string collection;  ///< only items in this collection, if set
    std::size_t limit = 0;   ///< 0: no limit
    std::size_t offset = 0;
};

struct Collection {
    std::int64_t id = 0;
    std::string name;
    std::string title;
    std::size_t item_count = 0;
};

struct Relation {
    std::int64_t subject = 0;
    std::string predicate;  ///< e.g. "inheritor_of", "part_of", "depicts", "related"
    std::int64_t object = 0;
};

struct VerifyProblem {
    std::string object;   ///< a sha256, "catalog", "item 12" or "search index"
    std::string problem;  ///< one line: "missing", "damaged: hashes to 3f…", …
};

struct VerifyReport {
    bool ok = true;
    std::size_t checked = 0;  ///< objects re-hashed
    std::vector<VerifyProblem> problems;
    std::vector<std::string> unreferenced;  ///< objects no asset refers to: a note, not a failure
    std::size_t temp_files = 0;             ///< leftovers of interrupted writes: a note
    std::vector<std::string> notes;         ///< checks that could not run, and why: not failures
};

struct GcReport {
    std::size_t objects_removed = 0;
    std::uint64_t bytes_freed = 0;
    std::size_t temp_files_removed = 0;
};

/// Progress of a long operation: `done` of `total` units (objects, bytes or files).
using ProgressFn = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// An open archive. Move-only; closing happens in the destructor.
///
/// Thread safety: an Archive is used by one thread at a time. Open one Archive per thread for
/// parallel readers; `store()` alone may be shared, since ObjectStore is thread-safe. Several
/// processes may open the same archive: SQLite's WAL serialises writers.
class Archive {
public:
    /// Creates a new archive in `dir` (created if missing; it must be empty otherwise) and seeds
    /// its vocabularies. Errors: Errc::already_exists, Errc::io, Errc::not_found (vocabulary files).
    [[nodiscard]] static Result<Archive> create(const std::filesystem::path& dir,
                                                const CreateOptions& options = {});

    /// Opens an existing archive and migrates an older catalog forward (read_write only).
    /// Errors: Errc::not_found (no catalog.db), Errc::version (written by a newer Wenyuan),
    /// Errc::corrupt (not a Wenyuan catalog), Errc::io.
    [[nodiscard]] static Result<Archive> open(const std::filesystem::path& dir,
                                              OpenMode mode = OpenMode::read_write);

    Archive(Archive&&) noexcept;
    Archive& operator=(Archive&&) noexcept;
    ~Archive();

    const std::filesystem::path& root() const noexcept;
    const ObjectStore& store() const noexcept;
    bool read_only() const noexcept;
    int schema_version() const noexcept;
    static int current_schema_version() noexcept;

    // ---- vocabularies -------------------------------------------------------------------
    const Vocabulary& vocabulary() const noexcept;
    /// Adds a term (or updates its names). Errors: Errc::invalid_argument for an unknown kind.
    Result<void> add_vocabulary_term(const VocabTerm& term, std::string_view agent);

    // ---- items --------------------------------------------------------------------------
    /// Records a new item with its assets (whose objects must already be stored) in one
    /// transaction, with an ingestion event, derivation events and collection membership.
    /// Returns the new item id. Errors: Errc::invalid_argument (missing title, unknown code,
    /// duplicate key, object not in the store), Errc::io.
    Result<std::int64_t> add_item(const Item& item, const std::vector<AssetDraft>& assets,
                                  const std::vector<std::string>& collections,
                                  std::string_view agent);

    /// Records many catalogue records without files (an inventory spreadsheet, a migrated
    /// catalogue) in one transaction: all of them or, on the first invalid record, none. Each gets
    /// an ingestion event and is searchable on return. Returns the new ids in order.
    /// Errors: as add_item, with the record's position and title in the message.
    Result<std::vector<std::int64_t>> add_items(const std::vector<Item>& items, std::string_view agent);

    /// Attaches more assets (derivatives made later) to an existing item in one transaction.
    Result<void> add_assets(std::int64_t item_id, const std::vector<AssetDraft>& assets,
                            std::string_view agent);

    /// The item with this id. Errors: Errc::not_found (also for deleted items unless asked).
    Result<Item> item(std::int64_t id, bool include_deleted = false) const;
    /// The item with this manifest key. Errors: Errc::not_found.
    Result<Item> item_by_key(std::string_view key) const;
    /// The id of the item whose original has this hash, if any (re-import skips it).
    Result<std::optional<std::int64_t>> item_with_original(std::string_view sha256) const;

    Result<std::vector<Item>> list_items(const ListOptions& options = {}) const;
    Result<std::size_t> count_items(Reader reader = Reader::staff) const;
    Result<std::vector<Asset>> assets(std::int64_t item_id) const;

    /// Sets fields (canonical names or aliases, see wenyuan/fields.hpp) in one transaction. The
    /// earlier values go to the item's history and a metadata_change event is logged.
    /// Errors: Errc::not_found, Errc::invalid_argument (unknown field or bad value; nothing changes).
    Result<void> edit_item(std::int64_t id,
                           const std::vector<std::pair<std::string, std::string>>& changes,
                           std::string_view agent);

    /// Earlier values of every field of the item, oldest first.
    Result<std::vector<FieldChange>> history(std::int64_t id) const;

    /// Withdraws an item: hidden from lists and search, kept with its assets and history.
    Result<void> delete_item(std::int64_t id, std::string_view reason, std::string_view agent);

    // ---- import bookkeeping -------------------------------------------------------------
    /// The SHA-256 an earlier import recorded for the source file at `path`, if its size and
    /// modification time are unchanged (lets a re-import skip files without reading them).
    Result<std::optional<std::string>> seen_import(std::string_view path, std::uint64_t size,
                                                   std::int64_t mtime_ns) const;
    /// Records that the source file at `path` has this hash and is archived.
    Result<void> remember_import(std::string_view path, std::uint64_t size, std::int64_t mtime_ns,
                                 std::string_view sha256);

    // ---- relations and collections ------------------------------------------------------
    Result<void> relate(std::int64_t subject, std::string_view predicate, std::int64_t object,
                        std::string_view agent);
    Result<std::vector<Relation>> relations(std::int64_t item_id) const;
    Result<std::vector<Collection>> collections() const;
    Result<std::vector<std::string>> collections_of(std::int64_t item_id) const;
    Result<void> add_to_collection(std::int64_t item_id, std::string_view collection,
                                   std::string_view agent);

    // ---- event log, fixity and housekeeping ---------------------------------------------
    /// Events newest first; `limit` 0 means all. `item_id` filters when set.
    Result<std::vector<Event>> events(std::size_t limit = 0,
                                      std::optional<std::int64_t> item_id = {}) const;
    Result<void> log_event(const Event& event);

    /// Re-hashes every object and checks the catalog against the store (and against the search
    /// index). Records a fixity_check event unless read-only. Problems are reported, not
    /// returned as errors; errors are for failures to run the check at all.
    Result<VerifyReport> verify(const ProgressFn& progress = {});

    /// Removes objects no asset refers to and temp files left by interrupted writes. Refuses
    /// (Errc::busy) while another process has the archive open for writing.
    Result<GcReport> collect_garbage(std::string_view agent);

    struct Impl;
    /// For the library's own modules (search, exhibitions); not part of the stable API.
    Impl& impl() noexcept { return *impl_; }
    const Impl& impl() const noexcept { return *impl_; }

private:
    explicit Archive(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// The agent string for events: "wenyuan/<version> <user>@<host>".
std::string default_agent(std::string_view program);

/// The library version, "0.1.0".
const char* version() noexcept;

}  // namespace wenyuan
