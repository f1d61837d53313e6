// wenyuan publish: IIIF manifests, Dublin Core records, tiles, models, recordings and captions of
// the public items, as static files.
#include "wenyuan/publish.hpp"

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "../fsutil.hpp"
#include "records.hpp"
#include "wenyuan/tar.hpp"

namespace wenyuan {
namespace {

using json = nlohmann::json;

const char* extension_of(const std::string& mime) {
    static const std::map<std::string, const char*> known = {
        {"image/jpeg", "jpg"}, {"image/png", "png"}, {"image/webp", "webp"}, {"model/gltf-binary", "glb"},
        {"text/vtt", "vtt"}, {"video/mp4", "mp4"}, {"video/webm", "webm"}, {"audio/mp4", "m4a"},
        {"audio/mpeg", "mp3"}, {"audio/ogg", "ogg"}, {"audio/flac", "flac"}, {"audio/wav", "wav"}};
    const auto found = known.find(mime);
    return found == known.end() ? "bin" : found->second;
}

int tech_int(const Asset& asset, const char* name) {
    const json tech = json::parse(asset.tech_json, nullptr, false);
    return tech.is_object() && tech.contains(name) && tech[name].is_number() ? tech[name].get<int>() : 0;
}

double tech_real(const Asset& asset, const char* name) {
    const json tech = json::parse(asset.tech_json, nullptr, false);
    return tech.is_object() && tech.contains(name) && tech[name].is_number() ? tech[name].get<double>() : 0;
}

Result<void> write_text(const std::filesystem::path& file, const std::string& text) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return fail(Errc::io, file.string() + ": cannot write");
    return {};
}

class Publisher {
public:
    Publisher(const Archive& archive, const PublishOptions& options) : archive_(archive), options_(options) {}

    // Copies an object to files/<sha256>.<ext>; returns its URL.
    Result<std::string> copy(const Asset& asset) {
        const std::string name = "files/" + asset.sha256 + "." + extension_of(asset.mime);
        const auto target = options_.out / name;
        if (!std::filesystem::exists(target)) {
            std::error_code ec;
            std::filesystem::create_directories(target.parent_path(), ec);
            std::filesystem::copy_file(archive_.store().path_of(asset.sha256), target, ec);
            if (ec) return fail(Errc::io, target.string() + ": cannot copy object " + asset.sha256 + ": " + ec.message());
            report.bytes += asset.size;
        }
        return options_.base_url + name;
    }

    // Unpacks a tiles tar into iiif/<uid>/ with info.json's id set; returns the service URL.
    Result<std::string> unpack_tiles(const Item& item, const Asset& tiles, int& width, int& height) {
        const std::string service = options_.base_url + "iiif/" + item.uid;
        const auto folder = options_.out / "iiif" / item.uid;
        auto tar = TarReader::open(archive_.store().path_of(tiles.sha256));
        if (!tar) return fail(std::move(tar).error());
        const std::string where = "item " + std::to_string(item.id) + " tiles: ";
        for (;;) {
            auto entry = tar->next();
            if (!entry) return fail(Errc::corrupt, where + entry.error().message);
            if (!*entry) break;
            const std::string& name = (*entry)->name;
            if ((*entry)->type != '0') continue;
            if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) {
                return fail(Errc::corrupt, where + "unsafe member name '" + name + "'");
            }
            auto bytes = tar->read_all(64u << 20);
            if (!bytes) return fail(std::move(bytes).error());
            if (name == "info.json") {
                json info = json::parse(*bytes, nullptr, false);
                if (!info.is_object()) return fail(Errc::corrupt, where + "info.json is not JSON");
                info["id"] = service;
                width = info.value("width", 0);
                height = info.value("height", 0);
                *bytes = info.dump(1, '\t');
            }
            WENYUAN_TRY(write_text(folder / name, *bytes));
            report.bytes += bytes->size();
        }
        return service;
    }

