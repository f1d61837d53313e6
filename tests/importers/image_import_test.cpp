// The image importer through the real pipeline: real files from Debian packages and files the
// tests make, derivative sizes pinned, orientation, formats, and every kind of bad file.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "image_test_files.hpp"
#include "wenyuan/duplicates.hpp"
#include "wenyuan/image_importer.hpp"
#include "wenyuan/import_pipeline.hpp"

namespace wenyuan {
namespace {

struct Fixture {
    test::TempDir dir;
    Archive archive = std::move(*Archive::create(dir / "a"));
    ImporterRegistry registry;
    Fixture() {
        registry.add(make_image_importer());
        registry.add(make_any_file_importer());
    }
    ImportSummary run(const std::vector<std::filesystem::path>& inputs, ImportOptions options = {}) {
        ImportRequest request;
        request.inputs = inputs;
        request.agent = "test";
        request.jobs = 2;
        request.options = options;
        auto summary = import_files(archive, registry, request);
        EXPECT_TRUE(summary) << summary.error().message;
        return *summary;
    }
    std::vector<Asset> assets_of(std::int64_t item) { return *archive.assets(item); }
    const Asset& role(const std::vector<Asset>& assets, std::string_view name) {
        for (const Asset& asset : assets) {
            if (asset.role == name) return asset;
        }
        ADD_FAILURE() << "no " << name << " asset";
        return assets.front();
    }
    nlohmann::json tech(const Asset& asset) { return nlohmann::json::parse(asset.tech_json); }
    cv::Mat pixels(const Asset& asset) {
        const std::string bytes = test::read_file(archive.store().path_of(asset.sha256));
        return cv::imdecode(std::vector<unsigned char>(bytes.begin(), bytes.end()), cv::IMREAD_COLOR);
    }
    std::size_t object_files() {
        std::size_t count = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "a/objects")) {
            count += entry.is_regular_file();
        }
        return count;
    }
};

std::pair<int, int> size_of(const nlohmann::json& tech) { return {tech["width"].get<int>(), tech["height"].get<int>()}; }

TEST(ImageImport, RealPhotographsGetPinnedDerivativeSizes) {
    Fixture f;
    const std::map<std::string, std::filesystem::path> sources = {
        {"baboon.jpg", test::shared_data("images/misc_real/baboon.jpg")},
        {"fruits.jpg", test::shared_data("images/misc_real/fruits.jpg")},
        {"starry_night.jpg", test::shared_data("images/heritage/starry_night.jpg")},
        {"astronaut.png", test::shared_data("images/misc_real/astronaut.png")},
        {"bluemarble.jpg", test::shared_data("images/large/bluemarble.jpg")},
    };
    std::vector<std::filesystem::path> inputs;
    for (const auto& [name, path] : sources) inputs.push_back(path);
    const auto summary = f.run(inputs);
    ASSERT_EQ(summary.imported, 5u);
    EXPECT_TRUE(summary.failed.empty());
    struct Pinned {
        std::string name;
        std::pair<int, int> original, thumbnail, preview;
    };
    const std::vector<Pinned> pinned = {
        {"baboon.jpg", {512, 512}, {256, 256}, {512, 512}},
        {"fruits.jpg", {512, 480}, {256, 240}, {512, 480}},
        {"starry_night.jpg", {752, 600}, {256, 204}, {752, 600}},
        {"astronaut.png", {512, 512}, {256, 256}, {512, 512}},
        {"bluemarble.jpg", {2700, 1350}, {256, 128}, {2048, 1024}},
    };
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets_of(id);
        const Asset& original = f.role(assets, "original");
        const auto expected = std::find_if(pinned.begin(), pinned.end(), [&](const Pinned& p) { return p.name == original.name; });
        ASSERT_NE(expected, pinned.end()) << original.name;
        EXPECT_EQ(size_of(f.tech(original)), expected->original) << original.name;
        EXPECT_EQ(size_of(f.tech(f.role(assets, "thumbnail"))), expected->thumbnail) << original.name;
        EXPECT_EQ(size_of(f.tech(f.role(assets, "preview"))), expected->preview) << original.name;
        const cv::Mat thumbnail = f.pixels(f.role(assets, "thumbnail"));
        EXPECT_EQ(std::make_pair(thumbnail.cols, thumbnail.rows), expected->thumbnail) << "encoded size, " << original.name;
        EXPECT_EQ(f.tech(original)["phash"].get<std::string>().size(), 16u);
        // The original is kept byte for byte.
        EXPECT_EQ(test::read_file(f.archive.store().path_of(original.sha256)), test::read_file(sources.at(original.name)));
    }
    EXPECT_TRUE(f.archive.verify()->ok);
}

