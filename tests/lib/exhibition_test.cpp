// Exhibitions: JSON documents in and out, validation against a real catalog and store, and the
// restart pattern (save, close, reopen, check) for the stored form and for what a kiosk gets.
#include <gtest/gtest.h>

#include <map>

#include "sqlite.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan {
namespace {

struct Fixture {
    test::TempDir dir;
    std::int64_t photo = 0, bowl = 0, lathe = 0, opera = 0, ledger = 0, secret = 0, text = 0, gone = 0;

    /// An item with the given assets; every object is stored for real.
    std::int64_t add(Archive& archive, std::string key, std::string title, Access access,
                     const std::vector<std::pair<std::string, std::string>>& roles) {
        Item item;
        item.key = std::move(key);
        item.title = std::move(title);
        item.type = "relic";
        item.access = access;
        std::vector<AssetDraft> assets;
        for (const auto& [role, mime] : roles) {
            auto stored = archive.store().put_bytes(item.key + " " + role + " bytes");
            EXPECT_TRUE(stored);
            assets.push_back({role, stored->sha256, stored->size, mime, item.key + "." + role, "", "{}", {}, std::nullopt});
        }
        auto id = archive.add_item(item, assets, {}, "test");
        EXPECT_TRUE(id) << id.error().message;
        return id.value_or(0);
    }

    Archive create() {
        auto archive = Archive::create(dir / "a");
        EXPECT_TRUE(archive) << archive.error().message;
        photo = add(*archive, "CS-001", "老照片：修水渠", Access::public_access,
                    {{"original", "image/tiff"}, {"preview", "image/jpeg"}, {"thumbnail", "image/jpeg"}});
        bowl = add(*archive, "CS-002", "宋代青瓷碗", Access::public_access, {{"original", "image/jpeg"}, {"tiles", "application/x-tar"}});
        lathe = add(*archive, "CF-002", "C616车床", Access::public_access, {{"original", "model/obj"}, {"model", "model/gltf-binary"}});
        opera = add(*archive, "ICH-001", "川剧高腔《秋江》", Access::public_access, {{"original", "audio/wav"}});
        ledger = add(*archive, "CS-005", "村集体账册", Access::internal, {{"original", "image/jpeg"}, {"preview", "image/jpeg"}});
        secret = add(*archive, "CS-006", "档案（限制）", Access::restricted, {{"original", "image/jpeg"}, {"preview", "image/jpeg"}});
        text = add(*archive, "CS-007", "村志", Access::public_access, {{"original", "text/plain"}});
        gone = add(*archive, "CS-008", "撤回的照片", Access::public_access, {{"original", "image/jpeg"}, {"preview", "image/jpeg"}});
        EXPECT_TRUE(archive->delete_item(gone, "duplicate", "test"));
        return std::move(*archive);
    }
};

constexpr const char* kDocument = R"json({
  "id": "cunshiguan",
  "title": "村史馆",
  "title_en": "Village history",
  "intro": "青石村的故事。",
  "cover": "CS-001",
  "languages": ["zh", "en"],
  "sections": [
    {"title": "水与田", "title_en": "Water and fields", "exhibits": [
      {"item": "CS-001", "asset": "preview", "caption": "1958年修水渠", "caption_en": "Digging the channel, 1958",
       "story": "全村出工。", "audio": "ICH-001"},
      {"item": "CS-002"}
    ]},
    {"title": "工与艺", "exhibits": [{"item": "CF-002", "asset": "model"}, {"item": "ICH-001"}]}
  ],
  "tours": [{"title": "十分钟看村史", "stops": [
    {"item": "CS-001", "narration": "先看这张照片。", "narration_en": "First, this photograph."},
    {"item": "CF-002", "narration": "这台车床用了三十多年。", "audio": "ICH-001"}
  ]}]
})json";

