#include "search/filter.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "search/halves.hpp"

namespace wenyuan::search {
namespace {

constexpr std::uint32_t kNoString = std::numeric_limits<std::uint32_t>::max();

std::uint32_t code_number(const FactTable& facts, std::string_view text) {
    const std::uint32_t id = facts.codes().find(text);
    return id == 0 ? kNoString : id;
}

bool contains(const std::vector<std::uint32_t>& list, std::uint32_t value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

bool overlaps(const ItemFacts& item, int from, int to) {
    if (item.year_start == ItemFacts::kNoYear) return false;
    const int end = item.year_end == ItemFacts::kNoYear ? item.year_start : item.year_end;
    return end >= from && item.year_start <= to;
}

Result<IdSet> collection_members(const sql::Db& db, const std::string& name) {
    auto stmt = db.prepare(
        "SELECT ci.item_id FROM collection_items ci JOIN collections c ON c.id = ci.collection_id "
        "WHERE c.name = ?1 ORDER BY ci.item_id");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, name);
    IdSet ids;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) { ids.push_back(static_cast<ItemId>(row.int64(0))); }));
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// "period:不存在: no period has this code or name (…)", with a few of the terms there are.
std::string unknown(const QueryFilter& filter, const Vocabulary& vocabulary, std::initializer_list<const char*> kinds) {
    std::string line = filter.field + ":" + filter.value + ": no " + filter.field + " has this code or name";
    std::string examples;
    std::size_t shown = 0;
    for (const char* kind : kinds) {
        for (const VocabTerm* term : vocabulary.terms(kind)) {
            if (shown++ == 6) break;
            examples += (examples.empty() ? "" : ", ") + term->code + (term->zh == term->code ? "" : " " + term->zh);
        }
    }
    return examples.empty() ? line : line + " (such as " + examples + ")";
}

}  // namespace

Result<FactFilter> FactFilter::compile(const sql::Db& db, const ParsedQuery& query, const Vocabulary& vocabulary,
                                       const FactTable& facts, Reader reader) {
    FactFilter filter;
    filter.public_only_ = reader == Reader::kiosk;
    filter.year_from_ = query.year_from;
    filter.year_to_ = query.year_to;
    for (const QueryFilter& wanted : query.filters) {
        Condition condition{};
        if (wanted.field == "type") {
            condition.kind = Condition::Kind::type;
            const VocabTerm* term = vocabulary.find("item_type", wanted.value);
            condition.strings.push_back(code_number(facts, term ? term->code : wanted.value));
            if (!term) filter.notes_.push_back(unknown(wanted, vocabulary, {"item_type"}));
        } else if (wanted.field == "category") {
            condition.kind = Condition::Kind::category;
            condition.strings.push_back(code_number(facts, wanted.value));
            for (const char* kind : {"relic_category", "ich_category"}) {
                if (const VocabTerm* term = vocabulary.find(kind, wanted.value)) {
                    condition.strings.push_back(code_number(facts, term->code));
                }
            }
            if (condition.strings.size() == 1) filter.notes_.push_back(unknown(wanted, vocabulary, {"relic_category", "ich_category"}));
        } else if (wanted.field == "period") {
            // A period and its sub-periods (汉 → 西汉, 新莽, 东汉), or any item dated within them.
            condition.kind = Condition::Kind::period;
            condition.strings.push_back(code_number(facts, wanted.value));
            const VocabTerm* named = vocabulary.find("period", wanted.value);
            for (const VocabTerm* term : vocabulary.terms("period")) {
                if (term->zh != wanted.value && term->parent != wanted.value && term->code != wanted.value &&
                    term != named) {
                    continue;
                }
                condition.strings.push_back(code_number(facts, term->code));
                if (term->start_year || term->end_year) {
                    condition.years.emplace_back(term->start_year.value_or(-100000), term->end_year.value_or(100000));
                }
            }
            if (condition.strings.size() == 1) filter.notes_.push_back(unknown(wanted, vocabulary, {"period"}));
        } else if (wanted.field == "material" || wanted.field == "place") {
            condition.kind = Condition::Kind::text_in;
            condition.place = wanted.field == "place";
            condition.texts.resize(facts.strings().size());
            for (std::uint32_t i = 1; i < facts.strings().size(); ++i) {
                condition.texts[i] = facts.strings()[i].find(wanted.value) != std::string::npos;
            }
        } else if (wanted.field == "collection") {
            condition.kind = Condition::Kind::ids;
            auto members = collection_members(db, wanted.value);
            if (!members) return fail(std::move(members).error());
            condition.ids = std::move(*members);
            if (condition.ids.empty()) {
                filter.notes_.push_back(wanted.field + ":" + wanted.value + ": no collection of that name has items");
            }
        } else {
            continue;
        }
        filter.conditions_.push_back(std::move(condition));
    }
    return filter;
}

bool FactFilter::admits(const ItemFacts& item) const {
    if (public_only_ && !item.is_public) return false;
    if (year_from_) {
        if (item.year_start == ItemFacts::kNoYear) return false;
        const int end = item.year_end == ItemFacts::kNoYear ? item.year_start : item.year_end;
        if (end < *year_from_) return false;
    }
    if (year_to_ && (item.year_start == ItemFacts::kNoYear || item.year_start > *year_to_)) return false;
    for (const Condition& condition : conditions_) {
        switch (condition.kind) {
        case Condition::Kind::type:
            if (!contains(condition.strings, item.type)) return false;
            break;
        case Condition::Kind::category:
            if (!contains(condition.strings, item.relic_category) && !contains(condition.strings, item.ich_category)) {
                return false;
            }
            break;
        case Condition::Kind::period: {
            bool dated = false;
            for (const auto& [from, to] : condition.years) dated = dated || overlaps(item, from, to);
            if (!dated && !contains(condition.strings, item.period)) return false;
            break;
        }
        case Condition::Kind::text_in: {
            const std::uint32_t text = condition.place ? item.place : item.material;
            if (text == 0 || text >= condition.texts.size() || !condition.texts[text]) return false;
            break;
        }
        case Condition::Kind::ids:
            if (!std::binary_search(condition.ids.begin(), condition.ids.end(), item.id)) return false;
            break;
        }
    }
    return true;
}

