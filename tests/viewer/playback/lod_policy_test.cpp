// Level-of-detail choice by GPU limits and frame time, and the orbit camera's reset view.
#include <gtest/gtest.h>

#include "kiosk/lod_policy.hpp"
#include "kiosk/orbit_camera.hpp"

namespace wenyuan::kiosk {
namespace {

const std::vector<LodAsset> kLevels = {
    {"full.glb", 2000000, 2048}, {"25.glb", 500000, 2048}, {"5.glb", 100000, 2048}, {"kiosk.glb", 50000, 1024}};

TEST(LodPolicy, ChoosesByTrianglesAndTextureSize) {
    LodBudget budget;  // max_triangles 0: the software budget (60k) until the renderer is known
    EXPECT_EQ(budget.triangle_budget(), LodBudget::kSoftwareTriangles);
    EXPECT_EQ(choose_lod(kLevels, budget), 3u);
    budget.max_triangles = LodBudget::triangles_for(false);  // a GPU: a million
    EXPECT_EQ(choose_lod(kLevels, budget), 1u);
    budget.max_triangles = 100000;
    EXPECT_EQ(choose_lod(kLevels, budget), 2u);
    budget.max_texture_size = 1024;
    EXPECT_EQ(choose_lod(kLevels, budget), 3u);
    budget.max_triangles = 10'000'000;
    budget.max_texture_size = 16384;
    EXPECT_EQ(choose_lod(kLevels, budget), 0u);
    budget.max_triangles = 10;  // nothing fits: the coarsest
    EXPECT_EQ(choose_lod(kLevels, budget), 3u);
}

TEST(LodPolicy, GovernorStepsDownWhenSlowAndNotBackUp) {
    LodBudget budget;
    budget.max_triangles = 10'000'000;
    LodGovernor governor({2000000, 500000, 100000, 50000}, 0, budget);
    const int window = budget.warmup_frames + budget.frames_to_decide;
    std::optional<std::size_t> step;
    int frames = 0;
    for (; frames < window && !step; ++frames) step = governor.on_frame(110);
    ASSERT_TRUE(step);
    EXPECT_EQ(*step, 1u);
    EXPECT_EQ(frames, window);  // the warm-up frames after a level is shown do not count
    for (int i = 0; i < 2 * window; ++i) EXPECT_FALSE(governor.on_frame(20));  // fine: stay
    for (int i = 0; i < 2 * window; ++i) EXPECT_FALSE(governor.on_frame(5));   // fast, but 0 was too slow
    EXPECT_EQ(governor.level(), 1u);
}

TEST(LodPolicy, GovernorKeepsHeadroomBelowTheBudget) {
    LodBudget budget;
    budget.max_triangles = 100000;
    LodGovernor governor({2000000, 500000, 100000, 50000}, 2, budget);
    std::optional<std::size_t> step;
    for (int i = 0; i < budget.warmup_frames + budget.frames_to_decide && !step; ++i) step = governor.on_frame(30);
    ASSERT_TRUE(step);  // 30 ms is inside 33 ms, but not with headroom
    EXPECT_EQ(*step, 3u);
    for (int i = 0; i < 5 * (budget.warmup_frames + budget.frames_to_decide); ++i) step = governor.on_frame(200);
    EXPECT_EQ(governor.level(), 3u);  // nothing coarser: stay
}

TEST(LodPolicy, GovernorNeverStepsDownFromASmallLevel) {
    // A 3,840-triangle model on a busy machine: slow frames are not the mesh's fault, and the
    // baseline images stay the same on every run.
    LodBudget budget;
    LodGovernor governor({3840, 960}, 0, budget);
    for (int i = 0; i < 10 * budget.frames_to_decide; ++i) EXPECT_FALSE(governor.on_frame(90));
    EXPECT_EQ(governor.level(), 0u);
}

TEST(LodPolicy, GovernorWarmupAfterSetLevel) {
    LodBudget budget;
    budget.max_triangles = 10'000'000;
    LodGovernor governor({2000000, 500000, 100000, 50000}, 0, budget);
    governor.set_level(1);
    std::optional<std::size_t> step;
    for (int i = 0; i < budget.warmup_frames; ++i) EXPECT_FALSE(governor.on_frame(1000));  // the upload frame
    for (int i = 0; i < budget.frames_to_decide && !step; ++i) step = governor.on_frame(15);
    EXPECT_FALSE(step);
    EXPECT_EQ(governor.level(), 1u);
}

TEST(LodPolicy, GovernorStepsUpWithinBudget) {
    LodBudget budget;
    budget.max_triangles = 100000;
    LodGovernor governor({2000000, 500000, 100000, 50000}, 3, budget);
    const int window = budget.warmup_frames + budget.frames_to_decide;
    std::optional<std::size_t> step;
    for (int i = 0; i < window && !step; ++i) step = governor.on_frame(4);
    ASSERT_TRUE(step);
    EXPECT_EQ(*step, 2u);
    for (int i = 0; i < 3 * window; ++i) EXPECT_FALSE(governor.on_frame(4));  // 500k is over the budget
}

TEST(OrbitCamera, ResetGivesThePostersView) {
    OrbitCamera camera;
    camera.frame({0, 0, 0}, 1);
    camera.orbit(0.3f, 0.9f);
    camera.zoom(100);
    EXPECT_FLOAT_EQ(camera.elevation_deg(), 85);
    EXPECT_FLOAT_EQ(camera.zoom_level(), 4);
    camera.reset();
    EXPECT_FLOAT_EQ(camera.azimuth_deg(), 35);
    EXPECT_FLOAT_EQ(camera.elevation_deg(), 25);
    const auto eye = camera.eye();
    EXPECT_GT(eye[0], 0);
    EXPECT_GT(eye[1], 0);
    EXPECT_GT(eye[2], eye[0]);  // 35° from +Z towards +X
}

}  // namespace
}  // namespace wenyuan::kiosk