TEST(ImageImport, EveryRealImageInTheSharedDataImports) {
    Fixture f;
    const auto summary = f.run({test::shared_data("images/misc_real"), test::shared_data("images/heritage/building.jpg"),
                                test::shared_data("images/heritage/greek_coins_pompeii_brooklyn_museum.png")});
    EXPECT_TRUE(summary.failed.empty()) << summary.failed.front().error;
    std::size_t images = 0;
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets_of(id);
        const Asset& original = f.role(assets, "original");
        if (original.mime.rfind("image/", 0) != 0) continue;  // the COPYRIGHT files
        ++images;
        const cv::Mat decoded = cv::imread((test::shared_data("images/misc_real") / original.name).string());
        if (!decoded.empty()) {
            EXPECT_EQ(size_of(f.tech(original)), std::make_pair(decoded.cols, decoded.rows)) << original.name;
        }
        EXPECT_LE(std::max(f.pixels(f.role(assets, "thumbnail")).cols, f.pixels(f.role(assets, "thumbnail")).rows), 256);
    }
    EXPECT_EQ(images, 20u);
}

TEST(ImageImport, ExifOrientationTurnsEveryDerivative) {
    Fixture f;
    // Stored 400 × 200: red on the left, blue on the right. Orientation 6 means "turn 90° clockwise
    // to display": shown 200 × 400 with red on top.
    test::write_file(f.dir / "in/turned.jpg", test::jpeg_with_orientation(test::detailed_picture(400, 200), 6));
    const auto summary = f.run({f.dir / "in"});
    ASSERT_EQ(summary.imported, 1u);
    const auto assets = f.assets_of(summary.item_ids[0]);
    const auto original = f.tech(f.role(assets, "original"));
    EXPECT_EQ(size_of(original), std::make_pair(200, 400));
    EXPECT_EQ(original["pixel_width"], 400);
    EXPECT_EQ(original["orientation"], 6);
    const cv::Mat thumbnail = f.pixels(f.role(assets, "thumbnail"));
    ASSERT_EQ(std::make_pair(thumbnail.cols, thumbnail.rows), std::make_pair(128, 256));
    const cv::Scalar top = cv::mean(thumbnail(cv::Rect(0, 0, 128, 100)));
    const cv::Scalar bottom = cv::mean(thumbnail(cv::Rect(0, 156, 128, 100)));
    EXPECT_GT(top[2], top[0] + 80) << "top is red (BGR)";
    EXPECT_GT(bottom[0], bottom[2] + 80) << "bottom is blue";
}

TEST(ImageImport, AllEightOrientationsGiveDisplayedSizes) {
    Fixture f;
    for (int orientation = 1; orientation <= 8; ++orientation) {
        test::write_file(f.dir / ("in/o" + std::to_string(orientation) + ".jpg"),
                         test::jpeg_with_orientation(test::detailed_picture(300 + orientation, 100), orientation));
    }
    const auto summary = f.run({f.dir / "in"});
    ASSERT_EQ(summary.imported, 8u);
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets_of(id);
        const auto tech = f.tech(f.role(assets, "original"));
        const int orientation = tech["orientation"];
        const int long_side = 300 + orientation;
        const auto expected = orientation >= 5 ? std::make_pair(100, long_side) : std::make_pair(long_side, 100);
        EXPECT_EQ(size_of(tech), expected) << "orientation " << orientation;
        const cv::Mat preview = f.pixels(f.role(assets, "preview"));
        EXPECT_EQ(std::make_pair(preview.cols, preview.rows), expected) << "orientation " << orientation;
    }
}

