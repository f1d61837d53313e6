// The item fields that staff can set: by `wenyuan edit --set name=value`, by manifest columns,
// and by the library. One table describes them all, with their Chinese labels.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/item.hpp"
#include "wenyuan/result.hpp"
#include "wenyuan/vocab.hpp"

namespace wenyuan {

enum class FieldKind {
    text,      ///< free text
    vocab,     ///< a code from the vocabulary named by FieldInfo::vocab_kind
    years,     ///< "1958", "1950..1980", "-206..8"
    number,    ///< a decimal number (coordinates)
    access,    ///< public / internal / restricted (公开 / 内部 / 限制)
    keywords,  ///< a list separated by ; , ， 、 or |
};

struct FieldInfo {
    std::string_view name;       ///< canonical name: "title", "relic_category" …
    std::string_view label_zh;   ///< "名称"
    std::string_view label_en;   ///< "Title"
    FieldKind kind;
    std::string_view vocab_kind;                 ///< for FieldKind::vocab
    std::vector<std::string_view> aliases;       ///< manifest headers also accepted: "文件", "名称" …
};

/// Every settable field, in display order.
std::span<const FieldInfo> item_fields();

/// Finds a field by canonical name, English label or alias (case-insensitive for ASCII).
/// nullptr when none matches.
const FieldInfo* find_field(std::string_view name_or_alias);

/// The field's value on `item` as text, in the form set_field accepts.
std::string get_field(const Item& item, const FieldInfo& field);

/// Parses and validates `value` and stores it on `item`. An empty value clears the field (except
/// title, type and access, which are required). Vocabulary fields accept a code, the Chinese or the
/// English term. `category` picks the relic or ICH vocabulary by whichever knows the term; `date`
/// also fills the year range when it can read years from the text and no range was set.
/// Errors: Errc::invalid_argument with a message such as
/// "period: '宋朝代' is not a known period (see `wenyuan vocab <archive> period`)".
Result<void> set_field(Item& item, const FieldInfo& field, std::string_view value,
                       const Vocabulary& vocabulary);

/// Reads years from free-form date text: "1958", "1950-1980", "1950..1980", "公元前100年",
/// "前206年", "-100", "1958年3月". Returns false when no year can be read.
bool parse_years(std::string_view text, int& start, int& end);

/// Splits a keywords cell on ; , ， 、 ； and |, trimming spaces and dropping empties.
std::vector<std::string> split_keywords(std::string_view text);

}  // namespace wenyuan
