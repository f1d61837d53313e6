// From query terms to FTS5 MATCH expressions and sorted sets of matching item ids. Every user
// string becomes an FTS5 string literal (quoted, quotes doubled), so no input can raise an FTS5
// syntax error; expressions are always bound as parameters. Private to the library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "search/fts5_ids.hpp"
#include "search/query.hpp"
#include "sqlite.hpp"

namespace wenyuan::search {

using IdSet = std::vector<ItemId>;  ///< ascending, no duplicates

/// An FTS5 string literal: the tokenizer sees exactly the text.
std::string fts_literal(std::string_view text);

/// Whether the text gives any content token (a term of only punctuation matches nothing).
bool has_tokens(std::string_view text);

/// Letters only (with spaces and apostrophes): may be pinyin or its initials.
bool pinyin_candidate(std::string_view text);

/// The first catalog schema version whose pinyin index holds syllable pairs (qing+tong).
inline constexpr int kSyllablePairsSchemaVersion = 9;

/// A term read as pinyin: every reading of it as an expression on search_pinyin ("" when it does
/// not look like pinyin), and whether it is only read as initials (no syllables fit it). With
/// `syllable_pairs` (the index has them) its literals start with kSyllablePairs, so that runs of
/// syllables are looked up as pairs; without, they ask for exactly the tokens of older indexes.
struct PinyinExpression {
    std::string text;
    bool initials_only = false;
};
PinyinExpression pinyin_expression(const QueryTerm& term, bool syllable_pairs);

/// What a query matches, before filters: the ids and the expressions ranking uses.
struct MatchPlan {
    bool all_items = false;     ///< no usable word: every item matches
    std::vector<std::string> text_terms;    ///< one literal per wanted term
    std::vector<std::string> set_terms;     ///< the same, cheapest form for collecting ids
    std::vector<std::string> pinyin_terms;  ///< per wanted term: its pinyin expression or ""
    /// per wanted term: its pinyin is only a chain of five or more initials (an English word such
    /// as bronze or lathe read as initials), looked up only when the word matches no text
    std::vector<bool> initials_unless_text;
    std::vector<std::string> excluded;      ///< -terms, in the form of set_terms
    std::string any_text;       ///< wanted terms OR'ed, for BM25 and snippets
    std::string any_pinyin;     ///< pinyin expressions OR'ed
    std::string whole_phrase;   ///< the wanted terms as one phrase, ranked first in a title
    std::vector<std::string> words;  ///< the wanted terms as typed
};

/// The plan for a catalog of `schema_version` (Archive::schema_version()): pinyin expressions ask
/// for syllable pairs only from kSyllablePairsSchemaVersion on (a kiosk reads older catalogs).
MatchPlan plan_match(const ParsedQuery& query, int schema_version);

/// The ids an FTS5 expression matches in `table` (search_text or search_pinyin).
Result<IdSet> matching_ids(const sql::Db& db, std::string_view table, const std::string& expression);

struct Wanted {
    IdSet ids;                             ///< matched by every wanted term (or, when none is, by any)
    bool all_words = true;                 ///< false when no item matched every wanted term
    std::vector<std::size_t> term_counts;  ///< per wanted term, how many items it matches alone
};

/// The ids every wanted term matches (in the text, or for pinyin-looking terms in the pinyin).
/// When no item matches them all, a sentence typed as a question ("bronze vessels of the Han
/// dynasty found in this county") still finds what it can: the ids that match the most of them
/// (with two terms, either).
/// Not meaningful when plan.all_items.
Result<Wanted> wanted_ids(const sql::Db& db, const MatchPlan& plan);
/// The ids any excluded term matches.
Result<IdSet> excluded_ids(const sql::Db& db, const MatchPlan& plan);

IdSet intersect(const IdSet& a, const IdSet& b);
IdSet unite(const IdSet& a, const IdSet& b);
IdSet subtract(const IdSet& a, const IdSet& b);

}  // namespace wenyuan::search