TEST(ImageImport, FormatsThroughOpenCV) {
    Fixture f;
    const cv::Mat picture = test::detailed_picture(640, 480);
    cv::Mat sixteen;
    picture.convertTo(sixteen, CV_16UC3, 257.0);
    cv::Mat with_alpha;
    cv::cvtColor(sixteen, with_alpha, cv::COLOR_BGR2BGRA);
    test::write_file(f.dir / "in/eight.png", test::encode(picture, ".png"));
    test::write_file(f.dir / "in/sixteen_alpha.png", test::encode(with_alpha, ".png"));
    test::write_file(f.dir / "in/scan.bmp", test::encode(picture, ".bmp"));
    test::write_file(f.dir / "in/photo.webp", test::encode(picture, ".webp", {cv::IMWRITE_WEBP_QUALITY, 90}));
    test::write_file(f.dir / "in/relic.jp2", test::encode(picture, ".jp2"));
    test::write_file(f.dir / "in/deflate.tif", test::encode(sixteen, ".tif", {cv::IMWRITE_TIFF_COMPRESSION, 8}));
    const std::vector<cv::Mat> pages = {picture, test::detailed_picture(320, 200), picture};
    ASSERT_TRUE(cv::imwrite((f.dir / "in/chronicle.tif").string(), pages, {cv::IMWRITE_TIFF_COMPRESSION, 5}));  // LZW

    const auto summary = f.run({f.dir / "in"});
    EXPECT_TRUE(summary.failed.empty()) << summary.failed.front().error;
    ASSERT_EQ(summary.imported, 7u);
    std::map<std::string, nlohmann::json> by_name;
    std::map<std::string, std::size_t> previews;
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets_of(id);
        const Asset& original = f.role(assets, "original");
        by_name[original.name] = f.tech(original);
        previews[original.name] = std::count_if(assets.begin(), assets.end(), [](const Asset& a) { return a.role == "preview"; });
        EXPECT_EQ(size_of(f.tech(f.role(assets, "thumbnail"))), std::make_pair(256, 192)) << original.name;
    }
    for (const auto& [name, tech] : by_name) EXPECT_EQ(size_of(tech), std::make_pair(640, 480)) << name;
    EXPECT_EQ(by_name["eight.png"]["bit_depth"], 8);
    EXPECT_EQ(by_name["sixteen_alpha.png"]["bit_depth"], 16);
    EXPECT_EQ(by_name["sixteen_alpha.png"]["alpha"], true);
    EXPECT_EQ(by_name["deflate.tif"]["bit_depth"], 16);
    EXPECT_EQ(by_name["chronicle.tif"]["pages"], 3);
    EXPECT_EQ(previews["chronicle.tif"], 3u) << "one preview per page";
    EXPECT_EQ(by_name["relic.jp2"]["format"], "JPEG 2000");
    EXPECT_EQ(by_name["photo.webp"]["format"], "WebP");
    EXPECT_TRUE(f.archive.verify()->ok);
}

