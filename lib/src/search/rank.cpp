#include "search/rank.hpp"

#include <algorithm>
#include <cmath>

#include "search/fold.hpp"
#include "search/halves.hpp"
#include "search/tokenizer.hpp"
#include <cctype>

namespace wenyuan::search {
namespace {

constexpr double kColumnWeights[] = {10.0, 5.0, 3.0, 1.0};  // title, keywords, places, body
constexpr double kK1 = 1.2, kB = 0.75;
constexpr std::size_t kScoredInTwoFrom = 64;  // candidates scored on two threads from this many on
constexpr std::size_t kScoredAtOnce = 1024;   // stored texts held at once while scoring

struct Term {
    std::string folded;                                ///< for the text columns
    std::vector<std::vector<std::string>> pinyin;      ///< when it may be pinyin
    std::string initials;                              ///< its likely title initials, for pre-ranking
    double idf = 0;
};

double idf(std::size_t indexed, std::size_t matching) {
    const double n = static_cast<double>(matching), total = static_cast<double>(indexed);
    return std::max(1e-6, std::log((total - n + 0.5) / (n + 0.5)));
}

std::vector<Term> terms_of(const MatchPlan& plan, const std::vector<std::size_t>& counts, std::size_t indexed) {
    std::vector<Term> terms;
    for (std::size_t i = 0; i < plan.words.size(); ++i) {
        Term term{fold_phrase(plan.words[i]), {}, {}, idf(indexed, i < counts.size() ? counts[i] : indexed / 2)};
        if (!plan.pinyin_terms[i].empty()) {
            term.pinyin = pinyin_sequences(plan.words[i]);
            // The letters a title's initials would show: qt for qt, qt for qingtong.
            const auto segmented = segment_pinyin(plan.words[i]);
            if (segmented.empty() || looks_like_initials(plan.words[i])) {
                for (char c : plan.words[i]) {
                    if (std::isalpha(static_cast<unsigned char>(c))) term.initials += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                }
            } else {
                for (const std::string& syllable : segmented.front()) term.initials += syllable[0];
            }
        }
        terms.push_back(std::move(term));
    }
    return terms;
}

struct StoredDoc {
    std::string columns[4];
    std::string pinyin;
};

Result<StoredDoc> stored_doc(const sql::Db& db, std::int64_t id) {
    auto stmt = db.cached("SELECT title, keywords, places, body, pinyin FROM search_docs WHERE item_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, id);
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    StoredDoc doc;
    if (*row) {
        for (int c = 0; c < 4; ++c) doc.columns[c] = (*stmt)->text(c);
        doc.pinyin = (*stmt)->text(4);
    }
    return doc;
}

// Pre-ranking from the titles in memory: 2 for the whole phrase, 1 for any word (or its pinyin
// initials) in the title.
int title_prior(const FactTable& facts, const ItemFacts& item, const std::string& phrase, const std::vector<Term>& terms) {
    const std::string_view title = facts.folded_title(item);
    if (title.find(phrase) != std::string_view::npos) return 2;
    std::string_view initials;
    for (const Term& term : terms) {
        // A one-word query's word is the phrase, already looked for.
        if (term.folded != phrase && title.find(term.folded) != std::string_view::npos) return 1;
        if (term.initials.empty()) continue;
        if (initials.empty()) initials = facts.title_initials(item);
        if (initials.find(term.initials) != std::string_view::npos) return 1;
    }
    return 0;
}

}  // namespace

Result<std::vector<Ranked>> rank(const sql::Db& db, const MatchPlan& plan, const FactTable& facts,
                                 std::vector<const ItemFacts*> items, const std::vector<std::size_t>& term_counts,
                                 std::size_t indexed_items, std::size_t wanted) {
    std::vector<Ranked> out;
    auto newer_first = [](const ItemFacts* a, const ItemFacts* b) { return a->id > b->id; };
    if (plan.all_items) {
        const std::size_t keep = std::min(wanted, items.size());
        std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(keep), items.end(), newer_first);
        for (std::size_t i = 0; i < keep; ++i) out.push_back({items[i], 0});
        return out;
    }

