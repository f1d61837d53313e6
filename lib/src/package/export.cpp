// wenyuan package export: exhibitions, their public items and assets as a signed BagIt tar.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "../archive_impl.hpp"
#include "../clock.hpp"
#include "../items_sql.hpp"
#include "../fsutil.hpp"
#include "bag.hpp"
#include "refs.hpp"
#include "rows.hpp"
#include "withdrawn.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/hash.hpp"
#include "wenyuan/package.hpp"
#include "wenyuan/segments.hpp"
#include "wenyuan/tar.hpp"

namespace wenyuan {
namespace {

using json = nlohmann::json;

struct PackedObject {
    std::string sha256;
    std::uint64_t size = 0;
};

struct Plan {
    std::vector<Exhibition> exhibitions;
    json items = json::array();
    std::vector<PackedObject> objects;   // carried, in order
    std::vector<std::string> assumed;    // referenced but left out: the receiver has them
    std::vector<std::string> dropped;
};

std::string bag_name_of(const std::filesystem::path& output) {
    std::string name = output.stem().string();
    for (char& c : name) {
        if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
    }
    return name.empty() || name == "." || name == ".." ? "package" : name;
}

// Which exhibitions, as a kiosk would show them today.
Result<void> plan_exhibitions(const Archive& archive, const ExportOptions& options, Plan& plan) {
    if (options.exhibitions.empty()) return fail(Errc::invalid_argument, "package export: name at least one --exhibition");
    std::vector<ExhibitionProblem> dropped;
    auto shown = kiosk_exhibitions(archive, &dropped);
    if (!shown) return fail(std::move(shown).error());
    for (const auto& problem : dropped) plan.dropped.push_back(problem.where + ": " + problem.problem);
    std::set<std::int64_t> seen;
    for (const std::string& wanted : options.exhibitions) {
        auto stored = load_exhibition(archive, wanted);
        if (!stored) return fail(std::move(stored).error());
        if (!seen.insert(stored->id).second) continue;
        const Exhibition* found = nullptr;
        for (const Exhibition& e : *shown) {
            if (e.id == stored->id) found = &e;
        }
        if (!found) {
            return fail(Errc::invalid_argument, "exhibition '" + wanted +
                                                    "': nothing in it may be shown on a kiosk (see `wenyuan exhibition validate`)");
        }
        plan.exhibitions.push_back(*found);
    }
    return {};
}

// The items the exhibitions use, public ones only, and the assets a kiosk needs.
Result<void> plan_items(const Archive& archive, const ExportOptions& options,
                        const std::set<std::string>& receiver_has, Plan& plan) {
    std::map<std::int64_t, std::set<std::string>> items;  // id → asset roles named by exhibits
    for (Exhibition& e : plan.exhibitions) {
        package::for_each_ref(e, [&](ItemRef& ref) { items[ref.id]; });
        for (const Section& section : e.sections) {
            for (const Exhibit& exhibit : section.exhibits) {
                if (!exhibit.asset.empty()) items[exhibit.item.id].insert(exhibit.asset);
            }
        }
    }
    std::set<std::string> packed;
    auto lookup = archive.impl().db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE id = ?1");
    if (!lookup) return fail(std::move(lookup).error());
    for (const auto& [id, named_roles] : items) {
        lookup->reset();
        lookup->bind(1, id);
        auto row = lookup->step();
        if (!row) return fail(std::move(row).error());
        if (!*row) return fail(Errc::not_found, "item " + std::to_string(id) + ": no such item");
        const std::optional<Item> item = item_from_row(*lookup);
        // The hard rule, whatever the exhibition code decided: nothing but public items leaves.
        if (item->access != Access::public_access || item->deleted) {
            return fail(Errc::internal, "item " + std::to_string(id) + " is " + to_string(item->access) +
                                            "; it must never enter a package");
        }
        auto assets = archive.assets(id);
        if (!assets) return fail(std::move(assets).error());
        // The original goes too when asked, when an exhibit names it, or when the kiosk has
        // nothing else to show (a recording without an access copy).
        bool access_copy = false;
        for (const Asset& asset : *assets) {
            for (const char* role : {"tiles", "preview", "model", "lod", "access"}) access_copy = access_copy || asset.role == role;
        }
        std::vector<const Asset*> chosen;
        for (const Asset& asset : *assets) {
            if (asset.role != "original" || options.with_originals || !access_copy || named_roles.count(asset.role)) {
                chosen.push_back(&asset);
            }
        }
        json assets_json = json::array();
        for (const Asset* asset : chosen) {
            std::optional<std::size_t> source;
            for (std::size_t i = 0; asset->derived_from && i < chosen.size(); ++i) {
                if (chosen[i]->id == *asset->derived_from) source = i;
            }
            assets_json.push_back(package::asset_to_json(*asset, source));
            if (!packed.insert(asset->sha256).second) continue;
            if (receiver_has.count(asset->sha256)) {
                plan.assumed.push_back(asset->sha256);
                continue;
            }
            struct stat info {};
            const auto file = archive.store().path_of(asset->sha256);
            if (::stat(file.c_str(), &info) != 0) {
                return fail(Errc::not_found, file.string() + ": object of item " + std::to_string(id) + " " +
                                                 asset->role + " is missing from the store (run `wenyuan verify`)");
            }
            plan.objects.push_back({asset->sha256, static_cast<std::uint64_t>(info.st_size)});
        }
        // Segments (exhibits may start at one) and caption cues of the packaged caption assets,
        // looked up only for items with a recording or captions.
        bool timed = false;
        for (const Asset& asset : *assets) {
            timed = timed || asset.mime.rfind("audio/", 0) == 0 || asset.mime.rfind("video/", 0) == 0 ||
                    asset.role == "captions" || asset.mime == "text/vtt";
        }
        auto segments = timed ? list_segments(archive, id) : Result<std::vector<Segment>>(std::vector<Segment>());
        if (!segments) return fail(std::move(segments).error());
        json segments_json = json::array();
        for (const Segment& segment : *segments) {
            segments_json.push_back({{"id", segment.id}, {"start", segment.start}, {"end", segment.end}, {"title", segment.title},
                                     {"description", segment.description}, {"source", segment.source}});
        }
        auto cues = timed ? list_cues(archive, id) : Result<std::vector<Cue>>(std::vector<Cue>());
        if (!cues) return fail(std::move(cues).error());
        json cues_json = json::array();
        for (const Cue& cue : *cues) {
            for (std::size_t i = 0; i < chosen.size(); ++i) {
                if (chosen[i]->id == cue.asset_id) {
                    cues_json.push_back({{"asset", i}, {"start", cue.start}, {"end", cue.end}, {"text", cue.text}});
                }
            }
        }
        plan.items.push_back({{"source_id", id}, {"item", package::item_to_json(*item)}, {"assets", assets_json},
                              {"segments", segments_json}, {"cues", cues_json}});
    }
    return {};
}

// Streams one store object into the tar, hashing it with SHA-512 on the way.
Result<std::string> copy_object(const Archive& archive, TarWriter& tar, const std::string& member,
                                const PackedObject& object, std::vector<char>& buffer,
                                std::uint64_t& done, std::uint64_t total, const ProgressFn& progress) {
    const auto file = archive.store().path_of(object.sha256);
    fs::Fd in(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in) return fail(fs::errno_error(file, "cannot open"));
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
    WENYUAN_TRY(tar.begin_member(member, object.size));
    bag::Sha512 hash;
    std::uint64_t left = object.size;
    while (left > 0) {
        const ssize_t got = ::read(in.get(), buffer.data(), std::min<std::uint64_t>(buffer.size(), left));
        if (got < 0) return fail(fs::errno_error(file, "cannot read"));
        if (got == 0) return fail(Errc::corrupt, file.string() + ": object is shorter than when listed");
        hash.update(buffer.data(), static_cast<std::size_t>(got));
        WENYUAN_TRY(tar.write(buffer.data(), static_cast<std::size_t>(got)));
        left -= static_cast<std::uint64_t>(got);
        done += static_cast<std::uint64_t>(got);
        if (progress) progress(done, total);
    }
    WENYUAN_TRY(tar.end_member());
    return hash.finish_hex();
}

}  // namespace

namespace {

// What an earlier package (or a receiver's manifest) says the receiver has: objects, and the uids
// of the items it carried or withdrew.
struct Earlier {
    std::set<std::string> objects, uids;
};

Result<Earlier> read_earlier(const std::filesystem::path& file) {
    std::string manifest, package_json;
    if (auto tar = TarReader::open(file); tar) {
        for (;;) {
            auto entry = tar->next();
            if (!entry || !*entry) break;  // not a tar (or its end): fall back to a manifest file
            const std::string& name = (*entry)->name;
            if (name.ends_with("/" + std::string(bag::kManifest))) {
                auto text = tar->read_all(1u << 30);
                if (!text) return fail(std::move(text).error());
                manifest = std::move(*text);
            } else if (name.ends_with("/" + std::string(bag::kPackageJson))) {
                auto text = tar->read_all(1u << 30);
                if (!text) return fail(std::move(text).error());
                package_json = std::move(*text);
            }
        }
    } else if (tar.error().code == Errc::not_found) {
        return fail(std::move(tar).error());
    }
    if (manifest.empty()) {
        auto text = fs::read_file(file);
        if (!text) return fail(std::move(text).error());
        manifest = std::move(*text);
    }
    Earlier earlier;
    std::set<std::string>& objects = earlier.objects;
    std::size_t start = 0;
    while (start < manifest.size()) {
        auto end = manifest.find('\n', start);
        if (end == std::string::npos) end = manifest.size();
        std::string line = manifest.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        const auto space = line.find_last_of(" \t");
        std::string token = space == std::string::npos ? line : line.substr(space + 1);
        if (token.rfind(bag::kObjectsDir, 0) == 0) token = token.substr(std::string(bag::kObjectsDir).size());
        if (is_sha256_hex(token)) objects.insert(token);
    }
    if (!package_json.empty()) {
        const json doc = json::parse(package_json, nullptr, false);
        if (doc.is_object() && doc.contains("base_objects") && doc["base_objects"].is_array()) {
            for (const json& sha : doc["base_objects"]) {
                if (sha.is_string() && is_sha256_hex(sha.get<std::string>())) objects.insert(sha.get<std::string>());
            }
        }
        if (doc.is_object() && doc.contains("items") && doc["items"].is_array()) {
            for (const json& entry : doc["items"]) {
                if (entry.is_object() && entry.contains("item") && entry["item"].is_object()) {
                    const json& uid = entry["item"].value("uid", json());
                    if (uid.is_string()) earlier.uids.insert(uid.get<std::string>());
                }
            }
        }
        if (doc.is_object() && package::check_withdrawn(doc.value("withdrawn", json()))) {
            for (const json& uid : doc.value("withdrawn", json::array())) earlier.uids.insert(uid.get<std::string>());
        }
    }
    if (objects.empty() && manifest.find_first_not_of(" \r\n\t") != std::string::npos) {
        return fail(Errc::corrupt, file.string() + ": neither a package nor a manifest listing data/objects/<sha256>");
    }
    return earlier;
}

}  // namespace

Result<std::vector<std::string>> package_objects(const std::filesystem::path& file) {
    auto earlier = read_earlier(file);
    if (!earlier) return fail(std::move(earlier).error());
    return std::vector<std::string>(earlier->objects.begin(), earlier->objects.end());
}

Result<ExportReport> export_package(const Archive& archive, const ExportOptions& options, const ProgressFn& progress) {
    if (options.key.secret_hex.empty()) return fail(Errc::invalid_argument, "package export: a signing key is needed");
    // The finished package is renamed over the output: never over a device, a folder or a pipe
    // (as root, `-o /dev/null` would have replaced the device with the package).
    std::error_code ec;
    const auto existing = std::filesystem::symlink_status(options.output, ec);
    if (std::filesystem::exists(existing) && !std::filesystem::is_regular_file(existing)) {
        return fail(Errc::invalid_argument,
                    options.output.string() + ": exists and is not a regular file; name a new .wyp file");
    }
    ExportReport report;
    report.key_id = options.key.public_key.key_id;
    report.created = now_utc_iso();
    report.sequence = options.sequence > 0 ? options.sequence
                                           : std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::system_clock::now().time_since_epoch()).count();
    if (options.expires.empty()) {
        report.expires = bag::days_from_now(365);
    } else {
        auto expires = bag::normalise_expiry(options.expires);
        if (!expires) return fail(std::move(expires).error());
        report.expires = *expires;
    }
    Earlier earlier;
    if (!options.since.empty()) {
        auto since = read_earlier(options.since);
        if (!since) return fail(std::move(since).error());
        earlier = std::move(*since);
    }

