// The search tokenizers: character tables, tokens, pinyin segmentation, and real FTS5 tables on
// disk (write, close, reopen, query).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "search/fts5_ids.hpp"
#include "search/fts5_tokenizer.hpp"
#include "search/hanzi.hpp"
#include "search/match.hpp"
#include "search/query.hpp"
#include "search/tokenizer.hpp"
#include "sqlite.hpp"
#include "test_support.hpp"

namespace wenyuan::search {
namespace {

struct Seen {
    std::string text;
    std::size_t start, end;
    bool colocated;
    bool operator==(const Seen&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Seen& t) {
    return out << (t.colocated ? "+" : "") << t.text << '@' << t.start << '-' << t.end;
}

template <class Tokenize>
std::vector<Seen> tokens(Tokenize tokenize, std::string_view text, TokenMode mode) {
    std::vector<Seen> out;
    tokenize(text, mode, [&](const Token& t) {
        out.push_back({std::string(t.text), t.start, t.end, t.colocated});
        return true;
    });
    return out;
}

std::vector<Seen> text_tokens(std::string_view text, TokenMode mode = TokenMode::document) {
    return tokens(tokenize_text, text, mode);
}
std::vector<Seen> pinyin_tokens(std::string_view text, TokenMode mode = TokenMode::document) {
    return tokens(tokenize_pinyin, text, mode);
}
std::vector<std::string> texts(const std::vector<Seen>& seen) {
    std::vector<std::string> out;
    for (const Seen& t : seen) out.push_back(t.text);
    return out;
}

using Strings = std::vector<std::string>;

// ---- Tables ---------------------------------------------------------------------------------

TEST(Hanzi, ClassifiesAndFolds) {
    EXPECT_TRUE(is_han(U'青'));
    EXPECT_TRUE(is_han(U'\U00020000'));  // Extension B
    EXPECT_TRUE(is_han(U'\uF900'));      // compatibility ideograph
    EXPECT_FALSE(is_han(U'a'));
    EXPECT_FALSE(is_han(U'，'));
    EXPECT_FALSE(is_han(U'の'));
    EXPECT_EQ(fold_han(U'繡'), U'绣');
    EXPECT_EQ(fold_han(U'銅'), U'铜');
    EXPECT_EQ(fold_han(U'風'), U'风');
    EXPECT_EQ(fold_han(U'绣'), U'绣');
    EXPECT_EQ(fold_han(U'乾'), U'乾');          // also a simplified character: not folded to 干
    EXPECT_EQ(fold_han(U'\uF900'), U'岂');      // compatibility 豈, then simplified
    EXPECT_EQ(fold_han(U'\u2F00'), U'\u4E00');  // Kangxi radical one, as PDF extraction gives it
}

Strings readings_of(char32_t cp) {
    Strings out;
    for (std::string_view r : pinyin_readings(cp)) out.emplace_back(r);
    return out;
}

TEST(Hanzi, ReadingsIncludeEveryPronunciation) {
    const Strings xing = readings_of(U'行');
    ASSERT_FALSE(xing.empty());
    EXPECT_EQ(xing.front(), "xing");
    EXPECT_NE(std::find(xing.begin(), xing.end(), "hang"), xing.end());
    EXPECT_EQ(readings_of(U'铜'), Strings{"tong"});
    EXPECT_EQ(readings_of(U'銅'), Strings{"tong"});  // traditional: through its simplified form
    EXPECT_EQ(readings_of(U'绿').front(), "lv");
    EXPECT_TRUE(readings_of(U'a').empty());
    EXPECT_EQ(u_spelling("lve"), "lue");
    EXPECT_EQ(u_spelling("qing"), "");
}

TEST(Hanzi, FoldsLetters) {
    auto fold = [](std::u32string_view text) {
        std::string out;
        for (char32_t cp : text) append_folded(out, cp);
        return out;
    };
    EXPECT_EQ(fold(U"BronzÉ"), "bronze");
    EXPECT_EQ(fold(U"ĀÜøæßﬁ"), "auoaessfi");
    EXPECT_EQ(fold(U"ＡＢＣ１２３"), "abc123");
    EXPECT_EQ(fold(U"ΆΣ"), "ασ");
    EXPECT_EQ(fold(U"e\u0301"), "e");
    EXPECT_TRUE(is_u_umlaut(U'ü'));
    EXPECT_TRUE(is_u_umlaut(U'ǚ'));
    EXPECT_FALSE(is_u_umlaut(U'u'));
}

TEST(Hanzi, DecodesUtf8Strictly) {
    EXPECT_EQ(decode_utf8("\xE9\x9D\x92", 0).cp, U'青');
    EXPECT_EQ(decode_utf8("\xE9\x9D\x92", 0).size, 3u);
    EXPECT_EQ(decode_utf8("\xC0\xAF", 0).cp, U'\uFFFD');      // overlong
    EXPECT_EQ(decode_utf8("\xED\xA0\x80", 0).cp, U'\uFFFD');  // surrogate
    EXPECT_EQ(decode_utf8("\xE9\x9D", 0).size, 1u);           // truncated
}

// ---- Content tokens -------------------------------------------------------------------------

TEST(TextTokens, DocumentHasUnigramsWithColocatedBigrams) {
    EXPECT_EQ(text_tokens("青铜器"), (std::vector<Seen>{{"青", 0, 3, false},
                                                        {"青铜", 0, 6, true},
                                                        {"铜", 3, 6, false},
                                                        {"铜器", 3, 9, true},
                                                        {"器", 6, 9, false}}));
}

TEST(TextTokens, QueryHasBigramsAndTheLastUnigram) {
    EXPECT_EQ(texts(text_tokens("青铜器", TokenMode::query)), (Strings{"青铜", "铜器", "器"}));
    EXPECT_EQ(texts(text_tokens("瓷", TokenMode::query)), (Strings{"瓷"}));
    EXPECT_EQ(texts(text_tokens("蜀繡", TokenMode::query)), (Strings{"蜀绣", "绣"}));
}

TEST(TextTokens, PunctuationSeparatesAndOffsetsPointIntoTheInput) {
    // No bigram across the comma; offsets are those of the traditional characters.
    EXPECT_EQ(text_tokens("銅，器"), (std::vector<Seen>{{"铜", 0, 3, false}, {"器", 6, 9, false}}));
    EXPECT_EQ(texts(text_tokens("《青铜》“器”、Bronze.")),
              (Strings{"青", "青铜", "铜", "器", "bronze"}));
    EXPECT_EQ(text_tokens("Bronzé ＡＢＣ１２３ 1958年"),
              (std::vector<Seen>{{"bronze", 0, 7, false},
                                 {"abc123", 8, 26, false},
                                 {"1958", 27, 31, false},
                                 {"年", 31, 34, false}}));
}

TEST(TextTokens, SurvivesMalformedInputAndStopsWhenAsked) {
    EXPECT_EQ(texts(text_tokens("ab\xFF\xFE"
                                "cd\xE9")),
              (Strings{"ab", "cd"}));
    int calls = 0;
    tokenize_text("one two three", TokenMode::document, [&](const Token&) { return ++calls < 2; });
    EXPECT_EQ(calls, 2);
}

// What FTS5 relies on, for any input: tokens are non-empty, lie inside the input, the first is not
// colocated, and positions move forward (highlight() walks them in order).
void expect_well_formed(std::string_view input) {
    for (auto tokenize : {tokenize_text, tokenize_pinyin}) {
        for (TokenMode mode : {TokenMode::document, TokenMode::query, TokenMode::prefix_query}) {
            std::size_t count = 0, last_start = 0;
            tokenize(input, mode, [&](const Token& t) {
                EXPECT_FALSE(t.text.empty());
                EXPECT_LT(t.start, t.end);
                EXPECT_LE(t.end, input.size());
                if (count++ == 0) {
                    EXPECT_FALSE(t.colocated);
                }
                if (!t.colocated) {
                    EXPECT_GE(t.start, last_start);
                    last_start = t.start;
                }
                return true;
            });
        }
    }
    (void)segment_pinyin(input);
    (void)looks_like_initials(input);
}

TEST(Tokens, LongInputIsFine) {
    const std::string letters(100000, 'a');
    std::size_t count = 0;
    tokenize_pinyin(letters, TokenMode::query, [&](const Token&) { return ++count > 0; });
    EXPECT_EQ(count, 99999u);  // read as initials (the chain of their pairs), not segmented
    EXPECT_TRUE(segment_pinyin(letters).empty());
    count = 0;
    tokenize_text(letters, TokenMode::document, [&](const Token& t) {
        EXPECT_EQ(t.text.size(), 255u);
        return ++count > 0;
    });
    EXPECT_EQ(count, 1u);
}

TEST(Tokens, AnyInputGivesWellFormedTokens) {
    const std::vector<std::string> pieces = {"青",
                                             "銅",
                                             "器",
                                             "繡",
                                             "行",
                                             "绿",
                                             "a",
                                             "Z",
                                             "é",
                                             "e\u0301",
                                             "Ａ",
                                             "1",
                                             " ",
                                             "，",
                                             "。",
                                             "《",
                                             "\xFF",
                                             "\xE9\x9D",
                                             "\xF0\xA0\x80\x80",
                                             "\uFE0F",
                                             "\U000E0100",
                                             "'",
                                             "-",
                                             "ü",
                                             "qing",
                                             "^",
                                             "\u3000",
                                             "の",
                                             "한",
                                             "ß",
                                             "\u2F00",
                                             "*",
                                             "\"",
                                             "\n"};
    std::uint32_t state = 12345;
    for (int round = 0; round < 3000; ++round) {
        std::string input;
        const int length = round % 24;
        for (int i = 0; i < length; ++i) {
            state = state * 1103515245u + 12345u;
            input += pieces[(state >> 8) % pieces.size()];
        }
        expect_well_formed(input);
        if (::testing::Test::HasFailure()) {
            ADD_FAILURE() << "input: " << input;
            return;
        }
    }
}

// ---- Pinyin tokens and segmentation ---------------------------------------------------------

TEST(PinyinTokens, DocumentHasReadingsAndInitialsAtOnePosition) {
    const std::vector<Seen> seen = pinyin_tokens("银行 bank");
    const Strings all = texts(seen);
    EXPECT_EQ(all.front(), "yin");
    EXPECT_NE(std::find(all.begin(), all.end(), "^y"), all.end());
    EXPECT_NE(std::find(all.begin(), all.end(), "hang"), all.end());
    EXPECT_NE(std::find(all.begin(), all.end(), "^h"), all.end());
    EXPECT_NE(std::find(all.begin(), all.end(), "^yh"), all.end());  // initials paired with the next character's
    EXPECT_NE(std::find(all.begin(), all.end(), "^yx"), all.end());
    int positions = 0;
    for (const Seen& t : seen) {
        positions += !t.colocated;
        EXPECT_TRUE(t.end <= 6) << t;  // "bank" gives nothing
    }
    EXPECT_EQ(positions, 2);
    // Starts of readings that are not syllables themselves stand in for a prefix index.
    const Strings bear = texts(pinyin_tokens("熊张"));
    for (const char* start : {"xio", "xion", "zh"}) EXPECT_NE(std::find(bear.begin(), bear.end(), start), bear.end()) << start;
    for (const char* syllable_or_prefix : {"xi", "zha", "zhan", "^", "x"}) {
        EXPECT_EQ(std::find(bear.begin(), bear.end(), syllable_or_prefix), bear.end()) << syllable_or_prefix;
    }
    const Strings green = texts(pinyin_tokens("绿"));
    EXPECT_NE(std::find(green.begin(), green.end(), "lv"), green.end());
    EXPECT_NE(std::find(green.begin(), green.end(), "lu"), green.end());
}

TEST(PinyinTokens, QuerySegmentsOrReadsInitials) {
    EXPECT_EQ(texts(pinyin_tokens("qingtong", TokenMode::query)), (Strings{"qing", "tong"}));
    EXPECT_EQ(texts(pinyin_tokens("Qing Tong", TokenMode::query)), (Strings{"qing", "tong"}));
    EXPECT_EQ(texts(pinyin_tokens("qt", TokenMode::query)), (Strings{"^qt"}));
    EXPECT_EQ(texts(pinyin_tokens("qtj", TokenMode::query)), (Strings{"^qt", "^tj"}));
    EXPECT_EQ(texts(pinyin_tokens("q", TokenMode::query)), (Strings{"^q"}));
    EXPECT_EQ(texts(pinyin_tokens("qingt", TokenMode::query)), (Strings{"qing", "^t"}));
    // The start of a syllable: one letter is its initial, more letters their own start token.
    EXPECT_EQ(texts(pinyin_tokens("qingt", TokenMode::prefix_query)), (Strings{"qing", "^t"}));
    EXPECT_EQ(texts(pinyin_tokens(std::string(kSyllableStart) + "qingt", TokenMode::query)), (Strings{"qing", "^t"}));
    EXPECT_EQ(texts(pinyin_tokens(std::string(kSyllableStart) + "qingzh", TokenMode::query)), (Strings{"qing", "zh"}));
    EXPECT_EQ(texts(pinyin_tokens("qingzh", TokenMode::query)), (Strings{"qing", "^zh"}));  // initials z h
    EXPECT_EQ(texts(pinyin_tokens("lü", TokenMode::query)), (Strings{"lv"}));
    EXPECT_EQ(texts(pinyin_tokens("青铜", TokenMode::query)), (Strings{"qing", "tong"}));
}

// The syllable pair tokens at the first character of `text` (document mode).
std::vector<Seen> pairs_at_first(std::string_view text) {
    std::vector<Seen> out;
    for (const Seen& t : pinyin_tokens(text)) {
        if (!out.empty() && !t.colocated) break;
        if (t.text.find(kPairJoiner) != std::string::npos) out.push_back(t);
    }
    return out;
}

TEST(PinyinTokens, DocumentPairsEachCharacterWithTheNextOne) {
    // 青铜: the pair at 青 spans both characters; 铜, the last, has none.
    EXPECT_EQ(pairs_at_first("青铜"), (std::vector<Seen>{{"qing+tong", 0, 6, true}}));
    const std::vector<Seen> bronze = pinyin_tokens("青铜");
    EXPECT_EQ(std::count_if(bronze.begin(), bronze.end(), [](const Seen& t) { return t.text.find('+') != std::string::npos; }), 1);
    // A polyphonic character pairs every reading: 银行 (行 xing, hang, heng).
    EXPECT_EQ(texts(pairs_at_first("银行")), (Strings{"yin+xing", "yin+hang", "yin+heng"}));
    // ü readings in both spellings, on either side: 绿色 (绿 lv, lu; 色 se, shai), 女 (nv, nu).
    EXPECT_EQ(texts(pairs_at_first("绿色")), (Strings{"lv+se", "lv+shai", "lu+se", "lu+shai"}));
    EXPECT_EQ(texts(pairs_at_first("子女")), (Strings{"zi+nv", "zi+nu"}));
    // Only a Han character right after: punctuation, Latin or a space between pairs nothing.
    for (const char* apart : {"青。铜", "青a铜", "青 铜", "青"}) EXPECT_TRUE(pairs_at_first(apart).empty()) << apart;
    // Pairs never look like a syllable, a start of one or an initial.
    for (const Seen& t : pinyin_tokens("银行绿色青铜")) {
        if (t.text.find('+') == std::string::npos) continue;
        EXPECT_FALSE(is_syllable(t.text) || extends_to_syllable(t.text) || t.text.starts_with('^')) << t;
    }
}

TEST(PinyinTokens, DocumentPairsAreCappedPerCharacter) {
    // 咯 has four readings (ge, ka, lo, luo): 咯咯 reaches the cap, 16 distinct pairs, no more.
    ASSERT_EQ(pinyin_readings(U'咯').size(), 4u);
    const Strings pairs = texts(pairs_at_first("咯咯"));
    EXPECT_EQ(pairs.size(), kMaxSyllablePairs);
    Strings sorted = pairs;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
    EXPECT_EQ(pairs.front(), "ge+ge");  // most common readings first
    // A long run of the most polyphonic characters: never more than the cap at any position.
    std::string pathological;
    for (int i = 0; i < 2000; ++i) pathological += i % 2 ? "咯" : "着";
    std::size_t at_position = 0, most = 0, positions = 0;
    for (const Seen& t : pinyin_tokens(pathological)) {
        if (!t.colocated) {
            at_position = 0;
            ++positions;
        }
        if (t.text.find('+') != std::string::npos) most = std::max(most, ++at_position);
    }
    EXPECT_EQ(positions, 2000u);
    EXPECT_LE(most, kMaxSyllablePairs);
    EXPECT_GT(most, 0u);
}

TEST(PinyinTokens, MarkedQueryReadsRunsOfSyllablesAsChainsOfPairs) {
    const std::string pairs(kSyllablePairs);
    const auto query = [](const std::string& text) { return texts(pinyin_tokens(text, TokenMode::query)); };
    EXPECT_EQ(query(pairs + "qing tong"), (Strings{"qing+tong"}));
    EXPECT_EQ(query(pairs + "qingtong"), (Strings{"qing+tong"}));
    EXPECT_EQ(query(pairs + "ji an zhi"), (Strings{"ji+an", "an+zhi"}));
    EXPECT_EQ(query(pairs + "lü se"), (Strings{"lv+se"}));
    EXPECT_EQ(query(pairs + "青铜"), (Strings{"qing+tong"}));  // Han gives its first reading
    // A lone syllable, initials and starts stay as they are.
    EXPECT_EQ(query(pairs + "qing"), (Strings{"qing"}));
    EXPECT_EQ(query(pairs + "qt"), (Strings{"^qt"}));
    EXPECT_EQ(query(pairs + "qtj"), (Strings{"^qt", "^tj"}));
    EXPECT_EQ(query(pairs + "qingt"), (Strings{"qing", "^t"}));
    EXPECT_EQ(query(pairs + std::string(kSyllableStart) + "qingzh"), (Strings{"qing", "zh"}));
    // Whatever follows a run keeps its position: the run's last syllable stays as itself.
    EXPECT_EQ(query(pairs + std::string(kSyllableStart) + "qingtongzh"), (Strings{"qing+tong", "tong", "zh"}));
    EXPECT_EQ(query(std::string(kSyllableStart) + pairs + "qing tong zh"), (Strings{"qing+tong", "tong", "zh"}));
    EXPECT_EQ(query(pairs + "qingtongsf"), (Strings{"qing+tong", "tong", "^sf"}));
    // A pair covers the source of both syllables.
    const std::vector<Seen> seen = pinyin_tokens(pairs + "qing tong", TokenMode::query);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].start, pairs.size());
    EXPECT_EQ(seen[0].end, pairs.size() + 9);
    // Without the marker, exactly the tokens of an index without pairs.
    EXPECT_EQ(query("qing tong"), (Strings{"qing", "tong"}));
    EXPECT_EQ(query("ji an zhi"), (Strings{"ji", "an", "zhi"}));
    EXPECT_EQ(query(std::string(kSyllableStart) + "qingtongzh"), (Strings{"qing", "tong", "zh"}));
}

TEST(PinyinTokens, PlansAskForSyllablePairsOnlyWhereTheIndexHasThem) {
    // A kiosk opens a version 8 catalog read-only: its pinyin index has no pairs to ask for.
    const ParsedQuery query = parse_query("qingtong jianzhi qt qingzh bronze 青铜");
    const MatchPlan old_plan = plan_match(query, kSyllablePairsSchemaVersion - 1);
    const MatchPlan new_plan = plan_match(query, kSyllablePairsSchemaVersion);
    ASSERT_EQ(old_plan.pinyin_terms.size(), 6u);
    ASSERT_EQ(new_plan.pinyin_terms.size(), 6u);
    const std::string marker(kSyllablePairs);
    for (std::size_t i = 0; i < 5; ++i) {  // "bronze" is letters: it may be pinyin too
        EXPECT_EQ(old_plan.pinyin_terms[i].find(marker), std::string::npos) << old_plan.pinyin_terms[i];
        EXPECT_NE(new_plan.pinyin_terms[i].find(marker), std::string::npos) << new_plan.pinyin_terms[i];
        std::string unmarked = new_plan.pinyin_terms[i];
        for (std::size_t at; (at = unmarked.find(marker)) != std::string::npos;) unmarked.erase(at, marker.size());
        EXPECT_EQ(unmarked, old_plan.pinyin_terms[i]);  // the same literals otherwise
    }
    EXPECT_EQ(new_plan.pinyin_terms[5], "");  // 青铜 is not pinyin
    EXPECT_EQ(new_plan.set_terms, old_plan.set_terms);
}

TEST(PinyinSegmentation, ReadsSyllablesBestFirst) {
    using Readings = std::vector<Strings>;
    EXPECT_EQ(segment_pinyin("qingtong").front(), (Strings{"qing", "tong"}));
    EXPECT_EQ(segment_pinyin("qing tong"), (Readings{{"qing", "tong"}}));
    EXPECT_EQ(segment_pinyin("xian"), (Readings{{"xian"}, {"xi", "an"}}));
    EXPECT_EQ(segment_pinyin("xi'an"), (Readings{{"xi", "an"}}));
    EXPECT_EQ(segment_pinyin("shuxiu").front(), (Strings{"shu", "xiu"}));
    EXPECT_EQ(segment_pinyin("changan"), (Readings{{"chang", "an"}, {"chan", "gan"}}));
    EXPECT_EQ(segment_pinyin("qingt"), (Readings{{"qing", "t*"}}));
    EXPECT_EQ(segment_pinyin("nüe").front(), (Strings{"nve"}));
    EXPECT_TRUE(segment_pinyin("qt").empty());
    EXPECT_TRUE(segment_pinyin("青铜").empty());
    EXPECT_TRUE(segment_pinyin(std::string(65, 'a')).empty());
    EXPECT_LE(segment_pinyin("xianxianxianxianxianxian").size(), 8u);
}

TEST(PinyinSegmentation, RecognisesInitials) {
    EXPECT_TRUE(looks_like_initials("qt"));
    EXPECT_TRUE(looks_like_initials("bjdx"));
    EXPECT_TRUE(looks_like_initials("q"));
    EXPECT_FALSE(looks_like_initials("qingtong"));
    EXPECT_FALSE(looks_like_initials("qingt"));
    EXPECT_FALSE(looks_like_initials("青铜"));
    EXPECT_FALSE(looks_like_initials(""));
}

// ---- FTS5 on disk ---------------------------------------------------------------------------

class SearchTables : public ::testing::Test {
  protected:
    void SetUp() override {
        {
            sql::Db db = open();
            ASSERT_TRUE(
                db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'wenyuan');"
                        "CREATE VIRTUAL TABLE docs_pinyin USING fts5(pinyin, tokenize = "
                        "'wenyuan_pinyin');"));
            const std::vector<std::pair<std::int64_t, std::string>> rows = {
                {1, "西周青铜器"},
                {2, "青色铜镜"},
                {3, "青花瓷器"},
                {4, "四川蜀繡屏風"},
                {5, "蜀绣荷包"},
                {6, "中国银行旧址"},
                {7, "Bronze ritual vessel"},
                {8, "1958年出土"},
                {9, "青铜器物"},
                {10, "器物青铜"},
                {11, "行书手卷"},
            };
            for (const auto& [id, title] : rows) {
                auto insert =
                    db.prepare("INSERT INTO docs(rowid, title, body) VALUES (?1, ?2, '')");
                ASSERT_TRUE(insert && insert->bind(1, id).bind(2, title).run());
                auto pinyin = db.prepare("INSERT INTO docs_pinyin(rowid, pinyin) VALUES (?1, ?2)");
                ASSERT_TRUE(pinyin && pinyin->bind(1, id).bind(2, title).run());
            }
        }  // closed here: every query below reads a reopened file
        db_ = open();
    }

    sql::Db open() {
        auto db = sql::Db::open(dir_ / "search.db", false, true);
        EXPECT_TRUE(db) << (db ? "" : db.error().message);
        auto registered = register_search_tokenizers(db->get());
        EXPECT_TRUE(registered) << (registered ? "" : registered.error().message);
        return std::move(*db);
    }

    std::vector<ItemId> match(const std::string& table, const std::string& query) {
        std::vector<ItemId> ids;
        auto stmt = db_.prepare("SELECT rowid FROM " + table + " WHERE " + table +
                                " MATCH ?1 ORDER BY rowid");
        EXPECT_TRUE(stmt);
        if (!stmt) return ids;
        stmt->bind(1, query);
        auto done = stmt->each([&](const sql::Stmt& row) { ids.push_back(static_cast<ItemId>(row.int64(0))); });
        EXPECT_TRUE(done) << query << ": " << (done ? "" : done.error().message);
        return ids;
    }

    std::string highlight(const std::string& table, const std::string& query, std::int64_t id) {
        auto stmt = db_.prepare("SELECT highlight(" + table + ", 0, '[', ']') FROM " + table +
                                " WHERE " + table + " MATCH ?1 AND rowid = ?2");
        EXPECT_TRUE(stmt);
        if (!stmt) return {};
        stmt->bind(1, query).bind(2, id);
        auto row = stmt->step();
        EXPECT_TRUE(row && *row) << query;
        return row && *row ? stmt->text(0) : "";
    }

    test::TempDir dir_;
    sql::Db db_;
};

