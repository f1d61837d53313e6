#include "rows.hpp"

#include "wenyuan/hash.hpp"

namespace wenyuan::package {
namespace {

using json = nlohmann::json;

struct TextField {
    const char* name;
    std::string Item::*member;
};

constexpr TextField kTextFields[] = {
    {"uid", &Item::uid}, {"key", &Item::key}, {"type", &Item::type}, {"title", &Item::title},
    {"title_en", &Item::title_en}, {"description", &Item::description}, {"description_en", &Item::description_en},
    {"relic_category", &Item::relic_category}, {"ich_category", &Item::ich_category}, {"period", &Item::period},
    {"grade", &Item::grade}, {"completeness", &Item::completeness}, {"condition", &Item::condition},
    {"acquisition", &Item::acquisition}, {"date", &Item::date}, {"material", &Item::material},
    {"dimensions", &Item::dimensions}, {"place", &Item::place}, {"creator", &Item::creator},
    {"source", &Item::source}, {"provenance", &Item::provenance}, {"rights", &Item::rights},
    {"license", &Item::license}, {"created_at", &Item::created_at}, {"updated_at", &Item::updated_at},
};

template <class T>
Result<void> get_optional(const json& j, const char* name, std::optional<T>& out, const std::string& where) {
    const auto found = j.find(name);
    if (found == j.end() || found->is_null()) return {};
    if (!found->is_number()) return fail(Errc::corrupt, where + ": '" + name + "' is not a number");
    out = found->get<T>();
    return {};
}

Result<std::string> get_text(const json& j, const char* name, const std::string& where, bool required = false) {
    const auto found = j.find(name);
    if (found == j.end() || found->is_null()) {
        if (required) return fail(Errc::corrupt, where + ": '" + name + "' is missing");
        return std::string();
    }
    if (!found->is_string()) return fail(Errc::corrupt, where + ": '" + name + "' is not text");
    return found->get<std::string>();
}

Result<std::vector<std::string>> get_texts(const json& j, const char* name, const std::string& where) {
    std::vector<std::string> out;
    const auto found = j.find(name);
    if (found == j.end() || found->is_null()) return out;
    if (!found->is_array()) return fail(Errc::corrupt, where + ": '" + name + "' is not a list");
    for (const json& value : *found) {
        if (!value.is_string()) return fail(Errc::corrupt, where + ": '" + name + "' holds a non-text value");
        out.push_back(value.get<std::string>());
    }
    return out;
}

}  // namespace

json item_to_json(const Item& item) {
    json out = json::object();
    for (const TextField& field : kTextFields) {
        if (!(item.*field.member).empty()) out[field.name] = item.*field.member;
    }
    if (item.year_start) out["year_start"] = *item.year_start;
    if (item.year_end) out["year_end"] = *item.year_end;
    if (item.latitude) out["latitude"] = *item.latitude;
    if (item.longitude) out["longitude"] = *item.longitude;
    out["access"] = to_string(item.access);
    out["keywords"] = item.keywords;
    return out;
}

Result<Item> item_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) return fail(Errc::corrupt, where + ": not an object");
    Item item;
    for (const TextField& field : kTextFields) {
        auto text = get_text(j, field.name, where);
        if (!text) return fail(std::move(text).error());
        item.*field.member = std::move(*text);
    }
    if (item.uid.size() != 32) return fail(Errc::corrupt, where + ": 'uid' is not 32 hex digits");
    if (item.title.empty()) return fail(Errc::corrupt, where + ": 'title' is missing");
    WENYUAN_TRY(get_optional(j, "year_start", item.year_start, where));
    WENYUAN_TRY(get_optional(j, "year_end", item.year_end, where));
    WENYUAN_TRY(get_optional(j, "latitude", item.latitude, where));
    WENYUAN_TRY(get_optional(j, "longitude", item.longitude, where));
    auto access = get_text(j, "access", where, true);
    if (!access) return fail(std::move(access).error());
    if (*access == "public") item.access = Access::public_access;
    else if (*access == "internal") item.access = Access::internal;
    else if (*access == "restricted") item.access = Access::restricted;
    else return fail(Errc::corrupt, where + ": access '" + *access + "' is unknown");
    auto keywords = get_texts(j, "keywords", where);
    if (!keywords) return fail(std::move(keywords).error());
    item.keywords = std::move(*keywords);
    return item;
}

json asset_to_json(const Asset& asset, std::optional<std::size_t> derived_from) {
    json out = {{"role", asset.role}, {"sha256", asset.sha256}, {"size", asset.size}, {"mime", asset.mime},
                {"name", asset.name}, {"lang", asset.lang}, {"warnings", asset.warnings}};
    out["tech"] = json::parse(asset.tech_json, nullptr, false);
    if (out["tech"].is_discarded()) out["tech"] = json::object();
    if (derived_from) out["derived_from"] = *derived_from;
    return out;
}

Result<AssetDraft> asset_from_json(const json& j, const std::string& where) {
    if (!j.is_object()) return fail(Errc::corrupt, where + ": not an object");
    AssetDraft draft;
    const std::pair<const char*, std::string*> texts[] = {
        {"role", &draft.role}, {"sha256", &draft.sha256}, {"mime", &draft.mime}, {"name", &draft.name}, {"lang", &draft.lang}};
    for (const auto& [name, member] : texts) {
        auto text = get_text(j, name, where, std::string_view(name) != "name" && std::string_view(name) != "lang");
        if (!text) return fail(std::move(text).error());
        *member = std::move(*text);
    }
    if (!is_sha256_hex(draft.sha256)) return fail(Errc::corrupt, where + ": 'sha256' is not 64 lowercase hex digits");
    const auto size = j.find("size");
    if (size == j.end() || !size->is_number_unsigned()) return fail(Errc::corrupt, where + ": 'size' is missing");
    draft.size = size->get<std::uint64_t>();
    const auto tech = j.find("tech");
    draft.tech_json = (tech != j.end() && tech->is_object()) ? tech->dump() : "{}";
    auto warnings = get_texts(j, "warnings", where);
    if (!warnings) return fail(std::move(warnings).error());
    draft.warnings = std::move(*warnings);
    const auto derived = j.find("derived_from");
    if (derived != j.end() && derived->is_number_unsigned()) draft.derived_from_index = derived->get<std::size_t>();
    return draft;
}

}  // namespace wenyuan::package