TEST(Exhibition, ParsesAndWritesBack) {
    auto parsed = parse_exhibition(kDocument, "cunshiguan.json");
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->slug, "cunshiguan");
    EXPECT_EQ(parsed->title, "村史馆");
    EXPECT_EQ(parsed->cover.key, "CS-001");
    EXPECT_EQ(parsed->languages, (std::vector<std::string>{"zh", "en"}));
    ASSERT_EQ(parsed->sections.size(), 2u);
    ASSERT_EQ(parsed->sections[0].exhibits.size(), 2u);
    EXPECT_EQ(parsed->sections[0].exhibits[0].caption_en, "Digging the channel, 1958");
    EXPECT_EQ(parsed->sections[0].exhibits[0].audio.key, "ICH-001");
    EXPECT_EQ(parsed->sections[1].exhibits[0].asset, "model");
    ASSERT_EQ(parsed->tours.size(), 1u);
    EXPECT_EQ(parsed->tours[0].stops[1].narration, "这台车床用了三十多年。");

    const std::string json = exhibition_to_json(*parsed);
    auto again = parse_exhibition(json, "again");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(exhibition_to_json(*again), json);
    EXPECT_NE(json.find("\"title\": \"村史馆\""), std::string::npos) << json;  // UTF-8 as is, not \u escapes
}

TEST(Exhibition, ParseErrorsNameTheFileAndThePath) {
    const auto error = [](std::string_view text) {
        auto parsed = parse_exhibition(text, "村史馆.json");
        EXPECT_FALSE(parsed);
        return parsed ? std::string() : parsed.error().message;
    };
    EXPECT_EQ(error("{\"id\": \"a\", \"title\": \"t\","), "村史馆.json: not valid JSON (check commas, quotes and brackets)");
    EXPECT_EQ(error("[1]"), "村史馆.json: the document: must be an object");
    EXPECT_EQ(error("{\"title\": \"t\"}"), "村史馆.json: id: is required");
    EXPECT_EQ(error("{\"id\": \"12\", \"title\": \"t\"}"),
              "村史馆.json: id: '12' must be 1-64 letters, digits, '-' or '_', not all digits");
    EXPECT_EQ(error("{\"id\": \"a\", \"title\": \"t\", \"sections\": [{\"title\": \"s\", \"exhibits\": [{\"item\": \"K\"}, {}]}]}"),
              "村史馆.json: sections[0].exhibits[1].item: is required");
    EXPECT_EQ(error("{\"id\": \"a\", \"title\": \"t\", \"sections\": [{\"title\": \"s\", \"exhibits\": [{\"item\": -3}]}]}"),
              "村史馆.json: sections[0].exhibits[0].item: must be an item id (a positive number) or a manifest key (a string)");
    EXPECT_EQ(error("{\"id\": \"a\", \"title\": 5}"), "村史馆.json: title: must be a string");
    EXPECT_EQ(error("{\"id\": \"a\", \"title\": \"t\", \"languages\": [\"fr\"]}"), "村史馆.json: languages[0]: must be \"zh\" or \"en\"");
    EXPECT_NE(error("{\"id\": \"a\", \"title\": \"t\", \"tours\": [{\"title\": \"x\", \"stops\": [{\"item\": 1, \"narator\": \"\"}]}]}")
                  .find("村史馆.json: tours[0].stops[0].narator: unknown field"),
              std::string::npos);
    EXPECT_EQ(error("{\"id\": \"a\", \"title\": \"t\", \"sections\": {}}"), "村史馆.json: sections: must be an array");
    EXPECT_FALSE(parse_exhibition(std::string("{\"id\": \"a\", \"title\": \"\xff\xfe\"}"), "bad-utf8.json"));
}

