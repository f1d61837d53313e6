// Deep-zoom tiles straight from the tar: the index, the IIIF names the importer writes, which
// level and tiles a view needs, and the zoom / pan math.
#include <gtest/gtest.h>

#include <cstring>

#include "media/image_view.hpp"
#include "media/jpeg.hpp"
#include "media/tile_set.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan::kiosk {
namespace {

/// A ustar member: header + data padded to 512.
std::string tar_member(const std::string& name, const std::string& data) {
    char header[512] = {};
    std::strncpy(header, name.c_str(), 99);
    std::snprintf(header + 100, 8, "%07o", 0644);
    std::snprintf(header + 108, 8, "%07o", 0);
    std::snprintf(header + 116, 8, "%07o", 0);
    std::snprintf(header + 124, 12, "%011o", unsigned(data.size()));
    std::snprintf(header + 136, 12, "%011o", 0);
    header[156] = '0';
    std::memcpy(header + 257, "ustar\0" "00", 8);
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : header) sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);
    std::string out(header, 512);
    out += data;
    out.append((512 - data.size() % 512) % 512, '\0');
    return out;
}

TEST(TarIndex, ReadsMembersInPlaceAndRejectsDamage) {
    test::TempDir dir;
    const std::string tar = tar_member("info.json", R"({"width":600,"height":300,"tiles":[{"width":256,"scaleFactors":[1,2,4]}]})") +
                            tar_member("0,0,256,256/256,256/0/default.jpg", "tile bytes") + std::string(1024, '\0');
    test::write_file(dir / "t.tar", tar);
    auto set = TileSet::open(dir / "t.tar");
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->width(), 600);
    EXPECT_EQ(set->height(), 300);
    auto tile = set->read_tile({1, 0, 0});
    ASSERT_TRUE(tile) << tile.error().message;
    EXPECT_EQ(*tile, "tile bytes");
    EXPECT_FALSE(set->read_tile({1, 2, 0}));  // not in the tar: an error, not a crash

    std::string damaged = tar;
    damaged[130] ^= 1;  // the size field no longer matches the checksum
    test::write_file(dir / "bad.tar", damaged);
    auto bad = TileSet::open(dir / "bad.tar");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("bad.tar"), std::string::npos);
    test::write_file(dir / "short.tar", tar.substr(0, 1024 + 512 + 5));  // the tile's bytes cut off
    EXPECT_FALSE(TileSet::open(dir / "short.tar"));
    test::write_file(dir / "noinfo.tar", tar_member("x", "y"));
    EXPECT_FALSE(TileSet::open(dir / "noinfo.tar"));
    EXPECT_FALSE(TileSet::open(dir / "missing.tar"));
}

TEST(TileSet, NamesLevelsAndVisibleTilesFollowTheImporter) {
    test::TempDir dir;
    test::write_file(dir / "t.tar", tar_member("info.json", R"({"width":6000,"height":4000,"tiles":[{"width":256,"scaleFactors":[1,2,4,8,16,32]}]})"));
    auto set = TileSet::open(dir / "t.tar");
    ASSERT_TRUE(set);
    EXPECT_EQ(set->tile_name({1, 23, 15}), "5888,3840,112,160/112,160/0/default.jpg");
    EXPECT_EQ(set->tile_name({2, 0, 0}), "0,0,512,512/256,256/0/default.jpg");
    EXPECT_EQ(set->tile_name({32, 0, 0}), "full/188,125/0/default.jpg");
    EXPECT_EQ(set->scale_for(1.0f), 1);
    EXPECT_EQ(set->scale_for(0.5f), 2);
    EXPECT_EQ(set->scale_for(0.3f), 2);  // never blurrier than the screen
    EXPECT_EQ(set->scale_for(0.001f), 32);
    EXPECT_EQ(set->scale_for(4.0f), 1);
    const auto tiles = set->visible(4, 0, 0, 1100, 1100);  // level tiles span 1024 px
    ASSERT_EQ(tiles.size(), 4u);
    EXPECT_EQ(tiles[3].key, (TileKey{4, 1, 1}));
    EXPECT_FLOAT_EQ(tiles[3].x, 1024);
    const auto edge = set->visible(1, 5900, 3900, 7000, 5000);
    ASSERT_EQ(edge.size(), 1u);
    EXPECT_FLOAT_EQ(edge[0].width, 112);
    EXPECT_FLOAT_EQ(edge[0].height, 160);
    EXPECT_TRUE(set->visible(1, 7000, 0, 8000, 100).empty());
}

TEST(ImageView, ZoomAndPanStayOnTheImage) {
    ImageView view;
    view.pan(100, 0, 1000, 500, 1.0f);  // at fit, nothing to pan
    EXPECT_FLOAT_EQ(view.cx, 0.5f);
    view.zoom_by(4);
    EXPECT_FLOAT_EQ(view.zoom, 4);
    view.pan(-100, 0, 1000, 500, 1.0f);
    EXPECT_FLOAT_EQ(view.cx, 0.6f);
    view.pan(-100000, -100000, 1000, 500, 1.0f);
    EXPECT_FLOAT_EQ(view.cx, 1.0f - 0.125f);
    EXPECT_FLOAT_EQ(view.cy, 1.0f - 0.125f);
    view.zoom_by(100);
    EXPECT_FLOAT_EQ(view.zoom, ImageView::kMaxZoom);
    view.zoom_by(0.001f);
    EXPECT_FLOAT_EQ(view.zoom, 1);
    EXPECT_FLOAT_EQ(view.cx, 0.5f);
}

TEST(TileSet, ReadsTheImportersTilesFromTheTestArchive) {
    auto archive = Archive::open(KIOSK_ARCHIVE, OpenMode::read_only);
    ASSERT_TRUE(archive) << archive.error().message;
    auto item = archive->item_by_key("T-SCROLL");
    ASSERT_TRUE(item);
    auto assets = archive->assets(item->id);
    ASSERT_TRUE(assets);
    std::string tiles;
    for (const Asset& asset : *assets)
        if (asset.role == "tiles") tiles = asset.sha256;
    ASSERT_FALSE(tiles.empty());
    auto set = TileSet::open(archive->store().path_of(tiles));
    ASSERT_TRUE(set) << set.error().message;
    EXPECT_EQ(set->width(), 6000);
    EXPECT_EQ(set->height(), 4000);
    for (const TileKey key : {TileKey{1, 0, 0}, TileKey{1, 23, 15}, TileKey{set->scale_factors().back(), 0, 0}}) {
        auto bytes = set->read_tile(key);
        ASSERT_TRUE(bytes) << set->tile_name(key) << ": " << bytes.error().message;
        auto pixels = decode_image(*bytes, 0, set->tile_name(key));
        ASSERT_TRUE(pixels) << pixels.error().message;
        EXPECT_LE(pixels->width, 256);
        EXPECT_GT(pixels->width, 0);
    }
}

TEST(Decode, DamagedBytesAreAnErrorNamingTheObject) {
    auto bad = decode_image("\xFF\xD8\xFF\xE0 not really a jpeg", 0, "objects/ab/abcd");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("objects/ab/abcd"), std::string::npos);
    EXPECT_FALSE(decode_image("", 0, "empty"));
}

}  // namespace
}  // namespace wenyuan::kiosk
