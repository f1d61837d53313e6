// End-to-end tests of the `wenyuan` command on real archives on disk.
#include <set>

#include "cli_helpers.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan::test {
namespace {

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        archive = (dir / "archive").string();
        ASSERT_EQ(wenyuan({"init", archive}).exit_code, 0);
    }
    TempDir dir;
    std::string archive;
};

TEST_F(Cli, ImportListShowRoundTrip) {
    write_file(dir / "in/青铜鼎.txt", "a bronze ding");
    write_file(dir / "in/sub/page 1.txt", "chronicle page one");
    write_file(dir / "in/.DS_Store", "junk");
    write_file(dir / "in/same.txt", "a bronze ding");  // identical bytes: stored and imported once
    auto summary = wenyuan_json({"import", archive, (dir / "in").string(), "--access", "public"});
    EXPECT_EQ(summary["imported"], 2);
    EXPECT_EQ(summary["skipped"], 1);
    EXPECT_TRUE(summary["failed"].empty());

    auto list = wenyuan_json({"list", archive});
    ASSERT_TRUE(list.is_array());
    ASSERT_EQ(list.size(), 2u);
    std::set<std::string> titles;
    for (const auto& item : list) {
        EXPECT_TRUE(item.contains("id"));
        EXPECT_EQ(item["type"], "other");
        EXPECT_EQ(item["access"], "public");
        titles.insert(item["title"]);
    }
    EXPECT_TRUE(titles.count("page 1"));
    EXPECT_TRUE(titles.count("青铜鼎") || titles.count("same"));

    const auto id = std::to_string(list[0]["id"].get<int>());
    auto shown = wenyuan_json({"show", archive, id});
    EXPECT_EQ(shown["id"], list[0]["id"]);
    ASSERT_EQ(shown["assets"].size(), 1u);
    const auto& asset = shown["assets"][0];
    EXPECT_EQ(asset["role"], "original");
    EXPECT_EQ(asset["mime"], "text/plain");
    EXPECT_TRUE(asset["size"] == 13 || asset["size"] == 18);
    EXPECT_TRUE(asset["sha256"] == sha256_bytes("a bronze ding") || asset["sha256"] == sha256_bytes("chronicle page one"));

    auto again = wenyuan_json({"import", archive, (dir / "in").string()});
    EXPECT_EQ(again["imported"], 0);
    EXPECT_EQ(again["skipped"], 3);
}

TEST_F(Cli, ManifestWithChineseHeadersAndBadRows) {
    write_file(dir / "m/ding.txt", "ding");
    write_file(dir / "m/bowl.txt", "bowl");
    write_file(dir / "m/bad.txt", "bad period");
    write_file(dir / "m/manifest.csv",
               "\xEF\xBB\xBF文件,名称,描述,类别,年代,质地,地点,access,keywords\r\n"
               "ding.txt,西周青铜鼎,\"三足圆鼎,口沿饰窃曲纹\",铜器,西周,青铜,青石村,public,鼎;礼器\r\n"
               "bowl.txt,宋代青瓷碗,敞口斜腹,Porcelain,南宋,瓷,青石村,internal,\r\n"
               "bad.txt,坏年代,,,宋朝代,,,,\r\n"
               "missing.txt,不存在,,,,,,,\r\n");
    const RunResult result = wenyuan({"import", archive, "--manifest", (dir / "m/manifest.csv").string(), "--json"});
    EXPECT_EQ(result.exit_code, 1);
    auto summary = nlohmann::json::parse(result.out);
    EXPECT_EQ(summary["imported"], 2);
    ASSERT_EQ(summary["failed"].size(), 2u);
    EXPECT_EQ(summary["failed"][0]["path"], "manifest.csv:4");
    EXPECT_NE(summary["failed"][0]["error"].get<std::string>().find("宋朝代"), std::string::npos);
    EXPECT_EQ(summary["failed"][1]["path"], "manifest.csv:5");
    EXPECT_NE(summary["failed"][1]["error"].get<std::string>().find("missing.txt"), std::string::npos);
    // One line per failure on stderr, naming the row.
    const auto errors = lines(result.err);
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].rfind("error: manifest.csv:4: ", 0), 0u) << errors[0];

    auto list = wenyuan_json({"list", archive});
    ASSERT_EQ(list.size(), 2u);
    for (const auto& item : list) {
        if (item["title"] == "西周青铜鼎") {
            EXPECT_EQ(item["relic_category"], "04");
            EXPECT_EQ(item["period"], "西周");
            EXPECT_EQ(item["material"], "青铜");
            EXPECT_EQ(item["description"], "三足圆鼎,口沿饰窃曲纹");
            EXPECT_EQ(item["keywords"], nlohmann::json({"鼎", "礼器"}));
            EXPECT_EQ(item["access"], "public");
        } else {
            EXPECT_EQ(item["title"], "宋代青瓷碗");
            EXPECT_EQ(item["relic_category"], "03");
            EXPECT_EQ(item["access"], "internal");
        }
    }
    auto kiosk = wenyuan_json({"list", archive, "--kiosk"});
    EXPECT_EQ(kiosk.size(), 1u);
    EXPECT_TRUE(wenyuan_json({"verify", archive})["ok"]);
}

