// Text as search compares it outside FTS5, for pre-ranking and scoring a page of results: Han
// characters folded to simplified, words folded (lower case, no diacritics) and set off by
// spaces, everything else dropped. A phrase occurs in a text exactly when its folding is a
// substring of the text's folding. Private to the library; pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::search {

/// " 西周青铜鼎 bronze ding western zhou " for "西周青銅鼎\nBronze ding, Western Zhou".
std::string fold_text(std::string_view text);

/// The folding of a phrase to look for in a fold_text(): "青铜" (no leading space before Han).
std::string fold_phrase(std::string_view phrase);

/// Non-overlapping occurrences of `needle` in `haystack`.
std::size_t count_occurrences(std::string_view haystack, std::string_view needle);

/// Han characters and words in a folded text (BM25's document length).
std::size_t count_units(std::string_view folded);

/// The first letter of the first reading of each Han character: "xzqtd" for 西周青铜鼎.
std::string initials_of(std::string_view text);

/// Per Han character of `text`, its pinyin tokens as the index has them (readings and ^initials).
using PinyinPositions = std::vector<std::vector<std::string>>;
PinyinPositions pinyin_positions(std::string_view text);

/// The letters of typed pinyin, lower case, with ü (and Ü) written v; spaces and apostrophes
/// kept when `keep_boundaries` (segment_pinyin reads "xi'an" as xi an), dropped otherwise.
std::string pinyin_letters(std::string_view text, bool keep_boundaries);

/// The token sequences a typed pinyin term may stand for (qingtong → [qing, tong]; qt → [^q, ^t];
/// a trailing "*" marks a syllable prefix). Empty when the term is not pinyin.
std::vector<std::vector<std::string>> pinyin_sequences(std::string_view term);

/// How often any of the sequences occurs at consecutive positions.
std::size_t count_pinyin(const PinyinPositions& positions, const std::vector<std::vector<std::string>>& sequences);

}  // namespace wenyuan::search
