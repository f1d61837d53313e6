// GL tests in one process (one context), run under xvfb-run on Mesa llvmpipe: ModelView renders
// a generated GLB centred on the background, into a viewport of the framebuffer only; textures
// show; hostile files give errors; levels of detail step down on slow frames; MediaPlayer
// uploads its pictures to a texture.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "gl_window.hpp"
#include "glb_fixtures.hpp"
#include "kiosk/media_player.hpp"
#include "kiosk/model_view.hpp"
#include "media_clips.hpp"

namespace wenyuan::kiosk {
namespace {

using namespace std::chrono_literals;
constexpr int kW = 320, kH = 240;

test::GlWindow& window() {
    static test::GlWindow w(kW, kH);
    return w;
}

class Gl : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(window().ok()) << window().why();
        window().clear(0.0f, 0.0f, 1.0f);
    }
};

// Updates until the view leaves State::loading (or 20 s pass).
void wait_loaded(ModelView& view) {
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < until) {
        view.update();
        if (view.state() != ModelView::State::loading) return;
        std::this_thread::sleep_for(5ms);
    }
}

bool near(std::array<int, 3> px, std::array<int, 3> want, int tolerance = 3) {
    for (int c = 0; c < 3; ++c) {
        if (std::abs(px[c] - want[c]) > tolerance) return false;
    }
    return true;
}

const std::array<int, 3> kBackground{0xF4, 0xF1, 0xEA};

// Under WENYUAN_TEST_GL=3.0 every view uses the GLSL 1.30 shaders.
ModelView::Options view_options() {
    ModelView::Options options;
    if (test::GlWindow::gl30()) options.max_glsl_version = 130;
    return options;
}

TEST_F(Gl, RendersAGeneratedGlbCentredOnTheBackground) {
    test::TempDir dir;
    test::write_sphere_glb(dir / "球.glb", {});
    ModelView view(view_options());
    view.load_file(dir / "球.glb");
    wait_loaded(view);
    ASSERT_EQ(view.state(), ModelView::State::ready) << view.error();
    std::printf("GL: %s (%s)\n", view.gl_info().c_str(), window().renderer().c_str());
    EXPECT_EQ(view.gl_info().rfind(test::GlWindow::gl30() ? "GLSL 130" : "GLSL 330", 0), 0u) << view.gl_info();
    view.draw({0, 0, kW, kH});
    window().finish();
    const auto px = window().pixels();
    const auto centre = test::GlWindow::at(px, kW, kW / 2, kH / 2);
    EXPECT_GT(centre[0], centre[1] + 40) << "the sphere's red glaze at the centre";
    EXPECT_GT(centre[0], 60);
    for (auto [x, y] : {std::pair{2, 2}, {kW - 3, 2}, {2, kH - 3}, {kW - 3, kH - 3}}) {
        EXPECT_TRUE(near(test::GlWindow::at(px, kW, x, y), kBackground)) << x << "," << y;
    }
    // Lit from the upper left: the upper-left of the sphere is brighter than the lower right.
    const auto upper_left = test::GlWindow::at(px, kW, kW / 2 - 25, kH / 2 + 25);
    const auto lower_right = test::GlWindow::at(px, kW, kW / 2 + 25, kH / 2 - 25);
    EXPECT_GT(upper_left[0], lower_right[0]);
    // Object extent: the sphere fills a good part of the height and is symmetric about the centre.
    int top = -1, bottom = -1;
    for (int y = 0; y < kH; ++y) {
        if (!near(test::GlWindow::at(px, kW, kW / 2, y), kBackground, 6)) {
            if (bottom < 0) bottom = y;
            top = y;
        }
    }
    EXPECT_GT(top - bottom, kH / 2);
    EXPECT_NEAR((top + bottom) / 2.0, kH / 2.0, 4);
}

TEST_F(Gl, DrawsOnlyIntoItsViewportAndRestoresState) {
    test::TempDir dir;
    test::write_sphere_glb(dir / "a.glb", {});
    ModelView view(view_options());
    view.load_file(dir / "a.glb");
    wait_loaded(view);
    ASSERT_EQ(view.state(), ModelView::State::ready) << view.error();
    view.draw({kW / 2, 0, kW / 2, kH});
    GLint viewport[4];
    glGetIntegerv(GL_VIEWPORT, viewport);
    EXPECT_EQ(viewport[2], kW);
    EXPECT_FALSE(glIsEnabled(GL_SCISSOR_TEST));
    EXPECT_FALSE(glIsEnabled(GL_DEPTH_TEST));
    const auto px = window().pixels();
    EXPECT_TRUE(near(test::GlWindow::at(px, kW, 10, kH / 2), {0, 0, 255})) << "left half untouched";
    const auto centre = test::GlWindow::at(px, kW, kW * 3 / 4, kH / 2);
    EXPECT_GT(centre[0], centre[2] + 30);
    // Orbit and zoom change the picture; reset brings the first one back.
    view.draw({0, 0, kW, kH});
    const auto before = window().pixels();
    view.camera().zoom(2.0f);
    view.camera().orbit(0.25f, 0.1f);
    view.draw({0, 0, kW, kH});
    EXPECT_NE(window().pixels(), before);
    view.camera().reset();
    view.draw({0, 0, kW, kH});
    EXPECT_EQ(window().pixels(), before);
}

