// Validating a package: everything but the objects' bytes (see apply_stage.cpp for those).
#include <sys/statvfs.h>

#include <set>

#include "../archive_impl.hpp"
#include "../clock.hpp"
#include "apply_bag.hpp"
#include "bag.hpp"
#include "package_sql.hpp"
#include "withdrawn.hpp"
#include "wenyuan/hash.hpp"
#include "wenyuan/keys.hpp"
#include "wenyuan/tar.hpp"

namespace wenyuan::package {
namespace {

constexpr std::size_t kSmallLimit = 256u << 20;  // tag files and JSON documents read whole …
constexpr std::size_t kSmallTotal = 512u << 20;  // … and all of them together, before the signature is checked
constexpr std::uint64_t kSpaceMargin = 64u << 20;

bool is_object_path(const std::string& path) {
    return path.rfind(bag::kObjectsDir, 0) == 0;
}

// Pass over the tar headers: safe paths, regular files only, small files read.
Result<void> index_members(Bag& bag) {
    auto tar = TarReader::open(bag.file);
    if (!tar) return fail(std::move(tar).error());
    std::uint64_t small_total = 0;
    for (;;) {
        auto entry = tar->next();
        if (!entry) return fail(std::move(entry).error());
        if (!*entry) break;
        const TarEntry& e = **entry;
        auto path = bag::member_path(e.name, bag.name);
        if (!path) return fail(bag.error(Errc::corrupt, e.name, path.error().message));
        if (e.type == '1' || e.type == '2') {
            return fail(bag.error(Errc::corrupt, *path, "a link (to '" + e.link + "'); packages hold no links"));
        }
        if (e.type == '5') continue;
        if (e.type != '0' && e.type != '7') {
            return fail(bag.error(Errc::corrupt, *path, std::string("unsupported tar member type '") + e.type + "'"));
        }
        if (path->empty()) return fail(bag.error(Errc::corrupt, e.name, "a file in place of the bag folder"));
        if (!bag.members.emplace(*path, Member{e.size, e.data_offset}).second) {
            return fail(bag.error(Errc::corrupt, *path, "appears twice in the package"));
        }
        if (!is_object_path(*path)) {
            small_total += e.size;
            if (small_total > kSmallTotal) {
                return fail(bag.error(Errc::limit, *path, "tag files and documents exceed " + std::to_string(kSmallTotal >> 20) + " MiB"));
            }
            auto bytes = tar->read_all(kSmallLimit);
            if (!bytes) return fail(bag.error(Errc::limit, *path, bytes.error().message));
            bag.small[*path] = std::move(*bytes);
        }
    }
    if (bag.members.empty()) return fail(Errc::corrupt, bag.file.string() + ": the package is empty");
    return {};
}

Result<std::string> tag_file(const Bag& bag, const std::string& name) {
    const auto found = bag.small.find(name);
    if (found == bag.small.end()) return fail(bag.error(Errc::corrupt, name, "missing from the package"));
    return found->second;
}

std::string label(const std::multimap<std::string, std::string>& info, const std::string& name) {
    const auto found = info.find(name);
    return found == info.end() ? std::string() : found->second;
}

// bagit.txt, the signature, the tag manifest and bag-info.
Result<void> check_tags(const Archive& archive, Bag& bag) {
    auto bagit = tag_file(bag, "bagit.txt");
    if (!bagit) return fail(std::move(bagit).error());
    if (bagit->rfind("BagIt-Version: ", 0) != 0) return fail(bag.error(Errc::corrupt, "bagit.txt", "not a BagIt declaration"));

    auto signature_text = tag_file(bag, bag::kSignature);
    if (!signature_text) return fail(std::move(signature_text).error());
    auto signature = bag::parse_bag_info(*signature_text, bag::kSignature);
    if (!signature) return fail(bag.error(Errc::corrupt, bag::kSignature, "unreadable"));
    bag.key_id = label(*signature, "Key-Id");
    auto public_hex = trusted_public_key(archive.impl().db, bag.key_id);
    if (!public_hex) return fail(std::move(public_hex).error());
    if (!*public_hex) {
        return fail(bag.error(Errc::invalid_argument, bag::kSignature, "signed by key '" + bag.key_id +
                                  "', which this archive does not trust (see `wenyuan keys trust`)"));
    }
    auto tag_manifest = tag_file(bag, bag::kTagManifest);
    if (!tag_manifest) return fail(std::move(tag_manifest).error());
    if (!verify_message(**public_hex, *tag_manifest, label(*signature, "Signature"))) {
        return fail(bag.error(Errc::corrupt, bag::kSignature, std::string("the signature does not match ") +
                                                                  bag::kTagManifest + " (altered after signing)"));
    }
    bag.tag_digest = bag::sha512_bytes(*tag_manifest);

    auto tags = bag::parse_manifest(*tag_manifest, bag::kTagManifest);
    if (!tags) return fail(bag.error(Errc::corrupt, bag::kTagManifest, tags.error().message));
    for (const char* required : {"bagit.txt", "bag-info.txt", bag::kManifest}) {
        if (!tags->count(required)) return fail(bag.error(Errc::corrupt, bag::kTagManifest, std::string("does not list ") + required));
    }
    for (const auto& [path, hash] : *tags) {
        auto bytes = tag_file(bag, path);
        if (!bytes) return fail(std::move(bytes).error());
        if (bag::sha512_bytes(*bytes) != hash) {
            return fail(bag.error(Errc::corrupt, path, std::string("SHA-512 does not match ") + bag::kTagManifest));
        }
    }

    auto info = bag::parse_bag_info(bag.small["bag-info.txt"], "bag-info.txt");
    if (!info) return fail(bag.error(Errc::corrupt, "bag-info.txt", info.error().message));
    if (label(*info, "Wenyuan-Publisher-Key") != bag.key_id) {
        return fail(bag.error(Errc::corrupt, "bag-info.txt", "Wenyuan-Publisher-Key differs from the signing key"));
    }
    try {
        bag.sequence = std::stoll(label(*info, "Wenyuan-Sequence"));
    } catch (...) {
        return fail(bag.error(Errc::corrupt, "bag-info.txt", "Wenyuan-Sequence is not a number"));
    }
    bag.created = label(*info, "Wenyuan-Created");
    bag.expires = label(*info, "Wenyuan-Expires");
    if (bag.expires.empty()) return fail(bag.error(Errc::corrupt, "bag-info.txt", "Wenyuan-Expires is missing"));
    const std::string now = now_utc_iso();
    if (now.substr(0, 19) > bag.expires.substr(0, 19)) {
        return fail(bag.error(Errc::invalid_argument, "bag-info.txt", "the package expired on " + bag.expires));
    }
    auto last = last_applied(archive.impl().db, bag.key_id);
    if (!last) return fail(std::move(last).error());
    if (*last && (*last)->sequence > bag.sequence) {
        return fail(bag.error(Errc::invalid_argument, "bag-info.txt",
                              "sequence " + std::to_string(bag.sequence) + " is older than package " +
                                  std::to_string((*last)->sequence) + " already applied from this publisher (rollback refused)"));
    }
    if (*last && (*last)->sequence == bag.sequence) {
        if ((*last)->digest != bag.tag_digest) {
            return fail(bag.error(Errc::invalid_argument, "bag-info.txt", "sequence " + std::to_string(bag.sequence) +
                                                                              " was already applied with different content"));
        }
        bag.already_applied = true;
    }

    bag.oxum = label(*info, "Payload-Oxum");
    return {};
}

// Every payload file listed, every listed file present, no stray files, small files hashed.
Result<void> check_manifest(Bag& bag) {
    auto text = tag_file(bag, bag::kManifest);
    if (!text) return fail(std::move(text).error());
    auto manifest = bag::parse_manifest(*text, bag::kManifest);
    if (!manifest) return fail(bag.error(Errc::corrupt, bag::kManifest, manifest.error().message));
    bag.manifest = std::move(*manifest);
    const std::set<std::string> tags = {"bagit.txt", "bag-info.txt", bag::kManifest, bag::kTagManifest, bag::kSignature};
    for (const auto& [path, member] : bag.members) {
        if (path.rfind("data/", 0) == 0) {
            if (!bag.manifest.count(path)) {
                return fail(bag.error(Errc::corrupt, path, std::string("not listed in ") + bag::kManifest + " (a file was added)"));
            }
        } else if (!tags.count(path)) {
            return fail(bag.error(Errc::corrupt, path, "unexpected file in the bag (a file was added)"));
        }
    }
    for (const auto& [path, hash] : bag.manifest) {
        if (!bag.members.count(path)) {
            return fail(bag.error(Errc::corrupt, path, std::string("listed in ") + bag::kManifest + " but missing from the package"));
        }
        if (is_object_path(path)) {
            if (!is_sha256_hex(path.substr(std::string(bag::kObjectsDir).size()))) {
                return fail(bag.error(Errc::corrupt, path, "not named by its SHA-256"));
            }
        } else if (bag::sha512_bytes(bag.small[path]) != hash) {
            return fail(bag.error(Errc::corrupt, path, std::string("SHA-512 does not match ") + bag::kManifest));
        }
    }
    // Payload-Oxum: "<bytes>.<files>"
    std::uint64_t bytes = 0, files = 0;
    for (const auto& [path, member] : bag.members) {
        if (path.rfind("data/", 0) == 0) {
            bytes += member.size;
            ++files;
        }
    }
    if (bag.oxum != std::to_string(bytes) + "." + std::to_string(files)) {
        return fail(bag.error(Errc::corrupt, "bag-info.txt", "Payload-Oxum " + bag.oxum + " does not match the payload (" +
                                                                 std::to_string(bytes) + "." + std::to_string(files) + ")"));
    }
    return {};
}

// package.json: public items only, every object available, every exhibition document present.
Result<void> check_document(const Archive& archive, Bag& bag) {
    const std::string where = bag::kPackageJson;
    const auto found = bag.small.find(where);
    if (found == bag.small.end()) return fail(bag.error(Errc::corrupt, where, "missing from the package"));
    bag.doc = nlohmann::json::parse(found->second, nullptr, false);
    if (!bag.doc.is_object() || bag.doc.value("format", "") != "wenyuan-package/1" || !bag.doc["items"].is_array() ||
        !bag.doc["exhibitions"].is_array()) {
        return fail(bag.error(Errc::corrupt, where, "not a wenyuan-package/1 document"));
    }
    if (auto withdrawn = check_withdrawn(bag.doc.value("withdrawn", nlohmann::json())); !withdrawn) {
        return fail(bag.error(Errc::corrupt, where, withdrawn.error().message));
    }
    for (const auto& slug : bag.doc["exhibitions"]) {
        if (!slug.is_string() || !bag.small.count("data/exhibitions/" + slug.get<std::string>() + ".json")) {
            return fail(bag.error(Errc::corrupt, where, "an exhibition's document is missing: " + slug.dump()));
        }
    }
    for (const auto& entry : bag.doc["items"]) {
        if (!entry.is_object() || !entry["item"].is_object() || !entry["assets"].is_array() || !entry["source_id"].is_number_integer()) {
            return fail(bag.error(Errc::corrupt, where, "an item entry is malformed"));
        }
        const std::string access = entry["item"].value("access", "");
        if (access != "public") {
            return fail(bag.error(Errc::invalid_argument, where, "item '" + entry["item"].value("title", "") + "' is " +
                                                                     access + "; packages carry public items only"));
        }
        for (const auto& asset : entry["assets"]) {
            const std::string sha = asset.is_object() ? asset.value("sha256", "") : "";
            if (!is_sha256_hex(sha)) return fail(bag.error(Errc::corrupt, where, "an asset has no valid sha256"));
            const auto member = bag.members.find(bag::kObjectsDir + sha);
            if (member != bag.members.end()) continue;
            if (!archive.store().contains(sha)) {
                return fail(bag.error(Errc::corrupt, where, "object " + sha + " of '" + entry["item"].value("title", "") +
                                                                "' is neither in the package nor in this archive (apply the base package first)"));
            }
        }
    }
    for (const auto& [path, member] : bag.members) {
        if (is_object_path(path) && !archive.store().contains(path.substr(std::string(bag::kObjectsDir).size()))) {
            bag.stage_bytes += member.size;
        }
    }
    struct statvfs space {};
    if (::statvfs(archive.root().c_str(), &space) == 0) {
        const std::uint64_t free = static_cast<std::uint64_t>(space.f_bavail) * space.f_frsize;
        if (free < bag.stage_bytes + kSpaceMargin) {
            return fail(Errc::limit, bag.file.string() + ": needs " + std::to_string((bag.stage_bytes + kSpaceMargin) >> 20) +
                                         " MiB free in " + archive.root().string() + ", only " + std::to_string(free >> 20) + " MiB left");
        }
    }
    return {};
}

}  // namespace

Error Bag::error(Errc code, const std::string& path, const std::string& reason) const {
    return Error{code, file.string() + ": " + path + ": " + reason};
}

Result<Bag> validate_bag(const Archive& archive, const std::filesystem::path& file) {
    Bag bag;
    bag.file = file;
    WENYUAN_TRY(index_members(bag));
    WENYUAN_TRY(check_tags(archive, bag));
    WENYUAN_TRY(check_manifest(bag));
    WENYUAN_TRY(check_document(archive, bag));
    return bag;
}

}  // namespace wenyuan::package
