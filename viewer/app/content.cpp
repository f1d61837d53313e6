// Loading the museum: items and their assets become ExhibitViews; exhibitions come from the
// catalog (content_exhibitions.cpp) or, failing that, from the collections.
#include "app/content.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "app/content_detail.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::kiosk {

long Museum::find_exhibit(std::int64_t item_id) const {
    for (std::size_t i = 0; i < exhibits.size(); ++i)
        if (exhibits[i].item_id == item_id) return long(i);
    return -1;
}

std::string type_label(const std::string& type, bool english) {
    static const std::map<std::string, std::pair<const char*, const char*>> labels = {
        {"relic", {"文物", "Relics"}},
        {"document", {"文献", "Documents"}},
        {"industrial_site", {"工业遗产", "Industrial heritage"}},
        {"industrial_object", {"工业遗产", "Industrial heritage"}},
        {"ich", {"非物质文化遗产", "Intangible heritage"}},
        {"inheritor", {"传承人", "Inheritors"}},
        {"person", {"人物", "People"}},
        {"place", {"地点", "Places"}},
        {"story", {"故事", "Stories"}},
    };
    const auto found = labels.find(type);
    if (found == labels.end()) return english ? "Exhibits" : "展品";
    return english ? found->second.second : found->second.first;
}

namespace detail {

namespace {

std::pair<int, int> image_size(const Asset& asset) {
    try {
        const auto tech = nlohmann::json::parse(asset.tech_json);
        return {tech.value("width", 0), tech.value("height", 0)};
    } catch (const nlohmann::json::exception&) {
        return {0, 0};
    }
}

LodRef lod_ref(const Asset& asset) {
    LodRef lod{asset.sha256, 0, 2048};
    try {
        const auto tech = nlohmann::json::parse(asset.tech_json);
        lod.triangles = tech.value("triangles", std::size_t(0));
        lod.max_texture = tech.value("max_texture", 2048);
    } catch (const nlohmann::json::exception&) {
    }
    return lod;
}

bool starts_with(const std::string& text, std::string_view prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

Result<ExhibitView> make_exhibit(const Archive& archive, const Item& item, const std::string& asset_role,
                                 std::vector<std::string>& notes) {
    ExhibitView view;
    view.item_id = item.id;
    view.key = item.key;
    view.title = item.title;
    view.title_en = item.title_en;
    view.story = item.description;
    view.story_en = item.description_en;
    view.period = item.period;
    view.place = item.place;
    view.date = item.date;
    view.material = item.material;
    view.type = item.type;
    auto assets = archive.assets(item.id);
    if (!assets) return fail(std::move(assets).error());
    std::string original_mime;
    for (const Asset& asset : *assets) {
        if (!archive.store().contains(asset.sha256)) {
            notes.push_back("item " + std::to_string(item.id) + " (" + item.title + "): " + asset.role +
                            " object " + asset.sha256.substr(0, 12) + "… is missing from the store");
            continue;
        }
        if (asset.role == "thumbnail") view.thumbnail = asset.sha256;
        else if (asset.role == "preview" && view.preview.empty()) {
            view.preview = asset.sha256;
            std::tie(view.width, view.height) = image_size(asset);
        } else if (asset.role == "tiles") view.tiles = asset.sha256;
        else if (asset.role == "model") view.model = asset.sha256;
        else if (asset.role == "lod") view.lods.push_back(lod_ref(asset));
        else if (asset.role == "poster") view.poster = asset.sha256;
        else if (asset.role == "captions" && view.captions.empty()) view.captions = asset.sha256;
        else if (asset.role == "access") view.recording = asset.sha256;
        else if (asset.role == "original") {
            original_mime = asset.mime;
            if ((starts_with(asset.mime, "video/") || starts_with(asset.mime, "audio/")) && view.recording.empty())
                view.recording = asset.sha256;
            if (starts_with(asset.mime, "image/") && view.width == 0) std::tie(view.width, view.height) = image_size(asset);
        }
    }
    if (!view.model.empty() || !view.lods.empty()) view.kind = MediaKind::model;
    else if (starts_with(original_mime, "video/")) view.kind = MediaKind::video;
    else if (starts_with(original_mime, "audio/")) view.kind = MediaKind::audio;
    else if (!view.preview.empty() || !view.tiles.empty() || !view.thumbnail.empty()) view.kind = MediaKind::image;
    if (asset_role == "preview" || asset_role == "thumbnail") view.tiles.clear();
    if (view.kind == MediaKind::video || view.kind == MediaKind::audio) {
        auto cues = list_cues(archive, item.id);
        if (!cues) return fail(std::move(cues).error());
        for (const Cue& cue : *cues) {
            if (cue.asset_id != cues->front().asset_id) continue;  // one language
            view.cues.push_back({cue.start, cue.end, cue.text});
        }
        auto segments = list_segments(archive, item.id);
        if (!segments) return fail(std::move(segments).error());
        for (const Segment& segment : *segments) view.chapters.push_back({segment.start, segment.end, segment.title});
        std::stable_sort(view.chapters.begin(), view.chapters.end(),
                         [](const TimedLine& a, const TimedLine& b) { return a.start < b.start; });
    }
    return view;
}

std::size_t add_exhibit(Museum& museum, ExhibitView view) {
    const long existing = museum.find_exhibit(view.item_id);
    if (existing >= 0) return std::size_t(existing);
    museum.exhibits.push_back(std::move(view));
    return museum.exhibits.size() - 1;
}

Result<void> exhibitions_from_collections(const Archive& archive, Museum& museum) {
    auto collections = archive.collections();
    if (!collections) return fail(std::move(collections).error());
    for (const Collection& collection : *collections) {
        ListOptions options;
        options.reader = Reader::kiosk;
        options.collection = collection.name;
        auto items = archive.list_items(options);
        if (!items) return fail(std::move(items).error());
        if (items->empty()) continue;
        ExhibitionView exhibition;
        exhibition.slug = collection.name;
        exhibition.title = collection.title.empty() ? collection.name : collection.title;
        std::map<std::string, std::size_t> section_of_type;
        for (const Item& item : *items) {
            auto view = make_exhibit(archive, item, {}, museum.notes);
            if (!view) return fail(std::move(view).error());
            if (exhibition.intro.empty() && !item.description.empty()) {
                exhibition.intro = item.description;
                exhibition.intro_en = item.description_en;
            }
            if (exhibition.cover.empty()) exhibition.cover = !view->preview.empty() ? view->preview : view->thumbnail;
            const std::string type_section = type_label(item.type, false);
            auto [slot, added] = section_of_type.emplace(type_section, exhibition.sections.size());
            if (added) exhibition.sections.push_back({type_section, type_label(item.type, true), {}, {}, {}});
            const std::size_t index = add_exhibit(museum, std::move(*view));
            exhibition.sections[slot->second].exhibits.push_back(index);
        }
        for (const SectionView& section : exhibition.sections)
            for (std::size_t index : section.exhibits) exhibition.tour.push_back({index, museum.exhibits[index].caption, {}, {}});
        museum.exhibitions.push_back(std::move(exhibition));
    }
    return {};
}

}  // namespace detail

Result<Museum> load_museum(const Archive& archive, std::string name, std::string name_en) {
    Museum museum;
    museum.name = std::move(name);
    museum.name_en = std::move(name_en);
    if (auto stored = detail::exhibitions_from_catalog(archive, museum); !stored) {
        museum.notes.push_back("exhibitions could not be read (" + stored.error().message + ")");
        museum.exhibitions.clear();
    }
    if (museum.exhibitions.empty()) {
        museum.notes.push_back("the archive has no exhibitions: showing its collections");
        WENYUAN_TRY(detail::exhibitions_from_collections(archive, museum));
    }
    ListOptions options;
    options.reader = Reader::kiosk;
    auto items = archive.list_items(options);
    if (!items) return fail(std::move(items).error());
    for (const Item& item : *items) museum.other_titles.push_back(item.title);
    return museum;
}

}  // namespace wenyuan::kiosk
