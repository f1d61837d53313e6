#include "search/match.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "search/fold.hpp"
#include "search/fts5_ids.hpp"
#include "search/hanzi.hpp"
#include "search/tokenizer.hpp"

namespace wenyuan::search {

std::string fts_literal(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') out += '"';
    }
    return out + "\"";
}

bool has_tokens(std::string_view text) {
    bool any = false;
    tokenize_text(text, TokenMode::query, [&](const Token&) {
        any = true;
        return false;
    });
    return any;
}

bool pinyin_candidate(std::string_view text) {
    bool letter = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalpha(c)) {
            letter = true;
        } else if (text.compare(i, 2, "ü") == 0 || text.compare(i, 2, "Ü") == 0) {
            letter = true;
            ++i;
        } else if (c != ' ' && c != '\'') {
            return false;
        }
    }
    return letter;
}

PinyinExpression pinyin_expression(const QueryTerm& term, bool syllable_pairs) {
    if (term.phrase || !pinyin_candidate(term.text)) return {};
    const std::string pairs = syllable_pairs ? std::string(kSyllablePairs) : std::string();
    const std::string compact = pinyin_letters(term.text, false);
    std::vector<std::string> alternatives;
    for (const auto& syllables : segment_pinyin(pinyin_letters(term.text, true))) {
        std::string phrase;
        bool prefix = false;
        for (std::string syllable : syllables) {
            if (!syllable.empty() && syllable.back() == '*') {
                syllable.pop_back();
                prefix = true;
            }
            phrase += (phrase.empty() ? "" : " ") + syllable;
        }
        alternatives.push_back(fts_literal(pairs + (prefix ? std::string(kSyllableStart) : std::string()) + phrase));
    }
    const bool initials_only = alternatives.empty();
    if (initials_only || looks_like_initials(compact)) alternatives.push_back(fts_literal(pairs + compact));
    std::string out;
    for (const std::string& alternative : alternatives) out += (out.empty() ? "" : " OR ") + alternative;
    return {"(" + out + ")", initials_only};
}

namespace {

// Kiosk visitors type initials for words of up to four characters (qt, qtj, bjdx); five letters or
// more that are no pinyin are far more often an English word, whose chain of initial pairs
// (^la ^at ^th ^he for lathe) costs milliseconds and rarely finds anything.
constexpr std::size_t kLongestLikelyInitials = 4;

// Whether the text is one run of Han characters (and nothing else).
bool one_han_run(std::string_view text) {
    if (text.empty()) return false;
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 0;
        if (width == 0 || at + width > text.size()) return false;
        char32_t cp = width == 3 ? (lead & 0x0F) : (lead & 0x07);
        for (std::size_t i = 1; i < width; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
        if (!is_han(cp)) return false;
        at += width;
    }
    return true;
}

// English words too common to search for, dropped from a query that has other words.
bool is_stopword(const QueryTerm& term) {
    static constexpr std::string_view kStopwords[] = {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of",
        "on", "or", "that", "the", "this", "these", "those", "to", "was", "were", "with",
    };
    if (term.phrase || term.excluded || term.text.size() > 5) return false;
    std::string lower;
    for (char c : term.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return std::find(std::begin(kStopwords), std::end(kStopwords), lower) != std::end(kStopwords);
}

}  // namespace

MatchPlan plan_match(const ParsedQuery& query, int schema_version) {
    MatchPlan plan;
    const bool syllable_pairs = schema_version >= kSyllablePairsSchemaVersion;
    const bool has_content_word = std::any_of(query.terms.begin(), query.terms.end(), [](const QueryTerm& term) {
        return !term.excluded && !is_stopword(term) && has_tokens(term.text);
    });
    for (const QueryTerm& term : query.terms) {
        if (!has_tokens(term.text) || (has_content_word && is_stopword(term))) continue;
        const std::string text = fts_literal(term.text);
        const std::string set_term = one_han_run(term.text) ? fts_literal(std::string(kBigramsOnly) + term.text) : text;
        if (term.excluded) {
            plan.excluded.push_back(set_term);
            continue;
        }
        plan.text_terms.push_back(text);
        plan.set_terms.push_back(set_term);
        plan.words.push_back(term.text);
        plan.any_text += (plan.any_text.empty() ? "" : " OR ") + text;
        const auto [pinyin, initials_only] = pinyin_expression(term, syllable_pairs);
        plan.initials_unless_text.push_back(initials_only && pinyin_letters(term.text, false).size() > kLongestLikelyInitials);
        plan.pinyin_terms.push_back(pinyin);
        if (!pinyin.empty()) plan.any_pinyin += (plan.any_pinyin.empty() ? "" : " OR ") + pinyin;
        plan.whole_phrase += (plan.whole_phrase.empty() ? "" : " ") + term.text;
    }
    plan.all_items = plan.text_terms.empty();
    return plan;
}

Result<IdSet> matching_ids(const sql::Db& db, std::string_view table, const std::string& expression) {
    const std::string sql = "SELECT rowid FROM " + std::string(table) + " WHERE " + std::string(table) + " MATCH ?1";
    auto stmt = db.cached(sql);
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, expression);
    IdSet ids;
    WENYUAN_TRY((*stmt)->each([&](const sql::Stmt& row) { ids.push_back(static_cast<ItemId>(row.int64(0))); }));
    // FTS5 returns rowids in ascending order; make sure, since every set operation relies on it.
    if (!std::is_sorted(ids.begin(), ids.end())) std::sort(ids.begin(), ids.end());
    return ids;
}

