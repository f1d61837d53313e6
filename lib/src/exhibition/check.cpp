// Validation of an exhibition against the catalog: every reference, asset and object.
#include <map>
#include <set>

#include "../archive_impl.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan {
namespace {

bool is_image(const Asset& asset) { return asset.mime.rfind("image/", 0) == 0; }
bool is_recording(const Asset& asset) {
    return asset.mime.rfind("audio/", 0) == 0 || asset.mime.rfind("video/", 0) == 0;
}

/// The kiosk's choice when an exhibit names no asset: the model, then the recording (its access
/// copy, then the original), then the image (tiles, preview, poster, thumbnail, an image original).
const Asset* pick_exhibit_asset(const ObjectStore& store, const std::vector<Asset>& assets) {
    const auto find = [&](std::string_view role, bool (*kind)(const Asset&)) -> const Asset* {
        for (const Asset& asset : assets) {
            if (asset.role == role && (!kind || kind(asset)) && store.contains(asset.sha256)) return &asset;
        }
        return nullptr;
    };
    const std::pair<const char*, bool (*)(const Asset&)> order[] = {
        {"model", nullptr},  {"access", is_recording}, {"original", is_recording}, {"tiles", nullptr},
        {"preview", is_image}, {"poster", is_image},   {"thumbnail", is_image},    {"original", is_image},
    };
    for (const auto& [role, kind] : order) {
        if (const Asset* found = find(role, kind)) return found;
    }
    return nullptr;
}

/// Looks items up once each and collects problems with their place in the document.
class Checker {
public:
    Checker(const Archive& archive, std::vector<ExhibitionProblem>& problems) : archive_(archive), problems_(problems) {}

    /// Resolves `ref` and checks the item is live and public. Returns the item's assets, or
    /// nothing when there is a problem (already reported).
    Result<const std::vector<Asset>*> item(ItemRef& ref, const std::string& where) {
        std::optional<Item> found;
        if (ref.id == 0) {
            // Deleted items keep their key: look it up including them, to say "withdrawn".
            auto by_key = key_id(ref.key);
            if (!by_key) return fail(std::move(by_key).error());
            if (!*by_key) {
                problem(where, "no item has the manifest key '" + ref.key + "'");
                return nullptr;
            }
            ref.id = **by_key;
        }
        {
            auto by_id = archive_.item(ref.id, true);
            if (!by_id) {
                if (by_id.error().code != Errc::not_found) return fail(std::move(by_id).error());
                problem(where, "item " + std::to_string(ref.id) + " does not exist");
                return nullptr;
            }
            found = std::move(*by_id);
            if (ref.key.empty()) ref.key = found->key;
        }
        const std::string name = describe(*found);
        if (found->deleted) {
            problem(where, name + " was withdrawn (deleted)");
            return nullptr;
        }
        if (found->access != Access::public_access) {
            problem(where, name + " is not public (access " + std::string(to_string(found->access)) +
                               "); only public items reach a kiosk");
            return nullptr;
        }
        auto cached = assets_.find(found->id);
        if (cached == assets_.end()) {
            auto assets = archive_.assets(found->id);
            if (!assets) return fail(std::move(assets).error());
            cached = assets_.emplace(found->id, std::move(*assets)).first;
            names_[found->id] = name;
        }
        return &cached->second;
    }

    /// The asset with `role`, checked present in the store; reports and returns nullptr if not.
    const Asset* asset(const std::vector<Asset>& assets, std::int64_t item_id, std::string_view role, const std::string& where) {
        for (const Asset& asset : assets) {
            if (asset.role != role) continue;
            if (!archive_.store().contains(asset.sha256)) {
                problem(where, names_[item_id] + ": its " + std::string(role) + " object " + asset.sha256.substr(0, 12) +
                                   "… is missing from the store (run `wenyuan verify`)");
                return nullptr;
            }
            return &asset;
        }
        problem(where, names_[item_id] + " has no '" + std::string(role) + "' asset");
        return nullptr;
    }

    /// Some asset a kiosk can show (pick_exhibit_asset's choice); reports when there is none.
    void showable(const std::vector<Asset>& assets, std::int64_t item_id, const std::string& where) {
        if (pick_exhibit_asset(archive_.store(), assets)) return;
        problem(where, names_[item_id] + " has nothing a kiosk can show (no image, model or recording in the store)");
    }

