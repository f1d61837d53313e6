// `wenyuan keys` and `wenyuan package` from the command line, and a kiosk whose apply is killed
// with SIGKILL at random moments: the old content stays intact and a re-run completes.
#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <random>

#include "../lib/package_fixture.hpp"
#include "cli_helpers.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan::test {
namespace {

constexpr int kItems = 40;
constexpr int kKills = 24;

RunResult wenyuan_home(const TempDir& dir, std::vector<std::string> args) {
    args.insert(args.begin(), binary("wenyuan").string());
    return run(args, {"WENYUAN_HOME=" + (dir / "home").string()});
}

TEST(PackageCli, KeysExportApplyAndErrors) {
    TempDir dir;
    {
        auto county = Archive::create(dir / "county");
        ASSERT_TRUE(county);
        std::vector<std::int64_t> ids;
        for (int i = 0; i < 2; ++i) ids.push_back(add_image_item(*county, "照片 " + std::to_string(i), 4000, 5 + i));
        save_simple_exhibition(*county, ids);
    }
    auto generated = wenyuan_home(dir, {"keys", "generate", "county", "--json"});
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    struct stat info {};
    ASSERT_EQ(::stat((dir / "home" / "county.key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    EXPECT_NE(wenyuan_home(dir, {"keys", "generate", "county"}).exit_code, 0) << "never overwrites a key";

    ASSERT_EQ(wenyuan({"init", (dir / "kiosk").string()}).exit_code, 0);
    auto pkg = (dir / "march.wyp").string();
    auto made = wenyuan_home(dir, {"package", "export", (dir / "county").string(), "--exhibition", "cunshiguan", "-o", pkg,
                                   "--key", "county", "--json"});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_EQ(nlohmann::json::parse(made.out)["items"], 2);

    auto untrusted = wenyuan({"package", "apply", (dir / "kiosk").string(), pkg});
    EXPECT_EQ(untrusted.exit_code, 1);
    EXPECT_NE(untrusted.err.find("march.wyp: signature-ed25519.txt: signed by key"), std::string::npos) << untrusted.err;

    ASSERT_EQ(wenyuan({"keys", "trust", (dir / "kiosk").string(), (dir / "home" / "county.pub").string()}).exit_code, 0);
    auto keys = wenyuan_json({"keys", "list", (dir / "kiosk").string()});
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0]["name"], "county");

    auto checked = wenyuan_json({"package", "apply", (dir / "kiosk").string(), pkg, "--check"});
    EXPECT_EQ(checked["checked_only"], true);
    EXPECT_TRUE(wenyuan_json({"exhibition", "list", (dir / "kiosk").string()}).empty());

    auto applied = wenyuan_json({"package", "apply", (dir / "kiosk").string(), pkg});
    EXPECT_EQ(applied["items_added"], 2);
    auto shown = wenyuan_json({"exhibition", "list", (dir / "kiosk").string()});
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0]["id"], "cunshiguan");
    EXPECT_EQ(wenyuan_json({"verify", (dir / "kiosk").string()})["ok"], true);

    // The kiosk says what it holds; a delta against that carries nothing it has.
    ASSERT_EQ(wenyuan({"package", "have", (dir / "kiosk").string(), "-o", (dir / "have.txt").string()}).exit_code, 0);
    auto delta = wenyuan_home(dir, {"package", "export", (dir / "county").string(), "--exhibition", "cunshiguan", "-o",
                                    (dir / "april.wyp").string(), "--key", "county", "--since", (dir / "have.txt").string(), "--json"});
    ASSERT_EQ(delta.exit_code, 0) << delta.err;
    EXPECT_EQ(nlohmann::json::parse(delta.out)["objects"], 0);
    EXPECT_EQ(nlohmann::json::parse(delta.out)["objects_skipped"], 4);
    EXPECT_EQ(wenyuan_json({"package", "apply", (dir / "kiosk").string(), (dir / "april.wyp").string()})["items_unchanged"], 2);