TEST(Exhibition, HostileDocumentsFailCleanly) {
    const std::string deep = "{\"id\": \"a\", \"title\": \"t\", \"sections\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
    auto nested = parse_exhibition(deep, "deep.json");
    ASSERT_FALSE(nested);
    EXPECT_EQ(nested.error().message, "deep.json: sections[0]: must be an object");
    EXPECT_FALSE(parse_exhibition(std::string("{\"id\": \"a\", \"title\": \"t\0\"}", 24), "nul.json"));
    EXPECT_FALSE(parse_exhibition("", "empty.json"));
    EXPECT_FALSE(parse_exhibition("{\"id\": \"a\", \"title\": \"t\", \"sections\": [{\"title\": \"s\", \"exhibits\": [{\"item\": 1e400}]}]}", "big.json"));
    auto huge = parse_exhibition("{\"id\": \"a\", \"title\": \"t\", \"sections\": [{\"title\": \"s\", \"exhibits\": [{\"item\": 18446744073709551615}]}]}",
                                 "huge.json");
    ASSERT_FALSE(huge);
    EXPECT_NE(huge.error().message.find("huge.json: sections[0].exhibits[0].item: must be an item id"), std::string::npos);
    EXPECT_FALSE(parse_exhibition("{\"id\": \"a\", \"id\": \"b\", \"title\": \"t\", \"sections\": \"x\"}", "dup.json"));
}

TEST(Exhibition, ValidationReportsEveryProblem) {
    Fixture f;
    Archive archive = f.create();
    auto segment = add_segment(archive, f.opera, {1, 5, "开场", "", "manual"}, "test");
    ASSERT_TRUE(segment);
    const std::string bad = R"json({
      "id": "bad", "title": "问题展", "cover": "CS-007",
      "sections": [
        {"title": "一", "exhibits": [
          {"item": "NO-SUCH-KEY"},
          {"item": 9999},
          {"item": "CS-005"},
          {"item": "CS-006"},
          {"item": "CS-008"},
          {"item": "CS-002", "asset": "lod"},
          {"item": "CS-007"},
          {"item": "CS-001", "audio": "CS-002"},
          {"item": "ICH-001", "segment": )json" + std::to_string(*segment + 100) + R"json(},
          {"item": "ICH-001", "segment": )json" + std::to_string(*segment) + R"json(}
        ]},
        {"title": "空", "exhibits": []}
      ],
      "tours": [{"title": "走一走", "stops": [{"item": "CF-002"}, {"item": "CS-001", "audio": "CS-005"}]}]
    })json";
    auto e = parse_exhibition(bad, "bad.json");
    ASSERT_TRUE(e) << e.error().message;
    auto problems = validate_exhibition(archive, *e);
    ASSERT_TRUE(problems) << problems.error().message;
    std::map<std::string, std::string> by_where;
    for (const auto& p : *problems) by_where[p.where] += p.problem;
    EXPECT_EQ(problems->size(), 13u);
    EXPECT_NE(by_where["cover"].find("has no preview or thumbnail image"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[0].item"].find("no item has the manifest key 'NO-SUCH-KEY'"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[1].item"].find("item 9999 does not exist"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[2].item"].find("is not public (access internal)"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[3].item"].find("is not public (access restricted)"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[4].item"].find("was withdrawn"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[5].asset"].find("has no 'lod' asset"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[6].item"].find("nothing a kiosk can show"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[7].audio"].find("is not a recording"), std::string::npos);
    EXPECT_NE(by_where["sections[0].exhibits[8].segment"].find("is not a segment of"), std::string::npos);
    EXPECT_EQ(by_where.count("sections[0].exhibits[9].segment"), 0u);
    EXPECT_NE(by_where["sections[1]"].find("has no exhibits"), std::string::npos);
    EXPECT_NE(by_where["tours[0].stops[0].item"].find("is not an exhibit of this exhibition"), std::string::npos);
    EXPECT_NE(by_where["tours[0].stops[1].audio"].find("is not public"), std::string::npos);
    // Keys were resolved where they could be.
    EXPECT_EQ(e->sections[0].exhibits[5].item.id, f.bowl);
}

