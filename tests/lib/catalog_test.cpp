// Catalog tests follow DuckDB's restart pattern: write, close, reopen, check.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/fields.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan {
namespace {

using test::TempDir;

Item draft(std::string title, Access access = Access::public_access) {
    Item item;
    item.type = "relic";
    item.title = std::move(title);
    item.access = access;
    return item;
}

AssetDraft original(const Archive& archive, std::string_view bytes, std::string name) {
    auto stored = archive.store().put_bytes(bytes);
    EXPECT_TRUE(stored);
    return AssetDraft{"original", stored->sha256, stored->size, "text/plain", std::move(name), "", "{}", {}, {}};
}

TEST(Catalog, CreateSeedsVocabulariesAndPragmas) {
    TempDir dir;
    {
        auto archive = Archive::create(dir / "a");
        ASSERT_TRUE(archive) << archive.error().message;
        EXPECT_EQ(archive->schema_version(), Archive::current_schema_version());
    }
    auto archive = Archive::open(dir / "a");
    ASSERT_TRUE(archive);
    const Vocabulary& vocab = archive->vocabulary();
    EXPECT_EQ(vocab.terms("relic_category").size(), 35u);
    EXPECT_EQ(vocab.terms("ich_category").size(), 10u);
    EXPECT_EQ(vocab.find("relic_category", "铜器")->code, "04");
    EXPECT_EQ(vocab.find("relic_category", "bronze")->code, "04");
    EXPECT_EQ(vocab.find("ich_category", "传统戏剧")->code, "IV");
    const VocabTerm* han = vocab.find("period", "西汉");
    ASSERT_NE(han, nullptr);
    EXPECT_EQ(*han->start_year, -206);
    EXPECT_EQ(*han->end_year, 25);
    EXPECT_EQ(vocab.find("item_type", "传承人")->code, "inheritor");

    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "a/catalog.db").c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);

    EXPECT_EQ(Archive::create(dir / "a").error().code, Errc::already_exists);
    EXPECT_EQ(Archive::open(dir / "nowhere").error().code, Errc::not_found);
}

TEST(Catalog, ItemSurvivesReopenWithAssetsAndEvents) {
    TempDir dir;
    std::int64_t id = 0;
    std::string sha;
    {
        auto archive = Archive::create(dir / "a");
        ASSERT_TRUE(archive);
        Item item = draft("西周青铜鼎");
        const Vocabulary& vocab = archive->vocabulary();
        ASSERT_TRUE(set_field(item, *find_field("category"), "铜器", vocab));
        ASSERT_TRUE(set_field(item, *find_field("年代"), "西周", vocab));
        ASSERT_TRUE(set_field(item, *find_field("date"), "公元前900年", vocab));
        ASSERT_TRUE(set_field(item, *find_field("keywords"), "鼎，礼器; ritual", vocab));
        ASSERT_TRUE(set_field(item, *find_field("latitude"), "34.27", vocab));
        item.title_en = "Bronze ding";
        auto asset = original(*archive, "scan bytes", "ding.jpg");
        sha = asset.sha256;
        auto added = archive->add_item(item, {asset}, {"村史馆"}, "test");
        ASSERT_TRUE(added) << added.error().message;
        id = *added;
    }
    auto archive = Archive::open(dir / "a", OpenMode::read_only);
    ASSERT_TRUE(archive);
    auto item = archive->item(id);
    ASSERT_TRUE(item);
    EXPECT_EQ(item->title, "西周青铜鼎");
    EXPECT_EQ(item->title_en, "Bronze ding");
    EXPECT_EQ(item->relic_category, "04");
    EXPECT_EQ(item->period, "西周");
    EXPECT_EQ(*item->year_start, -900);
    EXPECT_EQ(item->keywords, (std::vector<std::string>{"鼎", "礼器", "ritual"}));
    EXPECT_DOUBLE_EQ(*item->latitude, 34.27);
    EXPECT_EQ(item->uid.size(), 32u);
    auto assets = archive->assets(id);
    ASSERT_EQ(assets->size(), 1u);
    EXPECT_EQ((*assets)[0].role, "original");
    EXPECT_EQ((*assets)[0].sha256, sha);
    EXPECT_EQ((*assets)[0].size, 10u);
    EXPECT_EQ(**archive->item_with_original(sha), id);
    EXPECT_EQ(*archive->collections_of(id), std::vector<std::string>{"村史馆"});
    auto events = archive->events(0, id);
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ((*events)[0].type, "ingestion");
    EXPECT_EQ((*events)[0].object, sha);
    EXPECT_EQ((*events)[0].agent, "test");
    // Read-only archives refuse to write.
    EXPECT_EQ(archive->edit_item(id, {{"title", "x"}}, "test").error().code, Errc::invalid_argument);
}

