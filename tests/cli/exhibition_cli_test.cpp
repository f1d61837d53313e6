// `wenyuan exhibition import|export|list|show|validate|remove` on a real archive built by the
// real importers (a BMP photograph, a recording, an internal document), run as a curator would.
#include <cstdint>

#include "cli_helpers.hpp"
#include "../importers/media_clips.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan {
namespace {

/// A small 24-bit BMP with a gradient, so that the image importer makes real previews.
std::string bmp(int w, int h) {
    const int row = (w * 3 + 3) & ~3;
    std::string out(54 + static_cast<std::size_t>(row * h), '\0');
    const auto put32 = [&](std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out[at + i] = static_cast<char>(v >> (8 * i));
    };
    out[0] = 'B';
    out[1] = 'M';
    put32(2, static_cast<std::uint32_t>(out.size()));
    put32(10, 54);
    put32(14, 40);
    put32(18, static_cast<std::uint32_t>(w));
    put32(22, static_cast<std::uint32_t>(h));
    out[26] = 1;
    out[28] = 24;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            char* p = &out[54 + static_cast<std::size_t>(y * row + x * 3)];
            p[0] = static_cast<char>(x * 255 / w);
            p[1] = static_cast<char>(y * 255 / h);
            p[2] = static_cast<char>(128);
        }
    }
    return out;
}

class ExhibitionCli : public ::testing::Test {
protected:
    void SetUp() override {
        archive = (dir / "museum").string();
        ASSERT_EQ(test::wenyuan({"init", archive}).exit_code, 0);
        test::write_file(dir / "in/photo.bmp", bmp(320, 200));
        test::write_file(dir / "in/ledger.txt", "村集体账册：内部");
        test::make_clip(dir / "in/narration.mp4", 1);
        test::write_file(dir / "in/manifest.csv",
                         "文件,key,名称,access\n"
                         "photo.bmp,CS-001,修渠合影,public\n"
                         "narration.mp4,CS-002,讲解：修渠,public\n"
                         "ledger.txt,CS-005,村集体账册,internal\n");
        const auto imported = test::wenyuan_json({"import", archive, "--manifest", (dir / "in/manifest.csv").string()});
        ASSERT_EQ(imported["imported"], 3) << imported.dump();
    }

    std::string write(const std::string& name, const std::string& text) {
        test::write_file(dir / name, text);
        return (dir / name).string();
    }

    test::TempDir dir;
    std::string archive;
};

constexpr const char* kGood = R"({
  "id": "cunshiguan", "title": "村史馆", "title_en": "Village history", "cover": "CS-001",
  "sections": [{"title": "修渠", "exhibits": [
    {"item": "CS-001", "caption": "1958年修渠合影", "audio": "CS-002"},
    {"item": "CS-002", "caption": "讲解"}]}],
  "tours": [{"title": "看一看", "stops": [{"item": "CS-001", "narration": "先看合影。"}]}]
})";

