#include "search/snippet.hpp"

#include <algorithm>

#include "search/tokenizer.hpp"

namespace wenyuan::search {
namespace {

constexpr std::size_t kWindowUnits = 24, kUnitsBefore = 6;

struct Unit {
    std::string folded;
    std::size_t start, end;  ///< bytes in the source text
};

// One unit per Han character or word (the bigrams the tokenizer adds share their position).
std::vector<Unit> units_of(std::string_view text) {
    std::vector<Unit> units;
    tokenize_text(text, TokenMode::document, [&](const Token& token) {
        if (!token.colocated) units.push_back({std::string(token.text), token.start, token.end});
        return true;
    });
    return units;
}

// Which units are part of a match of any word.
std::vector<bool> marks(const std::vector<Unit>& units, const std::vector<std::vector<Unit>>& words) {
    std::vector<bool> marked(units.size());
    for (const auto& word : words) {
        if (word.empty() || word.size() > units.size()) continue;
        for (std::size_t at = 0; at + word.size() <= units.size(); ++at) {
            bool same = true;
            for (std::size_t i = 0; same && i < word.size(); ++i) same = units[at + i].folded == word[i].folded;
            if (same) std::fill(marked.begin() + static_cast<std::ptrdiff_t>(at),
                                marked.begin() + static_cast<std::ptrdiff_t>(at + word.size()), true);
        }
    }
    return marked;
}

// The source text of units [first, last), with runs of marked units in brackets.
std::string render(std::string_view text, const std::vector<Unit>& units, const std::vector<bool>& marked,
                   std::size_t first, std::size_t last, std::size_t from, std::size_t to) {
    std::string out;
    std::size_t at = from;
    for (std::size_t i = first; i < last; ++i) {
        if (!marked[i]) continue;
        std::size_t j = i;
        while (j + 1 < last && marked[j + 1]) ++j;
        out.append(text.substr(at, units[i].start - at));
        out += '[';
        out.append(text.substr(units[i].start, units[j].end - units[i].start));
        out += ']';
        at = units[j].end;
        i = j;
    }
    out.append(text.substr(at, to - at));
    return out;
}

}  // namespace

Snippet make_snippet(const std::string (&fields)[4], const std::vector<std::string>& words) {
    std::vector<std::vector<Unit>> word_units;
    for (const std::string& word : words) word_units.push_back(units_of(word));
    for (int field = 0; field < 4; ++field) {
        const std::string& text = fields[field];
        const std::vector<Unit> units = units_of(text);
        const std::vector<bool> marked = marks(units, word_units);
        const auto hit = std::find(marked.begin(), marked.end(), true);
        if (hit == marked.end()) continue;
        const auto first_hit = static_cast<std::size_t>(hit - marked.begin());
        if (field == 0) {
            // The title field holds the Chinese and the English title, one per line: show the line.
            const auto line_start = text.rfind('\n', units[first_hit].start);
            const std::size_t from = line_start == std::string::npos ? 0 : line_start + 1;
            const std::size_t to = std::min(text.find('\n', units[first_hit].start), text.size());
            std::size_t first = first_hit, last = first_hit;
            while (first > 0 && units[first - 1].start >= from) --first;
            while (last < units.size() && units[last].end <= to) ++last;
            return {render(text, units, marked, first, last, from, to), "title"};
        }
        const std::size_t first = first_hit > kUnitsBefore ? first_hit - kUnitsBefore : 0;
        const std::size_t last = std::min(units.size(), first + kWindowUnits);
        const std::size_t from = first == 0 ? 0 : units[first].start;
        const std::size_t to = last == units.size() ? text.size() : units[last - 1].end;
        std::string out = render(text, units, marked, first, last, from, to);
        std::replace(out.begin(), out.end(), '\n', ' ');
        return {(first > 0 ? "…" : "") + out + (last < units.size() ? "…" : ""), "text"};
    }
    return {};
}

}  // namespace wenyuan::search
