// Search over a real catalog on disk: Chinese, pinyin, English, filters, access, freshness and
// hostile input.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "sqlite.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/fields.hpp"
#include "wenyuan/search.hpp"

namespace wenyuan {
namespace {

class Search : public ::testing::Test {
protected:
    void SetUp() override {
        auto created = Archive::create(dir / "a");
        ASSERT_TRUE(created) << created.error().message;
        archive.emplace(std::move(*created));
        ding = add({{"title", "西周青铜鼎"}, {"title_en", "Western Zhou bronze ding"}, {"category", "铜器"}, {"period", "西周"},
                    {"date", "公元前900年"}, {"place", "青石村"}, {"description", "三足圆鼎，口沿饰窃曲纹。"}});
        bowl = add({{"title", "宋代青瓷碗"}, {"category", "瓷器"}, {"period", "南宋"}, {"keywords", "celadon; 莲瓣纹"}});
        embroidery = add({{"title", "蜀繡屏風"}, {"type", "ich"}, {"category", "传统美术"}, {"description", "四川的刺绣技艺"}});
        bank = add({{"title", "老银行旧址"}, {"type", "industrial_site"}, {"date", "1958"}, {"place", "县城"}});
        han_mirror = add({{"title", "铜镜"}, {"date", "公元前100年"}, {"material", "青铜"}});
        secret = add({{"title", "青铜器修复档案"}, {"access", "restricted"}});
        plain = add({{"title", "青色铜片"}});
    }

    std::int64_t add(const std::vector<std::pair<std::string, std::string>>& fields) {
        Item item;
        item.type = "relic";
        item.access = Access::public_access;
        for (const auto& [name, value] : fields) {
            auto set = set_field(item, *find_field(name), value, archive->vocabulary());
            EXPECT_TRUE(set) << set.error().message;
        }
        auto id = archive->add_item(item, {}, {}, "test");
        EXPECT_TRUE(id) << id.error().message;
        return *id;
    }

    std::vector<std::int64_t> ids(std::string_view query, Reader reader = Reader::staff) {
        SearchOptions options;
        options.reader = reader;
        auto results = search_items(*archive, query, options);
        EXPECT_TRUE(results) << query;
        std::vector<std::int64_t> out;
        for (const SearchHit& hit : results->hits) out.push_back(hit.id);
        return out;
    }

    std::set<std::int64_t> set(std::string_view query) {
        auto found = ids(query);
        return {found.begin(), found.end()};
    }