TEST_F(Gl, TexturesShow) {
    test::TempDir dir;
    test::SphereSpec spec;
    spec.colour = {1, 1, 1, 1};
    spec.checker_texture = 128;
    test::write_sphere_glb(dir / "tex.glb", spec);
    ModelView view(view_options());
    view.load_file(dir / "tex.glb");
    wait_loaded(view);
    ASSERT_EQ(view.state(), ModelView::State::ready) << view.error();
    EXPECT_EQ(view.warning(), "");
    view.draw({0, 0, kW, kH});
    const auto px = window().pixels();
    int dark = 0, light = 0;
    for (int y = kH / 2 - 30; y < kH / 2 + 30; ++y) {
        for (int x = kW / 2 - 30; x < kW / 2 + 30; ++x) {
            const int v = test::GlWindow::at(px, kW, x, y)[1];
            dark += v < 60;
            light += v > 150;
        }
    }
    EXPECT_GT(dark, 200);
    EXPECT_GT(light, 200);
}

TEST_F(Gl, HostileOrMissingFilesGiveAnError) {
    test::TempDir dir;
    std::string glb = test::sphere_glb({});
    glb.resize(glb.size() / 2);
    test::write_file(dir / "坏.glb", glb);
    for (const char* name : {"坏.glb", "missing.glb"}) {
        ModelView view(view_options());
        view.load_file(dir / name);
        wait_loaded(view);
        EXPECT_EQ(view.state(), ModelView::State::error) << name;
        EXPECT_NE(view.error().find(name), std::string::npos) << view.error();
        view.draw({0, 0, kW, kH});  // draws the background, nothing else
        EXPECT_TRUE(near(test::GlWindow::at(window().pixels(), kW, kW / 2, kH / 2), kBackground));
    }
}

TEST_F(Gl, LevelOfDetailByBudgetThenFrameTime) {
    test::TempDir dir;
    std::vector<LodAsset> levels;
    for (int segments : {16, 64, 128}) {  // 480, 1920 (+poles) … triangles
        test::SphereSpec spec;
        spec.segments = segments;
        spec.rings = segments / 2;
        const auto file = dir / ("lod" + std::to_string(segments) + ".glb");
        levels.push_back({file, test::write_sphere_glb(file, spec), 2048});
    }
    ModelView::Options options = view_options();
    options.budget.max_triangles = levels[1].triangles;  // the middle level fits
    options.budget.frames_to_decide = 5;
    options.budget.warmup_frames = 0;
    options.budget.min_triangles_to_step_down = 0;  // these spheres are small
    ModelView view(options);
    view.load(levels);
    wait_loaded(view);
    ASSERT_EQ(view.state(), ModelView::State::ready) << view.error();
    EXPECT_EQ(view.current_level(), 1);  // sorted most detailed first: 128, 64, 16
    EXPECT_EQ(view.triangles(), levels[1].triangles);
    for (int i = 0; i < 5; ++i) view.draw({0, 0, kW, kH}, 80.0);  // slow frames
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (view.current_level() == 1 && std::chrono::steady_clock::now() < until) {
        view.update();
        std::this_thread::sleep_for(5ms);
    }
    EXPECT_EQ(view.current_level(), 2);
    EXPECT_EQ(view.triangles(), levels[0].triangles);
    for (int i = 0; i < 5; ++i) view.draw({0, 0, kW, kH}, 2.0);  // fast, but level 1 was too slow
    view.update();
    EXPECT_EQ(view.current_level(), 2);
    // A broken level falls back to the next coarser one, with a warning naming the file.
    test::write_file(levels[1].file, "not a glb");
    ModelView fallback(options);
    fallback.load(levels);
    wait_loaded(fallback);
    for (int i = 0; i < 400 && fallback.state() != ModelView::State::ready; ++i) {
        fallback.update();
        std::this_thread::sleep_for(5ms);
    }
    EXPECT_EQ(fallback.state(), ModelView::State::ready) << fallback.error();
    EXPECT_EQ(fallback.current_level(), 2);
    EXPECT_NE(fallback.warning().find("lod64.glb"), std::string::npos) << fallback.warning();
}

TEST_F(Gl, MediaPlayerUploadsPicturesToATexture) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "clip.mp4", 1);
    MediaPlayer::Options options;
    options.audio_device = false;
    MediaPlayer player(options);
    player.open(clip);
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (player.picture_pending() && player.state() != MediaPlayer::State::error &&
           std::chrono::steady_clock::now() < until) {
        player.update();
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_NE(player.texture(), 0u) << player.error();
    EXPECT_DOUBLE_EQ(player.picture_time(), 0.0);
    GLint width = 0, height = 0;
    glBindTexture(GL_TEXTURE_2D, player.texture());
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &width);
    glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, &height);
    EXPECT_EQ(width, 160);
    EXPECT_EQ(height, 120);
    std::vector<std::uint8_t> texels(std::size_t(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
    glBindTexture(GL_TEXTURE_2D, 0);
    // testsrc: colour bars, so the picture has many distinct colours, fully opaque.
    int colourful = 0;
    for (std::size_t i = 0; i < texels.size(); i += 4) {
        colourful += std::abs(texels[i] - texels[i + 1]) > 60;
        ASSERT_EQ(texels[i + 3], 255);
    }
    EXPECT_GT(colourful, width * height / 10);
}

}  // namespace
}  // namespace wenyuan::kiosk
