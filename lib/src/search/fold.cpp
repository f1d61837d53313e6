#include "search/fold.hpp"

#include <cctype>

#include "search/hanzi.hpp"
#include "search/tokenizer.hpp"

namespace wenyuan::search {
namespace {

// A Han unigram token: one code point of three or four bytes, at or above U+2E80.
bool is_han_token(std::string_view token) {
    if (token.size() < 3 || token.size() > 4) return false;
    const auto lead = static_cast<unsigned char>(token[0]);
    const std::size_t width = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 0;
    return width == token.size() && (width == 4 || lead > 0xE2 || (lead == 0xE2 && static_cast<unsigned char>(token[1]) >= 0xBA));
}

bool sequence_at(const PinyinPositions& positions, std::size_t at, const std::vector<std::string>& sequence) {
    if (at + sequence.size() > positions.size()) return false;
    for (std::size_t i = 0; i < sequence.size(); ++i) {
        std::string_view want = sequence[i];
        const bool prefix = !want.empty() && want.back() == '*';
        if (prefix) want.remove_suffix(1);
        bool found = false;
        for (const std::string& token : positions[at + i]) {
            if (prefix ? (token.rfind(want, 0) == 0 && token[0] != '^') : token == want) {
                found = true;
                break;
            }
        }
        if (!found) return false;
    }
    return true;
}

}  // namespace

std::string fold_text(std::string_view text) {
    std::string out = " ";
    tokenize_text(text, TokenMode::document, [&](const Token& token) {
        if (token.colocated) return true;  // bigrams sit on their first character
        if (is_han_token(token.text)) {
            out += token.text;
        } else {
            if (out.back() != ' ') out += ' ';
            out += token.text;
            out += ' ';
        }
        return true;
    });
    return out;
}

std::string fold_phrase(std::string_view phrase) {
    std::string folded = fold_text(phrase);
    if (folded.size() > 1 && folded[1] != ' ' && static_cast<unsigned char>(folded[1]) >= 0xE0) folded.erase(0, 1);
    return folded;
}

std::size_t count_occurrences(std::string_view haystack, std::string_view needle) {
    if (needle.empty() || needle == " ") return 0;
    // A word ends with the space that also starts the next word: the next search starts on it.
    const std::size_t step = needle.back() == ' ' ? needle.size() - 1 : needle.size();
    std::size_t count = 0;
    for (auto at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + step)) ++count;
    return count;
}

std::size_t count_units(std::string_view folded) {
    std::size_t units = 0;
    bool in_word = false;
    for (char c : folded) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == ' ') {
            in_word = false;
        } else if (!in_word && byte >= 0xE0) {
            ++units;  // the lead byte of a Han character
        } else if (!in_word && byte < 0x80) {
            in_word = true;
            ++units;
        }
    }
    return units;
}

std::string initials_of(std::string_view text) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (width >= 3 && at + width <= text.size()) {
            char32_t cp = width == 3 ? (lead & 0x0F) : (lead & 0x07);
            for (std::size_t i = 1; i < width; ++i) cp = (cp << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
            if (is_han(cp)) {
                const PinyinReadings readings = pinyin_readings(cp);
                if (!readings.empty()) out += readings[0][0];
            }
        }
        at += width;
    }
    return out;
}

PinyinPositions pinyin_positions(std::string_view text) {
    PinyinPositions positions;
    tokenize_pinyin(text, TokenMode::document, [&](const Token& token) {
        if (!token.colocated || positions.empty()) positions.emplace_back();
        positions.back().emplace_back(token.text);
        return true;
    });
    return positions;
}

std::string pinyin_letters(std::string_view text, bool keep_boundaries) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (std::isalpha(c)) {
            out += static_cast<char>(std::tolower(c));
        } else if (text.compare(i, 2, "ü") == 0 || text.compare(i, 2, "Ü") == 0) {
            out += 'v';
            ++i;
        } else if (keep_boundaries) {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::vector<std::vector<std::string>> pinyin_sequences(std::string_view term) {
    const std::string compact = pinyin_letters(term, false);
    if (compact.empty()) return {};
    std::vector<std::vector<std::string>> sequences = segment_pinyin(pinyin_letters(term, true));
    if (sequences.empty() || looks_like_initials(compact)) {
        std::vector<std::string> initials;
        tokenize_pinyin(compact, TokenMode::query, [&](const Token& token) {
            initials.emplace_back(token.text);
            return true;
        });
        if (!initials.empty()) sequences.push_back(std::move(initials));
    }
    return sequences;
}

std::size_t count_pinyin(const PinyinPositions& positions, const std::vector<std::vector<std::string>>& sequences) {
    std::size_t best = 0;
    for (const auto& sequence : sequences) {
        if (sequence.empty()) continue;
        std::size_t count = 0;
        for (std::size_t at = 0; at < positions.size(); ++at) count += sequence_at(positions, at, sequence) ? 1 : 0;
        best = std::max(best, count);
    }
    return best;
}

}  // namespace wenyuan::search
