// Golden tests freeze the on-disk formats: a change to the store layout, the hash or the catalog
// schema must be a deliberate decision (a new schema version with a migration), never an accident.
#include <gtest/gtest.h>

#include "sqlite.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan {
namespace {

TEST(Golden, StoreLayout) {
    test::TempDir dir;
    ObjectStore store(dir.path());
    auto stored = store.put_bytes("文渊阁");
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->sha256, "fd3d76e74d7d19ceae1f201a9f90e9a165fdec82b8cda1f31e7b8e14f829f42d");
    EXPECT_TRUE(std::filesystem::is_regular_file(dir.path() / "objects" / stored->sha256.substr(0, 2) / stored->sha256));
}

TEST(Golden, CatalogSchema) {
    test::TempDir dir;
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);
    auto db = sql::Db::open(dir / "a/catalog.db", true, false);
    ASSERT_TRUE(db);
    auto stmt = db->prepare("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema "
                            "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    ASSERT_TRUE(stmt);
    std::string schema;
    ASSERT_TRUE(stmt->each([&](const sql::Stmt& row) { schema += row.text(0) + "\n"; }));
    EXPECT_EQ(sha256_bytes(schema), "35f6b54dd5e937aee9465284686c17d9487c25a438692ca028623a6730125232") << schema;
    EXPECT_EQ(*db->scalar("PRAGMA user_version"), Archive::current_schema_version());
    EXPECT_EQ(*db->scalar("PRAGMA application_id"), 0x5759616e);
    EXPECT_EQ(*db->scalar("SELECT count(*) FROM vocab"), 10 + 35 + 10 + 34 + 5 + 4 + 4 + 10);
}

}  // namespace
}  // namespace wenyuan