using Ids = std::vector<ItemId>;

TEST_F(SearchTables, HanBigramsMatchRunsOnly) {
    EXPECT_EQ(match("docs", "青铜"), (Ids{1, 9, 10}));  // not 2 (青色铜镜)
    EXPECT_EQ(match("docs", "瓷"), (Ids{3}));
    EXPECT_EQ(match("docs", "青铜器物"), (Ids{9}));  // not 1 (青铜器) nor 10 (器物青铜)
    EXPECT_EQ(match("docs", "\"青铜 器\""), (Ids{1, 9}));
    EXPECT_EQ(match("docs", "青*"), (Ids{1, 2, 3, 9, 10}));
}

TEST_F(SearchTables, IdsCollectedInsideFts5AreWhatMatchReturns) {
    // wenyuan_ids walks each phrase inside FTS5; the union must equal MATCH's rows, in order,
    // without duplicates (青铜 and "青铜 器" share rows 1 and 9).
    for (const auto& [table, expression] : std::vector<std::pair<std::string, std::string>>{
             {"docs", "\"青铜\""}, {"docs", "(\"青铜\" OR \"青铜 器\" OR \"瓷\")"}, {"docs", "\"蜀繡\""},
             {"docs", "\"无此词\""}, {"docs_pinyin", "(\"qing tong\" OR \"qt\")"}, {"docs_pinyin", "\"yin hang\""}}) {
        auto ids = phrase_union_ids(db_, table, expression);
        ASSERT_TRUE(ids) << expression << ": " << ids.error().message;
        EXPECT_EQ(*ids, match(table, expression)) << expression;
    }
    EXPECT_EQ(*phrase_union_ids(db_, "docs", "(\"青铜\" OR \"瓷\")"), (Ids{1, 3, 9, 10}));
}