    test::TempDir dir;
    std::optional<Archive> archive;
    std::int64_t ding = 0, bowl = 0, embroidery = 0, bank = 0, han_mirror = 0, secret = 0, plain = 0;
};

TEST_F(Search, ChineseWordsOfEveryLength) {
    EXPECT_EQ(set("青铜"), (std::set<std::int64_t>{ding, han_mirror, secret}));  // not 青色铜片
    EXPECT_EQ(set("瓷"), std::set<std::int64_t>{bowl});
    EXPECT_EQ(set("青铜鼎"), std::set<std::int64_t>{ding});
    EXPECT_EQ(set("蜀绣"), std::set<std::int64_t>{embroidery});  // simplified finds traditional
    EXPECT_EQ(set("屏风"), std::set<std::int64_t>{embroidery});
    EXPECT_TRUE(set("青铜器物").empty());
}

TEST_F(Search, PinyinAndInitials) {
    // Titles with 青铜 come before 铜镜 of bronze (青铜 only in its material), and 青色铜片 never.
    for (const char* query : {"qingtong", "qt", "QingTong", "qing tong"}) {
        const auto found = ids(query);
        ASSERT_GE(found.size(), 2u) << query;
        EXPECT_EQ((std::set<std::int64_t>{found[0], found[1]}), (std::set<std::int64_t>{ding, secret})) << query;
        // One word must be one run; "qing tong" as two words may also find 青色铜片, ranked lower.
        if (std::string_view(query).find(' ') == std::string_view::npos) {
            EXPECT_EQ(std::count(found.begin(), found.end(), plain), 0) << query;
        }
    }
    EXPECT_TRUE(set("yinhang").count(bank));  // 行 is polyphonic: xing and hang
    EXPECT_TRUE(set("shuxiu").count(embroidery));
    EXPECT_EQ(set("xzqtd"), std::set<std::int64_t>{ding});  // five initials that match no English word
    // The names of categories and periods are read as pinyin too: 瓷器 is only the bowl's category.
    EXPECT_EQ(set("ciqi"), std::set<std::int64_t>{bowl});
    EXPECT_EQ(set("nansong"), std::set<std::int64_t>{bowl});  // its period; its title says 宋代
}

TEST_F(Search, EnglishFiltersAndExclusion) {
    EXPECT_EQ(set("Bronze"), std::set<std::int64_t>{ding});
    EXPECT_EQ(set("CELADON"), std::set<std::int64_t>{bowl});
    EXPECT_EQ(set("period:汉"), std::set<std::int64_t>{han_mirror});  // dated 100 BCE, no period set
    EXPECT_EQ(set("category:铜器"), std::set<std::int64_t>{ding});
    EXPECT_EQ(set("type:ich"), std::set<std::int64_t>{embroidery});
    EXPECT_EQ(set("year:1950..1980"), std::set<std::int64_t>{bank});
    EXPECT_EQ(set("material:青铜"), std::set<std::int64_t>{han_mirror});
    EXPECT_EQ(set("青铜 -鼎"), (std::set<std::int64_t>{han_mirror, secret}));
    EXPECT_EQ(set("\"bronze ding\""), std::set<std::int64_t>{ding});
}

TEST_F(Search, FiltersThatNameNothingSaySo) {
    auto notes = [&](std::string_view query) {
        auto results = search_items(*archive, query);
        EXPECT_TRUE(results) << query;
        return results ? results->notes : std::vector<std::string>{"(failed)"};
    };
    for (const char* known : {"period:汉", "period:西周", "category:铜器", "category:瓷器 碗", "type:ich", "type:Relic", "青铜 material:石"}) {
        EXPECT_EQ(notes(known), std::vector<std::string>{}) << known;
    }
    const auto period = notes("青铜 period:不存在");
    ASSERT_EQ(period.size(), 1u);
    EXPECT_EQ(period[0].rfind("period:不存在: no period has this code or name (such as ", 0), 0u) << period[0];
    EXPECT_EQ(search_items(*archive, "青铜 period:不存在")->total, 0u);
    const auto two = notes("type:relik category:铜");
    ASSERT_EQ(two.size(), 2u);
    EXPECT_EQ(two[0].rfind("type:relik: no type has this code or name", 0), 0u) << two[0];
    EXPECT_EQ(two[1].rfind("category:铜: no category has this code or name", 0), 0u) << two[1];
    EXPECT_EQ(notes("collection:村史馆"), std::vector<std::string>{"collection:村史馆: no collection of that name has items"});
}

TEST_F(Search, KioskNeverSeesRestrictedItems) {
    EXPECT_EQ(set("青铜").count(secret), 1u);
    const auto kiosk = ids("青铜", Reader::kiosk);
    EXPECT_EQ((std::set<std::int64_t>(kiosk.begin(), kiosk.end())), (std::set<std::int64_t>{ding, han_mirror}));
    EXPECT_EQ(ids("修复", Reader::kiosk), std::vector<std::int64_t>{});
}

TEST_F(Search, HostileInputIsReadAsWords) {
    for (const char* query : {"\"", "*", "NEAR(", "')--", "\"unbalanced", "AND OR NOT", "{title}:", "青铜\" OR 1=1 --",
                              "^^^", "a:b:c", "year:abc", "-", "\xff\xfe"}) {
        SearchOptions options;
        options.facets = true;
        auto results = search_items(*archive, query, options);
        EXPECT_TRUE(results) << query << ": " << results.error().message;
    }
    // Read as the words 青铜, or, 1, 1: no item has them all, so those with some come back (not all).
    EXPECT_EQ(set("青铜\" OR 1=1 --"), set("青铜"));
}

TEST_F(Search, IndexFollowsEditsAndDeletesAndVerifyChecksIt) {
    ASSERT_TRUE(archive->edit_item(bowl, {{"title", "宋代白瓷碗"}}, "test"));
    EXPECT_TRUE(set("青瓷").empty());
    EXPECT_EQ(set("白瓷"), std::set<std::int64_t>{bowl});
    ASSERT_TRUE(archive->delete_item(ding, "", "test"));
    EXPECT_EQ(set("青铜"), (std::set<std::int64_t>{han_mirror, secret}));
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok);

