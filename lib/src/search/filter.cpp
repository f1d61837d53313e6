#include "search/filter.hpp"

#include <algorithm>
#include <limits>

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
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) { ids.push_back(row.int64(0)); }));
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
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
        } else if (wanted.field == "category") {
            condition.kind = Condition::Kind::category;
            condition.strings.push_back(code_number(facts, wanted.value));
            for (const char* kind : {"relic_category", "ich_category"}) {
                if (const VocabTerm* term = vocabulary.find(kind, wanted.value)) {
                    condition.strings.push_back(code_number(facts, term->code));
                }
            }
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

void FacetTally::add(const ItemFacts& item) noexcept {
    ++type[item.type];
    ++category[item.relic_category ? item.relic_category : item.ich_category];
    ++period[item.period];
    ++place[item.place];
}

std::vector<const ItemFacts*> admitted(const FactTable& facts, const FactFilter& filter, const IdSet& candidates,
                                       bool all, const IdSet& excluded, FacetTally* tally) {
    std::vector<const ItemFacts*> out;
    auto skip = excluded.begin();
    auto admit = [&](const ItemFacts& item) {
        while (skip != excluded.end() && *skip < item.id) ++skip;
        if (skip != excluded.end() && *skip == item.id) return;
        if (!filter.admits(item)) return;
        out.push_back(&item);
        if (tally) tally->add(item);
    };
    if (all) {
        out.reserve(facts.rows().size());
        for (const ItemFacts& item : facts.rows()) admit(item);
        return out;
    }
    out.reserve(candidates.size());
    // The facts of a large result set are scattered over the table (a cache miss each, most of
    // the pass's time): fetch those of a later candidate while this one is admitted.
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (i + kAhead < candidates.size()) {
            if (const ItemFacts* later = facts.find(candidates[i + kAhead])) __builtin_prefetch(later);
        }
        if (const ItemFacts* item = facts.find(candidates[i])) admit(*item);  // ids the facts do not know are deleted items
    }
    return out;
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