TEST(Exhibition, MissingObjectIsAProblem) {
    Fixture f;
    Archive archive = f.create();
    auto assets = archive.assets(f.lathe);
    ASSERT_TRUE(assets);
    for (const Asset& asset : *assets) {
        if (asset.role == "model") {
            std::filesystem::remove(f.dir.path() / "a" / "objects" / asset.sha256.substr(0, 2) / asset.sha256);
        }
    }
    auto e = parse_exhibition(R"({"id": "m", "title": "t", "sections": [{"title": "s", "exhibits": [{"item": "CF-002", "asset": "model"}]}]})",
                              "m.json");
    ASSERT_TRUE(e);
    auto problems = validate_exhibition(archive, *e);
    ASSERT_TRUE(problems);
    ASSERT_EQ(problems->size(), 1u);
    EXPECT_EQ((*problems)[0].where, "sections[0].exhibits[0].asset");
    EXPECT_NE((*problems)[0].problem.find("is missing from the store"), std::string::npos);
}

TEST(Exhibition, SaveSurvivesReopenAndLoadsByKeyOrId) {
    Fixture f;
    std::int64_t id = 0;
    {
        Archive archive = f.create();
        auto e = parse_exhibition(kDocument, "cunshiguan.json");
        ASSERT_TRUE(e);
        auto saved = save_exhibition(archive, *e, "test");
        ASSERT_TRUE(saved) << saved.error().message;
        id = *saved;
    }
    auto archive = Archive::open(f.dir / "a");
    ASSERT_TRUE(archive);
    auto list = list_exhibitions(*archive);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].id, id);
    EXPECT_EQ((*list)[0].slug, "cunshiguan");
    EXPECT_EQ((*list)[0].title, "村史馆");
    EXPECT_EQ((*list)[0].sections, 2u);
    EXPECT_EQ((*list)[0].exhibits, 4u);
    EXPECT_EQ((*list)[0].tours, 1u);
    EXPECT_FALSE((*list)[0].updated_at.empty());

    auto by_slug = load_exhibition(*archive, "cunshiguan");
    ASSERT_TRUE(by_slug) << by_slug.error().message;
    auto by_id = load_exhibition(*archive, std::to_string(id));
    ASSERT_TRUE(by_id);
    EXPECT_EQ(exhibition_to_json(*by_slug), exhibition_to_json(*by_id));
    EXPECT_EQ(by_slug->sections[0].exhibits[0].item.id, f.photo);
    EXPECT_EQ(by_slug->sections[0].exhibits[0].item.key, "CS-001");
    EXPECT_EQ(by_slug->sections[1].exhibits[0].item.id, f.lathe);
    EXPECT_EQ(by_slug->tours[0].stops[1].audio.id, f.opera);
    // The export reads like what the curator wrote.
    auto original = parse_exhibition(kDocument, "cunshiguan.json");
    EXPECT_EQ(exhibition_to_json(*by_slug), exhibition_to_json(*original));

    // Saving the same slug replaces it.
    by_slug->title = "村史馆（新）";
    by_slug->tours.clear();
    auto resaved = save_exhibition(*archive, *by_slug, "test");
    ASSERT_TRUE(resaved);
    EXPECT_EQ(*resaved, id);
    auto events = archive->events(2);
    ASSERT_TRUE(events);
    EXPECT_EQ((*events)[0].detail, "exhibition updated: cunshiguan");
    EXPECT_EQ((*events)[1].detail, "exhibition added: cunshiguan");

    auto missing = load_exhibition(*archive, "nope");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::not_found);
    ASSERT_TRUE(remove_exhibition(*archive, "cunshiguan", "test"));
    EXPECT_EQ(remove_exhibition(*archive, "cunshiguan", "test").error().code, Errc::not_found);
    archive = Archive::open(f.dir / "a");
    ASSERT_TRUE(archive);
    EXPECT_TRUE(list_exhibitions(*archive)->empty());
}

