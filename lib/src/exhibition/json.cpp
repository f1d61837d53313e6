// Exhibition documents: JSON in, JSON out. See docs/exhibitions.md for the format.
#include <nlohmann/json.hpp>

#include <cctype>
#include <set>

#include "wenyuan/exhibition.hpp"

namespace wenyuan {
namespace {

using nlohmann::json;

/// Reads one object's fields, failing on unknown names and wrong types.
class FieldReader {
public:
    FieldReader(const json& object, std::string where, std::string_view origin)
        : object_(object), where_(std::move(where)), origin_(origin) {}

    /// Errors for a value that is not an object, or has fields not in `known`.
    Result<void> check(std::initializer_list<std::string_view> known) const {
        if (!object_.is_object()) return fail(bad(where_, "must be an object"));
        const std::set<std::string_view> names(known);
        for (const auto& [name, value] : object_.items()) {
            if (!names.count(name)) return fail(bad(path(name), "unknown field (known: " + join(known) + ")"));
        }
        return {};
    }

    Result<std::string> text(std::string_view name, bool required = false) const {
        const auto found = object_.find(std::string(name));
        if (found == object_.end() || found->is_null()) {
            if (required) return fail(bad(path(name), "is required"));
            return std::string();
        }
        if (!found->is_string()) return fail(bad(path(name), "must be a string"));
        std::string value = found->get<std::string>();
        if (required && value.empty()) return fail(bad(path(name), "must not be empty"));
        return value;
    }

    Result<ItemRef> ref(std::string_view name) const {
        const auto found = object_.find(std::string(name));
        if (found == object_.end() || found->is_null()) return ItemRef{};
        if (found->is_number_integer() && found->get<std::int64_t>() > 0) return ItemRef{found->get<std::int64_t>(), {}};
        if (found->is_string() && !found->get<std::string>().empty()) return ItemRef{0, found->get<std::string>()};
        return fail(bad(path(name), "must be an item id (a positive number) or a manifest key (a string)"));
    }

    Result<const json*> array(std::string_view name) const {
        static const json kEmpty = json::array();
        const auto found = object_.find(std::string(name));
        if (found == object_.end() || found->is_null()) return &kEmpty;
        if (!found->is_array()) return fail(bad(path(name), "must be an array"));
        return &*found;
    }

    const json& get(std::string_view name) const { return object_.at(std::string(name)); }
    bool has(std::string_view name) const { return object_.contains(std::string(name)) && !object_.at(std::string(name)).is_null(); }
    std::string path(std::string_view name) const { return where_.empty() ? std::string(name) : where_ + "." + std::string(name); }