FacetTally::FacetTally(const FactTable& facts)
    : type(facts.codes().size()), category(facts.codes().size()), period(facts.codes().size()), place(facts.strings().size()) {}

void FacetTally::merge(const FacetTally& other) noexcept {
    for (auto [mine, theirs] : {std::pair{&type, &other.type}, std::pair{&category, &other.category},
                                std::pair{&period, &other.period}, std::pair{&place, &other.place}}) {
        for (std::size_t i = 0; i < mine->size() && i < theirs->size(); ++i) (*mine)[i] += (*theirs)[i];
    }
}

void FacetTally::add(const ItemFacts& item) noexcept {
    ++type[item.type];
    ++category[item.relic_category ? item.relic_category : item.ich_category];
    ++period[item.period];
    ++place[item.place];
}

namespace {

// From this many candidates on, the second half is admitted on a thread of its own.
constexpr std::size_t kSplitFrom = 1 << 14;
// The facts of a large result set are scattered over the table (a cache miss each, most of the
// pass's time): those of a later candidate are fetched while this one is admitted.
constexpr std::size_t kFetchAhead = 16;

// Admits the items at(from) … at(to - 1) (nullptr: a deleted item), in order, into `out`.
template <class At>
void admit_range(const FactFilter& filter, At at, std::size_t from, std::size_t to, const IdSet& excluded,
                 FacetTally* tally, std::vector<const ItemFacts*>& out) {
    auto skip = excluded.begin();
    bool skip_placed = false;  // at the first excluded id not below this range's first item
    for (std::size_t i = from; i < to; ++i) {
        if (i + kFetchAhead < to) {
            if (const ItemFacts* later = at(i + kFetchAhead)) __builtin_prefetch(later);
        }
        const ItemFacts* item = at(i);
        if (!item) continue;
        if (!skip_placed) {
            skip = std::lower_bound(excluded.begin(), excluded.end(), item->id);
            skip_placed = true;
        }
        while (skip != excluded.end() && *skip < item->id) ++skip;
        if (skip != excluded.end() && *skip == item->id) continue;
        if (!filter.admits(*item)) continue;
        out.push_back(item);
        if (tally) tally->add(*item);
    }
}

// admit_range over [0, count), the second half on another thread when there are many.
template <class At>
std::vector<const ItemFacts*> admit_all(const FactTable& facts, const FactFilter& filter, At at, std::size_t count,
                                        const IdSet& excluded, FacetTally* tally) {
    std::vector<const ItemFacts*> out;
    out.reserve(count);
    if (count < kSplitFrom) {
        admit_range(filter, at, 0, count, excluded, tally, out);
        return out;
    }
    std::vector<const ItemFacts*> later;
    std::optional<FacetTally> later_tally;
    if (tally) later_tally.emplace(facts);
    in_two_halves(count, [&](std::size_t from, std::size_t to) {
        if (from == 0) return admit_range(filter, at, from, to, excluded, tally, out);
        later.reserve(to - from);
        admit_range(filter, at, from, to, excluded, later_tally ? &*later_tally : nullptr, later);
    });
    out.insert(out.end(), later.begin(), later.end());
    if (tally) tally->merge(*later_tally);
    return out;
}

}  // namespace

std::vector<const ItemFacts*> admitted(const FactTable& facts, const FactFilter& filter, const IdSet& candidates,
                                       bool all, const IdSet& excluded, FacetTally* tally) {
    if (all) {
        const auto& rows = facts.rows();
        return admit_all(facts, filter, [&rows](std::size_t i) { return &rows[i]; }, rows.size(), excluded, tally);
    }
    // Ids the facts do not know are deleted items.
    return admit_all(facts, filter, [&](std::size_t i) { return facts.find(candidates[i]); }, candidates.size(), excluded, tally);
}

std::map<std::string, std::vector<FacetCount>> count_facets(const FacetTally& tally, const FactTable& facts,
                                                            const Vocabulary& vocabulary) {
    struct Facet {
        const char* name;
        std::string_view kind;  // vocabulary for the labels
        const std::vector<std::uint32_t>& counts;
    };
    const Facet facets[] = {{"type", "item_type", tally.type}, {"category", "relic_category", tally.category},
                            {"period", "period", tally.period}, {"place", "", tally.place}};
    std::map<std::string, std::vector<FacetCount>> out;
    for (const Facet& facet : facets) {
        std::vector<FacetCount>& list = out[facet.name];
        for (std::uint32_t value = 1; value < facet.counts.size(); ++value) {  // 0: no value
            if (!facet.counts[value]) continue;
            const std::string& code = (facet.kind.empty() ? facts.strings() : facts.codes())[value];
            FacetCount count{code, code, facet.counts[value]};
            if (!facet.kind.empty()) {
                const VocabTerm* term = vocabulary.find(facet.kind, code);
                if (!term && facet.kind == "relic_category") term = vocabulary.find("ich_category", code);
                if (term) count.label = term->zh;
            }
            list.push_back(std::move(count));
        }
        std::sort(list.begin(), list.end(), [](const FacetCount& a, const FacetCount& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (list.size() > 20) list.resize(20);
    }
    return out;
}

}  // namespace wenyuan::search
