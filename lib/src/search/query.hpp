// The search query language: words, "quoted phrases", -exclusions and field filters.
// Private to the library; pure functions, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::search {

struct QueryTerm {
    std::string text;
    bool phrase = false;    ///< came from quotes: match the words in order
    bool excluded = false;  ///< -word: items containing it are left out
};

struct QueryFilter {
    std::string field;  ///< type, category, period, material, place, collection
    std::string value;
};

struct ParsedQuery {
    std::vector<QueryTerm> terms;
    std::vector<QueryFilter> filters;
    std::optional<int> year_from, year_to;  ///< from year:1950..1980 (either end may be open)

    bool empty() const { return terms.empty() && filters.empty() && !year_from && !year_to; }
};

/// Reads what a person typed. Never fails: anything malformed (an unbalanced quote, an unknown
/// field, a bad year range, stray operators) is read as plain words. Field names may be English
/// or Chinese (类型 类别 年代 质地 地点 专题 年份), and full-width colons and quotes are accepted.
ParsedQuery parse_query(std::string_view input);

}  // namespace wenyuan::search
