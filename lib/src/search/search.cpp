// Running a query: every user string becomes FTS5 string literals (quoted, quotes doubled), so no
// input can raise an FTS5 syntax error or reach SQL; filters are bound parameters.
#include "wenyuan/search.hpp"

#include <algorithm>
#include <cctype>

#include "archive_impl.hpp"
#include "search/query.hpp"
#include "search/tokenizer.hpp"

namespace wenyuan {
namespace {

using search::ParsedQuery;
using search::QueryTerm;

// An FTS5 string literal: the tokenizer sees exactly the user's text.
std::string literal(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

bool has_tokens(std::string_view text) {
    bool any = false;
    search::tokenize_text(text, search::TokenMode::query, [&](const search::Token&) {
        any = true;
        return false;
    });
    return any;
}

// Letters only (with spaces and apostrophes): may be pinyin or its initials.
bool pinyin_candidate(std::string_view text) {
    bool letter = false;
    for (char c : text) {
        if (std::isalpha(static_cast<unsigned char>(c))) letter = true;
        else if (c != ' ' && c != '\'') return false;
    }
    return letter;
}

// Every reading of a pinyin-looking term, as an FTS5 expression on search_pinyin.
std::string pinyin_expression(const QueryTerm& term) {
    if (!pinyin_candidate(term.text)) return {};
    std::string compact;
    for (char c : term.text) {
        if (std::isalpha(static_cast<unsigned char>(c))) compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    std::vector<std::string> alternatives;
    for (const auto& syllables : search::segment_pinyin(compact)) {
        std::string phrase;
        bool prefix = false;
        for (std::string syllable : syllables) {
            if (!syllable.empty() && syllable.back() == '*') {
                syllable.pop_back();
                prefix = true;
            }
            phrase += (phrase.empty() ? "" : " ") + syllable;
        }
        alternatives.push_back(literal(phrase) + (prefix ? " *" : ""));
    }
    if (alternatives.empty() || search::looks_like_initials(compact)) alternatives.push_back(literal(compact));
    std::string out;
    for (const std::string& alternative : alternatives) out += (out.empty() ? "" : " OR ") + alternative;
    return "(" + out + ")";
}

// A bound parameter: MATCH expressions and codes are text, years are integers. (Binding codes such
// as relic category "04" as numbers would never match.)
struct Param {
    Param(std::string value) : text(std::move(value)) {}  // NOLINT: implicit on purpose
    Param(std::int64_t value) : number(value), is_number(true) {}  // NOLINT
    std::string text;
    std::int64_t number = 0;
    bool is_number = false;
};

struct Compiled {
    std::string set_sql;                ///< SELECT of matching ids (before filters)
    std::vector<Param> params;          ///< MATCH expressions, bound in order
    std::string any_text;               ///< all wanted terms OR'ed, for ranking and snippets
    std::string any_pinyin;
    std::string whole_phrase;           ///< the query as one title phrase, ranked first
};

Compiled compile(const ParsedQuery& query) {
    Compiled out;
    std::string include, exclude;
    for (const QueryTerm& term : query.terms) {
        if (!has_tokens(term.text)) continue;
        const std::string text = literal(term.text);
        std::string set = "SELECT rowid FROM search_text WHERE search_text MATCH ?";
        out.params.push_back(text);
        if (term.excluded) {
            exclude += " EXCEPT " + set;
            continue;
        }
        out.any_text += (out.any_text.empty() ? "" : " OR ") + text;
        if (const std::string pinyin = term.phrase ? "" : pinyin_expression(term); !pinyin.empty()) {
            set += " UNION SELECT rowid FROM search_pinyin WHERE search_pinyin MATCH ?";
            out.params.push_back(pinyin);
            out.any_pinyin += (out.any_pinyin.empty() ? "" : " OR ") + pinyin;
        }
        include += (include.empty() ? "" : " INTERSECT ") + ("SELECT * FROM (" + set + ")");
        out.whole_phrase += (out.whole_phrase.empty() ? "" : " ") + term.text;
    }
    if (include.empty()) include = "SELECT item_id FROM search_docs";
    out.set_sql = include + exclude;
    return out;
}

// Filters become SQL over items `i`, with their values bound as parameters.
void add_filters(const ParsedQuery& query, const Vocabulary& vocabulary, std::string& where,
                 std::vector<Param>& params) {
    for (const auto& filter : query.filters) {
        if (filter.field == "type") {
            const VocabTerm* term = vocabulary.find("item_type", filter.value);
            where += " AND i.type = ?";
            params.push_back(term ? term->code : filter.value);
        } else if (filter.field == "category") {
            const VocabTerm* relic = vocabulary.find("relic_category", filter.value);
            const VocabTerm* ich = vocabulary.find("ich_category", filter.value);
            where += " AND (i.relic_category = ? OR i.ich_category = ?)";
            params.push_back(relic ? relic->code : filter.value);
            params.push_back(ich ? ich->code : filter.value);
        } else if (filter.field == "period") {
            // A period and its sub-periods (汉 → 西汉, 新莽, 东汉), or any item dated within them.
            std::vector<const VocabTerm*> periods;
            for (const VocabTerm* term : vocabulary.terms("period")) {
                if (term->zh == filter.value || term->parent == filter.value || term->code == filter.value ||
                    (!term->en.empty() && term == vocabulary.find("period", filter.value))) {
                    periods.push_back(term);
                }
            }
            std::string clause = "i.period = ?";
            params.push_back(filter.value);
            for (const VocabTerm* term : periods) {
                clause += " OR i.period = ?";
                params.push_back(term->code);
                if (term->start_year || term->end_year) {
                    clause += " OR (i.year_start IS NOT NULL AND coalesce(i.year_end, i.year_start) >= ? AND i.year_start <= ?)";
                    params.push_back(std::int64_t{term->start_year.value_or(-100000)});
                    params.push_back(std::int64_t{term->end_year.value_or(100000)});
                }
            }
            where += " AND (" + clause + ")";
        } else if (filter.field == "material" || filter.field == "place") {
            where += " AND instr(coalesce(i." + filter.field + ", ''), ?) > 0";
            params.push_back(filter.value);
        } else if (filter.field == "collection") {
            where += " AND i.id IN (SELECT ci.item_id FROM collection_items ci JOIN collections c ON c.id = ci.collection_id "
                     "WHERE c.name = ?)";
            params.push_back(filter.value);
        }
    }
    if (query.year_from) {
        where += " AND coalesce(i.year_end, i.year_start) >= ?";
        params.push_back(std::int64_t{*query.year_from});
    }
    if (query.year_to) {
        where += " AND i.year_start <= ?";
        params.push_back(std::int64_t{*query.year_to});
    }
}

void bind_all(sql::Stmt& stmt, const std::vector<Param>& params) {
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        if (params[i].is_number) stmt.bind(index, params[i].number);
        else stmt.bind(index, params[i].text);
    }
}

Result<void> count_facet(const sql::Db& db, const std::string& matched_sql, const std::vector<Param>& params,
                         const char* column, std::string_view kind, const Vocabulary& vocabulary,
                         std::vector<FacetCount>& out) {
    auto stmt = db.prepare("WITH matched(id) AS (" + matched_sql + ") SELECT " + column +
                           " AS v, count(*) FROM matched m JOIN items i ON i.id = m.id WHERE v IS NOT NULL AND v <> '' "
                           "GROUP BY v ORDER BY count(*) DESC, v LIMIT 20");
    if (!stmt) return fail(std::move(stmt).error());
    bind_all(*stmt, params);
    return stmt->each([&](const sql::Stmt& row) {
        FacetCount facet{row.text(0), row.text(0), static_cast<std::size_t>(row.int64(1))};
        if (!kind.empty()) {
            const VocabTerm* term = vocabulary.find(kind, facet.value);
            if (!term && kind == "relic_category") term = vocabulary.find("ich_category", facet.value);
            if (term) facet.label = term->zh;
        }
        out.push_back(std::move(facet));
    });
}

}  // namespace

Result<SearchResults> search_items(const Archive& archive, std::string_view text, const SearchOptions& options) {
    const sql::Db& db = archive.impl().db;
    const Vocabulary& vocabulary = archive.vocabulary();
    const ParsedQuery query = search::parse_query(text);
    const Compiled compiled = compile(query);

    std::string where = "i.deleted_at IS NULL";
    if (options.reader == Reader::kiosk) where += " AND i.access = 'public'";
    std::vector<Param> filter_params;
    add_filters(query, vocabulary, where, filter_params);

    // Every match after filters: the set the page, the total and the facets come from.
    const std::string matched_sql = "SELECT i.id FROM items i WHERE " + where + " AND i.id IN (" + compiled.set_sql + ")";
    std::vector<Param> params = filter_params;
    params.insert(params.end(), compiled.params.begin(), compiled.params.end());

    SearchResults results;
    {
        auto count = db.prepare("SELECT count(*) FROM (" + matched_sql + ")");
        if (!count) return fail(std::move(count).error());
        bind_all(*count, params);
        WENYUAN_TRY(count->each([&](const sql::Stmt& row) { results.total = static_cast<std::size_t>(row.int64(0)); }));
    }

    // Ranking: the whole query as a title phrase first, then BM25 over the text columns (title
    // weighted above keywords, places and body), then pinyin matches, then newest.
    std::string rank_sql = "WITH matched(id) AS (" + matched_sql + ")";
    std::vector<Param> rank_params = params;
    std::string score = "0";
    std::string joins;
    if (!compiled.any_text.empty()) {
        rank_sql += ", text_rank(id, r) AS (SELECT rowid, bm25(search_text, 10.0, 5.0, 3.0, 1.0) FROM search_text "
                    "WHERE search_text MATCH ?)";
        rank_params.push_back(compiled.any_text);
        rank_sql += ", phrase(id) AS (SELECT rowid FROM search_text WHERE search_text MATCH ?)";
        rank_params.push_back("{title} : " + literal(compiled.whole_phrase));
        joins += " LEFT JOIN text_rank t ON t.id = m.id LEFT JOIN phrase ph ON ph.id = m.id";
        score = "(CASE WHEN ph.id IS NOT NULL THEN 100.0 ELSE 0.0 END) - coalesce(t.r, 0)";
    }
    if (query.terms.size() > 1 && pinyin_candidate(compiled.whole_phrase)) {
        // "qing tong" typed as two words: the syllables in order rank like a phrase.
        rank_sql += ", pinyin_phrase(id) AS (SELECT rowid FROM search_pinyin WHERE search_pinyin MATCH ?)";
        rank_params.push_back(literal(compiled.whole_phrase));
        joins += " LEFT JOIN pinyin_phrase pp ON pp.id = m.id";
        score += " + (CASE WHEN pp.id IS NOT NULL THEN 50.0 ELSE 0.0 END)";
    }
    if (!compiled.any_pinyin.empty()) {
        rank_sql += ", pinyin_rank(id, r) AS (SELECT rowid, bm25(search_pinyin) FROM search_pinyin WHERE search_pinyin MATCH ?)";
        rank_params.push_back(compiled.any_pinyin);
        joins += " LEFT JOIN pinyin_rank p ON p.id = m.id";
        score += " - 0.5 * coalesce(p.r, 0)";
    }
    rank_sql += " SELECT m.id, i.title, coalesce(i.title_en, ''), i.type, " + score + " AS score FROM matched m JOIN items i ON i.id = m.id" +
                joins + " ORDER BY score DESC, m.id DESC LIMIT ? OFFSET ?";
    auto ranked = db.prepare(rank_sql);
    if (!ranked) return fail(std::move(ranked).error());
    bind_all(*ranked, rank_params);
    ranked->bind(static_cast<int>(rank_params.size()) + 1, static_cast<std::int64_t>(options.limit ? options.limit : 20));
    ranked->bind(static_cast<int>(rank_params.size()) + 2, static_cast<std::int64_t>(options.offset));
    WENYUAN_TRY(ranked->each([&](const sql::Stmt& row) {
        results.hits.push_back({row.int64(0), row.text(1), row.text(2), row.text(3), row.real(4), {}, {}});
    }));

    // Snippets for the page only: the best text fragment, or the title for pinyin matches.
    for (SearchHit& hit : results.hits) {
        if (!compiled.any_text.empty()) {
            auto snippet = db.prepare(
                "SELECT snippet(search_text, -1, '[', ']', '…', 16), highlight(search_text, 0, '[', ']') "
                "FROM search_text WHERE search_text MATCH ? AND rowid = ?");
            if (!snippet) return fail(std::move(snippet).error());
            snippet->bind(1, compiled.any_text).bind(2, hit.id);
            WENYUAN_TRY(snippet->each([&](const sql::Stmt& row) {
                // The title column holds the Chinese and the English title, one per line.
                const std::string title = row.text(1);
                const auto mark = title.find('[');
                const bool in_title = mark != std::string::npos;
                if (in_title) {
                    const auto begin = title.rfind('\n', mark);
                    const auto end = title.find('\n', mark);
                    hit.snippet = title.substr(begin == std::string::npos ? 0 : begin + 1,
                                               end == std::string::npos ? std::string::npos : end - (begin == std::string::npos ? 0 : begin + 1));
                } else {
                    hit.snippet = row.text(0);
                }
                hit.matched = in_title ? "title" : "text";
            }));
        }
        if (hit.snippet.empty()) {
            hit.snippet = hit.title;
            hit.matched = compiled.any_pinyin.empty() ? "" : "pinyin";
        }
    }

    if (options.facets) {
        WENYUAN_TRY(count_facet(db, matched_sql, params, "i.type", "item_type", vocabulary, results.facets["type"]));
        WENYUAN_TRY(count_facet(db, matched_sql, params, "coalesce(i.relic_category, i.ich_category)", "relic_category",
                                vocabulary, results.facets["category"]));
        WENYUAN_TRY(count_facet(db, matched_sql, params, "i.period", "period", vocabulary, results.facets["period"]));
        WENYUAN_TRY(count_facet(db, matched_sql, params, "i.place", "", vocabulary, results.facets["place"]));
    }
    return results;
}

}  // namespace wenyuan
