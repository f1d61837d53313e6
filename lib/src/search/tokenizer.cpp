#include "search/tokenizer.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "search/hanzi.hpp"

namespace wenyuan::search {
namespace {

constexpr std::size_t kMaxWordBytes = 255;
constexpr std::size_t kMaxSyllableLetters = 6;  // zhuang, chuang, shuang
constexpr std::size_t kMaxPinyinLetters = 64;
constexpr std::size_t kMaxReadings = 8;
constexpr std::size_t kMaxCandidates = 64;

// ---- Characters -----------------------------------------------------------------------------

// Variation selectors (standardized and ideographic) belong to the character before them.
bool is_variation_selector(char32_t cp) {
    return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

struct Char {
    char32_t cp = 0;
    std::size_t start = 0, end = 0;
};

// The code point at `at`, with any variation selectors after it.
Char read_char(std::string_view text, std::size_t at) {
    const Decoded first = decode_utf8(text, at);
    Char c{first.cp, at, at + first.size};
    while (c.end < text.size()) {
        const Decoded next = decode_utf8(text, c.end);
        if (!is_variation_selector(next.cp)) break;
        c.end += next.size;
    }
    return c;
}

bool is_word_start(char32_t cp) {
    return !is_han(cp) && !is_variation_selector(cp) && is_word_char(cp);
}

void truncate_utf8(std::string& text, std::size_t max) {
    if (text.size() <= max) return;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
}

// ---- Pinyin segmentation --------------------------------------------------------------------

bool usable_syllable(std::string_view text) {
    return text.find_first_of("aeiouv") != std::string_view::npos && is_syllable(text);
}

struct Reading {
    std::vector<std::string_view> parts;  // views into the segmented letters
    bool partial = false;                 // the last part only starts a syllable
};

// Best first: complete, fewest parts, then longer parts first, as input methods read pinyin
// (changan → chang an, fangan → fang an, though orthography would want chang'an).
bool better(const Reading& a, const Reading& b) {
    const auto key = [](const Reading& r) { return std::pair(r.partial, r.parts.size()); };
    if (key(a) != key(b)) return key(a) < key(b);
    for (std::size_t i = 0; i < a.parts.size() && i < b.parts.size(); ++i) {
        if (a.parts[i].size() != b.parts[i].size()) return a.parts[i].size() > b.parts[i].size();
    }
    return false;
}

class Segmenter {
  public:
    Segmenter(std::string_view letters, bool allow_partial) : s_(letters), partial_(allow_partial) {
        // done_[i]: the letters from i on can be read to the end.
        done_.assign(s_.size() + 1, false);
        done_[s_.size()] = true;
        for (std::size_t i = s_.size(); i-- > 0;) {
            done_[i] = partial_tail(i);
            for (std::size_t n = 1; n <= kMaxSyllableLetters && i + n <= s_.size() && !done_[i];
                 ++n) {
                done_[i] = done_[i + n] && usable_syllable(s_.substr(i, n));
            }
        }
    }

    std::vector<Reading> readings() {
        if (done_[0]) walk(0);
        std::sort(found_.begin(), found_.end(), better);
        if (found_.size() > kMaxReadings) found_.resize(kMaxReadings);
        return std::move(found_);
    }

  private:
    bool partial_tail(std::size_t i) const {
        return partial_ && s_.size() - i < kMaxSyllableLetters &&
               extends_to_syllable(s_.substr(i)) && !usable_syllable(s_.substr(i));
    }

    void walk(std::size_t i) {
        if (found_.size() >= kMaxCandidates) return;
        if (i == s_.size()) {
            found_.push_back(current_);
            return;
        }
        for (std::size_t n = 1; n <= kMaxSyllableLetters && i + n <= s_.size(); ++n) {
            const std::string_view part = s_.substr(i, n);
            if (!done_[i + n] || !usable_syllable(part)) continue;
            push(part, false);
            walk(i + n);
            pop();
        }
        if (partial_tail(i)) {
            push(s_.substr(i), true);
            walk(s_.size());
            pop();
        }
    }

    void push(std::string_view part, bool partial) {
        current_.parts.push_back(part);
        current_.partial = partial;
    }
    void pop() {
        current_.parts.pop_back();
        current_.partial = false;
    }

    std::string_view s_;
    bool partial_;
    std::vector<bool> done_;
    Reading current_;
    std::vector<Reading> found_;
};

// Complete readings if there are any; otherwise, when allowed, readings ending in a partial part.
std::vector<Reading> read_letters(std::string_view letters, bool allow_partial) {
    std::vector<Reading> complete = Segmenter(letters, false).readings();
    if (!complete.empty() || !allow_partial) return complete;
    return Segmenter(letters, true).readings();
}

struct Unit {
    std::size_t from = 0, to = 0;  // letters [from, to)
    bool initial = false;
};

// Syllables of two letters or more and single-letter initials, fewest initials first, then
// fewest units: "qt" → ^q ^t, "qingt" → qing ^t, "zhangsf" → zhang ^s ^f.
std::vector<Unit> syllables_and_initials(std::string_view s) {
    const std::size_t n = s.size();
    std::vector<std::pair<std::size_t, std::size_t>> cost(n + 1);  // (initials, units) from i on
    std::vector<std::size_t> step(n + 1, 1);
    for (std::size_t i = n; i-- > 0;) {
        cost[i] = {cost[i + 1].first + 1, cost[i + 1].second + 1};
        for (std::size_t len = std::min(kMaxSyllableLetters, n - i); len >= 2; --len) {
            const std::pair<std::size_t, std::size_t> option{cost[i + len].first,
                                                             cost[i + len].second + 1};
            if (option < cost[i] && usable_syllable(s.substr(i, len))) {
                cost[i] = option;
                step[i] = len;
            }
        }
    }
    std::vector<Unit> units;
    for (std::size_t i = 0; i < n; i += step[i]) units.push_back({i, i + step[i], step[i] == 1});
    return units;
}

// ---- Reading pinyin input -------------------------------------------------------------------

// A run of letters (folded to a-z, ü as v) or one Han character, with its place in the input.
struct Piece {
    bool han = false;
    char32_t cp = 0;
    std::string letters;
    std::vector<std::size_t> starts, ends;  // source bytes of each letter
    std::size_t start = 0, end = 0;
};

struct Input {
    std::vector<Piece> pieces;
    bool foreign = false;  // held something that is neither pinyin, Han nor a boundary
};

bool is_boundary(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\'' || cp == 0x2019 || cp == '-' ||
           cp == '_' || (cp >= '0' && cp <= '9') || cp == 0x3000;
}

// The letters a character contributes to pinyin input, or false when it is not a letter.
bool pinyin_letters(char32_t cp, std::string& out) {
    if (is_u_umlaut(cp)) {
        out += 'v';
        return true;
    }
    if (!is_word_start(cp)) return false;
    const std::size_t before = out.size();
    append_folded(out, cp);
    const bool ascii =
        out.size() > before && std::all_of(out.begin() + static_cast<std::ptrdiff_t>(before),
                                           out.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!ascii) out.resize(before);
    return ascii;
}

Input read_input(std::string_view text) {
    Input input;
    bool in_letters = false;
    for (std::size_t at = 0; at < text.size();) {
        const Char c = read_char(text, at);
        at = c.end;
        std::string letters;
        if (is_han(c.cp)) {
            input.pieces.push_back({true, c.cp, {}, {}, {}, c.start, c.end});
            in_letters = false;
        } else if (pinyin_letters(c.cp, letters)) {
            if (!in_letters) input.pieces.push_back({false, 0, {}, {}, {}, c.start, c.end});
            Piece& piece = input.pieces.back();
            piece.letters += letters;
            piece.starts.insert(piece.starts.end(), letters.size(), c.start);
            piece.ends.insert(piece.ends.end(), letters.size(), c.end);
            piece.end = c.end;
            in_letters = true;
        } else {
            input.foreign = input.foreign || !is_boundary(c.cp);
            in_letters = false;
        }
    }
    return input;
}

// ---- Token output ---------------------------------------------------------------------------

class Emitter {
  public:
    explicit Emitter(const TokenSink& sink) : sink_(sink) {}
    bool operator()(std::string_view text, std::size_t start, std::size_t end,
                    bool colocated = false) {
        return sink_(Token{text, start, end, colocated});
    }

  private:
    const TokenSink& sink_;
};

bool emit_han_document(Emitter& emit, std::string& buffer, const Char& c, const Char* next) {
    buffer.clear();
    append_utf8(buffer, fold_han(c.cp));
    if (!emit(buffer, c.start, c.end)) return false;
    if (!next) return true;
    append_utf8(buffer, fold_han(next->cp));
    return emit(buffer, c.start, next->end, true);
}

bool emit_han_query(Emitter& emit, std::string& buffer, const Char& c, const Char* next) {
    buffer.clear();
    append_utf8(buffer, fold_han(c.cp));
    if (!next) return emit(buffer, c.start, c.end);
    append_utf8(buffer, fold_han(next->cp));
    return emit(buffer, c.start, next->end);
}

// Each distinct spelling of the readings (u spellings of ü readings after them), at most 8.
struct Spellings {
    std::array<std::string_view, 8> at{};
    std::size_t size = 0;
};

Spellings spellings_of(const PinyinReadings& readings) {
    Spellings out;
    const auto add = [&](std::string_view spelling) {
        if (spelling.empty() || out.size == out.at.size()) return;
        if (std::find(out.at.begin(), out.at.begin() + static_cast<std::ptrdiff_t>(out.size), spelling) !=
            out.at.begin() + static_cast<std::ptrdiff_t>(out.size))
            return;
        out.at[out.size++] = spelling;
    };
    for (std::string_view reading : readings) {
        add(reading);
        add(u_spelling(reading));
    }
    return out;
}

// Every reading, the u spelling of ü readings, every initial, every pair of this character's
// initial with the next one's (^qt for 青铜), and every pair of its spellings with the next one's
// (qing+tong), at most kMaxSyllablePairs, at one position.
bool emit_readings_document(Emitter& emit, const Char& c, const PinyinReadings& next, std::size_t next_end,
                            std::vector<std::string_view>& seen, std::string& pair) {
    const PinyinReadings readings = pinyin_readings(c.cp);
    seen.clear();
    auto once = [&](std::string_view token, std::size_t end) {
        if (std::find(seen.begin(), seen.end(), token) != seen.end()) return true;
        seen.push_back(token);
        return emit(token, c.start, end, seen.size() > 1);
    };
    for (std::string_view reading : readings) {
        if (!once(reading, c.end)) return false;
        if (const std::string_view u = u_spelling(reading); !u.empty() && !once(u, c.end)) return false;
    }
    for (std::string_view reading : readings) {
        for (const std::string_view spelling : {reading, u_spelling(reading)}) {
            for (std::size_t n = 2; n < spelling.size(); ++n) {
                const std::string_view start = spelling.substr(0, n);
                if (!usable_syllable(start) && !once(start, c.end)) return false;
            }
        }
    }
    std::array<char, 2 * 26> initials{};
    for (std::string_view reading : readings) {
        char* slot = &initials[2 * static_cast<std::size_t>(reading[0] - 'a')];
        slot[0] = '^';
        slot[1] = reading[0];
        if (!once(std::string_view(slot, 2), c.end)) return false;
    }
    std::array<char, 3 * 26 * 26> pairs{};
    for (std::string_view reading : readings) {
        for (std::string_view following : next) {
            char* slot = &pairs[3 * (26 * static_cast<std::size_t>(reading[0] - 'a') + static_cast<std::size_t>(following[0] - 'a'))];
            slot[0] = '^';
            slot[1] = reading[0];
            slot[2] = following[0];
            if (!once(std::string_view(slot, 3), next_end)) return false;
        }
    }
    // Distinct spellings make distinct pairs, and the joiner keeps them apart from other tokens.
    const Spellings own = spellings_of(readings), following = spellings_of(next);
    std::size_t emitted = 0;
    for (std::size_t i = 0; i < own.size; ++i) {
        for (std::size_t j = 0; j < following.size; ++j) {
            if (emitted++ == kMaxSyllablePairs) return true;
            pair.assign(own.at[i]);
            pair += kPairJoiner;
            pair += following.at[j];
            if (!emit(pair, c.start, next_end, true)) return false;
        }
    }
    return true;
}

// One token of a pinyin query before syllable pairs are formed: a syllable, a start of one, an
// initial or a pair of initials, with the source bytes it covers.
struct QueryUnit {
    std::string text;
    std::size_t start = 0, end = 0;
    bool syllable = false;  // a complete syllable, which may pair with the next one
};

void letters_query_units(const Piece& piece, bool allow_partial, std::vector<QueryUnit>& out) {
    const std::string& s = piece.letters;
    const std::vector<Reading> readings =  // bounded: the segmenter recurses once per syllable
        s.size() <= kMaxPinyinLetters ? read_letters(s, allow_partial) : std::vector<Reading>{};
    if (!readings.empty()) {
        const Reading& best = readings.front();
        for (std::size_t i = 0; i < best.parts.size(); ++i) {
            const std::string_view part = best.parts[i];
            const std::size_t from = static_cast<std::size_t>(part.data() - s.data());
            const bool partial = best.partial && i + 1 == best.parts.size();
            // The start of a syllable is indexed as itself (zh), or for one letter as the initial.
            out.push_back({partial && part.size() == 1 ? "^" + std::string(part) : std::string(part), piece.starts[from],
                           piece.ends[from + part.size() - 1], !partial});
        }
        return;
    }
    // A run of initials is read as the chain of its pairs (qtj → ^qt ^tj: one doclist each, far
    // shorter than ^q's), with the last initial alone only where something follows it, so that
    // positions stay aligned; a lone initial stays itself.
    const std::vector<Unit> units = syllables_and_initials(s);
    for (std::size_t i = 0; i < units.size(); ++i) {
        const Unit& unit = units[i];
        std::string text = unit.initial ? "^" + s.substr(unit.from, 1) : s.substr(unit.from, unit.to - unit.from);
        std::size_t end = piece.ends[unit.to - 1];
        const bool pairs_with_next = unit.initial && i + 1 < units.size() && units[i + 1].initial;
        const bool after_pair = unit.initial && i > 0 && units[i - 1].initial;
        if (pairs_with_next) {
            text += s[units[i + 1].from];
            end = piece.ends[units[i + 1].to - 1];
        } else if (after_pair && i + 1 == units.size()) {
            continue;  // covered by the pair before it, and nothing follows
        }
        out.push_back({std::move(text), piece.starts[unit.from], end, !unit.initial});
    }
}

// Emits the query units; with `pairs`, each run of complete syllables as the chain of its pairs
// (qing tong → qing+tong; ji an zhi → ji+an an+zhi), its last syllable alone only where something
// follows it, so that positions stay aligned (qing tong zh → qing+tong tong zh).
bool emit_query_units(Emitter& emit, const std::vector<QueryUnit>& units, bool pairs) {
    std::string buffer;
    for (std::size_t i = 0; i < units.size(); ++i) {
        const QueryUnit& unit = units[i];
        const bool pairs_with_next = pairs && unit.syllable && i + 1 < units.size() && units[i + 1].syllable;
        const bool after_pair = pairs && unit.syllable && i > 0 && units[i - 1].syllable;
        if (pairs_with_next) {
            const QueryUnit& next = units[i + 1];
            buffer = unit.text;
            buffer += kPairJoiner;
            buffer += next.text;
            if (!emit(buffer, unit.start, next.end)) return false;
        } else if (after_pair && i + 1 == units.size()) {
            continue;  // covered by the pair before it, and nothing follows
        } else if (!emit(unit.text, unit.start, unit.end)) {
            return false;
        }
    }
    return true;
}

}  // namespace

void tokenize_text(std::string_view utf8, TokenMode mode, const TokenSink& sink) {
    Emitter emit(sink);
    std::string buffer;
    const bool bigrams_only = mode != TokenMode::document && utf8.starts_with(kBigramsOnly);
    bool after_han = false;
    for (std::size_t at = bigrams_only ? kBigramsOnly.size() : 0; at < utf8.size();) {
        const Char c = read_char(utf8, at);
        if (is_han(c.cp)) {
            const Char next = c.end < utf8.size() ? read_char(utf8, c.end) : Char{};
            const Char* pair = c.end < utf8.size() && is_han(next.cp) ? &next : nullptr;
            const bool skip = bigrams_only && after_han && !pair;
            const bool more = skip || (mode == TokenMode::document ? emit_han_document(emit, buffer, c, pair)
                                                                    : emit_han_query(emit, buffer, c, pair));
            if (!more) return;
            after_han = true;
            at = c.end;
        } else if (is_word_start(c.cp)) {
            buffer.clear();
            Char last = c;
            for (Char word = c; word.start < utf8.size() && is_word_start(word.cp);
                 word = word.end < utf8.size() ? read_char(utf8, word.end)
                                               : Char{0, utf8.size(), utf8.size()}) {
                append_folded(buffer, word.cp);
                last = word;
            }
            truncate_utf8(buffer, kMaxWordBytes);
            if (!buffer.empty() && !emit(buffer, c.start, last.end)) return;
            at = last.end;
        } else {
            at = c.end;
        }
        if (!is_han(c.cp)) after_han = false;
    }
}

void tokenize_pinyin(std::string_view utf8, TokenMode mode, const TokenSink& sink) {
    Emitter emit(sink);
    if (mode == TokenMode::document) {
        std::vector<std::string_view> seen;
        std::string pair;
        for (std::size_t at = 0; at < utf8.size();) {
            const Char c = read_char(utf8, at);
            if (is_han(c.cp)) {
                const Char next = c.end < utf8.size() ? read_char(utf8, c.end) : Char{};
                const PinyinReadings next_readings = is_han(next.cp) ? pinyin_readings(next.cp) : PinyinReadings();
                if (!emit_readings_document(emit, c, next_readings, next.end, seen, pair)) return;
            }
            at = c.end;
        }
        return;
    }
    // The markers are neither letters nor Han: read_input skips them like separators.
    bool pairs = false, syllable_start = false;
    for (std::string_view head = utf8;;) {
        if (head.starts_with(kSyllablePairs)) {
            pairs = true;
            head.remove_prefix(kSyllablePairs.size());
        } else if (head.starts_with(kSyllableStart)) {
            syllable_start = true;
            head.remove_prefix(kSyllableStart.size());
        } else {
            break;
        }
    }
    const bool partial_last = mode == TokenMode::prefix_query || syllable_start;
    const Input input = read_input(utf8);
    std::vector<QueryUnit> units;
    for (std::size_t i = 0; i < input.pieces.size(); ++i) {
        const Piece& piece = input.pieces[i];
        if (piece.han) {
            const PinyinReadings readings = pinyin_readings(piece.cp);
            if (!readings.empty()) units.push_back({std::string(readings[0]), piece.start, piece.end, true});
        } else {
            letters_query_units(piece, partial_last && i + 1 == input.pieces.size(), units);
        }
    }
    emit_query_units(emit, units, pairs);
}

std::vector<std::vector<std::string>> segment_pinyin(std::string_view text) {
    const Input input = read_input(text);
    std::size_t letters = 0;
    for (const Piece& piece : input.pieces) {
        if (piece.han) return {};
        letters += piece.letters.size();
    }
    if (input.foreign || input.pieces.empty() || letters > kMaxPinyinLetters) return {};

    // Readings of the whole input: each piece's readings one after the other, best kept.
    std::vector<Reading> combined{Reading{}};
    for (std::size_t i = 0; i < input.pieces.size(); ++i) {
        const std::vector<Reading> own =
            read_letters(input.pieces[i].letters, i + 1 == input.pieces.size());
        if (own.empty()) return {};
        std::vector<Reading> next;
        for (const Reading& before : combined) {
            for (const Reading& reading : own) {
                Reading joined = before;
                joined.parts.insert(joined.parts.end(), reading.parts.begin(), reading.parts.end());
                joined.partial = reading.partial;
                next.push_back(std::move(joined));
            }
        }
        std::stable_sort(next.begin(), next.end(), better);
        if (next.size() > kMaxReadings) next.resize(kMaxReadings);
        combined = std::move(next);
    }
    std::vector<std::vector<std::string>> out;
    for (const Reading& reading : combined) {
        std::vector<std::string>& parts =
            out.emplace_back(reading.parts.begin(), reading.parts.end());
        if (reading.partial) parts.back() += '*';
    }
    return out;
}

bool looks_like_initials(std::string_view text) {
    const Input input = read_input(text);
    std::size_t letters = 0;
    for (const Piece& piece : input.pieces) {
        if (piece.han) return false;
        letters += piece.letters.size();
    }
    if (input.foreign || letters == 0 || letters > 16) return false;
    return letters == 1 || segment_pinyin(text).empty();
}

}  // namespace wenyuan::search