TEST_F(ExhibitionCli, ImportListShowExportRemove) {
    const std::string file = write("cunshiguan.json", kGood);
    const auto imported = test::wenyuan({"exhibition", "import", archive, file});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_EQ(imported.out, "exhibition cunshiguan imported: 村史馆\n");

    const auto list = test::wenyuan_json({"exhibition", "list", archive});
    ASSERT_TRUE(list.is_array());
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["id"], "cunshiguan");
    EXPECT_EQ(list[0]["title"], "村史馆");
    EXPECT_EQ(list[0]["exhibits"], 2);

    const auto shown = test::wenyuan({"exhibition", "show", archive, "cunshiguan"});
    EXPECT_EQ(shown.exit_code, 0);
    EXPECT_NE(shown.out.find("1958年修渠合影"), std::string::npos) << shown.out;

    // Export gives the document back with keys, and it imports again unchanged.
    const std::string exported = (dir / "out/export.json").string();
    std::filesystem::create_directories(dir / "out");
    ASSERT_EQ(test::wenyuan({"exhibition", "export", archive, "cunshiguan", exported}).exit_code, 0);
    const auto document = nlohmann::json::parse(test::read_file(exported));
    EXPECT_EQ(document["cover"], "CS-001");
    EXPECT_EQ(document["sections"][0]["exhibits"][0]["audio"], "CS-002");
    const auto to_stdout = test::wenyuan({"exhibition", "export", archive, "cunshiguan"});
    EXPECT_EQ(to_stdout.out, test::read_file(exported));
    EXPECT_EQ(test::wenyuan({"exhibition", "import", archive, exported}).exit_code, 0);
    EXPECT_EQ(test::wenyuan_json({"exhibition", "list", archive}).size(), 1u);

    const auto valid = test::wenyuan({"exhibition", "validate", archive});
    EXPECT_EQ(valid.exit_code, 0) << valid.err;
    EXPECT_EQ(valid.out, "exhibition cunshiguan: ok (村史馆)\n");
    EXPECT_EQ(test::wenyuan({"verify", archive}).exit_code, 0);

    ASSERT_EQ(test::wenyuan({"exhibition", "remove", archive, "cunshiguan"}).exit_code, 0);
    EXPECT_TRUE(test::wenyuan_json({"exhibition", "list", archive}).empty());
    const auto again = test::wenyuan({"exhibition", "remove", archive, "cunshiguan"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_EQ(test::lines(again.err).size(), 1u);
}

TEST_F(ExhibitionCli, ProblemsAreOneLineEachAndNothingIsImported) {
    const std::string bad = write("bad.json", R"({
      "id": "bad", "title": "问题展",
      "sections": [{"title": "一", "exhibits": [{"item": "CS-005"}, {"item": "NOPE"}, {"item": "CS-001", "asset": "lod"}]}]
    })");
    const auto validated = test::wenyuan({"exhibition", "validate", archive, bad});
    EXPECT_EQ(validated.exit_code, 1);
    const auto errors = test::lines(validated.err);
    ASSERT_EQ(errors.size(), 4u) << validated.err;
    EXPECT_EQ(errors[0].rfind("wenyuan: " + bad + ": sections[0].exhibits[0].item: item ", 0), 0u) << errors[0];
    EXPECT_NE(errors[0].find("is not public (access internal)"), std::string::npos);
    EXPECT_EQ(errors[1], "wenyuan: " + bad + ": sections[0].exhibits[1].item: no item has the manifest key 'NOPE'");
    EXPECT_NE(errors[2].find("sections[0].exhibits[2].asset: "), std::string::npos);
    EXPECT_EQ(errors[3], "wenyuan: 3 problem(s)");

    const auto json = test::wenyuan_json({"exhibition", "validate", archive, bad}, 1);
    ASSERT_EQ(json.size(), 3u);
    EXPECT_EQ(json[1]["file"], bad);
    EXPECT_EQ(json[1]["where"], "sections[0].exhibits[1].item");

    const std::string good = write("good.json", kGood);
    const std::string broken = write("broken.json", R"({"id": "x", "title": "t", "sections": [{"title": "s", "exhibits": [{"itme": 1}]}]})");
    const auto imported = test::wenyuan({"exhibition", "import", archive, broken, bad, good, (dir / "missing.json").string()});
    EXPECT_EQ(imported.exit_code, 1);
    EXPECT_NE(imported.err.find("wenyuan: " + broken + ": sections[0].exhibits[0].itme: unknown field"), std::string::npos)
        << imported.err;
    EXPECT_NE(imported.err.find("wenyuan: " + bad + ": 3 problem(s); the exhibition was not imported"), std::string::npos);
    EXPECT_NE(imported.err.find("missing.json: cannot read the file (missing, or not a file)"), std::string::npos);
    const auto folder = test::wenyuan({"exhibition", "validate", archive, dir.path().string()});
    EXPECT_EQ(folder.exit_code, 1);
    EXPECT_EQ(folder.err, "wenyuan: " + dir.path().string() + ": cannot read the file (missing, or not a file)\n");
    const auto list = test::wenyuan_json({"exhibition", "list", archive});
    ASSERT_EQ(list.size(), 1u);  // the good one went on
    EXPECT_EQ(list[0]["id"], "cunshiguan");

    EXPECT_EQ(test::wenyuan({"exhibition", "show", archive, "nope"}).exit_code, 1);
    EXPECT_EQ(test::wenyuan({"exhibition", "frobnicate", archive}).exit_code, 2);
    EXPECT_EQ(test::wenyuan({"exhibition", "list", (dir / "no-archive").string()}).exit_code, 2);
    EXPECT_EQ(test::wenyuan({"verify", archive}).exit_code, 0);
}

