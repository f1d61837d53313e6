// Search tokenization, independent of SQLite: what the FTS5 tokenizers `wenyuan` and
// `wenyuan_pinyin` (fts5_tokenizer.hpp) emit, and how pinyin input is split into syllables.
// Private to the library. Pure functions, safe from any thread; malformed UTF-8 bytes are
// separators. Nothing here throws except std::bad_alloc.
//
// Content tokens (tokenize_text):
//   Han      one token per character, folded to simplified (繡 → 绣). In a document each character
//            is a unigram at its own position, with the bigram of it and the next character
//            colocated when that one is Han too:  青铜器 → 青 (青铜) | 铜 (铜器) | 器.
//            In a query each character gives the bigram with the next Han character, and the last
//            character of a run (or a lone one) its unigram:  青铜器 → 青铜 | 铜器 | 器,  瓷 → 瓷.
//            As a phrase that matches exactly the documents with the run 青铜器. The trailing
//            unigram changes no match (the bigram 铜器 implies 器 at the next position); it keeps
//            the positions of what follows aligned and makes FTS5's highlight() and snippet()
//            cover the whole run instead of its first character.
//   Words    runs of letters and digits of other scripts, folded by append_folded (lower case, no
//            diacritics, full-width to ASCII): "Bronzé" → bronze, "ＡＢＣ１２３" → abc123. Words
//            are cut at 255 bytes.
//   Anything else (spaces, ASCII and CJK punctuation, symbols) separates tokens.
//
// Pinyin tokens (tokenize_pinyin), one position per Han character that has a reading:
//   Document: each distinct toneless reading (行 → xing, hang, heng), ü syllables in both
//            spellings (绿 → lv, lu), the initial letter of each reading prefixed with '^'
//            (青 → ^q, 行 → ^x, ^h), and each pair of its initials with the next character's
//            (青铜 → ^qt at 青), and each start of a reading of two letters or more that is not
//            itself a syllable (张 zhang → zh; 雄 xiong → xio, xion), all colocated. The caret
//            keeps initials apart from syllables. The starts stand in for a prefix index: the
//            table has none, because FTS5's would index ^, ^q … for every initial too.
//            When the next character is Han with a reading too, also each pair of a spelling of
//            this character with a spelling of the next one, joined by '+' (青铜 → qing+tong at
//            青; 银行 → yin+xing, yin+hang, yin+heng at 银; 绿色 → lv+se, lv+shai, lu+se, lu+shai
//            at 绿). A '+' never occurs in a syllable, a start or an initial, so a pair never
//            collides with them. Spellings are the distinct readings, each followed by its u
//            spelling, most common reading first; at most kMaxSyllablePairs pairs are emitted at
//            one character, the first ones in that order (so a text of polyphonic characters
//            gives at most 16 pairs a character whatever the reading tables hold; today's have
//            at most 4 spellings a character, 16 pairs, so no pair is left out).
//            Pairs are in catalogs of schema version 9 and later (migration 9 re-reads the
//            pinyin column); only queries marked kSyllablePairs ask for them.
//            Text without Han characters gives no tokens.
//   Query:   runs of letters are segmented: "qingtong" → qing tong; what cannot be segmented
//            is read as initials, after any syllables it starts with, runs of initials as the
//            chain of their pairs: "qt" → ^qt, "qtj" → ^qt ^tj, "qingt" → qing ^t. After
//            kSyllableStart (or in an FTS5 prefix query) the trailing piece may instead be the
//            start of a syllable, given as its start token: "qingzh" → qing zh; one letter is
//            the initial it is: "qingt" → qing ^t. Han characters give their first reading.
//            Spaces, apostrophes and digits (tone numbers) separate syllables; ü may be typed as
//            ü, v or u.
//            After kSyllablePairs, each run of two or more complete syllables (across spaces too)
//            becomes the chain of its pairs, one doclist each and far shorter than a syllable's:
//            "qing tong" → qing+tong, "ji an zhi" → ji+an an+zhi. The last syllable of a run
//            stays as itself only where something follows it, so that the phrase's positions
//            stay consecutive: "qing tong zh" (with kSyllableStart) → qing+tong tong zh,
//            "qingtongsf" → qing+tong tong ^sf. A lone syllable, starts and initials are as
//            without the marker. Without it the query tokens are exactly those above.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::search {

/// A query string starting with this private-use character leaves out the trailing unigram of a
/// Han run: 青铜 → 青铜 alone, which matches the same documents with one doclist instead of two.
/// For literals that are one Han run, used to collect ids (highlighting needs the unigram).
inline constexpr std::string_view kBigramsOnly = "\uE000";

/// A pinyin query string starting with this private-use character may end in the start of a
/// syllable ("qingzh" → qing zh): what FTS5's prefix query would do, without a prefix index.
inline constexpr std::string_view kSyllableStart = "\uE001";

/// A pinyin query string starting with this private-use character (before or after
/// kSyllableStart) asks for syllable pairs ("qing tong" → qing+tong): only for a pinyin index that
/// has them (catalog schema version 9 and later).
inline constexpr std::string_view kSyllablePairs = "\uE002";

/// What joins the two spellings of a syllable pair token (qing+tong).
inline constexpr char kPairJoiner = '+';

/// The most syllable pair tokens a document emits at one character.
inline constexpr std::size_t kMaxSyllablePairs = 16;

enum class TokenMode {
    document,      ///< text being indexed, or re-read by highlight()/snippet()
    query,         ///< a bareword or quoted string in a MATCH expression
    prefix_query,  ///< the same followed by '*': the last token is matched as a prefix
};

struct Token {
    std::string_view text;  ///< valid only during the call
    std::size_t start = 0;  ///< byte offsets of the source text in the input
    std::size_t end = 0;
    bool colocated = false;  ///< at the same position as the token before
};

/// Receives each token in order. Returns false to stop tokenizing at once.
using TokenSink = std::function<bool(const Token&)>;

/// Tokens of the content columns (title, keywords, places, body).
void tokenize_text(std::string_view utf8, TokenMode mode, const TokenSink& sink);

/// Tokens of the pinyin column.
void tokenize_pinyin(std::string_view utf8, TokenMode mode, const TokenSink& sink);

/// Ways to read typed pinyin as syllables, best first, at most 8: fewest syllables, then longer
/// syllables first, as input methods read it ("xian" → [xian], [xi, an]; "changan" → [chang, an],
/// [chan, gan]). The pinyin tokenizer's query mode uses the first; a caller that wants the others
/// searches for each.
/// Spaces, apostrophes, hyphens and digits are boundaries ("xi'an" → [xi, an]); letters are
/// lower-cased and ü is written v. Only syllables with a vowel are used (not m, n, ng, hm, hng).
/// When the input cannot be read completely, its last piece may be the start of a syllable,
/// marked with a trailing '*': "qingt" → [qing, t*]. Empty when the input is not pinyin (other
/// characters, no reading at all, more than 64 letters).
std::vector<std::vector<std::string>> segment_pinyin(std::string_view input);

/// Whether the input reads as syllable initials (qt, bjdx, xa) rather than syllables: 1 to 16
/// letters (boundaries allowed) that segment_pinyin cannot read, or a single letter.
bool looks_like_initials(std::string_view input);

}  // namespace wenyuan::search
