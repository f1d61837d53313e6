// The deep-zoom pyramid of large images: a complete IIIF level-0 tile set in a tar, built from
// streamed rows, turned by EXIF orientation, and refused whole when the file is damaged.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "image_test_files.hpp"
#include "wenyuan/image_importer.hpp"
#include "wenyuan/import_pipeline.hpp"

namespace wenyuan {
namespace {

/// The members of an uncompressed ustar archive, by name.
std::map<std::string, std::string> read_tar(const std::string& tar) {
    std::map<std::string, std::string> members;
    for (std::size_t at = 0; at + 512 <= tar.size();) {
        const std::string name(tar.c_str() + at);
        if (name.empty()) break;
        const std::size_t size = std::stoull(tar.substr(at + 124, 11), nullptr, 8);
        members[name] = tar.substr(at + 512, size);
        at += 512 + (size + 511) / 512 * 512;
    }
    return members;
}

cv::Mat decode(const std::string& bytes) {
    return cv::imdecode(std::vector<unsigned char>(bytes.begin(), bytes.end()), cv::IMREAD_COLOR);
}

struct Imported {
    test::TempDir dir;
    Archive archive = std::move(*Archive::create(dir / "a"));
    ImportSummary summary;
    std::vector<Asset> assets;

    explicit Imported(const std::string& name, const std::string& bytes) {
        test::write_file(dir / "in" / name, bytes);
        ImporterRegistry registry;
        registry.add(make_image_importer());
        ImportRequest request;
        request.inputs = {dir / "in"};
        request.agent = "test";
        summary = *import_files(archive, registry, request);
        if (!summary.item_ids.empty()) assets = *archive.assets(summary.item_ids[0]);
    }
    const Asset* role(std::string_view name) const {
        for (const Asset& asset : assets) {
            if (asset.role == name) return &asset;
        }
        return nullptr;
    }
};

int ceil_div(int a, int b) { return (a + b - 1) / b; }

void expect_complete_tile_set(const std::map<std::string, std::string>& tiles, int width, int height) {
    ASSERT_TRUE(tiles.count("info.json"));
    const auto info = nlohmann::json::parse(tiles.at("info.json"));
    EXPECT_EQ(info["profile"], "level0");
    EXPECT_EQ(info["width"], width);
    EXPECT_EQ(info["height"], height);
    std::size_t expected = 1;  // info.json
    for (int scale : info["tiles"][0]["scaleFactors"]) {
        const int level_width = ceil_div(width, scale), level_height = ceil_div(height, scale);
        const bool single = level_width <= 256 && level_height <= 256;
        for (int row = 0; row * 256 < level_height; ++row) {
            for (int column = 0; column * 256 < level_width; ++column) {
                const int x = column * 256, y = row * 256;
                const int w = std::min(256, level_width - x), h = std::min(256, level_height - y);
                const std::string size = std::to_string(w) + "," + std::to_string(h);
                const std::string region = single ? "full"
                                                  : std::to_string(x * scale) + "," + std::to_string(y * scale) + "," +
                                                        std::to_string(std::min(256 * scale, width - x * scale)) + "," +
                                                        std::to_string(std::min(256 * scale, height - y * scale));
                const std::string path = region + "/" + size + "/0/default.jpg";
                ASSERT_TRUE(tiles.count(path)) << path;
                const cv::Mat tile = decode(tiles.at(path));
                EXPECT_EQ(std::make_pair(tile.cols, tile.rows), std::make_pair(w, h)) << path;
                ++expected;
            }
        }
        if (single) {
            EXPECT_EQ(scale, info["tiles"][0]["scaleFactors"].back().get<int>()) << "the last level is the single tile";
        }
    }
    EXPECT_EQ(tiles.size(), expected);
}

TEST(ImageTiles, LargeJpegGetsACompleteTileSetThatMatchesItsPixels) {
    const cv::Mat picture = test::detailed_picture(5000, 1300);
    Imported imported("scroll.jpg", test::encode(picture, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 95}));
    ASSERT_EQ(imported.summary.imported, 1u);
    const Asset* tiles_asset = imported.role("tiles");
    ASSERT_NE(tiles_asset, nullptr);
    EXPECT_EQ(tiles_asset->mime, "application/x-tar");
    const auto tiles = read_tar(test::read_file(imported.archive.store().path_of(tiles_asset->sha256)));
    expect_complete_tile_set(tiles, 5000, 1300);
    const auto tech = nlohmann::json::parse(tiles_asset->tech_json);
    EXPECT_EQ(tech["tiles"].get<std::size_t>() + 1, tiles.size());