    // Drift the index behind the library's back: verify must notice.
    auto db = sql::Db::open(dir / "a/catalog.db", false, false);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("UPDATE items SET title = '改过的名称' WHERE id = " + std::to_string(plain)));
    auto drifted = archive->verify();
    ASSERT_TRUE(drifted);
    EXPECT_FALSE(drifted->ok);
    ASSERT_FALSE(drifted->problems.empty());
    EXPECT_EQ(drifted->problems[0].object, "search index");
}

TEST_F(Search, RebuildMendsAnIndexOutOfStep) {
    ASSERT_TRUE(archive->delete_item(ding, "", "test"));
    EXPECT_FALSE(set("青铜").empty());  // the facts are loaded now: the rebuild must replace them
    // Drift the index behind the library's back, as an edit with another tool would.
    auto db = sql::Db::open(dir / "a/catalog.db", false, false);
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("UPDATE items SET title = '改过的名称' WHERE id = " + std::to_string(plain)));
    ASSERT_TRUE(db->exec("DELETE FROM search_facts WHERE item_id = " + std::to_string(bowl)));
    auto drifted = archive->verify();
    ASSERT_TRUE(drifted);
    EXPECT_FALSE(drifted->ok);

    auto rebuilt = rebuild_search_index(*archive, "test");
    ASSERT_TRUE(rebuilt) << rebuilt.error().message;
    EXPECT_EQ(*rebuilt, 6u);  // the seven items less the deleted one
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
    EXPECT_EQ(set("改过"), std::set<std::int64_t>{plain});
    EXPECT_TRUE(set("青色铜片").empty());
    EXPECT_EQ(set("青瓷"), std::set<std::int64_t>{bowl});
    EXPECT_EQ(set("青铜"), (std::set<std::int64_t>{han_mirror, secret}));
    EXPECT_EQ(ids("青铜", Reader::kiosk), std::vector<std::int64_t>{han_mirror});
    auto events = archive->events(5);
    ASSERT_TRUE(events);
    EXPECT_TRUE(std::any_of(events->begin(), events->end(), [](const Event& event) {
        return event.type == "derivation" && event.detail == "search index rebuilt from the catalog: 6 items";
    }));

    auto read_only = Archive::open(dir / "a", OpenMode::read_only);
    ASSERT_TRUE(read_only);
    auto refused = rebuild_search_index(*read_only, "test");
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, Errc::invalid_argument);
}