    Plan plan;
    WENYUAN_TRY(plan_exhibitions(archive, options, plan));
    WENYUAN_TRY(plan_items(archive, options, earlier.objects, plan));
    // Every package, full or delta, names what was withdrawn since, so kiosks that got it drop it.
    auto withdrawn = package::withdrawn_uids(archive, earlier.uids);
    if (!withdrawn) return fail(std::move(withdrawn).error());

    // Small payload files first, then the objects; Payload-Oxum needs every size up front.
    std::vector<std::pair<std::string, std::string>> small;  // path → bytes
    json slugs = json::array();
    for (Exhibition e : plan.exhibitions) {
        package::for_each_ref(e, [](ItemRef& ref) { ref.key.clear(); });  // refs by the sender's ids
        slugs.push_back(e.slug);
        small.emplace_back("data/exhibitions/" + e.slug + ".json", exhibition_to_json(e));
    }
    json doc = {{"format", "wenyuan-package/1"}, {"publisher", report.key_id}, {"sequence", report.sequence},
                {"created", report.created}, {"exhibitions", slugs}, {"items", plan.items},
                {"base_objects", plan.assumed}, {"withdrawn", *withdrawn}};
    small.insert(small.begin(), {bag::kPackageJson, doc.dump(1, '\t', false, json::error_handler_t::replace)});

