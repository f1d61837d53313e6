// Migration tests start from a catalog frozen at schema version 1 and check that the current
// Wenyuan opens it, migrates it forward and still finds everything intact.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <initializer_list>

#include "search/fts5_tokenizer.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/hash.hpp"
#include "wenyuan/search.hpp"

namespace wenyuan {
namespace {

// Runs `sql` on an archive's catalog behind the library's back (with our tokenizers registered,
// so FTS5 tables using them can be dropped and re-created).
void exec_sql(const std::filesystem::path& catalog, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(catalog.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(search::register_search_tokenizers(db));
    char* message = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << message;
    sqlite3_free(message);
    sqlite3_close(db);
}

// The first column of the first row `sql` returns from an archive's catalog.
int query_int(const std::filesystem::path& catalog, const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(catalog.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const int value = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// A new archive holding one public relic titled `title`.
void archive_with_one_item(const std::filesystem::path& dir, const std::string& title) {
    auto created = Archive::create(dir);
    ASSERT_TRUE(created) << created.error().message;
    Item item;
    item.type = "relic";
    item.access = Access::public_access;
    item.title = title;
    ASSERT_TRUE(created->add_item(item, {}, {}, "test"));
}

// Each query finds the archive's one item.
void expect_each_finds_one(const Archive& archive, std::initializer_list<const char*> queries) {
    for (const char* query : queries) {
        auto found = search_items(archive, query);
        ASSERT_TRUE(found) << query;
        EXPECT_EQ(found->total, 1u) << query;
    }
}

// verify passes (naming the first problem when it does not).
void expect_verified(Archive& archive) {
    auto report = archive.verify();
    ASSERT_TRUE(report) << report.error().message;
    EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
}

// Builds an archive folder from a SQL fixture and the one object it refers to.
void make_archive(const std::filesystem::path& dir, const std::string& sql) {
    std::filesystem::create_directories(dir / "objects");
    exec_sql(dir / "catalog.db", sql);
    const std::string bytes = "migration fixture original";
    const std::string sha = sha256_bytes(bytes);
    test::write_file(dir / "objects" / sha.substr(0, 2) / sha, bytes);
}

std::string fixture_v1() {
    return test::read_file(std::filesystem::path(WENYUAN_SOURCE_DIR) / "tests/lib/fixtures/catalog_v1.sql");
}

TEST(Migration, OpensVersion1Catalog) {
    test::TempDir dir;
    make_archive(dir / "a", fixture_v1());
    {
        auto archive = Archive::open(dir / "a");
        ASSERT_TRUE(archive) << archive.error().message;
        EXPECT_EQ(archive->schema_version(), Archive::current_schema_version());
        auto item = archive->item(1);
        ASSERT_TRUE(item);
        EXPECT_EQ(item->title, "西周青铜鼎");
        EXPECT_EQ(item->title_en, "Bronze ding");
        EXPECT_EQ(item->key, "FX-1");
        EXPECT_EQ(*item->year_start, -900);
        EXPECT_EQ(archive->history(1)->size(), 1u);
        auto report = archive->verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
        EXPECT_EQ(report->checked, 1u);
        // New writes work on a migrated catalog.
        ASSERT_TRUE(archive->edit_item(1, {{"material", "青铜"}}, "test"));
    }
    auto reopened = Archive::open(dir / "a", OpenMode::read_only);
    ASSERT_TRUE(reopened);
    EXPECT_EQ(reopened->item(1)->material, "青铜");
}

// Version 7 re-creates the full-text tables without FTS5 prefix indexes (the pinyin tokenizer
// emits the starts of syllables itself) and re-reads every item's text into them.
TEST(Migration, Version7RebuildsFullTextTablesWithoutPrefixIndexes) {
    test::TempDir dir;
    archive_with_one_item(dir / "a", "熊形铜镇");
    // Turn it back into a version 6 catalog: the old table definitions, and an empty index.
    exec_sql(dir / "a/catalog.db", R"sql(
DROP TABLE search_text;
DROP TABLE search_pinyin;
CREATE VIRTUAL TABLE search_text USING fts5(title, keywords, places, body,
  content = 'search_docs', content_rowid = 'item_id', tokenize = 'wenyuan', prefix = '2 3');
CREATE VIRTUAL TABLE search_pinyin USING fts5(pinyin,
  content = 'search_docs', content_rowid = 'item_id', tokenize = 'wenyuan_pinyin', prefix = '1 2 3');
PRAGMA user_version = 6;
)sql");
    auto archive = Archive::open(dir / "a");
    ASSERT_TRUE(archive) << archive.error().message;
    EXPECT_EQ(archive->schema_version(), Archive::current_schema_version());
    expect_each_finds_one(*archive, {"铜镇", "xiongxing", "xion", "xiongx"});
    expect_verified(*archive);
    EXPECT_EQ(query_int(dir / "a/catalog.db", "SELECT count(*) FROM sqlite_master WHERE sql LIKE '%prefix%'"), 0);
}

// Version 8 sets FTS5's automerge to 16 on both full-text tables (a setting, not a definition):
// a version 7 catalog gets it on opening and stays searchable and consistent.
TEST(Migration, Version8MergesSixteenSegmentsAtATime) {
    test::TempDir dir;
    archive_with_one_item(dir / "a", "青铜镜");
    auto automerge = [&](const std::string& table) {
        return query_int(dir / "a/catalog.db", "SELECT coalesce((SELECT v FROM " + table + "_config WHERE k = 'automerge'), 4)");
    };
    EXPECT_EQ(automerge("search_text"), 16);
    EXPECT_EQ(automerge("search_pinyin"), 16);
    // Turn it back into a version 7 catalog: FTS5's default automerge.
    exec_sql(dir / "a/catalog.db", "DELETE FROM search_text_config WHERE k = 'automerge'; "
                                   "DELETE FROM search_pinyin_config WHERE k = 'automerge'; PRAGMA user_version = 7");
    EXPECT_EQ(automerge("search_text"), 4);
    {  // A kiosk (read-only) reads it as it is: version 8 changed nothing a reader reads.
        auto kiosk = Archive::open(dir / "a", OpenMode::read_only);
        ASSERT_TRUE(kiosk) << kiosk.error().message;
        EXPECT_EQ(kiosk->schema_version(), 7);
        expect_each_finds_one(*kiosk, {"青铜"});
    }
    EXPECT_EQ(automerge("search_text"), 4);
    auto archive = Archive::open(dir / "a");
    ASSERT_TRUE(archive) << archive.error().message;
    EXPECT_EQ(archive->schema_version(), Archive::current_schema_version());
    EXPECT_EQ(automerge("search_text"), 16);
    EXPECT_EQ(automerge("search_pinyin"), 16);
    expect_each_finds_one(*archive, {"青铜", "qingtong", "qt"});
    expect_verified(*archive);
}

// How many documents of search_pinyin's index hold `term` (read through fts5vocab, which needs
// our tokenizers registered to open the table).
int pinyin_documents(const std::filesystem::path& catalog, const std::string& term) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(catalog.c_str(), &db), SQLITE_OK);
    EXPECT_TRUE(search::register_search_tokenizers(db));
    EXPECT_EQ(sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.pinyin_terms USING fts5vocab(main, search_pinyin, row)", nullptr,
                           nullptr, nullptr),
              SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT coalesce(sum(doc), 0) FROM temp.pinyin_terms WHERE term = ?1", -1, &stmt, nullptr),
              SQLITE_OK);
    sqlite3_bind_text(stmt, 1, term.c_str(), -1, SQLITE_TRANSIENT);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    const int value = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// Version 9 rebuilds the search index: the pinyin index now holds syllable pairs (qing+tong) and
// the names of type, categories and period; until then a kiosk (read-only) keeps asking a
// version 8 index for syllables, and verify checks it as version 8 indexed it.
TEST(Migration, Version9IndexesSyllablePairs) {
    test::TempDir dir;
    archive_with_one_item(dir / "a", "青铜镜");
    EXPECT_EQ(pinyin_documents(dir / "a/catalog.db", "qing+tong"), 1);
    EXPECT_EQ(pinyin_documents(dir / "a/catalog.db", "tong+jing"), 1);
    // Turn it back into a version 8 catalog: a pinyin index without pairs. The tokenizer cannot
    // write one any more, so the syllables' tokens are deleted with the pairs.
    // Version 8 also kept the names of type, categories and period out of the pinyin text.
    exec_sql(dir / "a/catalog.db",
             "INSERT INTO search_pinyin(search_pinyin) VALUES ('delete-all'); UPDATE search_docs SET pinyin = '青铜镜'; "
             "PRAGMA user_version = 8");
    EXPECT_EQ(pinyin_documents(dir / "a/catalog.db", "qing+tong"), 0);
    {  // A kiosk reads it as it is, and searches it.
        auto kiosk = Archive::open(dir / "a", OpenMode::read_only);
        ASSERT_TRUE(kiosk) << kiosk.error().message;
        EXPECT_EQ(kiosk->schema_version(), 8);
        expect_each_finds_one(*kiosk, {"青铜"});
        expect_verified(*kiosk);  // against what version 8 indexed, not version 9
    }
    EXPECT_EQ(pinyin_documents(dir / "a/catalog.db", "qing+tong"), 0);
    auto archive = Archive::open(dir / "a");
    ASSERT_TRUE(archive) << archive.error().message;
    EXPECT_EQ(archive->schema_version(), 9);
    EXPECT_EQ(pinyin_documents(dir / "a/catalog.db", "qing+tong"), 1);
    EXPECT_EQ(pinyin_documents(dir / "a/catalog.db", "qing"), 1);
    expect_each_finds_one(*archive, {"qingtong", "qing tong", "qingtongjing", "tongjing", "qt", "qtj", "qingtongj"});
    expect_verified(*archive);
}

TEST(Migration, RefusesNewerAndForeignCatalogs) {
    test::TempDir dir;
    make_archive(dir / "future", fixture_v1() + "\nPRAGMA user_version = 999;");
    auto future = Archive::open(dir / "future");
    ASSERT_FALSE(future);
    EXPECT_EQ(future.error().code, Errc::version);
    EXPECT_NE(future.error().message.find("upgrade Wenyuan"), std::string::npos);
    auto future_kiosk = Archive::open(dir / "future", OpenMode::read_only);
    ASSERT_FALSE(future_kiosk);
    EXPECT_EQ(future_kiosk.error().code, Errc::version);
    EXPECT_NE(future_kiosk.error().message.find("upgrade Wenyuan"), std::string::npos);

    make_archive(dir / "foreign", "CREATE TABLE notes(x);");
    auto foreign = Archive::open(dir / "foreign");
    ASSERT_FALSE(foreign);
    EXPECT_EQ(foreign.error().code, Errc::corrupt);

    test::write_file(dir / "garbage/catalog.db", std::string(4096, 'x'));
    auto garbage = Archive::open(dir / "garbage");
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("catalog.db"), std::string::npos);
}

}  // namespace
}  // namespace wenyuan
