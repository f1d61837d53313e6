// gen_hanzi_tables: writes the search tokenizer's character tables as C++ source, at build time.
//
// Usage:
//   gen_hanzi_tables --unicode-data UnicodeData.txt --case-folding CaseFolding.txt
//                    --variants Unihan_Variants.txt --readings Unihan_Readings.txt
//                    --output hanzi_tables.cpp
//
// Every input is plain text from Debian's `unicode-data` package (the build decompresses the
// Unihan .bz2 files first). The output defines the arrays declared in lib/src/search/hanzi.hpp
// (namespace wenyuan::search::tables); see that header for what each one means. Nothing here is
// typed in by hand: the only constants are Unicode block boundaries that say where diacritics are
// removed (Latin and Greek) and which Unihan fields hold Mandarin readings.
//
// Exit status: 0 on success, 1 with a message on stderr when an input is missing or malformed.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "search/hanzi.hpp"  // the table layout and the UTF-8 helpers

namespace {

namespace search = wenyuan::search;
namespace tables = wenyuan::search::tables;

using Cps = std::vector<char32_t>;

struct CharInfo {
    std::string name;
    std::string category;           // two letters: Lu, Mn, Nd …
    std::string decomposition_tag;  // "" for canonical, else "<compat>", "<wide>" …
    Cps decomposition;
};

struct CategoryRange {
    char32_t first, last;
    std::string category;
    std::string name;  // "CJK Ideograph Extension A" …
};

struct UnicodeData {
    std::map<char32_t, CharInfo> chars;
    std::vector<CategoryRange> ranges;     // <…, First> / <…, Last> pairs
    std::map<char32_t, Cps> case_folding;  // statuses C and F: full case folding
};

[[noreturn]] void die(const std::string& message) {
    throw std::runtime_error(message);
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        parts.emplace_back(text.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return std::string(text.substr(first, last - first + 1));
}

char32_t parse_hex(std::string_view hex) {
    if (hex.starts_with("U+")) hex.remove_prefix(2);
    if (hex.empty() || hex.size() > 6) die("bad code point '" + std::string(hex) + "'");
    char32_t value = 0;
    for (char c : hex) {
        int digit = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                           : -1;
        if (digit < 0) die("bad code point '" + std::string(hex) + "'");
        value = value * 16 + static_cast<char32_t>(digit);
    }
    return value;
}

Cps parse_hex_list(std::string_view text) {
    Cps out;
    for (const std::string& part : split(trim(text), ' ')) {
        if (!part.empty()) out.push_back(parse_hex(part));
    }
    return out;
}

std::ifstream open(const std::string& path) {
    std::ifstream in(path);
    if (!in) die(path + ": cannot open (is the Debian package unicode-data installed?)");
    return in;
}

UnicodeData read_unicode_data(const std::string& data_path, const std::string& folding_path) {
    UnicodeData ucd;
    std::ifstream in = open(data_path);
    std::string line;
    std::optional<std::pair<char32_t, std::vector<std::string>>> range_start;
    while (std::getline(in, line)) {
        const std::vector<std::string> f = split(line, ';');
        if (f.size() < 15) continue;
        const char32_t cp = parse_hex(f[0]);
        if (f[1].ends_with(", First>")) {
            range_start.emplace(cp, f);
            continue;
        }
        if (f[1].ends_with(", Last>")) {
            if (!range_start) die(data_path + ": range end without start at " + f[0]);
            const std::string& name = range_start->second[1];
            ucd.ranges.push_back({range_start->first, cp, f[2], name.substr(1, name.size() - 9)});
            range_start.reset();
            continue;
        }
        CharInfo info{f[1], f[2], {}, {}};
        std::string decomposition = f[5];
        if (decomposition.starts_with('<')) {
            const auto close = decomposition.find('>');
            info.decomposition_tag = decomposition.substr(0, close + 1);
            decomposition = decomposition.substr(close + 1);
        }
        info.decomposition = parse_hex_list(decomposition);
        ucd.chars.emplace(cp, std::move(info));
    }
    if (ucd.chars.size() < 10000) die(data_path + ": too few characters; is this UnicodeData.txt?");

    std::ifstream folding = open(folding_path);
    while (std::getline(folding, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = split(line, ';');
        if (f.size() < 3) continue;
        const std::string status = trim(f[1]);
        if (status == "C" || status == "F")
            ucd.case_folding[parse_hex(trim(f[0]))] = parse_hex_list(f[2]);
    }
    return ucd;
}

std::string category_of(const UnicodeData& ucd, char32_t cp) {
    if (auto it = ucd.chars.find(cp); it != ucd.chars.end()) return it->second.category;
    for (const CategoryRange& range : ucd.ranges) {
        if (cp >= range.first && cp <= range.last) return range.category;
    }
    return "Cn";
}

bool is_word_category(const std::string& category) {
    return !category.empty() && (category[0] == 'L' || category[0] == 'M' || category[0] == 'N');
}

// ---- Han ranges and traditional → simplified folding ----------------------------------------

using RangeList = std::vector<std::pair<char32_t, char32_t>>;

bool contains(const RangeList& ranges, char32_t cp) {
    return std::any_of(ranges.begin(), ranges.end(),
                       [&](const auto& r) { return cp >= r.first && cp <= r.second; });
}

RangeList merge(std::set<char32_t> cps, const RangeList& extra = {}) {
    RangeList ranges = extra;
    for (char32_t cp : cps) ranges.emplace_back(cp, cp);
    std::sort(ranges.begin(), ranges.end());
    RangeList merged;
    for (const auto& range : ranges) {
        if (!merged.empty() && range.first <= merged.back().second + 1) {
            merged.back().second = std::max(merged.back().second, range.second);
        } else {
            merged.push_back(range);
        }
    }
    return merged;
}

// Unified and compatibility ideographs, plus radicals whose decomposition is one ideograph.
RangeList han_ranges(const UnicodeData& ucd, std::map<char32_t, char32_t>& radical_to_ideograph) {
    RangeList unified;
    for (const CategoryRange& range : ucd.ranges) {
        if (range.name.starts_with("CJK Ideograph")) unified.emplace_back(range.first, range.last);
    }
    std::set<char32_t> singles;
    for (const auto& [cp, info] : ucd.chars) {
        if (info.name.starts_with("CJK COMPATIBILITY IDEOGRAPH-")) {
            singles.insert(cp);
        } else if ((info.name.starts_with("KANGXI RADICAL") ||
                    info.name.starts_with("CJK RADICAL")) &&
                   info.decomposition.size() == 1 && contains(unified, info.decomposition[0])) {
            singles.insert(cp);
            radical_to_ideograph[cp] = info.decomposition[0];
        }
    }
    if (unified.empty()) die("UnicodeData.txt: no CJK ideograph ranges");
    return merge(singles, unified);
}

using Variants = std::map<char32_t, std::map<std::string, Cps>>;

Variants read_variants(const std::string& path) {
    Variants variants;
    std::ifstream in = open(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = split(line, '\t');
        if (f.size() < 3) continue;
        if (f[1] != "kSimplifiedVariant" && f[1] != "kTraditionalVariant") continue;
        Cps targets;
        for (const std::string& part : split(f[2], ' ')) {
            if (!part.empty()) targets.push_back(parse_hex(part.substr(0, part.find('<'))));
        }
        variants[parse_hex(f[0])][f[1]] = targets;
    }
    if (variants.size() < 1000) die(path + ": too few variants; is this Unihan_Variants.txt?");
    return variants;
}

// A traditional character folds to its first simplified variant, unless it is itself listed as one
// of its simplified forms (乾 is both). kTraditionalVariant fills in characters that have no
// kSimplifiedVariant line. Compatibility ideographs and radicals fold to their decomposition.
// Chains are followed so that folding is idempotent.
std::map<char32_t, char32_t> han_folding(const UnicodeData& ucd, const Variants& variants,
                                         const std::map<char32_t, char32_t>& radicals) {
    std::map<char32_t, char32_t> direct;
    for (const auto& [cp, fields] : variants) {
        auto simplified = fields.find("kSimplifiedVariant");
        if (simplified == fields.end()) continue;
        const Cps& to = simplified->second;
        if (!to.empty() && std::find(to.begin(), to.end(), cp) == to.end()) direct[cp] = to[0];
    }
    for (const auto& [cp, fields] : variants) {
        auto traditional = fields.find("kTraditionalVariant");
        if (traditional == fields.end()) continue;
        for (char32_t from : traditional->second) {
            if (from == cp || direct.count(from)) continue;
            auto other = variants.find(from);
            if (other != variants.end() && other->second.count("kSimplifiedVariant")) continue;
            direct[from] = cp;
        }
    }
    for (const auto& [cp, info] : ucd.chars) {
        if (info.name.starts_with("CJK COMPATIBILITY IDEOGRAPH-") &&
            info.decomposition.size() == 1) {
            direct[cp] = info.decomposition[0];
        }
    }
    for (const auto& [radical, ideograph] : radicals) direct[radical] = ideograph;

    std::map<char32_t, char32_t> folded;
    for (const auto& [from, first] : direct) {
        char32_t to = first;
        for (int step = 0; step < 8; ++step) {
            auto next = direct.find(to);
            if (next == direct.end() || next->second == to) break;
            to = next->second;
        }
        if (direct.count(to) && direct.at(to) != to) continue;  // a cycle: leave it alone
        if (to != from) folded[from] = to;
    }
    return folded;
}

// ---- Pinyin ---------------------------------------------------------------------------------

// Canonical decomposition, recursively.
void decompose(const UnicodeData& ucd, char32_t cp, Cps& out) {
    auto it = ucd.chars.find(cp);
    if (it == ucd.chars.end() || it->second.decomposition.empty() ||
        !it->second.decomposition_tag.empty()) {
        out.push_back(cp);
        return;
    }
    for (char32_t part : it->second.decomposition) decompose(ucd, part, out);
}

// "xíng" → "xing", "lǜ" → "lv", "ê̄" → "e". Empty when the reading has anything else in it.
std::string toneless(const UnicodeData& ucd, std::string_view reading) {
    Cps cps;
    for (std::size_t at = 0; at < reading.size();) {
        const search::Decoded d = search::decode_utf8(reading, at);
        decompose(ucd, d.cp, cps);
        at += d.size;
    }
    std::string out;
    for (char32_t cp : cps) {
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        if (cp >= 'a' && cp <= 'z') {
            out += static_cast<char>(cp);
        } else if (cp == 0x0308 && !out.empty() && out.back() == 'u') {
            out.back() = 'v';  // ü
        } else if (category_of(ucd, cp) != "Mn") {
            return {};
        }
    }
    return out;
}

// Mandarin readings by code point, most common first: kMandarin, then the modern dictionaries
// (kXHC1983, kTGHZ2013). The Hanyu Da Zidian (kHanyuPinyin) is read only for characters those do
// not cover: it adds archaic readings (省 xian, 甘 han) that would make common pinyin match
// nearly every place name.
std::map<char32_t, std::vector<std::string>> read_readings(const UnicodeData& ucd,
                                                           const std::string& path,
                                                           std::size_t& rejected) {
    static const std::vector<std::string> kFields = {"kMandarin", "kXHC1983", "kTGHZ2013",
                                                     "kHanyuPinyin"};
    std::map<char32_t, std::map<std::string, std::string>> raw;
    std::ifstream in = open(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::vector<std::string> f = split(line, '\t');
        if (f.size() >= 3 && std::find(kFields.begin(), kFields.end(), f[1]) != kFields.end())
            raw[parse_hex(f[0])][f[1]] = f[2];
    }
    if (raw.size() < 10000) die(path + ": too few readings; is this Unihan_Readings.txt?");

    std::map<char32_t, std::vector<std::string>> readings;
    for (const auto& [cp, fields] : raw) {
        std::vector<std::string>& list = readings[cp];
        for (const std::string& field : kFields) {
            auto value = fields.find(field);
            if (value == fields.end()) continue;
            if (field == "kHanyuPinyin" && !list.empty()) continue;
            // "háng xíng", "20811.060:háng,xìng", "0442.080:háng 1290.030:xíng"
            for (const std::string& entry : split(value->second, ' ')) {
                const std::string spelled = entry.substr(entry.rfind(':') + 1);
                for (const std::string& reading : split(spelled, ',')) {
                    const std::string plain = toneless(ucd, trim(reading));
                    if (plain.empty()) {
                        rejected += !trim(reading).empty();
                        continue;
                    }
                    if (std::find(list.begin(), list.end(), plain) == list.end())
                        list.push_back(plain);
                }
            }
        }
        if (list.empty()) readings.erase(cp);
    }
    return readings;
}

// ---- Latin (and other alphabets') folding ---------------------------------------------------

// Where diacritics are removed and compatibility forms unfolded: Latin, Greek, letterlike symbols,
// number forms, ligatures, full-width and half-width forms and mathematical alphanumerics.
bool strips_diacritics(char32_t cp) {
    return (cp >= 0x00A0 && cp <= 0x03FF) || (cp >= 0x1D00 && cp <= 0x1FFF) ||
           (cp >= 0x2100 && cp <= 0x218F) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
           (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F) ||
           (cp >= 0xFB00 && cp <= 0xFB06) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
           (cp >= 0x1D400 && cp <= 0x1D7FF);
}

bool is_combining_diacritic(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

// "LATIN SMALL LETTER O WITH STROKE" → "o", "LATIN CAPITAL LIGATURE OE" → "oe",
// "LATIN SMALL LETTER DOTLESS I" → "i": letters that have no decomposition in UnicodeData.txt.
std::string letter_from_name(const std::string& name) {
    std::string rest;
    for (std::string_view prefix : {"LATIN CAPITAL LETTER ", "LATIN SMALL LETTER ",
                                    "LATIN CAPITAL LIGATURE ", "LATIN SMALL LIGATURE "}) {
        if (name.starts_with(prefix)) rest = name.substr(prefix.size());
    }
    if (rest.starts_with("DOTLESS ")) rest = rest.substr(8);
    rest = rest.substr(0, rest.find(" WITH "));
    if (rest.empty() || rest.size() > 2) return {};
    std::string out;
    for (char c : rest) {
        if (c < 'A' || c > 'Z') return {};
        out += static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

void fold_into(const UnicodeData& ucd, char32_t cp, Cps& out, int depth);

void fold_after_case(const UnicodeData& ucd, char32_t cp, Cps& out, int depth) {
    if (cp < 0x80) {
        out.push_back(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        return;
    }
    if (is_combining_diacritic(cp)) return;
    auto it = ucd.chars.find(cp);
    if (!strips_diacritics(cp) || it == ucd.chars.end() || depth > 6) {
        out.push_back(cp);
        return;
    }
    const CharInfo& info = it->second;
    const std::string& tag = info.decomposition_tag;
    const bool usable_tag = tag.empty() || tag == "<compat>" || tag == "<wide>" ||
                            tag == "<narrow>" || tag == "<font>" || tag == "<super>" ||
                            tag == "<sub>";
    if (!info.decomposition.empty() && usable_tag) {
        for (char32_t part : info.decomposition) fold_into(ucd, part, out, depth + 1);
        return;
    }
    if (const std::string letters = letter_from_name(info.name); !letters.empty()) {
        for (char c : letters) out.push_back(static_cast<char32_t>(c));
        return;
    }
    out.push_back(cp);
}

void fold_into(const UnicodeData& ucd, char32_t cp, Cps& out, int depth) {
    auto folding = ucd.case_folding.find(cp);
    if (folding == ucd.case_folding.end()) {
        fold_after_case(ucd, cp, out, depth);
        return;
    }
    for (char32_t part : folding->second) fold_after_case(ucd, part, out, depth);
}

// ---- Tables ---------------------------------------------------------------------------------

struct PinyinTables {
    std::vector<std::string> syllables;  // sorted
    std::string syllable_chars;
    std::vector<std::uint16_t> syllable_offsets;
    std::size_t set_count = 1;                     // set 0 is empty
    std::vector<std::uint16_t> set_offsets{0, 0};  // set k is [offsets[k], offsets[k + 1])
    std::vector<std::uint16_t> set_items;          // syllable ids
    std::vector<tables::ReadingRun> runs;          // dense inside: gaps cost less than runs
    std::vector<std::uint16_t> run_sets;
};

std::uint16_t narrow(std::size_t value, const char* what) {
    if (value > 0xFFFF) die(std::string(what) + " do not fit 16 bits");
    return static_cast<std::uint16_t>(value);
}

PinyinTables pinyin_tables(const std::map<char32_t, std::vector<std::string>>& readings) {
    PinyinTables t;
    // Every toneless reading, plus the "u" spelling of each "v" one (lv → lu) so that what
    // people type can be segmented either way.
    std::set<std::string> syllables;
    for (const auto& [cp, list] : readings) syllables.insert(list.begin(), list.end());
    for (std::string syllable : std::set<std::string>(syllables)) {
        std::replace(syllable.begin(), syllable.end(), 'v', 'u');
        syllables.insert(syllable);
    }
    t.syllables.assign(syllables.begin(), syllables.end());
    for (const std::string& s : t.syllables) {
        t.syllable_offsets.push_back(narrow(t.syllable_chars.size(), "syllable offsets"));
        t.syllable_chars += s;
    }
    t.syllable_offsets.push_back(narrow(t.syllable_chars.size(), "syllable offsets"));

    std::map<std::vector<std::uint16_t>, std::uint16_t> set_ids{{{}, 0}};
    for (const auto& [cp, list] : readings) {
        std::vector<std::uint16_t> ids;
        for (const std::string& s : list) {
            const auto at = std::lower_bound(t.syllables.begin(), t.syllables.end(), s);
            ids.push_back(narrow(static_cast<std::size_t>(at - t.syllables.begin()), "syllables"));
        }
        auto [it, added] = set_ids.emplace(ids, narrow(set_ids.size(), "reading sets"));
        if (added) {
            t.set_items.insert(t.set_items.end(), ids.begin(), ids.end());
            t.set_offsets.push_back(narrow(t.set_items.size(), "reading set items"));
        }
        if (t.runs.empty() || cp - (t.runs.back().first + t.runs.back().count) > 6) {
            t.runs.push_back({cp, 0, static_cast<std::uint32_t>(t.run_sets.size())});
        }
        tables::ReadingRun& run = t.runs.back();
        for (; run.first + run.count < cp; ++run.count) t.run_sets.push_back(0);
        t.run_sets.push_back(it->second);
        ++run.count;
    }
    t.set_count = set_ids.size();
    return t;
}

struct LetterTables {
    RangeList words;  // letters, marks and numbers outside ASCII and Han
    std::vector<tables::TextFold> folds;
    std::string fold_chars;
    std::vector<char32_t> umlaut_u;  // ü with or without tone marks
};

// The folded text of a word character, or nothing when it folds to itself or to something that
// is not a word.
std::optional<std::string> folded_text(const UnicodeData& ucd, const RangeList& han, char32_t cp) {
    Cps folded;
    fold_into(ucd, cp, folded, 0);
    if ((folded.size() == 1 && folded[0] == cp) ||
        (folded.empty() && !is_combining_diacritic(cp))) {
        return std::nullopt;
    }
    std::string text;
    for (char32_t part : folded) {
        const bool word = part < 0x80 ? std::isalnum(static_cast<int>(part)) != 0
                                      : is_word_category(category_of(ucd, part));
        if (!word || contains(han, part)) return std::nullopt;
        search::append_utf8(text, part);
    }
    return text;
}

LetterTables letter_tables(const UnicodeData& ucd, const RangeList& han) {
    LetterTables t;
    std::set<char32_t> singles;
    RangeList ranges;
    for (const auto& [cp, info] : ucd.chars) {
        if (cp >= 0x80 && is_word_category(info.category) && !contains(han, cp)) singles.insert(cp);
    }
    for (const CategoryRange& range : ucd.ranges) {
        if (is_word_category(range.category) && !contains(han, range.first)) {
            ranges.emplace_back(range.first, range.last);
        }
    }
    t.words = merge(singles, ranges);
    for (char32_t cp : singles) {
        const std::optional<std::string> text = folded_text(ucd, han, cp);
        if (!text) continue;
        t.folds.push_back({cp, narrow(t.fold_chars.size(), "folded letters"),
                           narrow(text->size(), "folded letters")});
        t.fold_chars += *text;
        Cps canonical;
        decompose(ucd, cp, canonical);
        if (canonical.size() >= 2 && (canonical[0] == 'u' || canonical[0] == 'U') &&
            canonical[1] == 0x0308) {
            t.umlaut_u.push_back(cp);
        }
    }
    return t;
}

// ---- Output ---------------------------------------------------------------------------------

std::string hex(char32_t cp) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%X", static_cast<unsigned>(cp));
    return text;
}

std::string braces(std::initializer_list<std::string> fields) {
    std::string out = "{";
    for (const std::string& field : fields) out += (out.size() > 1 ? ", " : "") + field;
    return out + "}";
}

class Writer {
  public:
    explicit Writer(std::ostream& out) : out_(out) {}

    template <class T, class Format>
    void array(const std::string& type, const std::string& name, const std::vector<T>& items,
               Format format, int per_line, const std::string& count_name = {}) {
        out_ << "const " << type << ' ' << name << "[] = {";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out_ << (i % per_line == 0 ? "\n    " : " ") << format(items[i]) << ',';
        }
        if (items.empty()) out_ << "{}";
        out_ << "\n};\n";
        if (!count_name.empty()) count(count_name, items.size());
        bytes_ += items.size() * sizeof(T);
    }
    void count(const std::string& name, std::size_t value) {
        out_ << "const std::size_t " << name << " = " << value << ";\n";
    }
    void string_literal(const std::string& name, const std::string& text) {
        out_ << "const char " << name << "[] =";
        for (std::size_t i = 0; i < text.size(); i += 96) {
            out_ << "\n    \"";
            for (char c : text.substr(i, 96)) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(c));
                out_ << escaped;
            }
            out_ << '"';
        }
        if (text.empty()) out_ << " \"\"";
        out_ << ";\n";
        bytes_ += text.size() + 1;
    }
    std::size_t bytes() const { return bytes_; }
    std::ostream& raw() { return out_; }

  private:
    std::ostream& out_;
    std::size_t bytes_ = 0;
};

// Writes the definitions of the arrays declared in hanzi.hpp; returns their size in bytes.
std::size_t write_source(std::ostream& file, const RangeList& han,
                         const std::map<char32_t, char32_t>& fold, const PinyinTables& pinyin,
                         const LetterTables& letters) {
    Writer out(file);
    out.raw() << "// Generated by tools/gen_hanzi_tables.cpp from Debian's unicode-data "
                 "(UnicodeData.txt, CaseFolding.txt, Unihan). Do not edit.\n"
              << "#include \"search/hanzi.hpp\"\n\nnamespace wenyuan::search::tables {\n\n";
    const auto range = [](const auto& r) { return braces({hex(r.first), hex(r.second)}); };
    const auto number = [](auto value) { return std::to_string(value); };
    out.array("CodeRange", "kHanRanges", han, range, 6, "kHanRangeCount");
    out.array("CodeRange", "kWordRanges", letters.words, range, 6, "kWordRangeCount");
    const std::vector<std::pair<char32_t, char32_t>> pairs(fold.begin(), fold.end());
    out.array("CodeMap", "kHanFold", pairs, range, 6, "kHanFoldCount");
    out.array(
        "TextFold", "kTextFold", letters.folds,
        [&](const tables::TextFold& f) {
            return braces({hex(f.from), number(f.offset), number(f.size)});
        },
        4, "kTextFoldCount");
    out.string_literal("kTextFoldChars", letters.fold_chars);
    out.array("char32_t", "kUmlautU", letters.umlaut_u, hex, 12, "kUmlautUCount");
    out.string_literal("kSyllableChars", pinyin.syllable_chars);
    out.array("std::uint16_t", "kSyllableOffsets", pinyin.syllable_offsets, number, 16);
    out.count("kSyllableCount", pinyin.syllables.size());
    out.array("std::uint16_t", "kReadingSetOffsets", pinyin.set_offsets, number, 16);
    out.count("kReadingSetCount", pinyin.set_count);
    out.array("std::uint16_t", "kReadingSetItems", pinyin.set_items, number, 16);
    out.array(
        "ReadingRun", "kReadingRuns", pinyin.runs,
        [&](const tables::ReadingRun& r) {
            return braces({hex(r.first), number(r.count), number(r.base)});
        },
        4, "kReadingRunCount");
    out.array("std::uint16_t", "kReadingSetOfChar", pinyin.run_sets, number, 16);
    out.raw() << "\n}  // namespace wenyuan::search::tables\n";
    return out.bytes();
}

struct Options {
    std::string unicode_data, case_folding, variants, readings, output;
};

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        std::string* target = flag == "--unicode-data"   ? &options.unicode_data
                              : flag == "--case-folding" ? &options.case_folding
                              : flag == "--variants"     ? &options.variants
                              : flag == "--readings"     ? &options.readings
                              : flag == "--output"       ? &options.output
                                                         : nullptr;
        if (!target) die("unknown option " + flag);
        *target = argv[i + 1];
    }
    if (options.unicode_data.empty() || options.case_folding.empty() || options.variants.empty() ||
        options.readings.empty() || options.output.empty()) {
        die("usage: gen_hanzi_tables --unicode-data F --case-folding F --variants F --readings F "
            "--output F");
    }
    return options;
}

void write_tables(const Options& options) {
    const UnicodeData ucd = read_unicode_data(options.unicode_data, options.case_folding);
    std::map<char32_t, char32_t> radicals;
    const RangeList han = han_ranges(ucd, radicals);
    const std::map<char32_t, char32_t> fold =
        han_folding(ucd, read_variants(options.variants), radicals);
    std::size_t rejected = 0;
    const auto readings = read_readings(ucd, options.readings, rejected);
    const PinyinTables pinyin = pinyin_tables(readings);
    const LetterTables letters = letter_tables(ucd, han);

    std::ofstream file(options.output);
    if (!file) die(options.output + ": cannot write");
    const std::size_t bytes = write_source(file, han, fold, pinyin, letters);
    file.close();
    if (!file) die(options.output + ": write failed");
    std::cout << "gen_hanzi_tables: " << han.size() << " Han ranges, " << fold.size()
              << " folded ideographs, " << readings.size() << " characters with readings ("
              << rejected << " readings rejected), " << pinyin.syllables.size() << " syllables, "
              << pinyin.set_count << " reading sets, " << pinyin.runs.size() << " runs, "
              << letters.folds.size() << " folded letters, " << letters.words.size()
              << " word ranges; " << bytes / 1024 << " KiB of tables\n";
}

}  // namespace

int main(int argc, char** argv) {
    try {
        write_tables(parse_options(argc, argv));
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "gen_hanzi_tables: " << error.what() << '\n';
        return 1;
    }
}