TEST(Exhibition, InvalidSaveStoresNothing) {
    Fixture f;
    {
        Archive archive = f.create();
        auto e = parse_exhibition(R"({"id": "x", "title": "t", "sections": [{"title": "s", "exhibits": [{"item": "CS-005"}]}]})", "x.json");
        ASSERT_TRUE(e);
        auto saved = save_exhibition(archive, *e, "test");
        ASSERT_FALSE(saved);
        EXPECT_EQ(saved.error().code, Errc::invalid_argument);
        EXPECT_NE(saved.error().message.find("sections[0].exhibits[0].item: item"), std::string::npos) << saved.error().message;
    }
    auto archive = Archive::open(f.dir / "a", OpenMode::read_only);
    ASSERT_TRUE(archive);
    EXPECT_TRUE(list_exhibitions(*archive)->empty());
    auto e = parse_exhibition(kDocument, "cunshiguan.json");
    auto saved = save_exhibition(*archive, *e, "test");
    ASSERT_FALSE(saved);  // read-only
    EXPECT_EQ(saved.error().code, Errc::invalid_argument);
}

TEST(Exhibition, KioskLeavesOutWhatBecameInvalid) {
    Fixture f;
    {
        Archive archive = f.create();
        auto e = parse_exhibition(kDocument, "cunshiguan.json");
        ASSERT_TRUE(save_exhibition(archive, *e, "test"));
        auto small = parse_exhibition(R"({"id": "lathe", "title": "车床", "sections": [{"title": "s", "exhibits": [{"item": "CF-002"}]}]})",
                                      "lathe.json");
        ASSERT_TRUE(save_exhibition(archive, *small, "test"));
        // After saving: the lathe becomes internal, the opera recording is withdrawn.
        ASSERT_TRUE(archive.edit_item(f.lathe, {{"access", "internal"}}, "test"));
        ASSERT_TRUE(archive.delete_item(f.opera, "rights unclear", "test"));
    }
    auto archive = Archive::open(f.dir / "a", OpenMode::read_only);
    ASSERT_TRUE(archive);
    std::vector<ExhibitionProblem> dropped;
    auto shown = kiosk_exhibitions(*archive, &dropped);
    ASSERT_TRUE(shown) << shown.error().message;
    ASSERT_EQ(shown->size(), 1u);  // "lathe" has nothing left
    const Exhibition& e = (*shown)[0];
    EXPECT_EQ(e.slug, "cunshiguan");
    ASSERT_EQ(e.sections.size(), 1u);  // the second section held only the lathe and the opera
    ASSERT_EQ(e.sections[0].exhibits.size(), 2u);
    EXPECT_TRUE(e.sections[0].exhibits[0].audio.empty());  // the audio guide was withdrawn
    EXPECT_EQ(e.sections[0].exhibits[0].item.id, f.photo);
    ASSERT_EQ(e.tours.size(), 1u);
    ASSERT_EQ(e.tours[0].stops.size(), 1u);  // the lathe's stop went with its exhibit
    EXPECT_EQ(e.tours[0].stops[0].item.id, f.photo);
    EXPECT_EQ(e.cover.id, f.photo);
    std::size_t lathe_problems = 0;
    for (const auto& p : dropped) {
        lathe_problems += p.problem.find("C616车床") != std::string::npos && p.problem.find("is not public") != std::string::npos;
    }
    EXPECT_EQ(lathe_problems, 3u);  // cunshiguan's exhibit and tour stop, and lathe's exhibit
    for (const Exhibition& x : *shown) {
        for (const Section& s : x.sections) {
            for (const Exhibit& exhibit : s.exhibits) {
                auto item = archive->item(exhibit.item.id);
                ASSERT_TRUE(item);
                EXPECT_EQ(item->access, Access::public_access);
            }
        }
    }
}

