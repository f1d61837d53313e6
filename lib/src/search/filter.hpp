// Filters (type:, category:, period:, material:, place:, collection:, year:) and the reader's
// access level, applied to item facts in one pass; and the facet counts of what passes.
// Private to the library.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "search/facts.hpp"
#include "search/match.hpp"
#include "search/query.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/search.hpp"
#include "wenyuan/vocab.hpp"

namespace wenyuan::search {

class FactFilter {
public:
    /// Compiles the query's filters against the vocabulary (codes, names and English names are
    /// accepted; period names imply their sub-periods and their years) and the facts' strings.
    static Result<FactFilter> compile(const sql::Db& db, const ParsedQuery& query, const Vocabulary& vocabulary,
                                      const FactTable& facts, Reader reader);

    bool admits(const ItemFacts& item) const;

    /// One line for each filter that names nothing in this archive, and so matches no item:
    /// type:, category: and period: values that are no code or name of the vocabulary, and
    /// collections without items ("period:不存在: no period has this code or name").
    const std::vector<std::string>& notes() const noexcept { return notes_; }

private:
    struct Condition {
        enum class Kind { type, category, period, text_in, ids } kind;
        std::vector<std::uint32_t> strings;   ///< type, category, period: accepted string numbers
        std::vector<std::pair<int, int>> years;  ///< period: also items dated within these years
        std::vector<bool> texts;              ///< text_in: string number → contains the value
        bool place = false;                   ///< text_in: place (else material)
        IdSet ids;                            ///< ids: collection members
    };
    bool public_only_ = false;
    std::vector<Condition> conditions_;
    std::vector<std::string> notes_;
    std::optional<int> year_from_, year_to_;
};

/// Facet counts by number (codes() for type, category and period, strings() for place), tallied
/// while the items are admitted: one pass over facts scattered in memory instead of two.
struct FacetTally {
    std::vector<std::uint32_t> type, category, period, place;
    explicit FacetTally(const FactTable& facts);
    void add(const ItemFacts& item) noexcept;
    void merge(const FacetTally& other) noexcept;  ///< adds another tally of the same facts
};

/// The items that pass, in id order: `candidates` (or every item when `all`) less `excluded`.
/// With `tally`, each admitted item is also counted there. A large set is split over two threads
/// (falling back to one when no thread can be started).
std::vector<const ItemFacts*> admitted(const FactTable& facts, const FactFilter& filter, const IdSet& candidates,
                                       bool all, const IdSet& excluded, FacetTally* tally = nullptr);

/// Counts per type, category, period and place, largest first, at most 20 each.
std::map<std::string, std::vector<FacetCount>> count_facets(const FacetTally& tally, const FactTable& facts,
                                                            const Vocabulary& vocabulary);

}  // namespace wenyuan::search