namespace {

// The ids in the most of the sets (at least one): for a sentence whose words no item has all of.
// Counted in an array over the id range (2 bytes an id: 2 MB for a million items), which is
// smaller and faster than merging (id, count) pairs, 16 bytes each of the union twice over.
IdSet most_covered(const std::vector<IdSet>& sets) {
    std::int64_t largest = -1;
    std::size_t entries = 0;
    for (const IdSet& set : sets) {
        if (!set.empty()) largest = std::max<std::int64_t>(largest, set.back());
        entries += set.size();
    }
    if (largest < 0) return {};
    if (static_cast<std::size_t>(largest) > 4 * entries + 65536) {  // sparse ids: sort them instead
        IdSet all;
        all.reserve(entries);
        for (const IdSet& set : sets) all.insert(all.end(), set.begin(), set.end());
        std::sort(all.begin(), all.end());
        std::size_t most = 0;
        IdSet out;
        for (std::size_t at = 0, run; at < all.size(); at += run) {
            for (run = 1; at + run < all.size() && all[at + run] == all[at];) ++run;
            if (run > most) out.clear();
            if (run >= most) out.push_back(all[at]);
            most = std::max(most, run);
        }
        return out;
    }
    std::vector<std::uint16_t> counts(static_cast<std::size_t>(largest) + 1);
    std::uint16_t most = 0;
    for (const IdSet& set : sets) {
        for (std::int64_t id : set) {
            std::uint16_t& count = counts[static_cast<std::size_t>(id)];
            if (count < 0xffff) ++count;
            most = std::max(most, count);
        }
    }
    IdSet out;
    for (std::size_t id = 0; id < counts.size(); ++id) {
        if (counts[id] == most) out.push_back(static_cast<ItemId>(id));
    }
    return out;
}

}  // namespace

Result<Wanted> wanted_ids(const sql::Db& db, const MatchPlan& plan) {
    Wanted wanted;
    IdSet& result = wanted.ids;
    std::vector<IdSet> sets;  // each term's, kept for a query whose terms no item has all of
    for (std::size_t i = 0; i < plan.text_terms.size(); ++i) {
        auto ids = phrase_union_ids(db, "search_text", plan.set_terms[i]);
        if (!ids) return fail(std::move(ids).error());
        if (!plan.pinyin_terms[i].empty() && !(plan.initials_unless_text[i] && !ids->empty())) {
            auto pinyin = phrase_union_ids(db, "search_pinyin", plan.pinyin_terms[i]);
            if (!pinyin) return fail(std::move(pinyin).error());
            // A word matches in the text or in the pinyin, rarely both: no third copy then.
            if (ids->empty()) {
                *ids = std::move(*pinyin);
            } else if (!pinyin->empty()) {
                *ids = unite(*ids, *pinyin);
            }
        }
        wanted.term_counts.push_back(ids->size());
        if (plan.text_terms.size() == 1) {
            result = std::move(*ids);  // a few MB for a common word: not copied
            break;
        }
        result = i == 0 ? *ids : intersect(result, *ids);
        sets.push_back(std::move(*ids));
    }
    if (result.empty() && plan.text_terms.size() > 1) {
        result = most_covered(sets);
        wanted.all_words = false;
    }
    return wanted;
}

Result<IdSet> excluded_ids(const sql::Db& db, const MatchPlan& plan) {
    IdSet result;
    for (const std::string& excluded : plan.excluded) {
        auto ids = phrase_union_ids(db, "search_text", excluded);
        if (!ids) return ids;
        result = unite(result, *ids);
    }
    return result;
}

IdSet intersect(const IdSet& a, const IdSet& b) {
    IdSet out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

IdSet unite(const IdSet& a, const IdSet& b) {
    IdSet out;
    out.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

IdSet subtract(const IdSet& a, const IdSet& b) {
    IdSet out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

}  // namespace wenyuan::search