    std::uint64_t payload_bytes = 0;
    for (const auto& [path, bytes] : small) payload_bytes += bytes.size();
    std::uint64_t object_bytes = 0;
    for (const PackedObject& object : plan.objects) object_bytes += object.size;
    payload_bytes += object_bytes;
    const std::size_t payload_files = small.size() + plan.objects.size();

    report.name = bag_name_of(options.output);
    const std::string bag = report.name + "/";
    std::string bag_info = "Bag-Software-Agent: wenyuan/" + std::string(version()) + "\n";
    bag_info += "Bagging-Date: " + report.created.substr(0, 10) + "\n";
    bag_info += "Payload-Oxum: " + std::to_string(payload_bytes) + "." + std::to_string(payload_files) + "\n";
    bag_info += "External-Identifier: " + report.name + "\n";
    bag_info += "Wenyuan-Publisher-Key: " + report.key_id + "\n";
    bag_info += "Wenyuan-Publisher-Name: " + options.key.public_key.name + "\n";
    bag_info += "Wenyuan-Sequence: " + std::to_string(report.sequence) + "\n";
    bag_info += "Wenyuan-Created: " + report.created + "\n";
    bag_info += "Wenyuan-Expires: " + report.expires + "\n";
    if (!options.since.empty()) bag_info += "Wenyuan-Since: " + options.since.filename().string() + "\n";

