// Reading and validating a package before anything is applied. Private to the library.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::package {

struct Member {
    std::uint64_t size = 0;
    std::uint64_t offset = 0;  ///< of its bytes in the tar
};

/// A package as read and checked by validate_bag.
struct Bag {
    std::filesystem::path file;
    std::string name;                            ///< the bag folder
    std::map<std::string, Member> members;       ///< path inside the bag → where
    std::map<std::string, std::string> small;    ///< tag files and data/*.json, read whole
    std::map<std::string, std::string> manifest; ///< payload path → SHA-512
    std::string key_id, tag_digest, created, expires, oxum;
    std::int64_t sequence = 0;
    bool already_applied = false;
    nlohmann::json doc;  ///< data/package.json
    std::uint64_t stage_bytes = 0;  ///< bytes of objects the store lacks

    /// "<file.wyp>: <path>: <reason>"
    Error error(Errc code, const std::string& path, const std::string& reason) const;
};

/// Reads the tar's headers and small files, and checks everything but the objects' bytes: paths,
/// links, bagit.txt, signature by a trusted key, tag manifest, bag-info (sequence, expiry),
/// manifest completeness, Payload-Oxum, data/*.json hashes, package.json (public items only,
/// every object in the package or the store), free space. Errors as apply_package.
Result<Bag> validate_bag(const Archive& archive, const std::filesystem::path& file);

/// An object copied from the package into tmp/, hashed, not yet in the store.
struct StagedObject {
    std::string sha256;
    std::filesystem::path temp;
};

/// Hashes every object in the package against the manifest (SHA-512) and its name (SHA-256),
/// copying those the store lacks into tmp/ (fsync'ed) when `stage` (else nothing is written).
/// On error every temp file is removed.
Result<std::vector<StagedObject>> hash_and_stage(const Archive& archive, const Bag& bag, bool stage,
                                                 const ProgressFn& progress);

/// Removes staged temp files (after a failure or a check-only run).
void discard(const std::vector<StagedObject>& staged);

}  // namespace wenyuan::package
