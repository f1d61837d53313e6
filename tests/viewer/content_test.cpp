// The museum the kiosk loads from the test archive (tests/viewer/kiosk_archive.cmake).
#include <gtest/gtest.h>

#include <filesystem>

#include "app/content.hpp"
#include "app/museum_glyphs.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan::kiosk {
namespace {

const ExhibitView* by_key(const Museum& museum, const std::string& key) {
    for (const ExhibitView& e : museum.exhibits)
        if (e.key == key) return &e;
    return nullptr;
}

TEST(Content, ExhibitionsSectionsAndMediaKindsComeFromTheCatalog) {
    auto archive = Archive::open(KIOSK_ARCHIVE, OpenMode::read_only);
    ASSERT_TRUE(archive) << archive.error().message;
    auto museum = load_museum(*archive, "测试馆", "Test museum");
    ASSERT_TRUE(museum) << museum.error().message;
    ASSERT_EQ(museum->exhibitions.size(), 2u);
    const ExhibitionView* village = nullptr;
    for (const auto& e : museum->exhibitions)
        if (e.slug == "cunshiguan") village = &e;
    ASSERT_NE(village, nullptr);
    EXPECT_EQ(village->title, "村史馆");
    ASSERT_EQ(village->sections.size(), 2u);
    EXPECT_EQ(village->sections[0].exhibits.size(), 3u);
    EXPECT_FALSE(village->cover.empty());
    ASSERT_EQ(village->tour.size(), 2u);
    EXPECT_EQ(village->tour[0].narration, "这件青铜鼎是1973年修水渠时挖出来的。");

    const ExhibitView* ding = by_key(*museum, "T-DING");
    ASSERT_NE(ding, nullptr);
    EXPECT_EQ(ding->kind, MediaKind::image);
    EXPECT_EQ(ding->caption, "村里年代最早的文物");
    EXPECT_FALSE(ding->thumbnail.empty());
    EXPECT_FALSE(ding->preview.empty());
    EXPECT_TRUE(ding->tiles.empty());
    EXPECT_FALSE(by_key(*museum, "T-SCROLL")->tiles.empty());
    EXPECT_EQ(by_key(*museum, "T-VESSEL")->kind, MediaKind::model);
    EXPECT_EQ(by_key(*museum, "T-CLIP")->kind, MediaKind::video);
    EXPECT_FALSE(by_key(*museum, "T-CLIP")->captions.empty());
    const ExhibitView* clip = by_key(*museum, "T-CLIP");
    ASSERT_EQ(clip->chapters.size(), 2u);  // the manifest's segments, by start
    EXPECT_EQ(clip->chapters[0].text, "开机讲解");
    EXPECT_DOUBLE_EQ(clip->chapters[1].start, 2.0);
    EXPECT_DOUBLE_EQ(clip->start_seconds, 2.0);  // the exhibition names segment 2

    GlyphSet text, body, display;
    collect_glyphs(*museum, text, body, display);
    for (char32_t c : {U'饕', U'餮', U'敦', U'瓷', U'鼎', U'渠'}) EXPECT_TRUE(text.contains(c) && body.contains(c));
    EXPECT_TRUE(text.contains(U'床'));  // the clip's captions
    EXPECT_TRUE(text.contains(U'机'));  // and its chapter titles
    EXPECT_TRUE(display.contains(U'饕'));
    EXPECT_FALSE(display.contains(U'炱'));  // story text is not baked at title sizes
}

TEST(Content, AMissingObjectIsANoteNotAFailure) {
    test::TempDir dir;
    std::filesystem::copy(KIOSK_ARCHIVE, dir / "a", std::filesystem::copy_options::recursive);
    {
        auto archive = Archive::open(dir / "a", OpenMode::read_only);
        ASSERT_TRUE(archive);
        auto item = archive->item_by_key("T-BOWL");
        ASSERT_TRUE(item);
        auto assets = archive->assets(item->id);
        ASSERT_TRUE(assets);
        for (const Asset& asset : *assets)
            if (asset.role == "preview") {
                ASSERT_TRUE(std::filesystem::remove(archive->store().path_of(asset.sha256)));
            }
    }
    auto archive = Archive::open(dir / "a", OpenMode::read_only);
    ASSERT_TRUE(archive);
    auto museum = load_museum(*archive, "馆", "Museum");
    ASSERT_TRUE(museum) << museum.error().message;
    const ExhibitView* bowl = by_key(*museum, "T-BOWL");
    bool noted = false;
    for (const std::string& note : museum->notes) noted |= note.find("宋代青瓷碗") != std::string::npos;
    // Either the library dropped the exhibit (its object is lost) or the kiosk kept it without a
    // preview; both are reported and neither fails.
    EXPECT_TRUE(noted || bowl == nullptr);
    if (bowl) {
        EXPECT_TRUE(bowl->preview.empty());
    }
}

TEST(Content, AnArchiveWithoutExhibitionsShowsItsCollections) {
    test::TempDir dir;
    auto archive = Archive::create(dir / "plain");
    ASSERT_TRUE(archive) << archive.error().message;
    Item item;
    item.title = "石磨";
    item.type = "relic";
    item.access = Access::public_access;
    ASSERT_TRUE(archive->add_item(item, {}, {"农具"}, "test"));
    Item hidden;
    hidden.title = "账册";
    ASSERT_TRUE(archive->add_item(hidden, {}, {"农具"}, "test"));  // internal: never shown
    auto museum = load_museum(*archive, "馆", "Museum");
    ASSERT_TRUE(museum) << museum.error().message;
    ASSERT_EQ(museum->exhibitions.size(), 1u);
    EXPECT_EQ(museum->exhibitions[0].title, "农具");
    ASSERT_EQ(museum->exhibits.size(), 1u);
    EXPECT_EQ(museum->exhibits[0].title, "石磨");
    EXPECT_EQ(museum->exhibits[0].kind, MediaKind::text);
}

}  // namespace
}  // namespace wenyuan::kiosk