TEST_F(SearchTables, TraditionalAndSimplifiedFindEachOther) {
    EXPECT_EQ(match("docs", "蜀繡"), (Ids{4, 5}));
    EXPECT_EQ(match("docs", "蜀绣"), (Ids{4, 5}));
    EXPECT_EQ(match("docs", "屏风"), (Ids{4}));
}

TEST_F(SearchTables, WordsFoldCaseAndDiacritics) {
    for (const char* query : {"Bronze", "bronze", "BRONZE", "bronzé", "ＢＲＯＮＺＥ"}) {
        EXPECT_EQ(match("docs", query), (Ids{7})) << query;
    }
    EXPECT_EQ(match("docs", "1958"), (Ids{8}));
    EXPECT_EQ(match("docs", "bron*"), (Ids{7}));
}

TEST_F(SearchTables, PinyinFindsHanText) {
    EXPECT_EQ(match("docs_pinyin", "qingtong"), (Ids{1, 9, 10}));
    EXPECT_EQ(match("docs_pinyin", "\"qing tong\""), (Ids{1, 9, 10}));
    EXPECT_EQ(match("docs_pinyin", "qt"), (Ids{1, 9, 10}));
    EXPECT_EQ(match("docs_pinyin", "qingt*"), (Ids{1, 9, 10}));
    EXPECT_EQ(match("docs_pinyin", "\"\uE001qingt\""), (Ids{1, 9, 10}));  // kSyllableStart
    EXPECT_EQ(match("docs_pinyin", "\"\uE001qingto\""), (Ids{1, 9, 10}));
    EXPECT_EQ(match("docs_pinyin", "\"\uE001yinh\""), (Ids{6}));
    EXPECT_EQ(match("docs_pinyin", "\"\uE001sh\""), (Ids{2, 4, 5, 11}));  // 色 shai, 蜀, 书 and 手
    EXPECT_EQ(match("docs_pinyin", "yinhang"), (Ids{6}));    // 行 read hang
    EXPECT_EQ(match("docs_pinyin", "xingshu"), (Ids{11}));   // and xing
    EXPECT_EQ(match("docs_pinyin", "shuxiu"), (Ids{4, 5}));  // 繡 through 绣
    EXPECT_EQ(match("docs_pinyin", "bronze"), (Ids{}));
}

