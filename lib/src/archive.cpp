#include "wenyuan/archive.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cstdlib>
#include <system_error>

#include "archive_impl.hpp"
#include "clock.hpp"
#include "schema.hpp"
#include "search/fts5_tokenizer.hpp"

namespace wenyuan {
namespace {

constexpr const char* kCatalogName = "catalog.db";

Result<void> create_folders(const std::filesystem::path& dir) {
    for (const char* sub : {"objects", "tmp"}) {
        std::error_code ec;
        std::filesystem::create_directories(dir / sub, ec);
        if (ec) return fail(Errc::io, (dir / sub).string() + ": cannot create folder: " + ec.message());
    }
    return fs::sync_directory(dir);
}

Result<void> seed_vocabularies(const sql::Db& db, const CreateOptions& options) {
    if (options.vocabulary_dir.empty()) {
        for (std::size_t i = 0; i < kEmbeddedVocabularyCount; ++i) {
            WENYUAN_TRY(seed_vocabulary(db, kEmbeddedVocabulary[i].name, kEmbeddedVocabulary[i].text));
        }
        return {};
    }
    for (std::size_t i = 0; i < kEmbeddedVocabularyCount; ++i) {
        const auto file = options.vocabulary_dir / kEmbeddedVocabulary[i].name;
        std::error_code ec;
        if (!std::filesystem::exists(file, ec)) {
            // A custom folder may leave out a kind; the built-in list fills it.
            WENYUAN_TRY(seed_vocabulary(db, kEmbeddedVocabulary[i].name, kEmbeddedVocabulary[i].text));
            continue;
        }
        auto text = fs::read_file(file);
        if (!text) return fail(std::move(text).error());
        WENYUAN_TRY(seed_vocabulary(db, file.string(), *text));
    }
    return {};
}

Result<fs::Fd> take_writer_lock(const std::filesystem::path& root) {
    const auto path = root / ".lock";
    fs::Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (!fd) return fail(fs::errno_error(path, "cannot open lock file"));
    if (::flock(fd.get(), LOCK_SH) != 0) return fail(fs::errno_error(path, "cannot lock"));
    return fd;
}

}  // namespace

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::Archive(Archive&&) noexcept = default;
Archive& Archive::operator=(Archive&&) noexcept = default;
Archive::~Archive() = default;

Result<Archive> Archive::create(const std::filesystem::path& dir, const CreateOptions& options) {
    std::error_code ec;
    if (std::filesystem::exists(dir / kCatalogName, ec)) {
        return fail(Errc::already_exists, dir.string() + ": an archive already exists here");
    }
    if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
        return fail(Errc::already_exists,
                    dir.string() + ": folder is not empty; choose a new or empty folder");
    }
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail(Errc::io, dir.string() + ": cannot create folder: " + ec.message());
    WENYUAN_TRY(create_folders(dir));

    // Build the catalog under a temporary name so that a crash never leaves a half-made one.
    const auto temp_db = dir / "catalog.db.creating";
    std::filesystem::remove(temp_db, ec);
    {
        auto db = sql::Db::open(temp_db, false, true);
        if (!db) return fail(std::move(db).error());
        WENYUAN_TRY(search::register_search_tokenizers(db->get()));
        WENYUAN_TRY(db->exec("PRAGMA journal_mode = DELETE"));
        WENYUAN_TRY(create_schema(*db));
        auto tx = sql::Transaction::begin(*db);
        if (!tx) return fail(std::move(tx).error());
        WENYUAN_TRY(seed_vocabularies(*db, options));
        WENYUAN_TRY(tx->commit());
    }
    if (::rename(temp_db.c_str(), (dir / kCatalogName).c_str()) != 0) {
        return fail(fs::errno_error(dir / kCatalogName, "cannot create catalog"));
    }
    WENYUAN_TRY(fs::sync_directory(dir));
    return open(dir, OpenMode::read_write);
}

