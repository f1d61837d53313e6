// The sample archive that build/samples/village-museum holds (built by the sample_archive target,
// a CTest fixture): both exhibitions reach a kiosk whole, with the media the issue asks for.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/exhibition.hpp"

namespace wenyuan {
namespace {

const std::filesystem::path kSample = std::filesystem::path(WENYUAN_BINARY_DIR) / "samples" / "village-museum";

struct Media {
    std::set<std::string> kinds;  // "image", "model", "video", "audio", "captions-zh"
};

void collect(const Archive& archive, std::int64_t item, Media& media) {
    auto assets = archive.assets(item);
    ASSERT_TRUE(assets);
    for (const Asset& a : *assets) {
        if (a.role == "original" && a.mime.rfind("video/", 0) == 0) media.kinds.insert("video");
        if (a.role == "original" && a.mime.rfind("audio/", 0) == 0) media.kinds.insert("audio");
        if (a.role == "model") media.kinds.insert("model");
        if (a.role == "preview" && a.mime.rfind("image/", 0) == 0) media.kinds.insert("image");
        if (a.role == "captions" && a.lang == "zh") media.kinds.insert("captions-zh");
    }
}

TEST(SampleArchive, BothExhibitionsAreWholeForAKiosk) {
    auto archive = Archive::open(kSample, OpenMode::read_only);
    ASSERT_TRUE(archive) << archive.error().message << " (build it with `ninja sample_archive`)";
    std::vector<ExhibitionProblem> dropped;
    auto shown = kiosk_exhibitions(*archive, &dropped);
    ASSERT_TRUE(shown) << shown.error().message;
    EXPECT_TRUE(dropped.empty()) << dropped[0].where << ": " << dropped[0].problem;
    std::map<std::string, Media> media;
    std::map<std::string, const Exhibition*> by_slug;
    for (const Exhibition& e : *shown) {
        by_slug[e.slug] = &e;
        EXPECT_FALSE(e.title_en.empty());
        EXPECT_FALSE(e.intro.empty());
        EXPECT_GT(e.cover.id, 0);
        EXPECT_GE(e.sections.size(), 3u);
        ASSERT_EQ(e.tours.size(), 1u);
        EXPECT_GE(e.tours[0].stops.size(), 4u);
        for (const Section& s : e.sections) {
            EXPECT_FALSE(s.title_en.empty());
            for (const Exhibit& x : s.exhibits) {
                EXPECT_FALSE(x.caption.empty());
                EXPECT_FALSE(x.caption_en.empty());
                auto item = archive->item(x.item.id);
                ASSERT_TRUE(item);
                EXPECT_EQ(item->access, Access::public_access);
                collect(*archive, x.item.id, media[e.slug]);
                auto shown_asset = exhibit_asset(*archive, x);
                ASSERT_TRUE(shown_asset) << shown_asset.error().message;
                EXPECT_TRUE(archive->store().contains(shown_asset->sha256));
                if (!x.audio.empty()) collect(*archive, x.audio.id, media[e.slug]);
            }
        }
        for (const TourStop& stop : e.tours[0].stops) {
            EXPECT_FALSE(stop.narration.empty());
            EXPECT_FALSE(stop.narration_en.empty());
        }
    }
    ASSERT_EQ(by_slug.size(), 2u);
    ASSERT_TRUE(by_slug.count("cunshiguan"));
    ASSERT_TRUE(by_slug.count("laochang"));
    EXPECT_EQ(by_slug["cunshiguan"]->title, "村史馆");
    EXPECT_EQ(by_slug["laochang"]->title, "老厂记忆");
    EXPECT_EQ(media["cunshiguan"].kinds, (std::set<std::string>{"image", "video", "audio", "captions-zh"}));
    EXPECT_TRUE(media["laochang"].kinds.count("model"));
    EXPECT_TRUE(media["laochang"].kinds.count("image"));

    // verify on a copy: it records a fixity event, and its FTS5 check needs a writable catalog.
    test::TempDir copy;
    std::filesystem::copy(kSample, copy / "village-museum", std::filesystem::copy_options::recursive);
    auto writable = Archive::open(copy / "village-museum");
    ASSERT_TRUE(writable) << writable.error().message;
    auto report = writable->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].object + ": " + report->problems[0].problem);
}

TEST(SampleArchive, CliListsBothExhibitions) {
    const auto listed = test::run({test::binary("wenyuan").string(), "exhibition", "list", kSample.string(), "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    const auto list = nlohmann::json::parse(listed.out);
    ASSERT_EQ(list.size(), 2u);
    std::set<std::string> ids;
    for (const auto& e : list) ids.insert(e["id"].get<std::string>());
    EXPECT_EQ(ids, (std::set<std::string>{"cunshiguan", "laochang"}));
    const auto valid = test::run({test::binary("wenyuan").string(), "exhibition", "validate", kSample.string()});
    EXPECT_EQ(valid.exit_code, 0) << valid.err;
}

}  // namespace
}  // namespace wenyuan