TEST_F(Search, FacetsAndSnippets) {
    SearchOptions options;
    options.facets = true;
    auto results = search_items(*archive, "青铜", options);
    ASSERT_TRUE(results);
    EXPECT_EQ(results->total, 3u);
    for (const SearchHit& hit : results->hits) {
        if (hit.id == ding) {
            EXPECT_EQ(hit.snippet, "西周[青铜]鼎");
        }
        if (hit.id == han_mirror) {
            EXPECT_EQ(hit.snippet, "[青铜]");
        }
    }
    bool found = false;
    for (const FacetCount& facet : results->facets["category"]) {
        if (facet.value == "04") {
            EXPECT_EQ(facet.label, "铜器");
            EXPECT_EQ(facet.count, 1u);
            found = true;
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(Search, SeesItsOwnWritesAfterSearchingAndOtherConnectionsCommits) {
    EXPECT_EQ(set("银行"), std::set<std::int64_t>{bank});  // a small result: reads its own facts only
    ASSERT_TRUE(search_items(*archive, ""));              // every item: loads the facts of all
    ASSERT_TRUE(archive->edit_item(bank, {{"access", "restricted"}}, "test"));
    EXPECT_TRUE(ids("银行", Reader::kiosk).empty());
    EXPECT_EQ(set("银行 type:industrial_site"), std::set<std::int64_t>{bank});

    // Another connection (another process, in real life) changes the catalog.
    auto other = Archive::open(dir / "a");
    ASSERT_TRUE(other);
    Item item;
    item.type = "industrial_site";
    item.title = "老银行金库";
    auto vault = other->add_item(item, {}, {}, "test");
    ASSERT_TRUE(vault);
    ASSERT_TRUE(other->edit_item(bank, {{"type", "relic"}}, "test"));
    EXPECT_EQ(set("银行 type:industrial_site"), std::set<std::int64_t>{*vault});
    EXPECT_EQ(set("银行 type:relic"), std::set<std::int64_t>{bank});
}

TEST_F(Search, LargeResultSetsRankTitlePhraseFirstAndCountEverything) {
    // More matches than are scored exactly: the pre-ranking must still find the title matches.
    std::vector<Item> items;
    for (int i = 0; i < 600; ++i) {
        Item item;
        item.type = "relic";
        item.title = "陶片" + std::to_string(i);
        item.description = "与铜鼓同出的陶片，编号" + std::to_string(i);
        items.push_back(item);
    }
    Item drum;
    drum.type = "relic";
    drum.title = "铜鼓";
    drum.description = "铜鼓";
    items.insert(items.begin() + 300, drum);
    auto added = archive->add_items(items, "test");
    ASSERT_TRUE(added) << added.error().message;
    SearchOptions options;
    options.facets = true;
    auto results = search_items(*archive, "铜鼓", options);
    ASSERT_TRUE(results);
    EXPECT_EQ(results->total, 601u);
    ASSERT_FALSE(results->hits.empty());
    EXPECT_EQ(results->hits[0].id, (*added)[300]);
    EXPECT_EQ(results->hits[0].snippet, "[铜鼓]");
    ASSERT_EQ(results->facets["type"].size(), 1u);
    EXPECT_EQ(results->facets["type"][0].count, 601u);
    // Pages continue where the first ended, without repeats.
    options.offset = 20;
    auto next = search_items(*archive, "铜鼓", options);
    ASSERT_TRUE(next);
    ASSERT_EQ(next->hits.size(), 20u);
    for (const SearchHit& hit : next->hits) {
        for (const SearchHit& first : results->hits) EXPECT_NE(hit.id, first.id);
    }
}

TEST_F(Search, ResultSetsLargeEnoughToSplitOverTwoThreadsCountEveryItemOnce) {
    // 70,000 matches: admitted and counted in two halves (see filter.cpp), with items to leave
    // out for the reader and for an excluded word on both sides of the split.
    std::vector<Item> items;
    std::size_t expected = 0, expected_ich = 0, expected_all_relics = 0;
    for (int i = 0; i < 70000; ++i) {
        Item item;
        item.type = i % 5 == 0 ? "ich" : "relic";
        item.access = i % 3 == 0 ? Access::restricted : Access::public_access;
        item.title = "砖" + std::to_string(i);
        item.description = i % 7 == 0 ? "残砖" : "整砖";
        const bool visible = item.access == Access::public_access;
        if (visible && i % 7 != 0) {
            ++expected;
            expected_ich += item.type == "ich" ? 1 : 0;
        }
        expected_all_relics += visible && item.type == "relic" ? 1 : 0;
        items.push_back(std::move(item));
    }
    ASSERT_TRUE(archive->add_items(items, "test"));
    SearchOptions options;
    options.reader = Reader::kiosk;
    options.facets = true;
    auto results = search_items(*archive, "砖 -残", options);
    ASSERT_TRUE(results) << results.error().message;
    EXPECT_EQ(results->total, expected);
    std::size_t ich = 0, counted = 0;
    for (const FacetCount& type : results->facets["type"]) {
        counted += type.count;
        if (type.value == "ich") ich = type.count;
    }
    EXPECT_EQ(counted, expected);
    EXPECT_EQ(ich, expected_ich);
    // A page larger than the stored texts scored at once (rank.cpp): still whole, best first.
    SearchOptions long_page = options;
    long_page.limit = 1500;
    auto page = search_items(*archive, "砖 -残", long_page);
    ASSERT_TRUE(page) << page.error().message;
    ASSERT_EQ(page->hits.size(), 1500u);
    std::set<std::int64_t> distinct;
    for (std::size_t i = 0; i < page->hits.size(); ++i) {
        distinct.insert(page->hits[i].id);
        if (i > 0) {
            EXPECT_LE(page->hits[i].score, page->hits[i - 1].score);
        }
    }
    EXPECT_EQ(distinct.size(), 1500u);
    // Two words no item has both of, each in one item of ids far above the matches' count: the
    // items with the most of them come from the sparse path of most_covered (match.cpp).
    auto either = search_items(*archive, "砖69998 砖69997", options);
    ASSERT_TRUE(either) << either.error().message;
    EXPECT_FALSE(either->all_words);
    EXPECT_EQ(either->total, 2u);  // neither is restricted (69,997 and 69,998 are not multiples of 3)
    // No words: every item is a candidate, the fixture's four public relics too.
    auto relics = search_items(*archive, "type:relic", options);
    ASSERT_TRUE(relics) << relics.error().message;
    EXPECT_EQ(relics->total, expected_all_relics + 4);
}

TEST_F(Search, AddItemsIsAllOrNothing) {
    const auto before = archive->count_items();
    ASSERT_TRUE(before);
    Item good;
    good.title = "新入藏陶罐";
    Item bad;  // no title
    auto added = archive->add_items({good, bad}, "test");
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find("record 2"), std::string::npos) << added.error().message;
    EXPECT_EQ(*archive->count_items(), *before);
    EXPECT_TRUE(set("陶罐").empty());
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok);
}

// A bulk insert queues its full text until the end of the transaction (index.hpp, PendingText);
// a record that fails inside the transaction must take the queued text of the others with it.
TEST_F(Search, AddItemsFailingInsideTheTransactionLeavesNoText) {
    const auto before = archive->count_items();
    ASSERT_TRUE(before);
    std::vector<Item> items(3);
    items[0].title = "窑址残砖";
    items[0].key = "KILN-1";
    items[1].title = "窑址匣钵";
    items[1].key = "KILN-2";
    items[2].title = "窑址垫饼";
    items[2].key = "KILN-1";  // the catalog refuses a second item with this key
    auto added = archive->add_items(items, "test");
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find("record 3"), std::string::npos) << added.error().message;
    EXPECT_EQ(*archive->count_items(), *before);
    EXPECT_TRUE(set("窑址").empty());
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok);

    items[2].key = "KILN-3";
    auto retried = archive->add_items(items, "test");
    ASSERT_TRUE(retried) << retried.error().message;
    EXPECT_EQ(set("窑址").size(), 3u);
    EXPECT_EQ(set("yaozhi").size(), 3u);
    report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok);
}