    const std::size_t indexed = std::max<std::size_t>(indexed_items, 1);
    const std::vector<Term> terms = terms_of(plan, term_counts, indexed);
    const std::string phrase = fold_phrase(plan.whole_phrase);
    const std::size_t pool = std::max(kExactlyScored, wanted);
    if (items.size() > pool) {
        // Walk from the newest item and stop once enough candidates of the best kind are in
        // hand: kEnough with the phrase in the title (or, for a query of letters only — pinyin
        // or initials, which no Chinese title spells — with any word in the title). Reading the
        // title of every match is memory-bound (a cache miss each: 6–15 ms for 60,000–90,000
        // matches); a common word usually stops within a few thousand.
        const std::size_t enough = kEnoughFactor * pool;
        const bool letters_only = pinyin_candidate(plan.whole_phrase);
        std::size_t best_kind = 0;
        // Sort keys of 8 bytes: the prior above the title's shortness, and the position in
        // `items` (which is in id order, so a later position is a newer item).
        std::vector<std::pair<std::uint32_t, std::uint32_t>> keyed;
        keyed.reserve(std::min(items.size(), 4 * enough));
        const std::size_t query_units = count_units(phrase);
        // A title with fewer characters than a one-word Han query can neither hold nor be it: its
        // prior is 0 without reading it (most titles, for a long phrase).
        const bool han_word = plan.set_terms.size() == 1 && !phrase.empty() &&
                              std::none_of(phrase.begin(), phrase.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        const std::size_t shortest_holding = han_word ? query_units : 0;
        auto consider = [&](std::uint32_t i) {
            const std::uint16_t length = facts.title_chars(*items[i]);
            const auto prior = length < shortest_holding ? 0u : static_cast<std::uint32_t>(title_prior(facts, *items[i], phrase, terms));
            keyed.emplace_back(prior << 16 | (0xffffu - length), i);
            return prior == 2 || (letters_only && prior == 1);
        };
        // Titles hardly longer than the query (the item 蜀绣 for 蜀绣) are considered first,
        // however old, shortest first (newest first within a length): they are the ones the query
        // most likely names. Those no longer than the query are always read; the rest share a
        // bounded number of reads (a third of a million items have titles of three or four
        // characters, so "at most two longer" can be half of a result set).
        const std::size_t short_title = query_units + 2;
        std::vector<std::vector<std::uint32_t>> by_length(short_title + 1);
        for (std::uint32_t i = 0; i < items.size(); ++i) {
            const std::uint16_t length = facts.title_chars(*items[i]);
            if (length <= short_title) by_length[length].push_back(i);
        }
        std::vector<bool> seen(items.size());
        std::size_t examined = 0;
        for (std::size_t length = 0; length <= short_title; ++length) {
            for (auto at = by_length[length].rbegin(); at != by_length[length].rend(); ++at) {
                if (length > query_units && (examined >= kMostExamined / 2 || best_kind >= enough)) break;
                best_kind += consider(*at) ? 1 : 0;
                seen[*at] = true;
                ++examined;
            }
        }
        // Then the newest of the rest. Bounded: at most kMostExamined titles in all, so a word
        // rarely in a title (歷史, 瓷器 in 77,000 items, few of whose titles have it) costs a few
        // milliseconds, not 25.
        auto unread = static_cast<std::uint32_t>(items.size());  // items[0, unread) not walked yet
        while (unread > 0 && best_kind < enough && examined < kMostExamined) {
            if (seen[--unread]) continue;
            best_kind += consider(unread) ? 1 : 0;
            seen[unread] = true;
            ++examined;
        }
        if (unread > 0 && best_kind < enough && !letters_only && plan.set_terms.size() == 1 && query_units <= kIndexedTitleUnits) {
            // Few titles hold the word (瓷器 is mostly a category name): the older ones come from
            // the index, one title-column scan (about 1.3 ms for a word in 85,000 items, none of
            // whose titles has it) instead of reading every title. Not for longer phrases or
            // several words: their title scan costs as much as reading the titles (8–13 ms).
            auto in_title = matching_ids(db, "search_text", "{title} : " + plan.set_terms.front());
            if (!in_title) return fail(std::move(in_title).error());
            auto by_id = [](const ItemFacts* item, std::int64_t id) { return item->id < id; };
            for (std::int64_t id : *in_title) {
                const auto at = std::lower_bound(items.begin(), items.begin() + unread, id, by_id);
                if (at == items.begin() + unread || (*at)->id != id) continue;
                const auto i = static_cast<std::uint32_t>(at - items.begin());
                if (!seen[i]) consider(i);
            }
        }
        const std::size_t keep = std::min(pool, keyed.size());
        std::partial_sort(keyed.begin(), keyed.begin() + static_cast<std::ptrdiff_t>(keep), keyed.end(),
                          [](const auto& a, const auto& b) { return a > b; });
        std::vector<const ItemFacts*> best;
        for (std::size_t i = 0; i < keep; ++i) best.push_back(items[keyed[i].second]);
        items = std::move(best);
    }

    // BM25 as FTS5 computes it (the weighted term frequency over the columns, the document's
    // length against the average), from the stored text of each candidate.
    struct Scoring {
        const ItemFacts* item = nullptr;
        double frequency[16] = {};  // per term (at most 16 are scored)
        double pinyin[16] = {};
        std::size_t length = 0;
        bool phrase_in_title = false, title_is_phrase = false, pinyin_phrase_in_title = false;
    };
    const bool multiword_pinyin = terms.size() > 1 && pinyin_candidate(plan.whole_phrase);
    const auto phrase_pinyin = multiword_pinyin ? pinyin_sequences(plan.whole_phrase) : std::vector<std::vector<std::string>>{};
    const bool any_pinyin = std::any_of(terms.begin(), terms.end(), [](const Term& t) { return !t.pinyin.empty(); });
    auto score_doc = [&](const ItemFacts* item, const StoredDoc& doc) {
        Scoring s{item};
        std::string folded[4];
        for (int c = 0; c < 4; ++c) {
            folded[c] = fold_text(doc.columns[c]);
            s.length += count_units(folded[c]);
        }
        s.phrase_in_title = folded[0].find(phrase) != std::string::npos;
        // The query is the whole title (蜀绣 for the item 蜀绣, not only 蜀繡屏風): ranked above.
        for (std::size_t start = 0; s.phrase_in_title && start <= doc.columns[0].size();) {
            const std::size_t end = std::min(doc.columns[0].find('\n', start), doc.columns[0].size());
            s.title_is_phrase = s.title_is_phrase || fold_phrase(std::string_view(doc.columns[0]).substr(start, end - start)) == phrase;
            start = end + 1;
        }
        PinyinPositions title_pinyin, all_pinyin;
        if (any_pinyin) {
            title_pinyin = pinyin_positions(doc.columns[0]);
            all_pinyin = pinyin_positions(doc.pinyin);
        }
        for (std::size_t t = 0; t < terms.size() && t < 16; ++t) {
            for (int c = 0; c < 4; ++c) s.frequency[t] += kColumnWeights[c] * static_cast<double>(count_occurrences(folded[c], terms[t].folded));
            if (!terms[t].pinyin.empty()) {
                const auto in_title = count_pinyin(title_pinyin, terms[t].pinyin);
                const auto anywhere = count_pinyin(all_pinyin, terms[t].pinyin);
                s.pinyin[t] = kColumnWeights[0] * static_cast<double>(in_title) + static_cast<double>(anywhere - std::min(anywhere, in_title));
            }
        }
        if (multiword_pinyin) s.pinyin_phrase_in_title = count_pinyin(title_pinyin, phrase_pinyin) > 0;
        return s;
    };
    // The stored text is read here (one connection, one thread), a bounded batch at a time (a
    // caller may ask for thousands); folding and counting it is pure work, shared with a second
    // thread for a full page of candidates.
    std::vector<Scoring> scored(items.size());
    std::vector<StoredDoc> docs;
    for (std::size_t first = 0; first < items.size(); first += kScoredAtOnce) {
        const std::size_t count = std::min(kScoredAtOnce, items.size() - first);
        docs.clear();
        for (std::size_t i = first; i < first + count; ++i) {
            auto doc = stored_doc(db, items[i]->id);
            if (!doc) return fail(std::move(doc).error());
            docs.push_back(std::move(*doc));
        }
        auto score_range = [&](std::size_t from, std::size_t to) {
            for (std::size_t i = from; i < to; ++i) scored[first + i] = score_doc(items[first + i], docs[i]);
        };
        if (count >= kScoredInTwoFrom) {
            in_two_halves(count, score_range);
        } else {
            score_range(0, count);
        }
    }
    double total_length = 0;
    for (const Scoring& s : scored) total_length += static_cast<double>(s.length);
    const double average = scored.empty() ? 1.0 : std::max(1.0, total_length / static_cast<double>(scored.size()));
    for (const Scoring& s : scored) {
        const double norm = kK1 * (1 - kB + kB * static_cast<double>(s.length) / average);
        double score = s.phrase_in_title ? 100.0 : 0.0;
        if (s.title_is_phrase) score += 50.0;
        if (s.pinyin_phrase_in_title) score += 50.0;
        for (std::size_t t = 0; t < terms.size() && t < 16; ++t) {
            score += terms[t].idf * s.frequency[t] * (kK1 + 1) / (s.frequency[t] + norm);
            score += 0.5 * terms[t].idf * s.pinyin[t] * (kK1 + 1) / (s.pinyin[t] + norm);
        }
        out.push_back({s.item, score});
    }
    std::sort(out.begin(), out.end(), [](const Ranked& a, const Ranked& b) {
        return a.score != b.score ? a.score > b.score : a.item->id > b.item->id;
    });
    if (out.size() > wanted) out.resize(wanted);
    return out;
}

}  // namespace wenyuan::search