    // A full-resolution tile shows the same pixels as the source.
    const cv::Mat tile = decode(tiles.at("2560,1024,256,256/256,256/0/default.jpg"));
    cv::Mat difference;
    cv::absdiff(tile, picture(cv::Rect(2560, 1024, 256, 256)), difference);
    EXPECT_LT(cv::mean(difference)[0], 12.0);
    // The preview comes from the same pass, at 2048 px.
    const auto preview = nlohmann::json::parse(imported.role("preview")->tech_json);
    EXPECT_EQ(preview["width"], 2048);
    EXPECT_EQ(preview["height"], 532);
}

TEST(ImageTiles, TurnedLargeImageIsTiledAsDisplayed) {
    Imported imported("stele.jpg", test::jpeg_with_orientation(test::detailed_picture(4500, 700), 8));
    ASSERT_EQ(imported.summary.imported, 1u);
    const Asset* tiles_asset = imported.role("tiles");
    ASSERT_NE(tiles_asset, nullptr);
    expect_complete_tile_set(read_tar(test::read_file(imported.archive.store().path_of(tiles_asset->sha256))), 700, 4500);
}

TEST(ImageTiles, LargePngIsTiledToo) {
    Imported imported("drawing.png", test::encode(test::detailed_picture(4200, 500), ".png"));
    ASSERT_EQ(imported.summary.imported, 1u);
    const Asset* tiles_asset = imported.role("tiles");
    ASSERT_NE(tiles_asset, nullptr);
    expect_complete_tile_set(read_tar(test::read_file(imported.archive.store().path_of(tiles_asset->sha256))), 4200, 500);
}

TEST(ImageTiles, LargeSixteenBitTiffIsStreamedIntoTiles) {
    cv::Mat sixteen;
    test::detailed_picture(4400, 600).convertTo(sixteen, CV_16UC3, 257.0);
    Imported imported("chronicle.tif", test::encode(sixteen, ".tif", {cv::IMWRITE_TIFF_COMPRESSION, 5}));
    ASSERT_EQ(imported.summary.imported, 1u) << imported.summary.failed.front().error;
    const Asset* tiles_asset = imported.role("tiles");
    ASSERT_NE(tiles_asset, nullptr);
    const auto tiles = read_tar(test::read_file(imported.archive.store().path_of(tiles_asset->sha256)));
    expect_complete_tile_set(tiles, 4400, 600);
    // Colours survive the 16-bit RGBA path: the left half is red, the right half blue.
    const cv::Scalar left = cv::mean(decode(tiles.at("0,0,256,256/256,256/0/default.jpg")));
    const cv::Scalar right = cv::mean(decode(tiles.at("4096,0,256,256/256,256/0/default.jpg")));
    EXPECT_GT(left[2], left[0] + 80);
    EXPECT_GT(right[0], right[2] + 80);
}

TEST(ImageTiles, TruncatedLargePngAndTiffFail) {
    for (const std::string extension : {".png", ".tif"}) {
        const std::string bytes = test::encode(test::detailed_picture(5000, 800), extension);
        Imported imported("cut" + extension, bytes.substr(0, bytes.size() / 2));
        EXPECT_EQ(imported.summary.imported, 0u) << extension;
        ASSERT_EQ(imported.summary.failed.size(), 1u) << extension;
        EXPECT_NE(imported.summary.failed[0].error.find("cut" + extension), std::string::npos);
        EXPECT_TRUE(imported.archive.verify()->ok);
    }
}

TEST(ImageTiles, ImagesUpTo4096PixelsHaveNoTiles) {
    Imported imported("photo.jpg", test::encode(test::detailed_picture(4096, 300), ".jpg"));
    ASSERT_EQ(imported.summary.imported, 1u);
    EXPECT_EQ(imported.role("tiles"), nullptr);
}

TEST(ImageTiles, TruncatedLargeJpegFailsAndLeavesNoObject) {
    const std::string jpeg = test::encode(test::detailed_picture(6000, 2000), ".jpg");
    Imported imported("cut.jpg", jpeg.substr(0, jpeg.size() * 2 / 3));
    EXPECT_EQ(imported.summary.imported, 0u);
    ASSERT_EQ(imported.summary.failed.size(), 1u);
    EXPECT_NE(imported.summary.failed[0].error.find("cut.jpg"), std::string::npos);
    EXPECT_NE(imported.summary.failed[0].error.find("Premature end"), std::string::npos) << imported.summary.failed[0].error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(imported.dir / "a/objects")) {
        EXPECT_FALSE(entry.is_regular_file()) << "left behind: " << entry.path();
    }
    EXPECT_TRUE(imported.archive.verify()->ok);
}

}  // namespace
}  // namespace wenyuan
