#include "wenyuan/fields.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

namespace wenyuan {
namespace {

using enum FieldKind;

const std::vector<FieldInfo>& fields_table() {
    static const std::vector<FieldInfo> table = {
        {"key", "编号", "Key", text, "", {"编号", "登记号", "总登记号"}},
        {"type", "类型", "Type", vocab, "item_type", {"类型", "资源类型"}},
        {"title", "名称", "Title", text, "", {"名称", "标题", "题名"}},
        {"title_en", "英文名称", "English title", text, "", {"英文名称", "英文标题"}},
        {"description", "描述", "Description", text, "", {"描述", "简介", "说明"}},
        {"description_en", "英文描述", "English description", text, "", {"英文描述", "英文简介"}},
        {"category", "类别", "Category", vocab, "category", {"类别", "分类"}},
        {"relic_category", "文物类别", "Relic category", vocab, "relic_category", {"文物类别"}},
        {"ich_category", "非遗类别", "ICH category", vocab, "ich_category", {"非遗类别", "非遗类型"}},
        {"period", "年代", "Period", vocab, "period", {"年代", "时代", "朝代"}},
        {"date", "日期", "Date", text, "", {"日期", "时间"}},
        {"years", "年份", "Years", FieldKind::years, "", {"year", "年份"}},
        {"grade", "文物级别", "Grade", vocab, "grade", {"文物级别", "级别"}},
        {"completeness", "完残程度", "Completeness", vocab, "completeness", {"完残程度"}},
        {"condition", "保存状态", "Condition", vocab, "condition", {"保存状态"}},
        {"acquisition", "来源方式", "Acquisition", vocab, "acquisition", {"来源方式", "入藏方式"}},
        {"material", "质地", "Material", text, "", {"质地", "材质"}},
        {"dimensions", "尺寸", "Dimensions", text, "", {"尺寸", "规格"}},
        {"place", "地点", "Place", text, "", {"地点", "地区", "出土地点"}},
        {"latitude", "纬度", "Latitude", number, "", {"纬度", "lat"}},
        {"longitude", "经度", "Longitude", number, "", {"经度", "lon", "lng"}},
        {"creator", "作者或传承人", "Creator or inheritor", text, "", {"作者", "创作者", "传承人", "inheritor"}},
        {"source", "来源", "Source", text, "", {"来源"}},
        {"provenance", "流传经历", "Provenance", text, "", {"流传经历", "来源经历"}},
        {"rights", "权利", "Rights", text, "", {"权利", "版权"}},
        {"license", "许可", "Licence", text, "", {"许可", "许可证", "licence"}},
        {"access", "开放级别", "Access", FieldKind::access, "", {"开放级别", "访问级别"}},
        {"keywords", "关键词", "Keywords", FieldKind::keywords, "", {"关键词", "标签", "主题词"}},
    };
    return table;
}

std::string_view trim(std::string_view text) {
    auto space = [](unsigned char c) { return std::isspace(c) != 0; };
    while (!text.empty() && space(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && space(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    // Full-width spaces (U+3000) from Chinese spreadsheets.
    while (text.size() >= 3 && text.substr(0, 3) == "\u3000") text.remove_prefix(3);
    while (text.size() >= 3 && text.substr(text.size() - 3) == "\u3000") text.remove_suffix(3);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string* text_member(Item& item, std::string_view name) {
    static const std::pair<std::string_view, std::string Item::*> members[] = {
        {"key", &Item::key},
        {"type", &Item::type},
        {"title", &Item::title},
        {"title_en", &Item::title_en},
        {"description", &Item::description},
        {"description_en", &Item::description_en},
        {"relic_category", &Item::relic_category},
        {"ich_category", &Item::ich_category},
        {"period", &Item::period},
        {"date", &Item::date},
        {"grade", &Item::grade},
        {"completeness", &Item::completeness},
        {"condition", &Item::condition},
        {"acquisition", &Item::acquisition},
        {"material", &Item::material},
        {"dimensions", &Item::dimensions},
        {"place", &Item::place},
        {"creator", &Item::creator},
        {"source", &Item::source},
        {"provenance", &Item::provenance},
        {"rights", &Item::rights},
        {"license", &Item::license},
    };
    for (const auto& [field, member] : members) {
        if (field == name) return &(item.*member);
    }
    return nullptr;
}

std::string format_number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.7g", value);
    return text;
}

Error bad_value(const FieldInfo& field, std::string_view value, std::string_view why) {
    return Error{Errc::invalid_argument,
                 std::string(field.name) + ": '" + std::string(value) + "' " + std::string(why)};
}

Result<void> set_vocab(Item& item, const FieldInfo& field, std::string_view value,
                       const Vocabulary& vocabulary) {
    if (field.vocab_kind == "category") {
        if (const VocabTerm* term = vocabulary.find("relic_category", value)) {
            item.relic_category = term->code;
            return {};
        }
        if (const VocabTerm* term = vocabulary.find("ich_category", value)) {
            item.ich_category = term->code;
            return {};
        }
        return fail(bad_value(field, value,
                              "is neither a relic nor an ICH category (see `wenyuan vocab <archive> "
                              "relic_category` and `... ich_category`)"));
    }
    const VocabTerm* term = vocabulary.find(field.vocab_kind, value);
    if (!term) {
        return fail(bad_value(field, value,
                              "is not a known " + std::string(field.vocab_kind) +
                                  " (see `wenyuan vocab <archive> " + std::string(field.vocab_kind) +
                                  "`; add it with `--add`)"));
    }
    *text_member(item, field.name) = term->code;
    return {};
}

}  // namespace

const char* to_string(Access access) noexcept {
    switch (access) {
        case Access::public_access: return "public";
        case Access::internal: return "internal";
        case Access::restricted: return "restricted";
    }
    return "internal";
}

std::span<const FieldInfo> item_fields() { return fields_table(); }

const FieldInfo* find_field(std::string_view name_or_alias) {
    name_or_alias = trim(name_or_alias);
    for (const FieldInfo& field : fields_table()) {
        if (iequals(field.name, name_or_alias) || iequals(field.label_en, name_or_alias) ||
            field.label_zh == name_or_alias) {
            return &field;
        }
        for (std::string_view alias : field.aliases) {
            if (iequals(alias, name_or_alias)) return &field;
        }
    }
    return nullptr;
}

std::string get_field(const Item& item, const FieldInfo& field) {
    const std::string_view name = field.name;
    if (name == "category") return !item.relic_category.empty() ? item.relic_category : item.ich_category;
    if (name == "years") {
        if (!item.year_start) return {};
        if (!item.year_end || *item.year_end == *item.year_start) return std::to_string(*item.year_start);
        return std::to_string(*item.year_start) + ".." + std::to_string(*item.year_end);
    }
    if (name == "latitude") return item.latitude ? format_number(*item.latitude) : std::string();
    if (name == "longitude") return item.longitude ? format_number(*item.longitude) : std::string();
    if (name == "access") return to_string(item.access);
    if (name == "keywords") {
        std::string joined;
        for (const std::string& keyword : item.keywords) {
            if (!joined.empty()) joined += "; ";
            joined += keyword;
        }
        return joined;
    }
    if (std::string* member = text_member(const_cast<Item&>(item), name)) return *member;
    return {};
}

Result<void> set_field(Item& item, const FieldInfo& field, std::string_view raw,
                       const Vocabulary& vocabulary) {
    const std::string_view value = trim(raw);
    const std::string_view name = field.name;
    if (value.empty()) {
        if (name == "title" || name == "type" || name == "access") {
            return fail(Errc::invalid_argument, std::string(name) + ": cannot be empty");
        }
        if (name == "category") {
            item.relic_category.clear();
            item.ich_category.clear();
        } else if (name == "years") {
            item.year_start.reset();
            item.year_end.reset();
        } else if (name == "latitude") {
            item.latitude.reset();
        } else if (name == "longitude") {
            item.longitude.reset();
        } else if (name == "keywords") {
            item.keywords.clear();
        } else if (std::string* member = text_member(item, name)) {
            member->clear();
        }
        return {};
    }
    if (value.size() > (1u << 20)) return fail(bad_value(field, value.substr(0, 20), "is longer than 1 MiB"));
    switch (field.kind) {
        case FieldKind::vocab: return set_vocab(item, field, value, vocabulary);
        case FieldKind::years: {
            int start = 0, end = 0;
            if (!parse_years(value, start, end)) {
                return fail(bad_value(field, value, "is not a year or a range such as 1950..1980 or -206..8"));
            }
            item.year_start = start;
            item.year_end = end;
            return {};
        }
        case FieldKind::number: {
            char* end = nullptr;
            const std::string text(value);
            const double number = std::strtod(text.c_str(), &end);
            const double limit = name == "latitude" ? 90.0 : 180.0;
            if (end != text.c_str() + text.size() || !std::isfinite(number) || std::fabs(number) > limit) {
                return fail(bad_value(field, value, "is not a coordinate in decimal degrees"));
            }
            (name == "latitude" ? item.latitude : item.longitude) = number;
            return {};
        }
        case FieldKind::access: {
            if (iequals(value, "public") || value == "公开") item.access = Access::public_access;
            else if (iequals(value, "internal") || value == "内部") item.access = Access::internal;
            else if (iequals(value, "restricted") || value == "限制" || value == "受限") item.access = Access::restricted;
            else return fail(bad_value(field, value, "must be public, internal or restricted (公开, 内部, 限制)"));
            return {};
        }
        case FieldKind::keywords: item.keywords = split_keywords(value); return {};
        case FieldKind::text: {
            *text_member(item, name) = std::string(value);
            if (name == "date" && !item.year_start) {
                int start = 0, end = 0;
                if (parse_years(value, start, end)) {
                    item.year_start = start;
                    item.year_end = end;
                }
            }
            return {};
        }
    }
    return {};
}

std::vector<std::string> split_keywords(std::string_view text) {
    std::vector<std::string> out;
    static const std::string_view separators[] = {";", ",", "|", "，", "、", "；"};
    std::size_t start = 0;
    auto flush = [&](std::size_t end) {
        const std::string_view word = trim(text.substr(start, end - start));
        if (!word.empty() && std::find(out.begin(), out.end(), word) == out.end()) out.emplace_back(word);
    };
    for (std::size_t i = 0; i < text.size();) {
        std::size_t matched = 0;
        for (std::string_view separator : separators) {
            if (text.substr(i, separator.size()) == separator) matched = separator.size();
        }
        if (matched) {
            flush(i);
            i += matched;
            start = i;
        } else {
            ++i;
        }
    }
    flush(text.size());
    return out;
}

namespace {

struct YearToken {
    int value;
    std::size_t begin, end;  // byte range of the digits
};

bool ends_with(std::string_view text, std::string_view tail) {
    return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// A number is BCE when "公元前"/"前"/"-" stands right before it, or "BC"/"BCE"/"年前" after it.
bool is_bce(std::string_view text, std::size_t begin, std::size_t end) {
    const std::string_view before = trim(text.substr(0, begin));
    const std::string_view after = trim(text.substr(end));
    if (ends_with(before, "前") || (!before.empty() && before.back() == '-' &&
                                    (before.size() == 1 || !std::isdigit(static_cast<unsigned char>(before[before.size() - 2]))))) {
        return true;
    }
    return after.substr(0, 2) == "BC" || after.substr(0, 2) == "bc";
}

bool is_range_separator(std::string_view between) {
    between = trim(between);
    if (between.substr(0, 3) == "年") between = trim(between.substr(3));
    for (std::string_view separator : {"..", "-", "–", "—", "~", "～", "至", "到", "/"}) {
        if (between.substr(0, separator.size()) == separator) return true;
    }
    return false;
}

}  // namespace

bool parse_years(std::string_view text, int& start, int& end) {
    std::vector<YearToken> numbers;
    for (std::size_t i = 0; i < text.size() && numbers.size() < 2;) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
            ++i;
            continue;
        }
        std::size_t j = i;
        int value = 0;
        while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
            if (value < 100000) value = value * 10 + (text[j] - '0');
            ++j;
        }
        if (value >= 100000) return false;
        if (!numbers.empty() && !is_range_separator(text.substr(numbers.back().end, i - numbers.back().end))) break;
        numbers.push_back({is_bce(text, i, j) ? -value : value, i, j});
        i = j;
    }
    if (numbers.empty() || numbers.front().value == 0) return false;
    start = numbers.front().value;
    end = numbers.size() == 2 ? numbers.back().value : start;
    const std::string_view after = text.substr(numbers.front().end);
    if (numbers.size() == 1 && start > 0 && start % 10 == 0 && after.substr(0, 6) == "年代") end = start + 9;
    if (end < start) std::swap(start, end);
    return true;
}

}  // namespace wenyuan