TEST_F(Cli, EditKeepsHistoryAndLogsEvents) {
    write_file(dir / "a.txt", "factory drawing");
    ASSERT_EQ(wenyuan({"import", archive, (dir / "a.txt").string()}).exit_code, 0);
    auto edited = wenyuan_json({"edit", archive, "1", "--set", "title=红星机械厂图纸", "--set", "period=中华人民共和国",
                                "--set", "year=1958..1960", "--collection", "老厂记忆"});
    EXPECT_EQ(edited["title"], "红星机械厂图纸");
    EXPECT_EQ(edited["year_start"], 1958);
    auto shown = wenyuan_json({"show", archive, "1"});
    ASSERT_EQ(shown["history"].size(), 3u);
    EXPECT_EQ(shown["history"][0]["field"], "title");
    EXPECT_EQ(shown["history"][0]["old"], "a");
    EXPECT_EQ(shown["collections"], nlohmann::json({"老厂记忆"}));

    const RunResult bad = wenyuan({"edit", archive, "1", "--set", "colour=red"});
    EXPECT_EQ(bad.exit_code, 1);
    ASSERT_EQ(lines(bad.err).size(), 1u);
    EXPECT_NE(bad.err.find("colour"), std::string::npos);

    auto log = wenyuan_json({"log", archive});
    std::multiset<std::string> types;
    for (const auto& event : log) types.insert(event["type"]);
    EXPECT_EQ(types.count("ingestion"), 1u);
    EXPECT_EQ(types.count("metadata_change"), 2u);
}