TEST_F(SearchTables, SyllablePairsFindWhatSyllablesFind) {
    // kSyllablePairs: the same documents from the pair doclists as from the syllables' phrase.
    for (const char* query : {"qing tong", "qingtong", "yin hang", "xing shu", "shu xiu", "qing tong qi", "qing tong qi wu",
                              "qi wu qing tong", "tong qi", "yin", "qt", "\uE001qingt", "\uE001qingtongq", "\uE001qingtong", "hua ci"}) {
        const std::string plain = "\"" + std::string(query) + "\"";
        const std::string paired = "\"\uE002" + std::string(query) + "\"";
        EXPECT_EQ(match("docs_pinyin", paired), match("docs_pinyin", plain)) << query;
        auto ids = phrase_union_ids(db_, "docs_pinyin", paired);
        ASSERT_TRUE(ids) << query;
        EXPECT_EQ(*ids, match("docs_pinyin", plain)) << query;
    }
    EXPECT_EQ(match("docs_pinyin", "\"\uE002qing tong\""), (Ids{1, 9, 10}));
    EXPECT_EQ(match("docs_pinyin", "\"\uE002qing tong qi wu\""), (Ids{9}));
    EXPECT_EQ(match("docs_pinyin", "\"\uE002yin hang\""), (Ids{6}));  // 行 read hang
    EXPECT_EQ(match("docs_pinyin", "\"\uE002xing shu\""), (Ids{11}));  // and xing
    EXPECT_EQ(match("docs_pinyin", "\"\uE002\uE001qingtongq\""), (Ids{1, 9}));
}

