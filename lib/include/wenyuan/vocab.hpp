// Controlled vocabularies: item types, relic and ICH categories, periods, grades, completeness,
// condition and acquisition. Seeded at `init` from CSV files, extensible afterwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan {

struct VocabTerm {
    std::string kind;  ///< item_type, relic_category, ich_category, period, grade, completeness, condition, acquisition
    std::string code;  ///< stable code stored on items: "04", "IV", or the Chinese term itself
    std::string zh;
    std::string en;
    std::string parent;
    std::optional<int> start_year, end_year;  ///< periods only; negative years are BCE
};

/// An in-memory snapshot of the vocabularies. Cheap to copy around; immutable once loaded.
/// Thread-safe for concurrent reads.
class Vocabulary {
public:
    Vocabulary() = default;
    explicit Vocabulary(std::vector<VocabTerm> terms);

    /// Finds a term of `kind` whose code, Chinese or English name equals `text` (English
    /// compared case-insensitively, surrounding spaces ignored). nullptr when none matches.
    const VocabTerm* find(std::string_view kind, std::string_view text) const;

    /// Every term of one kind, in seed order.
    std::vector<const VocabTerm*> terms(std::string_view kind) const;

    /// The distinct kinds, in seed order.
    std::vector<std::string> kinds() const;

    const std::vector<VocabTerm>& all() const noexcept { return terms_; }

private:
    std::vector<VocabTerm> terms_;
};

/// The vocabulary kinds that items use, in display order.
const std::vector<std::string>& vocabulary_kinds();

}  // namespace wenyuan