TEST_F(Cli, VerifyNamesDamagedObjectsAndGcCleansOrphans) {
    write_file(dir / "a.txt", "village chronicle");
    ASSERT_EQ(wenyuan({"import", archive, (dir / "a.txt").string()}).exit_code, 0);
    auto ok = wenyuan_json({"verify", archive});
    EXPECT_EQ(ok["ok"], true);
    EXPECT_EQ(ok["checked"], 1);
    EXPECT_TRUE(ok["problems"].empty());

    // An orphan, as an interrupted import leaves it: a note, not a failure.
    const std::string orphan = sha256_bytes("orphan");
    write_file(dir / "archive/objects" / orphan.substr(0, 2) / orphan, "orphan");
    auto noted = wenyuan_json({"verify", archive});
    EXPECT_EQ(noted["ok"], true);
    EXPECT_EQ(noted["unreferenced"], nlohmann::json({orphan}));
    auto collected = wenyuan_json({"gc", archive});
    EXPECT_EQ(collected["objects_removed"], 1);

    const std::string sha = sha256_bytes("village chronicle");
    const auto object = dir / "archive/objects" / sha.substr(0, 2) / sha;
    std::filesystem::permissions(object, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
    write_file(object, "village chronicl3");
    auto damaged = wenyuan_json({"verify", archive}, 1);
    EXPECT_EQ(damaged["ok"], false);
    ASSERT_EQ(damaged["problems"].size(), 1u);
    EXPECT_EQ(damaged["problems"][0]["object"], sha);
    std::filesystem::remove(object);
    auto missing = wenyuan_json({"verify", archive}, 1);
    EXPECT_NE(missing["problems"][0]["problem"].get<std::string>().find("missing"), std::string::npos);
}

TEST_F(Cli, ErrorsAreOneLineWithExitCodes) {
    const RunResult no_archive = wenyuan({"list", (dir / "nowhere").string()});
    EXPECT_EQ(no_archive.exit_code, 2);
    ASSERT_EQ(lines(no_archive.err).size(), 1u);
    EXPECT_NE(no_archive.err.find("nowhere"), std::string::npos);

    const RunResult unknown = wenyuan({"list", archive, "--colour"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("--colour"), std::string::npos);

    const RunResult missing = wenyuan({"import", archive, (dir / "no-such-folder").string(), "--json"});
    EXPECT_EQ(missing.exit_code, 1);
    auto summary = nlohmann::json::parse(missing.out);
    ASSERT_EQ(summary["failed"].size(), 1u);
    EXPECT_NE(summary["failed"][0]["error"].get<std::string>().find("no such file"), std::string::npos);

    EXPECT_EQ(wenyuan({"show", archive, "999"}).exit_code, 1);
    EXPECT_EQ(wenyuan({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(wenyuan({"init", archive}).exit_code, 1);
}

TEST_F(Cli, ImagesShowSizesWarningsAndNearDuplicates) {
    const auto fruits = shared_data("images/misc_real/fruits.jpg");
    std::filesystem::create_directories(dir / "in");
    std::filesystem::copy_file(fruits, dir / "in/fruits.jpg");
    std::filesystem::copy_file(shared_data("images/misc_real/Kheops Pyramid.jpg"), dir / "in/pyramid.jpg");
    write_file(dir / "in/fake.jpg", "not a photograph");
    const RunResult import = wenyuan({"import", archive, (dir / "in").string(), "--no-progress"});
    EXPECT_EQ(import.exit_code, 1) << "one file failed";
    EXPECT_NE(import.err.find("error: " + (dir / "in/fake.jpg").string() +
                              ": image importer: fake.jpg: not an image: the extension says image/jpeg but the bytes are text/plain"),
              std::string::npos)
        << import.err;
    EXPECT_NE(import.err.find("warning: pyramid.jpg: tiny resolution: 300×184 px"), std::string::npos) << import.err;

    const auto items = wenyuan_json({"list", archive});
    ASSERT_EQ(items.size(), 2u);
    for (const auto& item : items) {
        const auto shown = wenyuan_json({"show", archive, std::to_string(item["id"].get<int>())});
        for (const auto& asset : shown["assets"]) {
            EXPECT_TRUE(asset.contains("width") && asset.contains("height")) << asset.dump();
        }
        if (item["title"] == "pyramid") {
            const RunResult text = wenyuan({"show", archive, std::to_string(item["id"].get<int>())});
            EXPECT_NE(text.out.find("warning: tiny resolution: 300×184 px"), std::string::npos) << text.out;
        }
    }

    EXPECT_EQ(wenyuan_json({"duplicates", archive}).size(), 0u);
    std::filesystem::copy_file(dir / "in/fruits.jpg", dir / "copy.jpg");
    write_file(dir / "copy.jpg", read_file(dir / "copy.jpg") + std::string(16, '\0'));  // other bytes, same picture
    ASSERT_EQ(wenyuan({"import", archive, (dir / "copy.jpg").string()}).exit_code, 0);
    const auto groups = wenyuan_json({"duplicates", archive});
    ASSERT_EQ(groups.size(), 1u);
    ASSERT_EQ(groups[0]["members"].size(), 2u);
    EXPECT_EQ(groups[0]["members"][1]["distance"], 0);
    EXPECT_EQ(wenyuan({"duplicates", archive, "--distance", "40"}).exit_code, 2);
}

TEST_F(Cli, SearchPrintsHitsFacetsAndNeverFailsOnAQuery) {
    write_file(dir / "in/西周青铜鼎.txt", "a bronze ding");
    write_file(dir / "in/青铜镜.txt", "a bronze mirror");
    write_file(dir / "in/蜀绣屏风.txt", "an embroidered screen");
    ASSERT_EQ(wenyuan_json({"import", archive, (dir / "in").string(), "--access", "public"})["imported"], 3);

    auto hits = wenyuan_json({"search", archive, "青铜"});
    ASSERT_TRUE(hits.is_array());
    ASSERT_EQ(hits.size(), 2u);
    for (const auto& hit : hits) {
        EXPECT_TRUE(hit.contains("id") && hit.contains("title") && hit.contains("score") && hit.contains("snippet"));
        EXPECT_NE(hit["snippet"].get<std::string>().find("[青铜]"), std::string::npos) << hit.dump();
    }
    EXPECT_EQ(hits[0]["title"], "青铜镜");  // the shorter title that is about the word

    auto initials = wenyuan_json({"search", archive, "qt", "--limit", "1"});
    ASSERT_EQ(initials.size(), 1u);
    EXPECT_NE(initials[0]["title"].get<std::string>().find("青铜"), std::string::npos);

    auto faceted = wenyuan_json({"search", archive, "蜀繡", "--facets"});
    EXPECT_EQ(faceted["total"], 1);
    EXPECT_EQ(faceted["hits"][0]["title"], "蜀绣屏风");
    ASSERT_FALSE(faceted["facets"]["type"].empty());
    EXPECT_EQ(faceted["facets"]["type"][0]["count"], 1);

    for (const char* hostile : {"\"", "NEAR(", "')--", "*", "{title}:"}) {
        auto result = wenyuan_json({"search", archive, hostile});
        EXPECT_TRUE(result.is_array()) << hostile;
    }
    const RunResult missing = wenyuan({"search", (dir / "nowhere").string(), "青铜"});
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_EQ(lines(missing.err).size(), 1u) << missing.err;
    EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace wenyuan::test