Result<Archive> Archive::open(const std::filesystem::path& dir, OpenMode mode) {
    const bool read_only = mode == OpenMode::read_only;
    const auto catalog = dir / kCatalogName;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(catalog, ec)) {
        return fail(Errc::not_found, dir.string() + ": not a Wenyuan archive (no " + kCatalogName +
                                         "); create one with `wenyuan init`");
    }
    fs::Fd lock;
    if (!read_only) {
        auto taken = take_writer_lock(dir);
        if (!taken) return fail(std::move(taken).error());
        lock = std::move(*taken);
    }
    // On read-only media (a DVD, a write-protected card, a read-only mount) nothing can change the
    // catalog, and SQLite could not make the -shm file a WAL database needs: open it immutable.
    struct statvfs volume {};
    const bool on_read_only_media = read_only && ::statvfs(dir.c_str(), &volume) == 0 && (volume.f_flag & ST_RDONLY);
    auto db = sql::Db::open(catalog, read_only, false, on_read_only_media);
    if (!db) return fail(std::move(db).error());
    WENYUAN_TRY(search::register_search_tokenizers(db->get()));
    auto impl = std::make_unique<Impl>(dir, std::move(*db), read_only);
    impl->lock = std::move(lock);
    // SQLite reports a damaged or foreign file on first use; say what it means for the archive.
    auto damaged = [&](Error error) {
        if (error.code == Errc::corrupt && error.message.find("not a Wenyuan catalog") == std::string::npos) {
            error.message = catalog.string() + ": not a Wenyuan catalog, or damaged (" +
                            error.message.substr(error.message.rfind(": ") + 2) + "); restore it from a backup";
        }
        return fail(std::move(error));
    };
    if (auto configured = configure_connection(impl->db, read_only); !configured) return damaged(std::move(configured).error());
    if (read_only) {
        auto application = impl->db.scalar("PRAGMA application_id");
        if (!application) return damaged(std::move(application).error());
        if (*application != kApplicationId) {
            return fail(Errc::corrupt, catalog.string() + ": not a Wenyuan catalog");
        }
    } else if (auto migrated = migrate(impl->db); !migrated) {
        return damaged(std::move(migrated).error());
    }
    auto version = impl->db.scalar("PRAGMA user_version");
    if (!version) return fail(std::move(version).error());
    impl->schema_version = static_cast<int>(*version);
    if (read_only && (impl->schema_version < oldest_read_only_schema_version() ||
                      impl->schema_version > current_schema_version())) {
        return fail(Errc::version, catalog.string() + ": catalog schema version " +
                                       std::to_string(impl->schema_version) + ", this Wenyuan reads " +
                                       std::to_string(oldest_read_only_schema_version()) + " to " +
                                       std::to_string(current_schema_version()) +
                                       (impl->schema_version > current_schema_version()
                                            ? "; upgrade Wenyuan to open it"
                                            : "; open it once with `wenyuan` to migrate it"));
    }
    WENYUAN_TRY(impl->load_vocabulary());
    return Archive(std::move(impl));
}

const std::filesystem::path& Archive::root() const noexcept { return impl_->root; }
const ObjectStore& Archive::store() const noexcept { return impl_->store; }
bool Archive::read_only() const noexcept { return impl_->read_only; }
int Archive::schema_version() const noexcept { return impl_->schema_version; }
int Archive::current_schema_version() noexcept { return wenyuan::current_schema_version(); }
const Vocabulary& Archive::vocabulary() const noexcept { return impl_->vocabulary; }

Result<void> Archive::Impl::require_writable(std::string_view what) const {
    if (read_only) {
        return fail(Errc::invalid_argument,
                    root.string() + ": archive is open read-only; cannot " + std::string(what));
    }
    return {};
}

std::string default_agent(std::string_view program) {
    const char* user = std::getenv("USER");
    char host[256] = "localhost";
    ::gethostname(host, sizeof host - 1);
    return std::string(program) + "/" + version() + " " + (user && *user ? user : "unknown") + "@" +
           host;
}

const char* version() noexcept { return WENYUAN_VERSION; }

}  // namespace wenyuan