    auto missing = wenyuan({"package", "apply", (dir / "kiosk").string(), (dir / "nope.wyp").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("nope.wyp"), std::string::npos);
}

TEST(UsageCli, ExportAndMergeStations) {
    TempDir dir;
    {
        auto log = UsageLog::open(dir / "usage.db");
        ASSERT_TRUE(log);
        auto visit = log->begin_visit();
        ASSERT_TRUE(visit);
        ASSERT_TRUE(log->searched(*visit, "dingzi", 0));
        ASSERT_TRUE(log->rate_visit(*visit, 4));
        ASSERT_TRUE(log->end_visit(*visit));
    }
    ASSERT_EQ(wenyuan_home(dir, {"keys", "generate", "dongcun"}).exit_code, 0);
    auto exported = wenyuan_home(dir, {"usage", "export", (dir / "usage.db").string(), "-o", (dir / "east.json").string(),
                                       "--station", "东村", "--key", "dongcun"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    ASSERT_EQ(wenyuan({"init", (dir / "county").string()}).exit_code, 0);
    ASSERT_EQ(wenyuan({"keys", "trust", (dir / "county").string(), (dir / "home" / "dongcun.pub").string()}).exit_code, 0);
    write_file(dir / "broken.json", "{}");
    auto merged = wenyuan({"usage", "merge", (dir / "county").string(), (dir / "east.json").string(),
                           (dir / "broken.json").string(), "--json"});
    EXPECT_EQ(merged.exit_code, 1) << "a bad file is an error";
    EXPECT_NE(merged.err.find("broken.json: not a Wenyuan usage summary"), std::string::npos) << merged.err;
    const auto report = nlohmann::json::parse(merged.out);
    ASSERT_EQ(report["stations"].size(), 1u) << "the other files go on";
    EXPECT_EQ(report["stations"][0]["station"], "东村");
    EXPECT_EQ(report["totals"]["visits"], 1);
    EXPECT_EQ(report["totals"]["average_rating"], 4.0);
    EXPECT_EQ(report["totals"]["empty_searches"][0]["query"], "dingzi");
}

TEST(PackageCrash, KilledAppliesLeaveTheOldContentAndResume) {
    TempDir dir;
    SigningKey key;
    {
        auto county = Archive::create(dir / "county");
        ASSERT_TRUE(county);
        std::vector<std::int64_t> ids;
        for (int i = 0; i < kItems; ++i) ids.push_back(add_image_item(*county, "照片 " + std::to_string(i), 150000 + i * 997, 100 + i));
        save_simple_exhibition(*county, ids);
        auto made = generate_key(dir / "home", "county");
        ASSERT_TRUE(made);
        key = *made;
        ExportOptions options;
        options.exhibitions = {"cunshiguan"};
        options.output = dir / "base.wyp";
        options.key = key;
        ASSERT_TRUE(export_package(*county, options));
    }
    const std::string pkg = (dir / "base.wyp").string();
    const std::string pub = (dir / "home" / "county.pub").string();

    // Time one whole apply, to spread the kills over its length.
    const std::string timing = (dir / "timing").string();
    ASSERT_EQ(wenyuan({"init", timing}).exit_code, 0);
    ASSERT_EQ(wenyuan({"keys", "trust", timing, pub}).exit_code, 0);
    const auto started = std::chrono::steady_clock::now();
    ASSERT_EQ(wenyuan({"package", "apply", timing, pkg}).exit_code, 0);
    const auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);

    std::mt19937 random(11);
    int interrupted = 0;
    for (int round = 0; round < kKills; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const std::string archive = (dir / ("k" + std::to_string(round))).string();
        ASSERT_EQ(wenyuan({"init", archive}).exit_code, 0);
        ASSERT_EQ(wenyuan({"keys", "trust", archive, pub}).exit_code, 0);
        const bool killed = killed_after({"package", "apply", archive, pkg},
                                         std::chrono::microseconds(random() % static_cast<unsigned>(full.count() + 1)));
        if (killed) ++interrupted;

        // Valid, and either the old content exactly or the whole new one.
        auto verified = wenyuan_json({"verify", archive});
        EXPECT_EQ(verified["ok"], true) << verified.dump();
        auto shown = wenyuan_json({"exhibition", "list", archive});
        if (shown.empty()) {
            EXPECT_TRUE(killed);
            EXPECT_EQ(wenyuan_json({"list", archive}).size(), 0u);
        } else {
            ASSERT_EQ(shown.size(), 1u);
            EXPECT_EQ(shown[0]["exhibits"], kItems);
            EXPECT_EQ(wenyuan_json({"list", archive}).size(), static_cast<std::size_t>(kItems));
        }

        // The re-run completes (or says the package is already there).
        auto again = wenyuan({"package", "apply", archive, pkg});
        EXPECT_EQ(again.exit_code, 0) << again.err;
        shown = wenyuan_json({"exhibition", "list", archive});
        ASSERT_EQ(shown.size(), 1u);
        EXPECT_EQ(shown[0]["exhibits"], kItems);
        EXPECT_EQ(wenyuan_json({"list", archive}).size(), static_cast<std::size_t>(kItems));
        ASSERT_EQ(wenyuan({"gc", archive}).exit_code, 0);
        auto clean = wenyuan_json({"verify", archive});
        EXPECT_EQ(clean["ok"], true);
        EXPECT_TRUE(clean["unreferenced"].empty());
        EXPECT_EQ(clean["temp_files"], 0);
        std::filesystem::remove_all(archive);
    }
    std::printf("killed mid-apply %d of %d times (full apply %.0f ms)\n", interrupted, kKills, full.count() / 1000.0);
    RecordProperty("interrupted", interrupted);
    EXPECT_GE(interrupted, kKills / 3) << "most kills must land mid-apply, or the test proves nothing";
}

}  // namespace
}  // namespace wenyuan::test
