// The poster renderer against a baseline image. The baseline is our own output for a model our
// own code generates (tests/baselines/model_poster_scan.png, 256 × 256). A missing baseline is
// written and the test fails, as F3D's render tests do.
//
// Threshold: the mean absolute difference over all channels is at most 2.0 (of 255), and at
// most 0.5 % of pixels differ by more than 48 in some channel. Mesa versions may move edges by a
// pixel; a different framing, lighting or colour handling moves far more.
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include "assimp_load.hpp"
#include "isolate.hpp"
#include "model_fixtures.hpp"
#include "model_helpers.hpp"
#include "normalise.hpp"
#include "poster.hpp"

namespace wenyuan {
namespace {

const std::filesystem::path kBaseline = std::filesystem::path(WENYUAN_SOURCE_DIR) / "tests/baselines/model_poster_scan.png";

// Renders in an isolated child, as the importer does: Mesa's llvmpipe keeps threads and locks
// that a later fork() of this test process would inherit half-initialised.
model::Image render_scan(const std::filesystem::path& folder) {
    test::write_scan_ply(folder / "scan.ply", 96, 64);
    model::IsolationLimits limits;
    limits.timeout = std::chrono::seconds(60);
    auto bytes = model::run_isolated(
        [&]() -> Result<std::string> {
            auto loaded = model::load_with_assimp(folder / "scan.ply");
            if (!loaded) return fail(std::move(loaded).error());
            model::normalise(*loaded);
            auto image = model::render_poster(loaded->primitives, loaded->materials, {}, {256, 2});
            if (!image) return fail(std::move(image).error());
            return std::string(image->pixels.begin(), image->pixels.end());
        },
        limits);
    EXPECT_TRUE(bytes) << bytes.error().message;
    if (!bytes || bytes->size() != 256u * 256 * 3) return {};
    return model::Image{256, 256, 3, std::vector<std::uint8_t>(bytes->begin(), bytes->end())};
}

TEST(ModelPoster, MatchesTheBaseline) {
    test::TempDir dir;
    const model::Image image = render_scan(dir.path());
    ASSERT_EQ(image.width, 256);
    ASSERT_EQ(image.height, 256);
    ASSERT_EQ(image.channels, 3);
    if (!std::filesystem::exists(kBaseline)) {
        std::filesystem::create_directories(kBaseline.parent_path());
        stbi_write_png(kBaseline.c_str(), image.width, image.height, 3, image.pixels.data(), image.width * 3);
        FAIL() << "no baseline; wrote " << kBaseline << ": check it by eye and commit it";
    }
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> baseline(stbi_load(kBaseline.c_str(), &width, &height, &channels, 3), stbi_image_free);
    ASSERT_TRUE(baseline);
    ASSERT_EQ(width, 256);
    ASSERT_EQ(height, 256);
    double sum = 0;
    std::size_t far = 0;
    for (std::size_t i = 0; i < image.pixels.size(); i += 3) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int d = std::abs(int(image.pixels[i + c]) - int(baseline.get()[i + c]));
            sum += d;
            worst = std::max(worst, d);
        }
        far += worst > 48;
    }
    const double mean = sum / double(image.pixels.size());
    const double far_share = double(far) / (256.0 * 256.0);
    EXPECT_LE(mean, 2.0);
    EXPECT_LE(far_share, 0.005);
    if (mean > 2.0 || far_share > 0.005) {
        const auto actual = std::filesystem::path(WENYUAN_BINARY_DIR) / "model_poster_scan.actual.png";
        stbi_write_png(actual.c_str(), image.width, image.height, 3, image.pixels.data(), image.width * 3);
        ADD_FAILURE() << "the render differs from the baseline; it is in " << actual;
    }
}

TEST(ModelPoster, SameInputSamePixelsAndCentredFraming) {
    test::TempDir dir;
    const model::Image a = render_scan(dir.path());
    const model::Image b = render_scan(dir.path());
    ASSERT_EQ(a.pixels.size(), 256u * 256 * 3);
    EXPECT_EQ(a.pixels, b.pixels);
    // The model's pixels (not the light grey background) sit in the middle of the picture.
    int min_x = 256, max_x = -1, min_y = 256, max_y = -1;
    for (int y = 0; y < 256; ++y) {
        for (int x = 0; x < 256; ++x) {
            const std::uint8_t* p = &a.pixels[(std::size_t(y) * 256 + x) * 3];
            if (std::abs(p[0] - 235) + std::abs(p[1] - 235) + std::abs(p[2] - 230) < 12) continue;
            min_x = std::min(min_x, x), max_x = std::max(max_x, x), min_y = std::min(min_y, y), max_y = std::max(max_y, y);
        }
    }
    ASSERT_GE(max_x, 0);
    EXPECT_NEAR((min_x + max_x) / 2.0, 127.5, 12);
    EXPECT_NEAR((min_y + max_y) / 2.0, 127.5, 12);
    EXPECT_GT(max_x - min_x, 128);  // the model fills the frame
}

}  // namespace
}  // namespace wenyuan
