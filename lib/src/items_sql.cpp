#include "items_sql.hpp"

#include <nlohmann/json.hpp>

namespace wenyuan {

const char* const kItemColumns =
    "id, uid, key, type, title, title_en, description, description_en, relic_category, "
    "ich_category, period, grade, completeness, condition, acquisition, date, year_start, "
    "year_end, material, dimensions, place, latitude, longitude, creator, source, provenance, "
    "rights, license, access, keywords, created_at, updated_at, deleted_at";

Access access_from_string(const std::string& text) {
    if (text == "public") return Access::public_access;
    if (text == "restricted") return Access::restricted;
    return Access::internal;
}

std::string keywords_to_json(const std::vector<std::string>& keywords) {
    return nlohmann::json(keywords).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> keywords_from_json(const std::string& json) {
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    std::vector<std::string> out;
    if (!parsed.is_array()) return out;
    for (const auto& value : parsed) {
        if (value.is_string()) out.push_back(value.get<std::string>());
    }
    return out;
}

Item item_from_row(const sql::Stmt& s) {
    Item item;
    int c = 0;
    item.id = s.int64(c++);
    std::string* texts[] = {&item.uid, &item.key, &item.type, &item.title, &item.title_en,
                            &item.description, &item.description_en, &item.relic_category,
                            &item.ich_category, &item.period, &item.grade, &item.completeness,
                            &item.condition, &item.acquisition, &item.date};
    for (std::string* text : texts) *text = s.text(c++);
    if (auto y = s.opt_int64(c++)) item.year_start = static_cast<int>(*y);
    if (auto y = s.opt_int64(c++)) item.year_end = static_cast<int>(*y);
    for (std::string* text : {&item.material, &item.dimensions, &item.place}) *text = s.text(c++);
    item.latitude = s.opt_real(c++);
    item.longitude = s.opt_real(c++);
    for (std::string* text : {&item.creator, &item.source, &item.provenance, &item.rights, &item.license}) {
        *text = s.text(c++);
    }
    item.access = access_from_string(s.text(c++));
    item.keywords = keywords_from_json(s.text(c++));
    item.created_at = s.text(c++);
    item.updated_at = s.text(c++);
    item.deleted = !s.is_null(c++);
    return item;
}

int bind_item(sql::Stmt& s, const Item& item) {
    int c = 1;
    s.bind(c++, item.uid);
    s.bind_text_or_null(c++, item.key);
    for (const std::string* text : {&item.type, &item.title}) s.bind(c++, *text);
    for (const std::string* text :
         {&item.title_en, &item.description, &item.description_en, &item.relic_category,
          &item.ich_category, &item.period, &item.grade, &item.completeness, &item.condition,
          &item.acquisition, &item.date}) {
        s.bind_text_or_null(c++, *text);
    }
    s.bind(c++, item.year_start);
    s.bind(c++, item.year_end);
    for (const std::string* text : {&item.material, &item.dimensions, &item.place}) s.bind_text_or_null(c++, *text);
    s.bind(c++, item.latitude);
    s.bind(c++, item.longitude);
    for (const std::string* text : {&item.creator, &item.source, &item.provenance, &item.rights, &item.license}) {
        s.bind_text_or_null(c++, *text);
    }
    s.bind(c++, std::string(to_string(item.access)));
    s.bind(c++, keywords_to_json(item.keywords));
    s.bind(c++, item.created_at);
    s.bind(c++, item.updated_at);
    return c - 1;
}

}  // namespace wenyuan