TEST(Catalog, EditKeepsHistoryAndRejectsBadValuesWhole) {
    TempDir dir;
    std::int64_t id = 0;
    {
        auto archive = Archive::create(dir / "a");
        id = *archive->add_item(draft("老厂房"), {}, {}, "test");
        ASSERT_TRUE(archive->edit_item(id, {{"condition", "已修复"}, {"title", "红星机械厂旧厂房"}}, "curator"));
        auto bad = archive->edit_item(id, {{"title", "不应保存"}, {"period", "宋朝代"}}, "curator");
        ASSERT_FALSE(bad);
        EXPECT_EQ(bad.error().message.substr(0, 7), "item 1:");
        EXPECT_NE(bad.error().message.find("宋朝代"), std::string::npos);
        EXPECT_FALSE(archive->edit_item(id, {{"colour", "red"}}, "curator"));
    }
    auto archive = Archive::open(dir / "a");
    EXPECT_EQ(archive->item(id)->title, "红星机械厂旧厂房");
    auto history = archive->history(id);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].field, "title");
    EXPECT_EQ((*history)[0].old_value, "老厂房");
    EXPECT_EQ((*history)[0].agent, "curator");
    EXPECT_EQ((*history)[1].field, "condition");
    EXPECT_EQ((*history)[1].new_value, "已修复");
    EXPECT_EQ(archive->events(1)->front().type, "metadata_change");
}

TEST(Catalog, AccessLevelsAndDeletion) {
    TempDir dir;
    auto archive = Archive::create(dir / "a");
    const auto open = *archive->add_item(draft("公开的碑拓"), {}, {}, "t");
    const auto inside = *archive->add_item(draft("内部账册", Access::internal), {}, {}, "t");
    const auto secret = *archive->add_item(draft("限制的档案", Access::restricted), {}, {}, "t");
    EXPECT_EQ(archive->list_items()->size(), 3u);
    ListOptions kiosk;
    kiosk.reader = Reader::kiosk;
    auto visible = archive->list_items(kiosk);
    ASSERT_EQ(visible->size(), 1u);
    EXPECT_EQ(visible->front().id, open);
    EXPECT_EQ(*archive->count_items(Reader::kiosk), 1u);
    ASSERT_TRUE(archive->delete_item(inside, "duplicate record", "t"));
    EXPECT_EQ(archive->list_items()->size(), 2u);
    EXPECT_EQ(archive->item(inside).error().code, Errc::not_found);
    EXPECT_TRUE(archive->item(inside, true)->deleted);
    EXPECT_EQ(archive->events(1)->front().type, "deletion");
    EXPECT_TRUE(archive->relate(secret, "related", open, "t"));
    EXPECT_EQ(archive->relations(open)->size(), 1u);
}

TEST(Catalog, FailedAddLeavesNoTrace) {
    TempDir dir;
    auto archive = Archive::create(dir / "a");
    AssetDraft ghost{"original", sha256_bytes("never stored"), 12, "text/plain", "ghost.txt", "", "{}", {}, {}};
    auto added = archive->add_item(draft("幽灵"), {ghost}, {"c"}, "t");
    ASSERT_FALSE(added);
    EXPECT_NE(added.error().message.find("not in the store"), std::string::npos);
    Item unknown = draft("坏分类");
    unknown.relic_category = "99";
    EXPECT_FALSE(archive->add_item(unknown, {}, {}, "t"));
    Item keyed = draft("有编号");
    keyed.key = "CS-001";
    ASSERT_TRUE(archive->add_item(keyed, {}, {}, "t"));
    EXPECT_NE(archive->add_item(keyed, {}, {}, "t").error().message.find("CS-001"), std::string::npos);
    EXPECT_EQ(*archive->count_items(), 1u);
    EXPECT_TRUE(archive->collections()->empty());
    EXPECT_EQ(archive->item_by_key("CS-001")->title, "有编号");
}