TEST_F(SearchTables, HighlightLandsOnTheOriginalCharacters) {
    EXPECT_EQ(highlight("docs", "蜀绣", 4), "四川[蜀繡]屏風");
    EXPECT_EQ(highlight("docs", "屏风", 4), "四川蜀繡[屏風]");
    EXPECT_EQ(highlight("docs", "青铜器", 1), "西周[青铜器]");
    EXPECT_EQ(highlight("docs", "瓷", 3), "青花[瓷]器");
    EXPECT_EQ(highlight("docs", "bronzé", 7), "[Bronze] ritual vessel");
    EXPECT_EQ(highlight("docs_pinyin", "shuxiu", 4), "四川[蜀繡]屏風");
    // highlight() marks where an initials pair starts (FTS5 skips colocated tokens' offsets); the
    // library's own snippets (snippet.cpp) do not depend on it.
    EXPECT_EQ(highlight("docs_pinyin", "qt", 1), "西周[青]铜器");
    EXPECT_EQ(highlight("docs_pinyin", "q", 1), "西周[青]铜[器]");  // 器 is qi
}

TEST_F(SearchTables, IntegrityCheckPasses) {
    EXPECT_TRUE(db_.exec("INSERT INTO docs(docs, rank) VALUES ('integrity-check', 1)"));
    EXPECT_TRUE(
        db_.exec("INSERT INTO docs_pinyin(docs_pinyin, rank) VALUES ('integrity-check', 1)"));
}

TEST(Tokenizer, BigramsOnlyLeavesOutTheTrailingUnigramOfAQuery) {
    const std::string marker(kBigramsOnly);
    EXPECT_EQ(texts(text_tokens(marker + "青铜", TokenMode::query)), (std::vector<std::string>{"青铜"}));
    EXPECT_EQ(texts(text_tokens(marker + "青铜器", TokenMode::query)), (std::vector<std::string>{"青铜", "铜器"}));
    EXPECT_EQ(texts(text_tokens(marker + "瓷", TokenMode::query)), (std::vector<std::string>{"瓷"}));
    // Without the marker, and in documents, nothing changes.
    EXPECT_EQ(texts(text_tokens("青铜", TokenMode::query)), (std::vector<std::string>{"青铜", "铜"}));
    EXPECT_EQ(texts(text_tokens(marker + "青铜")), (std::vector<std::string>{"青", "青铜", "铜"}));
}

}  // namespace
}  // namespace wenyuan::search