TEST(Exhibition, TheAssetAKioskShows) {
    Fixture f;
    Archive archive = f.create();
    const auto role = [&](std::int64_t item, std::string asset = "") {
        Exhibit exhibit;
        exhibit.item.id = item;
        exhibit.asset = std::move(asset);
        auto found = exhibit_asset(archive, exhibit);
        return found ? found->role + " " + found->mime : "error: " + found.error().message;
    };
    EXPECT_EQ(role(f.photo), "preview image/jpeg");
    EXPECT_EQ(role(f.photo, "thumbnail"), "thumbnail image/jpeg");
    EXPECT_EQ(role(f.bowl), "tiles application/x-tar");
    EXPECT_EQ(role(f.lathe), "model model/gltf-binary");
    EXPECT_EQ(role(f.opera), "original audio/wav");
    EXPECT_EQ(role(f.text), "error: exhibit item " + std::to_string(f.text) + ": nothing a kiosk can show");
    EXPECT_EQ(role(f.photo, "lod"), "error: exhibit item " + std::to_string(f.photo) + ": no 'lod' asset in the store");
}

TEST(Exhibition, KioskKeepsAnExhibitWhoseSegmentWasRemoved) {
    Fixture f;
    {
        Archive archive = f.create();
        auto segment = add_segment(archive, f.opera, {1, 5, "开场", "", "manual"}, "test");
        ASSERT_TRUE(segment);
        auto e = parse_exhibition(R"({"id": "x", "title": "戏", "sections": [{"title": "s", "exhibits": [{"item": "ICH-001", "segment": )" +
                                      std::to_string(*segment) + "}]}]}",
                                  "x.json");
        ASSERT_TRUE(e) << e.error().message;
        ASSERT_TRUE(save_exhibition(archive, *e, "test"));
        ASSERT_TRUE(remove_segment(archive, *segment, "test"));
    }
    auto archive = Archive::open(f.dir / "a", OpenMode::read_only);
    ASSERT_TRUE(archive);
    std::vector<ExhibitionProblem> dropped;
    auto shown = kiosk_exhibitions(*archive, &dropped);
    ASSERT_TRUE(shown);
    ASSERT_EQ(shown->size(), 1u);
    ASSERT_EQ((*shown)[0].sections[0].exhibits.size(), 1u);
    EXPECT_FALSE((*shown)[0].sections[0].exhibits[0].segment);
    ASSERT_EQ(dropped.size(), 1u);
    EXPECT_EQ(dropped[0].where, "x: sections[0].exhibits[0].segment");
}

TEST(Exhibition, VerifyChecksStoredExhibitions) {
    Fixture f;
    {
        Archive archive = f.create();
        auto e = parse_exhibition(kDocument, "cunshiguan.json");
        ASSERT_TRUE(save_exhibition(archive, *e, "test"));
        auto report = archive.verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
    }
    // A document damaged behind the library's back is reported, not crashed on.
    {
        auto archive = Archive::open(f.dir / "a");
        ASSERT_TRUE(archive);
        auto e = load_exhibition(*archive, "cunshiguan");
        ASSERT_TRUE(e);
    }
    {
        auto db = sql::Db::open(f.dir / "a" / "catalog.db", false, false);
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("UPDATE exhibitions SET document = '{\"id\": \"cunshiguan\"'"));
    }
    auto archive = Archive::open(f.dir / "a");
    ASSERT_TRUE(archive);
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_FALSE(report->ok);
    ASSERT_EQ(report->problems.size(), 1u);
    EXPECT_EQ(report->problems[0].object, "exhibition cunshiguan");
    EXPECT_NE(report->problems[0].problem.find("not valid JSON"), std::string::npos);
    auto shown = kiosk_exhibitions(*archive);
    ASSERT_TRUE(shown);
    EXPECT_TRUE(shown->empty());
}

}  // namespace
}  // namespace wenyuan