// The kiosk writes usage.db through the library; `usage report` reads it with the archive.
TEST_F(ExhibitionCli, UsageReportWithCoverage) {
    ASSERT_EQ(test::wenyuan({"exhibition", "import", archive, write("c.json", kGood)}).exit_code, 0);
    const auto list = test::wenyuan_json({"list", archive});
    std::int64_t photo = 0;
    for (const auto& item : list) {
        if (item["title"] == "修渠合影") photo = item["id"];
    }
    ASSERT_GT(photo, 0);
    const std::string usage = (dir / "kiosk/usage.db").string();
    {
        auto log = UsageLog::open(usage);
        ASSERT_TRUE(log) << log.error().message;
        auto visit = log->begin_visit();
        ASSERT_TRUE(visit);
        auto view = log->exhibit_opened(*visit, "cunshiguan", photo);
        ASSERT_TRUE(view && log->exhibit_closed(*view));
        ASSERT_TRUE(log->searched(*visit, "konglong", 0));
        ASSERT_TRUE(log->rate_visit(*visit, 4));
        ASSERT_TRUE(log->end_visit(*visit));
    }
    const auto report = test::wenyuan_json({"usage", "report", usage, "--archive", archive});
    EXPECT_EQ(report["visits"], 1);
    EXPECT_EQ(report["kiosk_exhibits"], 2);
    EXPECT_EQ(report["kiosk_exhibits_opened"], 1);
    EXPECT_EQ(report["coverage"], 0.5);
    EXPECT_EQ(report["average_rating"], 4.0);
    EXPECT_EQ(report["most_viewed"][0]["title"], "修渠合影");
    EXPECT_EQ(report["least_viewed"][0]["title"], "讲解：修渠");
    EXPECT_EQ(report["least_viewed"][0]["opens"], 0);
    EXPECT_EQ(report["empty_searches"][0]["query"], "konglong");
    EXPECT_EQ(report["visits_per_day"].size(), 1u);

    const auto alone = test::wenyuan_json({"usage", "report", usage});
    EXPECT_TRUE(alone["coverage"].is_null());
    const auto text = test::wenyuan({"usage", "report", usage, "--archive", archive});
    EXPECT_EQ(text.exit_code, 0);
    EXPECT_NE(text.out.find("coverage: 1 of 2 kiosk exhibits opened (50%)"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("rating: 4.00 of 5 from 1 visits"), std::string::npos) << text.out;

    const auto missing = test::wenyuan({"usage", "report", (dir / "nope.db").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_EQ(missing.err, "wenyuan: " + (dir / "nope.db").string() + ": no such usage log\n");
    const auto catalog = test::wenyuan({"usage", "report", archive + "/catalog.db"});
    EXPECT_EQ(catalog.exit_code, 2);
    EXPECT_NE(catalog.err.find("not a Wenyuan usage log"), std::string::npos) << catalog.err;
    test::write_file(dir / "notes.db", "visitor notes, not a database\n");
    const auto text_file = test::wenyuan({"usage", "report", (dir / "notes.db").string()});
    EXPECT_EQ(text_file.exit_code, 2);
    EXPECT_EQ(text_file.err, "wenyuan: " + (dir / "notes.db").string() + ": not a Wenyuan usage log (not an SQLite database, or a damaged one)\n");
}

}  // namespace
}  // namespace wenyuan