TEST(ImageImport, BadFilesFailWithOneLineAndLeaveNothing) {
    Fixture f;
    const std::string good = test::encode(test::detailed_picture(800, 600), ".jpg");
    test::write_file(f.dir / "in/truncated.jpg", good.substr(0, good.size() / 2));
    std::string corrupt = good;
    for (std::size_t i = 700; i < corrupt.size() - 2; i += 7) corrupt[i] = static_cast<char>(0xFF);
    test::write_file(f.dir / "in/corrupt.jpg", corrupt);
    test::write_file(f.dir / "in/empty.jpg", "");
    test::write_file(f.dir / "in/zero.png", test::png_claiming(0, 0));
    test::write_file(f.dir / "in/bomb.png", test::png_claiming(100000, 100000));
    test::write_file(f.dir / "in/letter.jpg", "Dear curator, this is a text file, not a photograph.\n");
    test::write_file(f.dir / "in/header_only.png", test::png_claiming(640, 480));
    const std::string png = test::encode(test::detailed_picture(400, 300), ".png");
    test::write_file(f.dir / "in/truncated.png", png.substr(0, png.size() / 2));
    std::string flipped = png;
    flipped[png.size() / 2] = static_cast<char>(flipped[png.size() / 2] ^ 0x10);
    test::write_file(f.dir / "in/flipped.png", flipped);

    const auto summary = f.run({f.dir / "in"});
    EXPECT_EQ(summary.imported, 0u);
    ASSERT_EQ(summary.failed.size(), 9u);
    std::map<std::string, std::string> errors;
    for (const auto& failure : summary.failed) {
        errors[std::filesystem::path(failure.path).filename()] = failure.error;
        EXPECT_EQ(failure.error.find('\n'), std::string::npos) << failure.error;
        EXPECT_NE(failure.error.find(std::filesystem::path(failure.path).filename().string()), std::string::npos)
            << "names the file: " << failure.error;
    }
    EXPECT_NE(errors["truncated.jpg"].find("Premature end"), std::string::npos) << errors["truncated.jpg"];
    EXPECT_NE(errors["corrupt.jpg"].find("JPEG"), std::string::npos) << errors["corrupt.jpg"];
    EXPECT_NE(errors["empty.jpg"].find("empty"), std::string::npos) << errors["empty.jpg"];
    EXPECT_NE(errors["zero.png"].find("0×0"), std::string::npos) << errors["zero.png"];
    EXPECT_NE(errors["bomb.png"].find("100000×100000"), std::string::npos) << errors["bomb.png"];
    EXPECT_NE(errors["bomb.png"].find("--max-pixels"), std::string::npos) << errors["bomb.png"];
    EXPECT_NE(errors["letter.jpg"].find("not an image"), std::string::npos) << errors["letter.jpg"];
    EXPECT_NE(errors["header_only.png"].find("PNG"), std::string::npos) << errors["header_only.png"];
    // Refused before libpng sees them (its own handler would print to stderr under OpenCV).
    EXPECT_NE(errors["truncated.png"].find("PNG data: truncated: chunk IDAT at byte "), std::string::npos) << errors["truncated.png"];
    EXPECT_NE(errors["flipped.png"].find("PNG data: chunk IDAT at byte "), std::string::npos) << errors["flipped.png"];
    EXPECT_NE(errors["flipped.png"].find("is corrupt (CRC mismatch)"), std::string::npos) << errors["flipped.png"];

    EXPECT_EQ(*f.archive.count_items(), 0u);
    EXPECT_EQ(f.object_files(), 0u) << "no object of a failed import stays in the store";
    EXPECT_TRUE(f.archive.verify()->ok);
}

// The importer keeps OpenCV's complaints on std::cerr for its messages (cerr_capture.hpp); an
// application's own std::cerr output still reaches stderr, before and after an import.
TEST(ImageImport, AnApplicationsOwnCerrStillReachesStderr) {
    Fixture f;
    test::write_file(f.dir / "in/broken.bmp", "BM" + std::string(60, '\x01'));
    auto to_stderr = [&](const std::string& text) {
        const auto file = f.dir / "stderr.txt";
        std::fflush(stderr);
        const int saved = ::dup(2);
        const int out = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out, 2);
        std::cerr << text << std::flush;
        std::fflush(stderr);
        ::dup2(saved, 2);
        ::close(out);
        ::close(saved);
        return test::read_file(file);
    };
    EXPECT_EQ(to_stderr("before\n"), "before\n");
    const auto summary = f.run({f.dir / "in"});
    EXPECT_EQ(summary.failed.size(), 1u);
    EXPECT_EQ(to_stderr("after\n"), "after\n");
}

TEST(ImageImport, UndecodedImageFormatsAreArchivedWithAWarning) {
    Fixture f;
    // A 1 × 1 GIF: OpenCV 4.6 has no GIF decoder.
    test::write_file(f.dir / "in/banner.gif",
                     std::string("GIF89a\x01\0\x01\0\x80\0\0\0\0\0\xff\xff\xff!\xf9\x04\x01\0\0\0\0,\0\0\0\0"
                                 "\x01\0\x01\0\0\x02\x02D\x01\0;", 43));
    const auto summary = f.run({f.dir / "in"});
    ASSERT_EQ(summary.imported, 1u);
    const auto assets = f.assets_of(summary.item_ids[0]);
    ASSERT_EQ(assets.size(), 1u) << "no derivatives";
    ASSERT_EQ(assets[0].warnings.size(), 1u);
    EXPECT_NE(assets[0].warnings[0].find("image/gif is not decoded by this build"), std::string::npos) << assets[0].warnings[0];
}

