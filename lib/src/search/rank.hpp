// Ranking: a title that is the whole query first, then the whole query as a phrase in a title, then BM25 (title weighted above keywords,
// places and body; pinyin matches at half weight, in a title above elsewhere), then the newest.
//
// FTS5's bm25() over every match of a common word costs about 3 µs per document (250 ms for
// 80,000), and asking it for single documents is slower still. So ranking works outside FTS5:
// a large result set is pre-ranked from the titles held in memory (the whole phrase in a title,
// any word in a title, the shortest title: a short title that matches is about the word; walking
// from the newest match and stopping once enough with the phrase in the title are found), and
// only the best kExactlyScored are scored exactly with BM25, computed here from their stored
// text and the match counts. A result set no larger than that is scored exactly in full.
// Private to the library.
#pragma once

#include <vector>

#include "search/facts.hpp"
#include "search/match.hpp"

namespace wenyuan::search {

struct Ranked {
    const ItemFacts* item = nullptr;
    double score = 0;  ///< higher is better
};

inline constexpr std::size_t kExactlyScored = 200;
/// Pre-ranking stops, walking from the newest match, once this many times kExactlyScored matches
/// of the best kind (the phrase in the title) are found.
inline constexpr std::size_t kEnoughFactor = 4;
/// ... and stops, whatever it found, once it has read this many titles (titles no longer than
/// the query are always read).
inline constexpr std::size_t kMostExamined = 10000;
/// When it stopped so, a one-word query of at most this many characters (or one Latin word) finds
/// the older titles that have it through the index.
inline constexpr std::size_t kIndexedTitleUnits = 3;

/// The best `wanted` items (offset plus limit), best first. `term_counts` are the per-term match
/// counts of Wanted; `indexed` is (about) how many items the index holds, for the IDF.
Result<std::vector<Ranked>> rank(const sql::Db& db, const MatchPlan& plan, const FactTable& facts,
                                 std::vector<const ItemFacts*> items, const std::vector<std::size_t>& term_counts,
                                 std::size_t indexed, std::size_t wanted);

}  // namespace wenyuan::search