    void problem(const std::string& where, std::string text) { problems_.push_back({where, std::move(text)}); }
    const std::string& name(std::int64_t id) { return names_[id]; }

private:
    Result<std::optional<std::int64_t>> key_id(const std::string& key) const {
        auto stmt = archive_.impl().db.cached("SELECT id FROM items WHERE key = ?1");
        if (!stmt) return fail(std::move(stmt).error());
        (*stmt)->bind(1, key);
        auto row = (*stmt)->step();
        if (!row) return fail(std::move(row).error());
        if (!*row) return std::optional<std::int64_t>();
        return std::optional<std::int64_t>((*stmt)->int64(0));
    }
    static std::string describe(const Item& item) {
        return "item " + std::to_string(item.id) + (item.key.empty() ? "" : " (" + item.key + ")") + " '" + item.title + "'";
    }
    const Archive& archive_;
    std::vector<ExhibitionProblem>& problems_;
    std::map<std::int64_t, std::vector<Asset>> assets_;
    std::map<std::int64_t, std::string> names_;
};

Result<void> check_audio(Checker& checker, ItemRef& ref, const std::string& where) {
    if (ref.empty()) return {};
    auto assets = checker.item(ref, where);
    if (!assets) return fail(std::move(assets).error());
    if (!*assets) return {};
    for (const Asset& asset : **assets) {
        if ((asset.role == "original" || asset.role == "access") && is_recording(asset)) {
            checker.asset(**assets, ref.id, asset.role, where);
            return {};
        }
    }
    checker.problem(where, checker.name(ref.id) + " is not a recording (an audio guide must be sound or video)");
    return {};
}

Result<void> check_exhibit(const Archive& archive, Checker& checker, Exhibit& exhibit, const std::string& where) {
    auto assets = checker.item(exhibit.item, where + ".item");
    if (!assets) return fail(std::move(assets).error());
    if (*assets) {
        if (exhibit.asset.empty()) {
            checker.showable(**assets, exhibit.item.id, where + ".item");
        } else {
            checker.asset(**assets, exhibit.item.id, exhibit.asset, where + ".asset");
        }
        if (exhibit.segment) {
            auto segments = list_segments(archive, exhibit.item.id);
            if (!segments) return fail(std::move(segments).error());
            bool found = false;
            for (const Segment& segment : *segments) found = found || segment.id == *exhibit.segment;
            if (!found) {
                checker.problem(where + ".segment", "segment " + std::to_string(*exhibit.segment) + " is not a segment of " +
                                                        checker.name(exhibit.item.id));
            }
        }
    }
    return check_audio(checker, exhibit.audio, where + ".audio");
}

}  // namespace

Result<std::vector<ExhibitionProblem>> validate_exhibition(const Archive& archive, Exhibition& exhibition) {
    std::vector<ExhibitionProblem> problems;
    Checker checker(archive, problems);
    if (exhibition.title.empty()) checker.problem("title", "an exhibition needs a title");
    if (!exhibition.cover.empty()) {
        auto assets = checker.item(exhibition.cover, "cover");
        if (!assets) return fail(std::move(assets).error());
        if (*assets) {
            const char* role = nullptr;
            for (const char* candidate : {"thumbnail", "preview"}) {
                for (const Asset& asset : **assets) {
                    if (asset.role == candidate && is_image(asset)) role = candidate;
                }
            }
            if (!role) checker.problem("cover", checker.name(exhibition.cover.id) + " has no preview or thumbnail image");
            else checker.asset(**assets, exhibition.cover.id, role, "cover");
        }
    }
    if (exhibition.sections.empty()) checker.problem("sections", "an exhibition needs at least one section");
    std::set<std::int64_t> exhibited;
    for (std::size_t s = 0; s < exhibition.sections.size(); ++s) {
        Section& section = exhibition.sections[s];
        const std::string where = "sections[" + std::to_string(s) + "]";
        if (section.exhibits.empty()) checker.problem(where, "section '" + section.title + "' has no exhibits");
        for (std::size_t e = 0; e < section.exhibits.size(); ++e) {
            WENYUAN_TRY(check_exhibit(archive, checker, section.exhibits[e], where + ".exhibits[" + std::to_string(e) + "]"));
            if (section.exhibits[e].item.id) exhibited.insert(section.exhibits[e].item.id);
        }
    }
    for (std::size_t t = 0; t < exhibition.tours.size(); ++t) {
        Tour& tour = exhibition.tours[t];
        const std::string where = "tours[" + std::to_string(t) + "]";
        if (tour.stops.empty()) checker.problem(where, "tour '" + tour.title + "' has no stops");
        for (std::size_t i = 0; i < tour.stops.size(); ++i) {
            TourStop& stop = tour.stops[i];
            const std::string at = where + ".stops[" + std::to_string(i) + "]";
            auto assets = checker.item(stop.item, at + ".item");
            if (!assets) return fail(std::move(assets).error());
            if (*assets && !exhibited.count(stop.item.id)) {
                checker.problem(at + ".item", checker.name(stop.item.id) + " is not an exhibit of this exhibition");
            }
            WENYUAN_TRY(check_audio(checker, stop.audio, at + ".audio"));
        }
    }
    return problems;
}

Result<Asset> exhibit_asset(const Archive& archive, const Exhibit& exhibit) {
    const auto where = [&] { return "exhibit item " + std::to_string(exhibit.item.id); };
    auto assets = archive.assets(exhibit.item.id);
    if (!assets) return fail(std::move(assets).error());
    if (!exhibit.asset.empty()) {
        for (const Asset& asset : *assets) {
            if (asset.role != exhibit.asset) continue;
            if (!archive.store().contains(asset.sha256)) break;
            return asset;
        }
        return fail(Errc::not_found, where() + ": no '" + exhibit.asset + "' asset in the store");
    }
    if (const Asset* found = pick_exhibit_asset(archive.store(), *assets)) return *found;
    return fail(Errc::not_found, where() + ": nothing a kiosk can show");
}

}  // namespace wenyuan
