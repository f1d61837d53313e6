#include "query.hpp"

#include <cctype>
#include <utility>

#include "wenyuan/fields.hpp"

namespace wenyuan::search {
namespace {

// The filter fields and the names people type for them.
const std::pair<std::string_view, std::string_view> kFilterNames[] = {
    {"type", "type"},         {"类型", "type"},         {"category", "category"}, {"类别", "category"},
    {"period", "period"},     {"年代", "period"},       {"朝代", "period"},       {"material", "material"},
    {"质地", "material"},     {"place", "place"},       {"地点", "place"},        {"collection", "collection"},
    {"专题", "collection"},   {"集合", "collection"},   {"year", "year"},         {"年份", "year"},
};

bool is_space_at(std::string_view text, std::size_t at, std::size_t& width) {
    if (std::isspace(static_cast<unsigned char>(text[at]))) {
        width = 1;
        return true;
    }
    if (text.substr(at, 3) == "\u3000") {  // ideographic space
        width = 3;
        return true;
    }
    return false;
}

// Opening and closing quote marks, ASCII and Chinese.
bool quote_at(std::string_view text, std::size_t at, std::size_t& width, bool opening) {
    if (text[at] == '"') {
        width = 1;
        return true;
    }
    static constexpr std::string_view kOpening[] = {"“", "「", "『"};
    static constexpr std::string_view kClosing[] = {"”", "」", "』"};
    for (std::string_view mark : opening ? kOpening : kClosing) {
        if (text.substr(at, mark.size()) == mark) {
            width = mark.size();
            return true;
        }
    }
    return false;
}

struct Chunk {
    std::string text;
    bool quoted = false;
    bool minus = false;
    std::string prefix;  // "field:" written before a quoted value
};

// Splits on spaces, keeping quoted runs together. An unbalanced quote is dropped.
std::vector<Chunk> chunks(std::string_view input) {
    std::vector<Chunk> out;
    std::size_t at = 0;
    while (at < input.size()) {
        std::size_t width = 0;
        if (is_space_at(input, at, width)) {
            at += width;
            continue;
        }
        Chunk chunk;
        std::size_t start = at;
        if (input[at] == '-' && at + 1 < input.size()) {
            chunk.minus = true;
            ++at;
            start = at;
        }
        // A bare word, possibly "field:" followed by a quoted value.
        std::string word;
        while (at < input.size() && !is_space_at(input, at, width) && !quote_at(input, at, width, true)) {
            word += input[at++];
        }
        if (at < input.size() && quote_at(input, at, width, true) &&
            (word.empty() || word.back() == ':' || (word.size() >= 3 && word.substr(word.size() - 3) == "："))) {
            std::size_t close = at + width, close_width = 0;
            while (close < input.size() && !quote_at(input, close, close_width, false)) ++close;
            if (close < input.size()) {
                chunk.prefix = word;
                chunk.text = std::string(input.substr(at + width, close - at - width));
                chunk.quoted = true;
                at = close + close_width;
                out.push_back(std::move(chunk));
                continue;
            }
            at += width;  // unbalanced: forget the quote, read the rest as words
        }
        (void)start;
        chunk.text = word;
        if (!chunk.text.empty()) out.push_back(std::move(chunk));
    }
    return out;
}

std::string_view filter_field(std::string_view name) {
    for (const auto& [typed, field] : kFilterNames) {
        if (typed.size() == name.size() &&
            std::equal(typed.begin(), typed.end(), name.begin(),
                       [](char a, char b) {
                           return static_cast<unsigned char>(a) == std::tolower(static_cast<unsigned char>(b));
                       })) {
            return field;
        }
    }
    return {};
}

// "year:1950..1980", "year:1958", "year:..1949", "year:-206..8".
bool read_years(std::string_view value, std::optional<int>& from, std::optional<int>& to) {
    const auto dots = value.find("..");
    if (dots == std::string_view::npos) {
        int start = 0, end = 0;
        if (!parse_years(value, start, end)) return false;
        from = start;
        to = end;
        return true;
    }
    int start = 0, end = 0;
    const std::string_view left = value.substr(0, dots), right = value.substr(dots + 2);
    auto year = [&](std::string_view text) {  // a range may end at 0, which no date names
        if (text == "0") return start = end = 0, true;
        return parse_years(text, start, end);
    };
    if (!left.empty() && !year(left)) return false;
    if (!left.empty()) from = start;
    if (!right.empty() && !year(right)) return false;
    if (!right.empty()) to = end;
    return from || to;
}

}  // namespace

ParsedQuery parse_query(std::string_view input) {
    ParsedQuery query;
    for (Chunk& chunk : chunks(input)) {
        std::string field_part = chunk.quoted ? chunk.prefix : chunk.text;
        std::size_t colon = field_part.find(':');
        std::size_t colon_width = 1;
        if (const auto wide = field_part.find("："); wide != std::string::npos && (colon == std::string::npos || wide < colon)) {
            colon = wide;
            colon_width = 3;
        }
        if (colon != std::string::npos && colon > 0) {
            const std::string_view field = filter_field(std::string_view(field_part).substr(0, colon));
            const std::string value = chunk.quoted ? chunk.text : field_part.substr(colon + colon_width);
            if (!field.empty() && !value.empty() && !chunk.minus) {
                if (field == "year") {
                    std::optional<int> from, to;
                    if (read_years(value, from, to)) {
                        query.year_from = from;
                        query.year_to = to;
                        continue;
                    }
                } else {
                    query.filters.push_back({std::string(field), value});
                    continue;
                }
            }
        }
        std::string text = chunk.quoted ? chunk.prefix + chunk.text : chunk.text;
        // Stray operator characters carry no meaning for us; the tokenizer drops them too.
        if (text.find_first_not_of("-*^+()\"':") == std::string::npos) continue;
        query.terms.push_back({std::move(text), chunk.quoted, chunk.minus});
    }
    return query;
}

}  // namespace wenyuan::search
