// Running a query: the words become sorted sets of matching ids (FTS5, one scan per word), the
// filters and the reader's access level are applied to in-memory item facts in one merge pass,
// the facets are counted there too, and only the page is ranked and given snippets.
#include "wenyuan/search.hpp"

#include <optional>

#include "archive_impl.hpp"
#include "clock.hpp"
#include "search/filter.hpp"
#include "search/fold.hpp"
#include "search/index.hpp"
#include "search/match.hpp"
#include "search/query.hpp"
#include "search/rank.hpp"
#include "search/snippet.hpp"

namespace wenyuan {
namespace {

// Up to this many matches, the first few searches read only the matches' facts (about 10 µs
// each from disk) instead of loading every item's (0.8 s for a million, 3 s from a cold disk).
constexpr std::size_t kFactsReadOneByOne = 1000;

// The hit's snippet from its stored text; the title when only the pinyin matched.
Result<void> add_snippet(const sql::Db& db, const search::MatchPlan& plan, SearchHit& hit) {
    auto stmt = db.cached("SELECT title, keywords, places, body FROM search_docs WHERE item_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, hit.id);
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    if (*row) {
        const std::string fields[4] = {(*stmt)->text(0), (*stmt)->text(1), (*stmt)->text(2), (*stmt)->text(3)};
        search::Snippet snippet = search::make_snippet(fields, plan.words);
        hit.snippet = std::move(snippet.text);
        hit.matched = std::move(snippet.matched);
    }
    return {};
}

// The earliest segment or caption cue of the hit with every word of the query, else the one with
// the most of them; none when no cue or segment has any (the match is elsewhere in the item).
Result<void> add_moment(const sql::Db& db, const search::MatchPlan& plan, SearchHit& hit) {
    auto stmt = db.cached(
        "SELECT 'segment', id, start_ms, end_ms, title, title || char(10) || description, '' FROM segments WHERE item_id = ?1 "
        "UNION ALL SELECT 'caption', 0, c.start_ms, c.end_ms, c.text, c.text, a.lang FROM caption_cues c "
        "JOIN assets a ON a.id = c.asset_id WHERE c.item_id = ?1 ORDER BY 3, 1 DESC");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<std::string> words;
    for (const std::string& word : plan.words) {
        std::string folded = search::fold_phrase(word);
        if (!folded.empty() && folded != " ") words.push_back(std::move(folded));
    }
    if (words.empty()) return {};
    (*stmt)->bind(1, hit.id);
    std::size_t best = 0;
    Result<void> done;
    WENYUAN_TRY((*stmt)->each([&](const sql::Stmt& row) {
        if (best == words.size()) return;
        const std::string folded = search::fold_text(row.text(5));
        std::size_t found = 0;
        for (const std::string& word : words) found += folded.find(word) != std::string::npos ? 1 : 0;
        if (found <= best) return;
        best = found;
        hit.moment = SearchMoment{static_cast<double>(row.int64(2)) / 1000.0, static_cast<double>(row.int64(3)) / 1000.0,
                                  row.text(0), row.text(4), row.text(6), row.int64(1)};
    }));
    return done;
}

Result<SearchHit> make_hit(const sql::Db& db, const search::Ranked& ranked) {
    auto stmt = db.cached("SELECT title, coalesce(title_en, ''), type FROM items WHERE id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, static_cast<std::int64_t>(ranked.item->id));
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return fail(Errc::internal, "search: item " + std::to_string(ranked.item->id) + " vanished");
    return SearchHit{ranked.item->id, (*stmt)->text(0), (*stmt)->text(1), (*stmt)->text(2), ranked.score, {}, {}, {}};
}

}  // namespace

Result<SearchResults> search_items(const Archive& archive, std::string_view text, const SearchOptions& options) {
    const Archive::Impl& impl = archive.impl();
    const sql::Db& db = impl.db;
    const search::ParsedQuery query = search::parse_query(text);
    const search::MatchPlan plan = search::plan_match(query, impl.schema_version);

    // Read the facts, the index and the catalog in one snapshot, even while a writer commits.
    auto read = sql::ReadTransaction::begin(db);
    if (!read) return fail(std::move(read).error());
    auto current = impl.facts.refresh_if_loaded(db);
    if (!current) return fail(std::move(current).error());

    search::Wanted wanted;
    if (!plan.all_items) {
        auto matched = search::wanted_ids(db, plan);
        if (!matched) return fail(std::move(matched).error());
        wanted = std::move(*matched);
    }
    // The facts of every item are loaded once, when a result set is large; until then a small
    // one reads only its own (the first search of a CLI run, or a kiosk's first few).
    const search::FactTable* facts = &impl.facts;
    search::FactTable own;
    std::size_t indexed = 0;
    if (!*current) {
        if (!plan.all_items && wanted.ids.size() <= kFactsReadOneByOne && !impl.facts.worth_loading()) {
            WENYUAN_TRY(own.load_ids(db, wanted.ids));
            facts = &own;
            auto largest = db.scalar("SELECT coalesce(max(item_id), 0) FROM search_facts");  // about how many
            if (!largest) return fail(std::move(largest).error());
            indexed = static_cast<std::size_t>(*largest);
        } else {
            WENYUAN_TRY(impl.facts.refresh(db));
        }
    }
    if (facts == &impl.facts) indexed = impl.facts.rows().size();
    auto filter = search::FactFilter::compile(db, query, archive.vocabulary(), *facts, options.reader);
    if (!filter) return fail(std::move(filter).error());
    auto excluded = search::excluded_ids(db, plan);
    if (!excluded) return fail(std::move(excluded).error());
    std::optional<search::FacetTally> tally;
    if (options.facets) tally.emplace(*facts);
    const auto items = search::admitted(*facts, *filter, wanted.ids, plan.all_items, *excluded, tally ? &*tally : nullptr);

    SearchResults results;
    results.total = items.size();
    results.all_words = wanted.all_words;
    results.notes = filter->notes();
    if (tally) results.facets = search::count_facets(*tally, *facts, archive.vocabulary());

    const std::size_t limit = options.limit ? options.limit : 20;
    auto ranked = search::rank(db, plan, *facts, items, wanted.term_counts, indexed, options.offset + limit);
    if (!ranked) return fail(std::move(ranked).error());
    // Moments only where recordings have captions or segments at all: one query, not one per hit.
    bool timed = false;
    if (!plan.all_items && impl.schema_version >= 4 && ranked->size() > options.offset) {
        auto any = db.scalar("SELECT EXISTS (SELECT 1 FROM caption_cues) OR EXISTS (SELECT 1 FROM segments)");
        if (!any) return fail(std::move(any).error());
        timed = *any != 0;
    }
    for (std::size_t i = options.offset; i < ranked->size(); ++i) {
        auto hit = make_hit(db, (*ranked)[i]);
        if (!hit) return fail(std::move(hit).error());
        if (!plan.all_items) WENYUAN_TRY(add_snippet(db, plan, *hit));
        if (timed) WENYUAN_TRY(add_moment(db, plan, *hit));
        if (hit->snippet.empty()) {
            hit->snippet = hit->title;
            hit->matched = plan.any_pinyin.empty() ? "" : "pinyin";
        }
        results.hits.push_back(std::move(*hit));
    }
    return results;
}

}  // namespace wenyuan

namespace wenyuan {

Result<std::size_t> rebuild_search_index(Archive& archive, std::string_view agent) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("rebuild the search index"));
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    WENYUAN_TRY(search::rebuild_index(impl.db, impl.vocabulary));
    auto indexed = impl.db.scalar("SELECT count(*) FROM search_docs");
    if (!indexed) return fail(std::move(indexed).error());
    WENYUAN_TRY(impl.insert_event({0, now_utc_iso(), "derivation", std::nullopt, "", std::string(agent), "success",
                                   "search index rebuilt from the catalog: " + std::to_string(*indexed) + " items"}));
    WENYUAN_TRY(tx->commit());
    impl.facts.forget();
    return static_cast<std::size_t>(*indexed);
}

Result<void> optimize_search_index(Archive& archive) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("optimize the search index"));
    WENYUAN_TRY(impl.db.exec("INSERT INTO search_text(search_text) VALUES ('optimize')"));
    return impl.db.exec("INSERT INTO search_pinyin(search_pinyin) VALUES ('optimize')");
}

}  // namespace wenyuan