    Error bad(const std::string& at, const std::string& what) const {
        return Error{Errc::invalid_argument, std::string(origin_) + ": " + (at.empty() ? "the document" : at) + ": " + what};
    }

private:
    static std::string join(std::initializer_list<std::string_view> names) {
        std::string out;
        for (std::string_view name : names) out += (out.empty() ? "" : ", ") + std::string(name);
        return out;
    }
    const json& object_;
    std::string where_;
    std::string_view origin_;
};

std::string indexed(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

Result<Exhibit> parse_exhibit(const json& value, const std::string& where, std::string_view origin) {
    FieldReader r(value, where, origin);
    WENYUAN_TRY(r.check({"item", "asset", "segment", "caption", "caption_en", "story", "story_en", "audio"}));
    Exhibit exhibit;
    auto item = r.ref("item");
    if (!item) return fail(std::move(item).error());
    if (item->empty()) return fail(r.bad(r.path("item"), "is required"));
    exhibit.item = *item;
    auto audio = r.ref("audio");
    if (!audio) return fail(std::move(audio).error());
    exhibit.audio = *audio;
    if (r.has("segment")) {
        if (!r.get("segment").is_number_integer() || r.get("segment").get<std::int64_t>() <= 0) {
            return fail(r.bad(r.path("segment"), "must be a segment id (see `wenyuan segment list`)"));
        }
        exhibit.segment = r.get("segment").get<std::int64_t>();
    }
    std::string* fields[] = {&exhibit.asset, &exhibit.caption, &exhibit.caption_en, &exhibit.story, &exhibit.story_en};
    const char* names[] = {"asset", "caption", "caption_en", "story", "story_en"};
    for (std::size_t i = 0; i < std::size(names); ++i) {
        auto text = r.text(names[i]);
        if (!text) return fail(std::move(text).error());
        *fields[i] = std::move(*text);
    }
    return exhibit;
}

Result<Section> parse_section(const json& value, const std::string& where, std::string_view origin) {
    FieldReader r(value, where, origin);
    WENYUAN_TRY(r.check({"title", "title_en", "intro", "intro_en", "exhibits"}));
    Section section;
    auto title = r.text("title", true);
    if (!title) return fail(std::move(title).error());
    section.title = std::move(*title);
    std::string* fields[] = {&section.title_en, &section.intro, &section.intro_en};
    const char* names[] = {"title_en", "intro", "intro_en"};
    for (std::size_t i = 0; i < std::size(names); ++i) {
        auto text = r.text(names[i]);
        if (!text) return fail(std::move(text).error());
        *fields[i] = std::move(*text);
    }
    auto exhibits = r.array("exhibits");
    if (!exhibits) return fail(std::move(exhibits).error());
    for (std::size_t i = 0; i < (*exhibits)->size(); ++i) {
        auto exhibit = parse_exhibit((**exhibits)[i], indexed(r.path("exhibits"), i), origin);
        if (!exhibit) return fail(std::move(exhibit).error());
        section.exhibits.push_back(std::move(*exhibit));
    }
    return section;
}

Result<Tour> parse_tour(const json& value, const std::string& where, std::string_view origin) {
    FieldReader r(value, where, origin);
    WENYUAN_TRY(r.check({"title", "title_en", "stops"}));
    Tour tour;
    auto title = r.text("title", true);
    auto title_en = r.text("title_en");
    if (!title || !title_en) return fail(!title ? title.error() : title_en.error());
    tour.title = *title;
    tour.title_en = *title_en;
    auto stops = r.array("stops");
    if (!stops) return fail(std::move(stops).error());
    for (std::size_t i = 0; i < (*stops)->size(); ++i) {
        FieldReader s((**stops)[i], indexed(r.path("stops"), i), origin);
        WENYUAN_TRY(s.check({"item", "narration", "narration_en", "audio"}));
        TourStop stop;
        auto item = s.ref("item");
        auto audio = s.ref("audio");
        auto narration = s.text("narration");
        auto narration_en = s.text("narration_en");
        if (!item) return fail(std::move(item).error());
        if (!audio) return fail(std::move(audio).error());
        if (!narration) return fail(std::move(narration).error());
        if (!narration_en) return fail(std::move(narration_en).error());
        if (item->empty()) return fail(s.bad(s.path("item"), "is required"));
        tour.stops.push_back({*item, *narration, *narration_en, *audio});
    }
    return tour;
}

bool valid_slug(const std::string& slug) {
    if (slug.empty() || slug.size() > 64) return false;
    for (unsigned char c : slug) {
        if (!(std::isalnum(c) || c == '-' || c == '_')) return false;
    }
    // All digits would be ambiguous with a row id.
    for (unsigned char c : slug) {
        if (!std::isdigit(c)) return true;
    }
    return false;
}

json ref_json(const ItemRef& ref) {
    if (!ref.key.empty()) return ref.key;
    return ref.id;
}

void put(json& out, const char* name, const std::string& value) {
    if (!value.empty()) out[name] = value;
}

}  // namespace

Result<Exhibition> parse_exhibition(std::string_view text, std::string_view origin) {
    json document = json::parse(text.begin(), text.end(), nullptr, false);
    if (document.is_discarded()) {
        return fail(Errc::invalid_argument, std::string(origin) + ": not valid JSON (check commas, quotes and brackets)");
    }
    FieldReader r(document, "", origin);
    WENYUAN_TRY(r.check({"id", "title", "title_en", "intro", "intro_en", "cover", "languages", "sections", "tours"}));
    Exhibition exhibition;
    auto slug = r.text("id", true);
    if (!slug) return fail(std::move(slug).error());
    if (!valid_slug(*slug)) {
        return fail(r.bad("id", "'" + *slug + "' must be 1-64 letters, digits, '-' or '_', not all digits"));
    }
    exhibition.slug = std::move(*slug);
    auto title = r.text("title", true);
    if (!title) return fail(std::move(title).error());
    exhibition.title = std::move(*title);
    std::string* fields[] = {&exhibition.title_en, &exhibition.intro, &exhibition.intro_en};
    const char* names[] = {"title_en", "intro", "intro_en"};
    for (std::size_t i = 0; i < std::size(names); ++i) {
        auto value = r.text(names[i]);
        if (!value) return fail(std::move(value).error());
        *fields[i] = std::move(*value);
    }
    auto cover = r.ref("cover");
    if (!cover) return fail(std::move(cover).error());
    exhibition.cover = *cover;
    auto languages = r.array("languages");
    if (!languages) return fail(std::move(languages).error());
    for (std::size_t i = 0; i < (*languages)->size(); ++i) {
        const json& lang = (**languages)[i];
        if (!lang.is_string() || (lang != "zh" && lang != "en")) {
            return fail(r.bad(indexed("languages", i), "must be \"zh\" or \"en\""));
        }
        exhibition.languages.push_back(lang.get<std::string>());
    }
    if (exhibition.languages.empty()) exhibition.languages = {"zh"};
    auto sections = r.array("sections");
    if (!sections) return fail(std::move(sections).error());
    for (std::size_t i = 0; i < (*sections)->size(); ++i) {
        auto section = parse_section((**sections)[i], indexed("sections", i), origin);
        if (!section) return fail(std::move(section).error());
        exhibition.sections.push_back(std::move(*section));
    }
    auto tours = r.array("tours");
    if (!tours) return fail(std::move(tours).error());
    for (std::size_t i = 0; i < (*tours)->size(); ++i) {
        auto tour = parse_tour((**tours)[i], indexed("tours", i), origin);
        if (!tour) return fail(std::move(tour).error());
        exhibition.tours.push_back(std::move(*tour));
    }
    return exhibition;
}

std::string exhibition_to_json(const Exhibition& e) {
    json out = json::object();
    out["id"] = e.slug;
    out["title"] = e.title;
    put(out, "title_en", e.title_en);
    put(out, "intro", e.intro);
    put(out, "intro_en", e.intro_en);
    if (!e.cover.empty()) out["cover"] = ref_json(e.cover);
    out["languages"] = e.languages;
    out["sections"] = json::array();
    for (const Section& section : e.sections) {
        json s = {{"title", section.title}};
        put(s, "title_en", section.title_en);
        put(s, "intro", section.intro);
        put(s, "intro_en", section.intro_en);
        s["exhibits"] = json::array();
        for (const Exhibit& exhibit : section.exhibits) {
            json x = {{"item", ref_json(exhibit.item)}};
            put(x, "asset", exhibit.asset);
            if (exhibit.segment) x["segment"] = *exhibit.segment;
            put(x, "caption", exhibit.caption);
            put(x, "caption_en", exhibit.caption_en);
            put(x, "story", exhibit.story);
            put(x, "story_en", exhibit.story_en);
            if (!exhibit.audio.empty()) x["audio"] = ref_json(exhibit.audio);
            s["exhibits"].push_back(std::move(x));
        }
        out["sections"].push_back(std::move(s));
    }
    if (!e.tours.empty()) {
        out["tours"] = json::array();
        for (const Tour& tour : e.tours) {
            json t = {{"title", tour.title}};
            put(t, "title_en", tour.title_en);
            t["stops"] = json::array();
            for (const TourStop& stop : tour.stops) {
                json s = {{"item", ref_json(stop.item)}};
                put(s, "narration", stop.narration);
                put(s, "narration_en", stop.narration_en);
                if (!stop.audio.empty()) s["audio"] = ref_json(stop.audio);
                t["stops"].push_back(std::move(s));
            }
            out["tours"].push_back(std::move(t));
        }
    }
    return out.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace wenyuan
