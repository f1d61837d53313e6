// Importing many files: folder walking, manifests, a worker pool, and one catalog transaction
// per file.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/importer.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

struct ImportFailure {
    std::string path;   ///< the file, or "manifest.csv:17" for a bad manifest row
    std::string error;  ///< one line: the reason and what to do
};

struct ImportSummary {
    std::size_t imported = 0;
    std::size_t skipped = 0;  ///< already in the archive (same SHA-256)
    std::vector<ImportFailure> failed;
    std::vector<std::int64_t> item_ids;  ///< items created, in completion order
    std::vector<std::string> warnings;   ///< "file: warning" lines
};

struct ImportProgress {
    std::size_t done = 0;   ///< files finished (imported, skipped or failed)
    std::size_t total = 0;  ///< files planned
    std::uint64_t bytes_done = 0;
    std::chrono::steady_clock::duration elapsed{};
    std::string current;  ///< the file just finished
};

struct ImportRequest {
    std::vector<std::filesystem::path> inputs;  ///< files and folders (walked recursively)
    std::filesystem::path manifest;             ///< optional CSV; rows name files relative to it
    std::string collection;                     ///< optional collection for every new item
    std::string default_access = "internal";    ///< for items the manifest does not set
    unsigned jobs = 0;                          ///< worker threads; 0 = one per core
    ImportOptions options;
    std::string agent;
    std::function<void(const ImportProgress&)> on_progress;  ///< called on the calling thread
};

/// Imports every file. A bad file or manifest row is recorded in `failed` and the rest go on.
/// Each item is committed in its own transaction after its objects are durable, so a crash
/// leaves whole items only. Files already archived (by hash) are skipped. The returned error is
/// for failures to run at all (unreadable manifest, archive read-only).
///
/// Memory stays flat in the number of files: results are written as workers finish them.
Result<ImportSummary> import_files(Archive& archive, const ImporterRegistry& registry,
                                   const ImportRequest& request);

}  // namespace wenyuan