    Result<void> item(const Item& item) {
        auto assets = archive_.assets(item.id);
        if (!assets) return fail(std::move(assets).error());
        std::map<std::string, const Asset*> by_role;
        const Asset* model = nullptr;
        const Asset* recording = nullptr;
        std::vector<const Asset*> captions;
        for (const Asset& asset : *assets) {
            by_role.emplace(asset.role, &asset);
            if (asset.mime == "model/gltf-binary" && (!model || asset.role == "lod")) model = &asset;
            const bool media = asset.mime.rfind("audio/", 0) == 0 || asset.mime.rfind("video/", 0) == 0;
            if (media && (asset.role == "access" || (asset.role == "original" && !recording))) recording = &asset;
            if (asset.mime == "text/vtt") captions.push_back(&asset);
        }
        publish::Shown shown;
        if (auto thumb = by_role.find("thumbnail"); thumb != by_role.end() && thumb->second->mime.rfind("image/", 0) == 0) {
            auto url = copy(*thumb->second);
            if (!url) return fail(std::move(url).error());
            shown.thumbnail = *url;
        }
        const auto preview = by_role.find("preview");
        std::string format;
        if (model) {
            auto url = copy(*model);
            if (!url) return fail(std::move(url).error());
            shown = {"Model", *url, model->mime, 1000, 1000, 0, 0, 0, "", {}, shown.thumbnail};
            ++report.models;
        } else if (recording) {
            auto url = copy(*recording);
            if (!url) return fail(std::move(url).error());
            const bool video = recording->mime.rfind("video/", 0) == 0;
            const int w = tech_int(*recording, "width"), h = tech_int(*recording, "height");
            shown = {video ? "Video" : "Sound", *url, recording->mime, w, h, w, h, tech_real(*recording, "duration"), "", {}, shown.thumbnail};
            if (shown.duration <= 0) shown.duration = 1;  // a canvas needs a duration; unknown length
            ++report.recordings;
        } else if (preview != by_role.end() && preview->second->mime.rfind("image/", 0) == 0) {
            auto url = copy(*preview->second);
            if (!url) return fail(std::move(url).error());
            const int w = tech_int(*preview->second, "width"), h = tech_int(*preview->second, "height");
            shown = {"Image", *url, preview->second->mime, w, h, w, h, 0, "", {}, shown.thumbnail};
            if (auto tiles = by_role.find("tiles"); tiles != by_role.end()) {
                int full_w = 0, full_h = 0;
                auto service = unpack_tiles(item, *tiles->second, full_w, full_h);
                if (!service) return fail(std::move(service).error());
                shown.image_service = *service;
                if (full_w > 0 && full_h > 0) shown.width = full_w, shown.height = full_h;
                ++report.tiled_images;
            }
            ++report.images;
        }
        format = shown.mime;
        for (const Asset* caption : captions) {
            auto url = copy(*caption);
            if (!url) return fail(std::move(url).error());
            shown.captions.push_back({*url, caption->lang});
            ++report.captions;
        }
        const std::string item_url = options_.base_url + "items/" + item.uid + "/";
        WENYUAN_TRY(write_text(options_.out / "items" / item.uid / "manifest.json",
                               publish::iiif_manifest(item, shown, item_url + "manifest.json", item_url + "dc.xml").dump(1, '\t')));
        WENYUAN_TRY(write_text(options_.out / "items" / item.uid / "dc.xml",
                               publish::dublin_core(item, item_url + "manifest.json", format)));
        collection_.push_back({{"id", item_url + "manifest.json"}, {"type", "Manifest"},
                               {"label", {{"zh", {item.title}}}}});
        ++report.items;
        return {};
    }

    Result<void> finish() {
        json collection = {{"@context", "http://iiif.io/api/presentation/3/context.json"},
                           {"id", options_.base_url + "collection.json"}, {"type", "Collection"},
                           {"label", {{"zh", {"公开藏品"}}, {"en", {"Public items"}}}}, {"items", collection_}};
        return write_text(options_.out / "collection.json", collection.dump(1, '\t'));
    }

    PublishReport report;

private:
    const Archive& archive_;
    const PublishOptions& options_;
    json collection_ = json::array();
};

}  // namespace

Result<PublishReport> publish_static(const Archive& archive, const PublishOptions& options_in) {
    PublishOptions options = options_in;
    if (options.base_url.empty() || options.base_url.back() != '/') options.base_url += '/';
    ListOptions list;
    list.reader = Reader::kiosk;
    auto items = archive.list_items(list);
    if (!items) return fail(std::move(items).error());
    Publisher publisher(archive, options);
    for (const Item& item : *items) {
        if (item.access != Access::public_access || item.deleted) continue;  // never, whatever the list did
        WENYUAN_TRY(publisher.item(item));
    }
    WENYUAN_TRY(publisher.finish());
    return publisher.report;
}

}  // namespace wenyuan