TEST_F(Search, ReadOnlyVerifyComparesTheIndexAndSaysWhatItSkipped) {
    auto reader = Archive::open(archive->root(), OpenMode::read_only);
    ASSERT_TRUE(reader) << reader.error().message;
    auto report = reader->verify();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->ok);
    ASSERT_EQ(report->notes.size(), 1u);
    EXPECT_NE(report->notes[0].find("needs a writable archive"), std::string::npos) << report->notes[0];
    auto writable = archive->verify();
    ASSERT_TRUE(writable);
    EXPECT_TRUE(writable->notes.empty());
}

TEST_F(Search, ASentenceFindsWhatHasSomeOfItsWords) {
    auto exact = search_items(*archive, "bronze ding");
    ASSERT_TRUE(exact);
    EXPECT_TRUE(exact->all_words);
    auto sentence = search_items(*archive, "the bronze vessels of the Western Zhou found in this county");
    ASSERT_TRUE(sentence);
    EXPECT_FALSE(sentence->all_words);
    ASSERT_FALSE(sentence->hits.empty());
    EXPECT_EQ(sentence->hits[0].id, ding);
    // Stop words alone are still words.
    auto the = search_items(*archive, "the");
    ASSERT_TRUE(the);
    EXPECT_TRUE(the->hits.empty());
}

