// Character knowledge for search: which code points are Han, how traditional characters fold to
// simplified ones, Mandarin readings, and how letters fold (case, diacritics, full width).
// Private to the library. All functions are pure lookups over constant tables generated at build
// time from Debian's unicode-data package (tools/gen_hanzi_tables.cpp): safe from any thread,
// never allocate, never fail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace wenyuan::search {

// ---- UTF-8 ----------------------------------------------------------------------------------

struct Decoded {
    char32_t cp = 0xFFFD;  ///< U+FFFD for a malformed sequence
    std::size_t size = 1;  ///< bytes consumed, 1…4; a malformed sequence consumes 1 byte
};

/// Decodes the code point starting at byte `at` (< text.size()). Overlong forms, surrogates,
/// truncated sequences and values past U+10FFFF are malformed.
/// (Inline, like append_utf8, so that the table generator can share them without the tables.)
inline Decoded decode_utf8(std::string_view text, std::size_t at) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) return {lead, 1};
    std::size_t size = 0;
    char32_t cp = 0, minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        size = 2, cp = lead & 0x1F, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        size = 3, cp = lead & 0x0F, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        size = 4, cp = lead & 0x07, minimum = 0x10000;
    } else {
        return {};
    }
    if (at + size > text.size()) return {};
    for (std::size_t i = 1; i < size; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (byte(at + i) & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, size};
}

/// Appends the UTF-8 form of `cp` (which must be a valid scalar value).
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// ---- Han ------------------------------------------------------------------------------------

/// CJK Unified Ideographs (URO and Extensions A–H), compatibility ideographs, and the Kangxi and
/// supplementary radicals that decompose to an ideograph (as PDF extraction sometimes produces).
bool is_han(char32_t cp) noexcept;

/// The simplified form of a traditional character (繡 → 绣, 銅 → 铜), of a compatibility ideograph
/// or of a radical; any other code point is returned unchanged. Idempotent. Characters that are
/// their own simplified form as well as a traditional one (乾, 乾隆 ≠ 干隆) are not folded.
char32_t fold_han(char32_t cp) noexcept;

/// The toneless Mandarin readings of a Han character, most common first (行 → xing, hang, heng),
/// as ASCII syllables with ü written "v" (绿 → lv). Looked up for fold_han(cp) first and for
/// `cp` itself when the folded character has none. Empty for anything else.
class PinyinReadings {
  public:
    PinyinReadings() = default;
    explicit PinyinReadings(std::span<const std::uint16_t> ids) : ids_(ids) {}

    std::size_t size() const noexcept { return ids_.size(); }
    bool empty() const noexcept { return ids_.empty(); }
    std::string_view operator[](std::size_t i) const noexcept;

    class iterator {
      public:
        explicit iterator(const std::uint16_t* at) : at_(at) {}
        std::string_view operator*() const noexcept;
        iterator& operator++() noexcept {
            ++at_;
            return *this;
        }
        bool operator==(const iterator&) const = default;

      private:
        const std::uint16_t* at_;
    };
    iterator begin() const noexcept { return iterator(ids_.data()); }
    iterator end() const noexcept { return iterator(ids_.data() + ids_.size()); }

  private:
    std::span<const std::uint16_t> ids_;
};
PinyinReadings pinyin_readings(char32_t cp) noexcept;

/// The "u" spelling of a syllable written with "v" (lv → lu, nve → nue); empty when it has no v.
/// Both spellings are valid syllables (is_syllable).
std::string_view u_spelling(std::string_view syllable) noexcept;

/// Whether `text` is a toneless syllable some character is read as (including the "u" spellings of
/// ü syllables, and the vowel-less interjections m, n, ng, hm, hng).
bool is_syllable(std::string_view text) noexcept;
/// Whether some syllable starts with `text` and is longer than it.
bool extends_to_syllable(std::string_view text) noexcept;

// ---- Letters and digits ---------------------------------------------------------------------

/// Letters, combining marks and digits of any script other than Han: what words are made of.
bool is_word_char(char32_t cp) noexcept;

/// Appends the search form of a word character: lower case, diacritics removed for Latin and
/// Greek (é → e, Ā → a, ø → o, ß → ss, æ → ae), full-width and other compatibility forms unfolded
/// (Ａ → a, １ → 1, ﬁ → fi); other scripts are case-folded only. Combining diacritics append
/// nothing.
void append_folded(std::string& out, char32_t cp);

/// ü and Ü with or without tone marks: what pinyin input spells as "v".
bool is_u_umlaut(char32_t cp) noexcept;

// ---- The generated tables -------------------------------------------------------------------

/// Defined in the generated hanzi_tables.cpp; read only through the functions above.
namespace tables {
struct CodeRange {
    char32_t first, last;  ///< inclusive
};
struct CodeMap {
    char32_t from, to;
};
struct TextFold {
    char32_t from;
    std::uint16_t offset, size;  ///< bytes of kTextFoldChars
};
struct ReadingRun {
    char32_t first;  ///< code points first … first + count - 1
    std::uint32_t count;
    std::uint32_t base;  ///< their reading sets are kReadingSetOfChar[base …]
};

extern const CodeRange kHanRanges[];  ///< sorted, disjoint
extern const std::size_t kHanRangeCount;
extern const CodeRange kWordRanges[];  ///< sorted, disjoint; no ASCII, no Han
extern const std::size_t kWordRangeCount;
extern const CodeMap kHanFold[];  ///< sorted by from; to is never itself a from
extern const std::size_t kHanFoldCount;
extern const TextFold kTextFold[];  ///< sorted by from
extern const std::size_t kTextFoldCount;
extern const char kTextFoldChars[];
extern const char32_t kUmlautU[];  ///< sorted
extern const std::size_t kUmlautUCount;
extern const char kSyllableChars[];  ///< syllable i is [kSyllableOffsets[i], kSyllableOffsets[i+1])
extern const std::uint16_t kSyllableOffsets[];  ///< kSyllableCount + 1 entries; syllables sorted
extern const std::size_t kSyllableCount;
extern const std::uint16_t kReadingSetOffsets[];  ///< kReadingSetCount + 1 entries; set 0 empty
extern const std::size_t kReadingSetCount;
extern const std::uint16_t kReadingSetItems[];  ///< syllable ids
extern const ReadingRun kReadingRuns[];         ///< sorted by first
extern const std::size_t kReadingRunCount;
extern const std::uint16_t kReadingSetOfChar[];
}  // namespace tables

}  // namespace wenyuan::search