TEST(ImageImport, PixelLimitIsRaisable) {
    Fixture f;
    test::write_file(f.dir / "in/photo.jpg", test::encode(test::detailed_picture(1000, 800), ".jpg"));
    ImportOptions strict;
    strict.max_pixels = 500'000;
    auto refused = f.run({f.dir / "in"}, strict);
    ASSERT_EQ(refused.failed.size(), 1u);
    EXPECT_NE(refused.failed[0].error.find("over the limit of 0.5 MP"), std::string::npos) << refused.failed[0].error;
    EXPECT_EQ(f.run({f.dir / "in"}).imported, 1u);
}

TEST(ImageImport, QualityWarningsAreStoredOnTheOriginal) {
    Fixture f;
    cv::Mat blurred;
    cv::GaussianBlur(cv::imread(test::shared_data("images/misc_real/leuvenA.jpg").string()), blurred, {0, 0}, 6);
    test::write_file(f.dir / "in/blurred.jpg", test::encode(blurred, ".jpg"));
    test::write_file(f.dir / "in/white.jpg", test::encode(cv::Mat(900, 1200, CV_8UC3, cv::Scalar(255, 255, 255)), ".jpg"));
    test::write_file(f.dir / "in/night.jpg", test::encode(cv::Mat(900, 1200, CV_8UC3, cv::Scalar(0, 0, 0)), ".jpg"));
    test::write_file(f.dir / "in/stamp.jpg", test::encode(test::detailed_picture(120, 90), ".jpg"));
    test::write_file(f.dir / "in/png_named.jpg", test::encode(test::detailed_picture(800, 600), ".png"));
    test::write_file(f.dir / "in/sharp.jpg", test::encode(test::detailed_picture(1200, 900), ".jpg"));
    const auto summary = f.run({f.dir / "in"});
    ASSERT_EQ(summary.imported, 6u);
    std::map<std::string, std::vector<std::string>> warnings;
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets_of(id);
        const Asset& original = f.role(assets, "original");
        warnings[original.name] = original.warnings;
    }
    auto has = [&](const std::string& name, const std::string& text) {
        for (const auto& w : warnings[name]) {
            if (w.find(text) != std::string::npos) return true;
        }
        return false;
    };
    EXPECT_TRUE(has("blurred.jpg", "looks blurred"));
    EXPECT_TRUE(has("white.jpg", "over-exposed"));
    EXPECT_TRUE(has("night.jpg", "under-exposed"));
    EXPECT_TRUE(has("stamp.jpg", "tiny resolution: 120×90"));
    EXPECT_TRUE(has("png_named.jpg", "the extension says image/jpeg but the bytes are image/png"));
    EXPECT_TRUE(warnings["sharp.jpg"].empty()) << warnings["sharp.jpg"].front();
}

TEST(ImageImport, NearDuplicatesAreGrouped) {
    Fixture f;
    const cv::Mat fruits = cv::imread(test::shared_data("images/misc_real/fruits.jpg").string());
    cv::Mat rescanned;
    cv::resize(fruits, rescanned, {}, 0.7, 0.7, cv::INTER_AREA);
    rescanned.convertTo(rescanned, -1, 1.05, 6);  // a little brighter
    test::write_file(f.dir / "in/fruits_rescan.jpg", test::encode(rescanned, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 60}));
    const auto summary = f.run({f.dir / "in", test::shared_data("images/misc_real/fruits.jpg"),
                                test::shared_data("images/misc_real/baboon.jpg"),
                                test::shared_data("images/misc_real/home.jpg")});
    ASSERT_EQ(summary.imported, 4u);
    auto groups = find_near_duplicates(f.archive);
    ASSERT_TRUE(groups) << groups.error().message;
    ASSERT_EQ(groups->size(), 1u);
    ASSERT_EQ((*groups)[0].members.size(), 2u);
    std::set<std::string> names{(*groups)[0].members[0].name, (*groups)[0].members[1].name};
    EXPECT_EQ(names, (std::set<std::string>{"fruits.jpg", "fruits_rescan.jpg"}));
}

}  // namespace
}  // namespace wenyuan
