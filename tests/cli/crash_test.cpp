// Crash tests: a child process imports many files, or rebuilds the search index, and is killed
// with SIGKILL at random moments. After each kill the archive must open and verify must pass; a
// re-import must complete with every file present exactly once, and search must still work.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "cli_helpers.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan::test {
namespace {

constexpr int kFiles = 120;
constexpr int kKills = 24;

// Files of varied sizes (up to 1.5 MiB) so that kills land in copies, fsyncs and commits.
std::map<std::string, std::string> make_files(const std::filesystem::path& folder) {
    std::map<std::string, std::string> hashes;  // sha256 -> file name
    std::mt19937 random(20261123);
    for (int i = 0; i < kFiles; ++i) {
        const std::size_t size = (i % 10 == 0) ? 1536 * 1024 : 100 + random() % 60000;
        std::string bytes(size, '\0');
        for (auto& byte : bytes) byte = static_cast<char>(random());
        bytes += std::to_string(i);
        const std::string name = "scan_" + std::to_string(i) + (i % 3 ? ".bin" : ".txt");
        write_file(folder / name, bytes);
        hashes[sha256_bytes(bytes)] = name;
    }
    return hashes;
}

// Every original in the catalog, by hash, and how often each appears (read straight from SQLite).
std::map<std::string, int> originals(const std::string& archive) {
    std::map<std::string, int> counts;
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((archive + "/catalog.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT a.sha256, count(*) FROM assets a JOIN items i ON i.id = a.item_id "
                       "WHERE a.role = 'original' AND i.deleted_at IS NULL GROUP BY a.sha256",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        counts[reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))] = sqlite3_column_int(stmt, 1);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return counts;
}

// Sends `args` SIGKILL at a random moment within `limit`. When the child had already finished (a
// run slower than the timed one: other tests on the cores), `reset` puts the archive back and the
// kill is tried again within half the time, three tries at most. True when a kill landed.
bool kill_mid_run(std::mt19937& random, std::chrono::microseconds limit, const std::function<void()>& reset,
                  const std::vector<std::string>& args) {
    for (int attempt = 0; attempt < 3; ++attempt, limit /= 2) {
        if (attempt > 0) reset();
        const auto delay = std::chrono::microseconds(random() % static_cast<unsigned>(limit.count() + 1));
        if (killed_after(args, delay)) return true;
    }
    return false;
}

TEST(Crash, KilledImportsLeaveWholeItemsOnly) {
    TempDir dir;
    const auto files = make_files(dir / "in");

    // Time a whole import, to spread the kills over its length: the faster of two, as the first
    // may read the files from disk or share the cores with other tests (spread over a slow one,
    // too many kills came after the end: 10 of 24 in one CI run). kill_mid_run retries misses.
    auto full = std::chrono::microseconds::max();
    for (const char* name : {"timing1", "timing2"}) {
        const std::string timing = (dir / name).string();
        ASSERT_EQ(wenyuan({"init", timing}).exit_code, 0);
        const auto started = std::chrono::steady_clock::now();
        ASSERT_EQ(wenyuan({"import", timing, (dir / "in").string(), "--jobs", "2"}).exit_code, 0);
        full = std::min(full, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started));
    }

    std::mt19937 random(7);
    int interrupted = 0;
    for (int round = 0; round < kKills; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const std::string archive = (dir / ("a" + std::to_string(round))).string();
        ASSERT_EQ(wenyuan({"init", archive}).exit_code, 0);
        auto fresh = [&] {
            std::filesystem::remove_all(archive);
            ASSERT_EQ(wenyuan({"init", archive}).exit_code, 0);
        };
        if (kill_mid_run(random, full, fresh, {"import", archive, (dir / "in").string(), "--jobs", "2", "--no-progress"})) {
            ++interrupted;
        }

        // The archive opens and verifies: only whole items, orphans at most as notes.
        auto verified = wenyuan_json({"verify", archive});
        EXPECT_EQ(verified["ok"], true) << verified.dump();
        for (const auto& [sha, count] : originals(archive)) {
            EXPECT_EQ(count, 1) << sha;
            EXPECT_TRUE(files.count(sha)) << sha;
        }

        // A re-import completes, with every file present exactly once.
        auto again = wenyuan_json({"import", archive, (dir / "in").string(), "--jobs", "2"});
        EXPECT_TRUE(again["failed"].empty()) << again.dump();
        auto counts = originals(archive);
        EXPECT_EQ(counts.size(), files.size());
        for (const auto& [sha, name] : files) EXPECT_EQ(counts[sha], 1) << name;
        EXPECT_EQ(wenyuan_json({"verify", archive})["ok"], true);
        ASSERT_EQ(wenyuan({"gc", archive}).exit_code, 0);
        auto clean = wenyuan_json({"verify", archive});
        EXPECT_TRUE(clean["unreferenced"].empty());
        EXPECT_EQ(clean["temp_files"], 0);
    }
    // Most kills must really land mid-import, or the test proves nothing.
    EXPECT_GE(interrupted, kKills / 2);
}

TEST(Crash, KilledReindexLeavesTheOldIndex) {
    TempDir dir;
    const std::string archive = (dir / "a").string();
    {
        auto created = Archive::create(archive);
        ASSERT_TRUE(created) << created.error().message;
        std::vector<Item> items;
        for (int i = 0; i < 20000; ++i) {
            Item item;
            item.type = "relic";
            item.access = Access::public_access;
            item.title = "砖" + std::to_string(i);
            item.description = "青石村出土的汉代画像砖，第" + std::to_string(i) + "号";
            items.push_back(std::move(item));
        }
        ASSERT_TRUE(created->add_items(items, "test"));
    }
    // The kills are spread over the shorter of two whole rebuilds (the first may read a cold disk).
    auto full = std::chrono::microseconds::max();
    for (int timing = 0; timing < 2; ++timing) {
        const auto started = std::chrono::steady_clock::now();
        ASSERT_EQ(wenyuan({"reindex", archive}).exit_code, 0);
        full = std::min(full, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started));
    }

    std::mt19937 random(11);
    int interrupted = 0;
    for (int round = 0; round < 6; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        if (kill_mid_run(random, full, [] {}, {"reindex", archive})) ++interrupted;  // a whole rebuild needs no reset
        EXPECT_EQ(wenyuan_json({"verify", archive})["ok"], true);
        auto found = wenyuan_json({"search", archive, "砖1234"});
        ASSERT_EQ(found.size(), 1u) << found.dump();
        EXPECT_EQ(found[0]["title"], "砖1234");
    }
    EXPECT_GE(interrupted, 3);  // most kills must land mid-rebuild, or the test proves nothing
    auto rebuilt = wenyuan_json({"reindex", archive});
    EXPECT_EQ(rebuilt["items"], 20000);
    EXPECT_EQ(wenyuan_json({"verify", archive})["ok"], true);
}

}  // namespace
}  // namespace wenyuan::test