    const auto partial = std::filesystem::path(options.output.string() + ".part");
    auto tar = TarWriter::create(partial);
    if (!tar) return fail(std::move(tar).error());
    struct Cleanup {
        std::filesystem::path file;
        ~Cleanup() { if (!file.empty()) ::unlink(file.c_str()); }
    } cleanup{partial};

    WENYUAN_TRY(tar->add(bag + "bagit.txt", bag::kBagitTxt));
    WENYUAN_TRY(tar->add(bag + "bag-info.txt", bag_info));
    std::vector<std::pair<std::string, std::string>> manifest;
    for (const auto& [path, bytes] : small) {
        WENYUAN_TRY(tar->add(bag + path, bytes));
        manifest.emplace_back(path, bag::sha512_bytes(bytes));
    }
    std::vector<char> buffer(1 << 20);
    std::uint64_t done = 0;
    for (const PackedObject& object : plan.objects) {
        const std::string path = bag::kObjectsDir + object.sha256;
        auto hash = copy_object(archive, *tar, bag + path, object, buffer, done, object_bytes, progress);
        if (!hash) return fail(std::move(hash).error());
        manifest.emplace_back(path, *hash);
    }
    const std::string manifest_text = bag::format_manifest(manifest);
    const std::string tag_manifest = bag::format_manifest({{"bagit.txt", bag::sha512_bytes(bag::kBagitTxt)},
                                                           {"bag-info.txt", bag::sha512_bytes(bag_info)},
                                                           {bag::kManifest, bag::sha512_bytes(manifest_text)}});
    const std::string signature = "Key-Id: " + report.key_id + "\nAlgorithm: Ed25519\nSigned-File: " +
                                  bag::kTagManifest + "\nSignature: " + sign_message(options.key, tag_manifest) + "\n";
    WENYUAN_TRY(tar->add(bag + bag::kManifest, manifest_text));
    WENYUAN_TRY(tar->add(bag + bag::kTagManifest, tag_manifest));
    WENYUAN_TRY(tar->add(bag + bag::kSignature, signature));
    report.package_bytes = tar->offset() + 1024;
    WENYUAN_TRY(tar->finish(true));
    if (::rename(partial.c_str(), options.output.c_str()) != 0) return fail(fs::errno_error(options.output, "cannot rename into place"));
    cleanup.file.clear();

    report.exhibitions = plan.exhibitions.size();
    report.items = plan.items.size();
    report.objects = plan.objects.size();
    report.objects_skipped = plan.assumed.size();
    report.withdrawn = withdrawn->size();
    report.payload_bytes = payload_bytes;
    report.dropped = std::move(plan.dropped);
    return report;
}

}  // namespace wenyuan
