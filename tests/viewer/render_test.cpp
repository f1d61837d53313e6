// Rendered kiosk screens against baselines, as F3D's render tests: wenyuan-kiosk renders the test
// archive at 1280 × 800 (scripted taps, fixed 1/60 s frames, no imgui.ini) under Mesa llvmpipe,
// on the display the test runs in or, when there is none, under `xvfb-run`. The PNG is compared
// with tests/baselines/kiosk_<name>.png. A missing baseline is written and the test fails.
//
// Threshold: the mean absolute difference over all channels is at most 2.0 (of 255), and at
// most 0.5 % of pixels differ by more than 48 in some channel. Font rasterisation and Mesa may
// move edges by a pixel; a moved card, a missing glyph (a box) or a wrong colour moves far more.
#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "test_support.hpp"

namespace wenyuan::kiosk {
namespace {

namespace fs = std::filesystem;

const fs::path kBaselines = fs::path(WENYUAN_SOURCE_DIR) / "tests/baselines";

struct Image {
    int width = 0, height = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> pixels{nullptr, stbi_image_free};
};

Image load_png(const fs::path& file) {
    Image image;
    int channels = 0;
    image.pixels.reset(stbi_load(file.c_str(), &image.width, &image.height, &channels, 3));
    return image;
}

/// Runs the kiosk on `archive`; returns the screenshot's path (empty on failure, with the reason
/// added) and, in `err`, what it logged.
fs::path render(const test::TempDir& dir, const std::string& name, const std::string& script,
                std::vector<std::string> extra = {}, int frames = 20, const std::string& archive = KIOSK_ARCHIVE,
                std::string* err = nullptr) {
    const fs::path out = dir / (name + ".png");
    const fs::path script_file = dir / (name + ".txt");
    test::write_file(script_file, script);
    std::vector<std::string> argv;
    if (!std::getenv("DISPLAY")) argv = {"xvfb-run", "-a", "-s", "-screen 0 1280x800x24"};
    for (const std::string& a : {test::binary("wenyuan-kiosk").string(), archive, std::string("--screenshot"),
                                 out.string(), std::string("--size"), std::string("1280x800"), std::string("--frames"),
                                 std::to_string(frames), std::string("--script"), script_file.string(),
                                 std::string("--config"), (dir / "kiosk.conf").string()})
        argv.push_back(a);
    argv.insert(argv.end(), extra.begin(), extra.end());
    const auto result = test::run(argv, {"LIBGL_ALWAYS_SOFTWARE=1"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (err) *err = result.err;
    if (result.exit_code != 0 || !fs::exists(out)) return {};
    return out;
}

void compare_with_baseline(const fs::path& actual, const std::string& name) {
    ASSERT_FALSE(actual.empty());
    const fs::path baseline = kBaselines / ("kiosk_" + name + ".png");
    if (!fs::exists(baseline)) {
        fs::create_directories(kBaselines);
        fs::copy_file(actual, baseline);
        FAIL() << "no baseline; wrote " << baseline << ": check it by eye and commit it";
    }
    const Image a = load_png(actual), b = load_png(baseline);
    ASSERT_TRUE(a.pixels && b.pixels);
    ASSERT_EQ(a.width, b.width);
    ASSERT_EQ(a.height, b.height);
    const std::size_t count = std::size_t(a.width) * a.height;
    double sum = 0;
    std::size_t far = 0;
    for (std::size_t i = 0; i < count * 3; i += 3) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int d = std::abs(int(a.pixels.get()[i + c]) - int(b.pixels.get()[i + c]));
            sum += d;
            worst = std::max(worst, d);
        }
        far += worst > 48;
    }
    const double mean = sum / double(count * 3);
    const double far_share = double(far) / double(count);
    EXPECT_LE(mean, 2.0) << name;
    EXPECT_LE(far_share, 0.005) << name;
    if (mean > 2.0 || far_share > 0.005) {
        const fs::path kept = fs::path(WENYUAN_BINARY_DIR) / ("kiosk_" + name + ".actual.png");
        fs::copy_file(actual, kept, fs::copy_options::overwrite_existing);
        ADD_FAILURE() << "the render differs from the baseline (mean " << mean << ", far " << far_share << "); it is in " << kept;
    }
}

void check(const std::string& name, const std::string& script, std::vector<std::string> extra = {}, int frames = 20) {
    test::TempDir dir;
    compare_with_baseline(render(dir, name, script, std::move(extra), frames), name);
}

// The screens under test, reached by taps at 1280 × 800 (layout: docs/kiosk.md). Home shows the
// two exhibitions side by side: 村史馆 (cards centred at 338, 400) and 老厂记忆 (942, 400). On an
// exhibition screen the first row's cards are centred at x = 172, 406, 640, y = 483; the second
// row starts at y = 678. The search keyboard's keys: t (580, 544), o (1058, 544), g (640, 613),
// n (879, 682).
const std::string kOpenVillage = "tap 338 400\nwait 2\n";
const std::string kOpenFactory = "tap 942 400\nwait 2\n";

TEST(KioskRender, Home) { check("home", "wait 5\n"); }

TEST(KioskRender, Exhibition) { check("exhibition", kOpenVillage + "wait 5\n"); }

TEST(KioskRender, ImageExhibitZoomedWithTiles) {
    // The 6000 × 4000 village map: + three times (zoom 4.1), then a drag to the right edge.
    check("image_zoomed", kOpenVillage + "tap 172 740\nwait 3\ntap 788 575\ntap 788 575\ntap 788 575\nwait 2\n"
                          "drag 500 400 200 300 10\nwait 5\n");
}

TEST(KioskRender, ModelExhibit) { check("model", kOpenFactory + "tap 406 483\nwait 10\n", {}, 30); }

// The clip's exhibit starts at its segment 2 (0:02); its chapters are chips under the player.
TEST(KioskRender, VideoExhibitWithCaptions) { check("video", kOpenFactory + "tap 640 483\nwait 10\n", {}, 30); }

// A tap on the first chapter chip (0:00 开机讲解, at 120, 740) seeks there.
TEST(KioskRender, VideoChapterTapSeeks) {
    check("video_chapter", kOpenFactory + "tap 640 483\nwait 10\ntap 120 740\nwait 10\n", {}, 30);
}

TEST(KioskRender, SearchWithChineseResults) {
    check("search", "tap 640 735\nwait 2\ntap 580 544\ntap 1058 544\ntap 879 682\ntap 640 613\nwait 5\n");
}

TEST(KioskRender, ElderMode) { check("elder", kOpenVillage + "tap 172 483\nwait 5\n", {"--elder"}); }

TEST(KioskRender, ElderHome) { check("elder_home", "wait 5\n", {"--elder"}); }

TEST(KioskRender, AttractLoop) { check("attract", "wait 5\n", {"--attract"}, 200); }

TEST(KioskRender, Tour) { check("tour", kOpenVillage + "tap 160 245\nwait 3\ntap 1130 740\nwait 5\n"); }

TEST(KioskRender, IdleReturnsToTheAttractLoop) {
    // --idle 5: after 5 s (300 frames at the fixed 1/60 s) without a touch, the exhibit page
    // gives way to the attract loop.
    check("idle_attract", kOpenVillage + "tap 172 483\nwait 330\n", {"--idle", "5"}, 20);
}

TEST(KioskRender, AMissingImageIsAPlaceholderNotACrash) {
    test::TempDir dir;
    fs::copy(KIOSK_ARCHIVE, dir / "a", fs::copy_options::recursive);
    // Damage every JPEG (previews, thumbnails, tiles): the kiosk must still draw every screen.
    for (const auto& entry : fs::recursive_directory_iterator(dir / "a/objects")) {
        if (!entry.is_regular_file()) continue;
        const std::string bytes = test::read_file(entry.path());
        if (bytes.size() > 4 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8) {
            fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
            test::write_file(entry.path(), bytes.substr(0, 100));  // every JPEG cut off inside its header
        }
    }
    std::string err;
    const fs::path out = render(dir, "damaged", kOpenVillage + "tap 172 483\nwait 5\n", {}, 20, (dir / "a").string(), &err);
    ASSERT_FALSE(out.empty());
    EXPECT_NE(err.find("placeholder"), std::string::npos) << err;  // and a log line per object
    compare_with_baseline(out, "damaged");
}

}  // namespace
}  // namespace wenyuan::kiosk