TEST_F(Search, BulkInsertsTokenizedOnAWorkerIndexLikeSingleInserts) {
    // add_items tokenizes on a second thread and FTS5 replays the recorded tokens; add_item
    // tokenizes inside FTS5. Both must give the same index: verify runs FTS5's integrity check,
    // which tokenizes every row again and compares it with what was indexed.
    std::vector<Item> items;
    for (int i = 0; i < 300; ++i) {
        Item item;
        item.type = "relic";
        item.access = Access::public_access;
        item.title = std::string(i % 2 ? "蜀繡" : "青铜") + "器物第" + std::to_string(i) + "号 Bronzé";
        item.description = "熊猫与张家村的" + std::string(i % 3 ? "行书" : "银行") + "，qingtong " + std::to_string(i);
        // Pinyin is indexed for titles, keywords, places and creators (not descriptions).
        item.keywords = {"瓷器", i % 5 ? "剪纸" : "绿", "熊猫", i % 3 ? "行书" : "银行"};
        item.place = "张家村";
        items.push_back(item);
    }
    auto bulk = Archive::create(dir / "bulk");
    auto single = Archive::create(dir / "one-by-one");
    ASSERT_TRUE(bulk && single);
    ASSERT_TRUE(bulk->add_items(items, "test"));
    for (const Item& item : items) ASSERT_TRUE(single->add_item(item, {}, {}, "test"));
    for (Archive* a : {&*bulk, &*single}) {
        auto report = a->verify();
        ASSERT_TRUE(report) << report.error().message;
        EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
    }
    for (const char* query : {"青铜", "蜀绣", "bronze", "xiongmao", "zhangj", "xion", "yinhang", "lv", "qt", "jianzhi", "号"}) {
        auto from_bulk = search_items(*bulk, query);
        auto from_single = search_items(*single, query);
        ASSERT_TRUE(from_bulk && from_single) << query;
        EXPECT_GT(from_single->total, 0u) << query;
        EXPECT_EQ(from_bulk->total, from_single->total) << query;
        ASSERT_EQ(from_bulk->hits.size(), from_single->hits.size()) << query;
        for (std::size_t i = 0; i < from_bulk->hits.size(); ++i) EXPECT_EQ(from_bulk->hits[i].id, from_single->hits[i].id) << query;
    }
}

TEST_F(Search, AnOldItemTheQueryNamesOutranksThousandsOfNewerTitles) {
    // The item 铜鼓 was catalogued first; 1,200 newer items have 铜鼓 in longer titles. Pre-ranking
    // stops early among those, but never misses a title hardly longer than the query.
    Item drum;
    drum.type = "relic";
    drum.title = "铜鼓";
    auto first = archive->add_item(drum, {}, {}, "test");
    ASSERT_TRUE(first);
    std::vector<Item> items;
    for (int i = 0; i < 1200; ++i) {
        Item item;
        item.type = "relic";
        item.title = "广西出土的东汉铜鼓残片第" + std::to_string(i) + "号";
        items.push_back(item);
    }
    ASSERT_TRUE(archive->add_items(items, "test"));
    SearchOptions options;
    options.facets = true;
    auto results = search_items(*archive, "铜鼓", options);
    ASSERT_TRUE(results);
    EXPECT_EQ(results->total, 1201u);
    ASSERT_FALSE(results->hits.empty());
    EXPECT_EQ(results->hits[0].id, *first);
}

TEST_F(Search, AnOldTitleMatchIsFoundAmongTensOfThousandsOfTextMatches) {
    // More matches than pre-ranking reads titles of, nearly all in the description only: the one
    // old item with the phrase in its (long) title is found through the index.
    Item named;
    named.type = "relic";
    named.title = "广西壮族自治区出土的东汉铜鼓残片";
    auto first = archive->add_item(named, {}, {}, "test");
    ASSERT_TRUE(first);
    std::vector<Item> items(20500);
    for (std::size_t i = 0; i < items.size(); ++i) {
        items[i].type = "relic";
        items[i].title = "陶片" + std::to_string(i);
        items[i].description = "与铜鼓同出";
    }
    ASSERT_TRUE(archive->add_items(items, "test"));
    auto results = search_items(*archive, "铜鼓");
    ASSERT_TRUE(results);
    EXPECT_EQ(results->total, 20501u);
    ASSERT_FALSE(results->hits.empty());
    EXPECT_EQ(results->hits[0].id, *first);
}

}  // namespace
}  // namespace wenyuan
