#include "search/hanzi.hpp"

#include <algorithm>
#include <array>

namespace wenyuan::search {
namespace {

using namespace tables;

bool in_ranges(const CodeRange* ranges, std::size_t count, char32_t cp) noexcept {
    const CodeRange* end = ranges + count;
    const CodeRange* it = std::upper_bound(
        ranges, end, cp, [](char32_t c, const CodeRange& r) { return c < r.first; });
    return it != ranges && cp <= (it - 1)->last;
}

std::string_view syllable(std::uint16_t id) noexcept {
    return {kSyllableChars + kSyllableOffsets[id],
            static_cast<std::size_t>(kSyllableOffsets[id + 1] - kSyllableOffsets[id])};
}

// The first syllable id whose text is not less than `text`.
std::size_t lower_syllable(std::string_view text) noexcept {
    std::size_t low = 0, high = kSyllableCount;
    while (low < high) {
        const std::size_t mid = (low + high) / 2;
        if (syllable(static_cast<std::uint16_t>(mid)) < text) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    return low;
}

std::span<const std::uint16_t> own_readings(char32_t cp) noexcept {
    const ReadingRun* end = kReadingRuns + kReadingRunCount;
    const ReadingRun* run = std::upper_bound(
        kReadingRuns, end, cp, [](char32_t c, const ReadingRun& r) { return c < r.first; });
    if (run == kReadingRuns) return {};
    --run;
    if (cp - run->first >= run->count) return {};
    const std::uint16_t set = kReadingSetOfChar[run->base + (cp - run->first)];
    return {kReadingSetItems + kReadingSetOffsets[set],
            static_cast<std::size_t>(kReadingSetOffsets[set + 1] - kReadingSetOffsets[set])};
}

}  // namespace

bool is_han(char32_t cp) noexcept {
    if (cp >= 0x4E00 && cp <= 0x9FFF) return true;  // the unified ideographs: nearly all text
    return cp >= 0x2E80 && in_ranges(kHanRanges, kHanRangeCount, cp);
}

namespace {

char32_t lookup_fold(char32_t cp) noexcept {
    const CodeMap* end = kHanFold + kHanFoldCount;
    const CodeMap* it = std::lower_bound(kHanFold, end, cp,
                                         [](const CodeMap& m, char32_t c) { return m.from < c; });
    return it != end && it->from == cp ? it->to : cp;
}

constexpr char32_t kUnifiedFirst = 0x4E00, kUnifiedLast = 0x9FFF;

// The folds of the unified ideographs, looked up once: the tokenizer asks for every character.
struct UnifiedFolds {
    std::array<char32_t, kUnifiedLast - kUnifiedFirst + 1> to{};
    UnifiedFolds() noexcept {
        for (char32_t cp = kUnifiedFirst; cp <= kUnifiedLast; ++cp) to[cp - kUnifiedFirst] = lookup_fold(cp);
    }
};

}  // namespace

char32_t fold_han(char32_t cp) noexcept {
    if (cp >= kUnifiedFirst && cp <= kUnifiedLast) {
        static const UnifiedFolds folds;
        return folds.to[cp - kUnifiedFirst];
    }
    return lookup_fold(cp);
}

std::string_view PinyinReadings::operator[](std::size_t i) const noexcept {
    return syllable(ids_[i]);
}
std::string_view PinyinReadings::iterator::operator*() const noexcept {
    return syllable(*at_);
}

PinyinReadings pinyin_readings(char32_t cp) noexcept {
    if (cp < 0x2E80) return {};
    if (auto folded = own_readings(fold_han(cp)); !folded.empty()) return PinyinReadings(folded);
    return PinyinReadings(own_readings(cp));
}

std::string_view u_spelling(std::string_view text) noexcept {
    if (text.find('v') == std::string_view::npos || text.size() > 8) return {};
    char spelled[8];
    std::replace_copy(text.begin(), text.end(), spelled, 'v', 'u');
    const std::string_view wanted(spelled, text.size());
    const std::size_t id = lower_syllable(wanted);
    if (id == kSyllableCount || syllable(static_cast<std::uint16_t>(id)) != wanted) return {};
    return syllable(static_cast<std::uint16_t>(id));
}

bool is_syllable(std::string_view text) noexcept {
    const std::size_t id = lower_syllable(text);
    return id < kSyllableCount && syllable(static_cast<std::uint16_t>(id)) == text;
}

bool extends_to_syllable(std::string_view text) noexcept {
    std::size_t id = lower_syllable(text);
    if (id < kSyllableCount && syllable(static_cast<std::uint16_t>(id)) == text) ++id;
    return id < kSyllableCount && syllable(static_cast<std::uint16_t>(id)).starts_with(text);
}

bool is_word_char(char32_t cp) noexcept {
    if (cp < 0x80) {
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    return in_ranges(kWordRanges, kWordRangeCount, cp);
}

void append_folded(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        return;
    }
    const TextFold* end = kTextFold + kTextFoldCount;
    const TextFold* it = std::lower_bound(kTextFold, end, cp,
                                          [](const TextFold& f, char32_t c) { return f.from < c; });
    if (it != end && it->from == cp) {
        out.append(kTextFoldChars + it->offset, it->size);
    } else {
        append_utf8(out, cp);
    }
}

bool is_u_umlaut(char32_t cp) noexcept {
    return std::binary_search(kUmlautU, kUmlautU + kUmlautUCount, cp);
}

}  // namespace wenyuan::search
