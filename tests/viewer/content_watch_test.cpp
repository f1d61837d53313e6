// The kiosk picks up a package applied by another process the next time it is idle, without a
// restart: ContentWatch on a read-only archive, as the running kiosk holds it.
#include <gtest/gtest.h>

#include "app/content_watch.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/keys.hpp"
#include "wenyuan/package.hpp"

namespace wenyuan::kiosk {
namespace {

// A county archive with one public item in an exhibition "xincun", packaged and signed.
std::filesystem::path make_package(const std::filesystem::path& dir, SigningKey& key) {
    auto source = Archive::create(dir / "county");
    EXPECT_TRUE(source) << source.error().message;
    std::vector<AssetDraft> drafts;
    for (const char* role : {"original", "preview", "thumbnail"}) {
        auto stored = source->store().put_bytes(std::string(role) + " of the new exhibit");
        EXPECT_TRUE(stored);
        AssetDraft draft;
        draft.role = role;
        draft.sha256 = stored->sha256;
        draft.size = stored->size;
        draft.mime = "image/jpeg";
        drafts.push_back(draft);
    }
    Item item;
    item.title = "新到的犁";
    item.type = "relic";
    item.access = Access::public_access;
    auto id = source->add_item(item, drafts, {}, "test");
    EXPECT_TRUE(id) << id.error().message;
    Exhibition e;
    e.slug = "xincun";
    e.title = "新村新貌";
    Section section;
    section.title = "农具";
    Exhibit exhibit;
    exhibit.item.id = *id;
    section.exhibits.push_back(exhibit);
    e.sections.push_back(section);
    EXPECT_TRUE(save_exhibition(*source, e, "test"));
    auto made = generate_key(dir / "home", "county");
    EXPECT_TRUE(made) << made.error().message;
    key = *made;
    ExportOptions options;
    options.exhibitions = {"xincun"};
    options.output = dir / "april.wyp";
    options.key = key;
    auto exported = export_package(*source, options);
    EXPECT_TRUE(exported) << exported.error().message;
    return options.output;
}

TEST(ContentWatch, ReloadsWhenIdleAfterAPackageWasApplied) {
    test::TempDir dir;
    SigningKey key;
    const auto package = make_package(dir.path(), key);
    auto kiosk = Archive::create(dir.path() / "kiosk");
    ASSERT_TRUE(kiosk) << kiosk.error().message;
    ASSERT_TRUE(trust_key(*kiosk, key.public_key, "test"));

    auto running = Archive::open(dir.path() / "kiosk", OpenMode::read_only);  // the kiosk's own handle
    ASSERT_TRUE(running) << running.error().message;
    auto shown = load_museum(*running, "东村", "Dongcun");
    ASSERT_TRUE(shown);
    for (const ExhibitionView& e : shown->exhibitions) EXPECT_NE(e.slug, "xincun");
    ContentWatch watch(*running, 30);
    EXPECT_EQ(watch.generation(), 0);
    EXPECT_FALSE(watch.poll(*running, true, 0, "东村", "Dongcun")) << "nothing applied yet";

    auto applied = apply_package(*kiosk, package, "test");  // `wenyuan package apply`, another process
    ASSERT_TRUE(applied) << applied.error().message;

    EXPECT_FALSE(watch.poll(*running, false, 1, "东村", "Dongcun")) << "a visitor is here: not now";
    auto fresh = watch.poll(*running, true, 2, "东村", "Dongcun");  // idle again: checks at once
    ASSERT_TRUE(fresh) << watch.take_problem();
    EXPECT_GT(watch.generation(), 0);
    EXPECT_EQ(fresh->name, "东村");
    bool found = false;
    for (const ExhibitionView& e : fresh->exhibitions) found = found || (e.slug == "xincun" && e.title == "新村新貌");
    EXPECT_TRUE(found);
    ASSERT_EQ(fresh->exhibits.size(), 1u);
    EXPECT_EQ(fresh->exhibits[0].title, "新到的犁");
    EXPECT_FALSE(fresh->exhibits[0].preview.empty());

    EXPECT_FALSE(watch.poll(*running, true, 3, "东村", "Dongcun")) << "not due again yet";
    EXPECT_FALSE(watch.poll(*running, true, 40, "东村", "Dongcun")) << "due, but nothing new";
    EXPECT_TRUE(watch.take_problem().empty());
}

}  // namespace
}  // namespace wenyuan::kiosk
