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

/// Runs the kiosk; returns the screenshot's path (empty on failure, with the reason added).
fs::path render(const test::TempDir& dir, const std::string& name, const std::string& script,
                std::vector<std::string> extra = {}, int frames = 20) {
    const fs::path out = dir / (name + ".png");
    const fs::path script_file = dir / (name + ".txt");
    test::write_file(script_file, script);
    std::vector<std::string> argv;
    if (!std::getenv("DISPLAY")) argv = {"xvfb-run", "-a", "-s", "-screen 0 1280x800x24"};
    for (const std::string& a : {test::binary("wenyuan-kiosk").string(), std::string(KIOSK_ARCHIVE), std::string("--screenshot"),
                                 out.string(), std::string("--size"), std::string("1280x800"), std::string("--frames"),
                                 std::to_string(frames), std::string("--script"), script_file.string(),
                                 std::string("--config"), (dir / "kiosk.conf").string()})
        argv.push_back(a);
    argv.insert(argv.end(), extra.begin(), extra.end());
    const auto result = test::run(argv, {"LIBGL_ALWAYS_SOFTWARE=1"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
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

// The screens under test: the script that reaches each screen at 1280 × 800, and options.
TEST(KioskRender, Home) { check("home", "wait 5\n"); }

}  // namespace
}  // namespace wenyuan::kiosk
