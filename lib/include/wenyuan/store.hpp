// The content-addressed object store: every file is stored once, named by its SHA-256.
//
// Layout under the archive folder (frozen by tests/lib/golden_test.cpp):
//   objects/<first two hex digits>/<all 64 hex digits>   read-only files
//   tmp/                                                 in-flight writes, removed by gc
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan {

/// The outcome of putting bytes into the store.
struct StoredObject {
    std::string sha256;            ///< 64 lowercase hex digits
    std::uint64_t size = 0;        ///< bytes
    bool already_present = false;  ///< identical bytes were already stored; nothing was written
};

/// Writes objects crash-safely: the bytes go to tmp/, are fsync'ed, renamed into objects/, and the
/// directory is fsync'ed. A crash leaves at worst an unreferenced temp file or object, which
/// `Archive::collect_garbage` removes; a stored object is never partially written.
///
/// Thread safety: every member is safe to call concurrently from many threads and processes.
class ObjectStore {
public:
    /// `archive_root` is the archive folder; objects/ and tmp/ live below it.
    explicit ObjectStore(std::filesystem::path archive_root);

    /// Streams `source` into the store, hashing while it copies (memory stays flat).
    /// Errors: Errc::not_found (no such file), Errc::io (read, write, fsync or rename failed;
    /// the message names the file and the system error).
    Result<StoredObject> put_file(const std::filesystem::path& source) const;

    /// Stores bytes held in memory (derivatives). Errors: Errc::io.
    Result<StoredObject> put_bytes(std::string_view bytes) const;

    /// Where the object with this hash lives (whether or not it exists). `sha256` must be valid.
    std::filesystem::path path_of(std::string_view sha256) const;

    bool contains(std::string_view sha256) const;

    /// Re-hashes the stored object. Errors: Errc::not_found (missing), Errc::corrupt (the bytes
    /// no longer hash to their name; the message gives both hashes), Errc::io.
    Result<void> check(std::string_view sha256) const;

    /// Every object name in the store, sorted. Files in objects/ that are not named by a valid
    /// hash in the right subfolder are reported through `stray` (if given) and skipped.
    Result<std::vector<std::string>> list(
        const std::function<void(const std::filesystem::path&)>& stray = {}) const;

    /// Deletes an object. Only garbage collection should call this. Errors: Errc::io.
    Result<void> remove(std::string_view sha256) const;

    /// Temp files left by interrupted writes (in tmp/).
    std::vector<std::filesystem::path> leftover_temp_files() const;

    const std::filesystem::path& root() const noexcept { return root_; }

private:
    std::filesystem::path root_;
};

}  // namespace wenyuan