TEST(Catalog, VerifyFindsDamageAndGcRemovesOrphans) {
    TempDir dir;
    auto archive = Archive::create(dir / "a");
    auto asset = original(*archive, "chronicle page", "page.tif");
    ASSERT_TRUE(archive->add_item(draft("村志"), {asset}, {}, "t"));
    auto orphan = archive->store().put_bytes("left by a crash");
    test::write_file(dir / "a/tmp/123.part", "half");
    auto clean = archive->verify();
    ASSERT_TRUE(clean);
    EXPECT_TRUE(clean->ok);
    EXPECT_EQ(clean->checked, 1u);
    EXPECT_EQ(clean->unreferenced, std::vector<std::string>{orphan->sha256});
    EXPECT_EQ(clean->temp_files, 1u);

    // A second writer holds the archive: gc must refuse rather than race an import.
    {
        auto other = Archive::open(dir / "a");
        ASSERT_TRUE(other);
        auto busy = archive->collect_garbage("t");
        ASSERT_FALSE(busy);
        EXPECT_EQ(busy.error().code, Errc::busy);
    }
    auto collected = archive->collect_garbage("t");
    ASSERT_TRUE(collected) << collected.error().message;
    EXPECT_EQ(collected->objects_removed, 1u);
    EXPECT_EQ(collected->temp_files_removed, 1u);
    EXPECT_FALSE(archive->store().contains(orphan->sha256));
    EXPECT_TRUE(archive->store().contains(asset.sha256));

    const auto path = archive->store().path_of(asset.sha256);
    std::filesystem::permissions(path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
    test::write_file(path, "chronicle pagE");
    auto damaged = archive->verify();
    ASSERT_TRUE(damaged);
    EXPECT_FALSE(damaged->ok);
    ASSERT_EQ(damaged->problems.size(), 1u);
    EXPECT_EQ(damaged->problems[0].object, asset.sha256);
    EXPECT_NE(damaged->problems[0].problem.find("damaged"), std::string::npos);
    EXPECT_EQ(archive->events(1)->front().type, "fixity_check");
    EXPECT_EQ(archive->events(1)->front().outcome, "failure");
}

TEST(Fields, ParseYears) {
    int start = 0, end = 0;
    struct Case {
        const char* text;
        int start, end;
    } cases[] = {{"1958", 1958, 1958},         {"1950-1980", 1950, 1980},   {"1950..1980", 1950, 1980},
                 {"-206..8", -206, 8},         {"-100", -100, -100},        {"公元前100年", -100, -100},
                 {"前206年", -206, -206},      {"1958年3月", 1958, 1958},   {"1920年代", 1920, 1929},
                 {"公元前206年至公元8年", -206, 8}, {"206 BC", -206, -206}};
    for (const Case& c : cases) {
        ASSERT_TRUE(parse_years(c.text, start, end)) << c.text;
        EXPECT_EQ(start, c.start) << c.text;
        EXPECT_EQ(end, c.end) << c.text;
    }
    EXPECT_FALSE(parse_years("清光绪年间", start, end));
    EXPECT_FALSE(parse_years("", start, end));
}

TEST(Fields, AliasesAndValidation) {
    EXPECT_EQ(find_field("名称")->name, "title");
    EXPECT_EQ(find_field("质地")->name, "material");
    EXPECT_EQ(find_field("Title")->name, "title");
    EXPECT_EQ(find_field("类别")->name, "category");
    EXPECT_EQ(find_field("nonsense"), nullptr);
    Vocabulary vocab({{"ich_category", "IV", "传统戏剧", "Traditional drama and opera", "", {}, {}}});
    Item item;
    ASSERT_TRUE(set_field(item, *find_field("category"), "传统戏剧", vocab));
    EXPECT_EQ(item.ich_category, "IV");
    EXPECT_FALSE(set_field(item, *find_field("access"), "secret", vocab));
    ASSERT_TRUE(set_field(item, *find_field("access"), "公开", vocab));
    EXPECT_EQ(item.access, Access::public_access);
    EXPECT_FALSE(set_field(item, *find_field("latitude"), "95", vocab));
    EXPECT_FALSE(set_field(item, *find_field("title"), "   ", vocab));
    EXPECT_EQ(split_keywords("鼎、礼器；ritual | bronze,,"), (std::vector<std::string>{"鼎", "礼器", "ritual", "bronze"}));
}

}  // namespace
}  // namespace wenyuan
