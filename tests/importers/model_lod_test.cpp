// Levels of detail on generated meshes: budgets, recorded errors, borders and attributes kept.
#include <gtest/gtest.h>

#include "lod.hpp"
#include "model_fixtures.hpp"
#include "model_helpers.hpp"
#include "normalise.hpp"

namespace wenyuan {
namespace {

// An n × n grid in the XY plane with a bumpy height, UVs with a seam down the middle (the two
// halves map to different parts of the texture) and colours.
model::Model grid(int n) {
    model::Model m;
    m.materials.push_back({"grid"});
    model::Primitive p;
    auto vertex = [&](int x, int y, bool right_half) {
        const float fx = float(x) / n, fy = float(y) / n;
        p.positions.insert(p.positions.end(), {fx, fy, 0.02f * std::sin(fx * 19) * std::cos(fy * 13)});
        p.normals.insert(p.normals.end(), {0, 0, 1});
        p.uvs.insert(p.uvs.end(), {right_half ? 0.5f + fx / 2 : fx / 2, fy});
        p.colors.insert(p.colors.end(), {std::uint8_t(255 * fx), std::uint8_t(255 * fy), 40, 255});
    };
    // Vertices of the left half (x ≤ n/2) and, separately, of the right half (x ≥ n/2): a seam.
    std::vector<std::vector<std::uint32_t>> left(n + 1, std::vector<std::uint32_t>(n + 1)), right = left;
    for (int y = 0; y <= n; ++y) {
        for (int x = 0; x <= n; ++x) {
            if (x <= n / 2) left[y][x] = static_cast<std::uint32_t>(p.vertex_count()), vertex(x, y, false);
            if (x >= n / 2) right[y][x] = static_cast<std::uint32_t>(p.vertex_count()), vertex(x, y, true);
        }
    }
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            const auto& v = x < n / 2 ? left : right;
            p.indices.insert(p.indices.end(), {v[y][x], v[y][x + 1], v[y + 1][x + 1], v[y][x], v[y + 1][x + 1], v[y + 1][x]});
        }
    }
    m.primitives.push_back(std::move(p));
    return m;
}

TEST(ModelLod, BudgetsErrorsAndAttributes) {
    model::Model m = grid(300);  // 180,000 triangles
    const auto levels = model::build_lods(m);
    ASSERT_GE(levels.size(), 3u);
    EXPECT_EQ(levels[0].triangles, 180000u);
    EXPECT_EQ(levels[0].target, "full");
    EXPECT_LE(levels.back().triangles, 50000u);
    EXPECT_EQ(levels.back().max_texture, 1024);
    for (std::size_t i = 1; i < levels.size(); ++i) {
        SCOPED_TRACE(levels[i].target);
        EXPECT_LT(levels[i].triangles, levels[i - 1].triangles);
        EXPECT_GE(levels[i].error, levels[i - 1].error);
        EXPECT_LT(levels[i].error, 0.05);  // a bumpy plane simplifies well
        EXPECT_EQ(levels[i].max_texture, i + 1 == levels.size() ? 1024 : 2048);
        for (const model::Primitive& p : levels[i].primitives()) {
            EXPECT_EQ(p.uvs.size(), 2 * p.vertex_count());
            EXPECT_EQ(p.colors.size(), 4 * p.vertex_count());
            for (std::uint32_t index : p.indices) ASSERT_LT(index, p.vertex_count());
        }
        // Locked borders: the outline stays where it was.
        const model::Box a = bounds_of(levels[i].primitives()), b = m.bounds();
        for (int k = 0; k < 2; ++k) {
            EXPECT_FLOAT_EQ(a.min[k], b.min[k]);
            EXPECT_FLOAT_EQ(a.max[k], b.max[k]);
        }
    }
    // The ratio levels are about 25 % and 5 %.
    for (const auto& level : levels) {
        if (level.target == "25%") {
            EXPECT_NEAR(double(level.triangles), 45000, 45000 * 0.2);
        }
        if (level.target == "5%") {
            EXPECT_NEAR(double(level.triangles), 9000, 9000 * 0.2);
        }
    }
}

TEST(ModelLod, SmallModelsKeepOneLevel) {
    model::Model m = grid(8);  // 128 triangles
    const auto levels = model::build_lods(m);
    ASSERT_EQ(levels.size(), 1u);
    EXPECT_EQ(levels[0].triangles, 128u);
    EXPECT_EQ(levels[0].max_texture, 2048);
}

TEST(ModelNormals, CubeStaysFlatAndGridStaysSmooth) {
    model::Primitive cube;
    cube.positions = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1};
    cube.indices = {0, 2, 1, 0, 3, 2, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6, 1, 2, 6, 1, 6, 5, 0, 4, 7, 0, 7, 3};
    model::generate_normals(cube);
    EXPECT_EQ(cube.vertex_count(), 24u);  // each corner of each face has the face's own normal
    for (std::size_t t = 0; t < cube.triangle_count(); ++t) {
        for (int k = 0; k < 3; ++k) {
            const float* n = &cube.normals[3 * cube.indices[3 * t + k]];
            EXPECT_FLOAT_EQ(std::abs(n[0]) + std::abs(n[1]) + std::abs(n[2]), 1.0f);  // axis-aligned unit
        }
    }
    model::Model flat = grid(20);
    model::Primitive& p = flat.primitives[0];
    const std::size_t before = p.vertex_count();
    p.normals.assign(p.normals.size(), 0.0f);
    model::generate_normals(p);
    EXPECT_EQ(p.vertex_count(), before);  // a gently bumpy surface needs no split vertices
    for (std::size_t v = 0; v < p.vertex_count(); ++v) EXPECT_GT(p.normals[3 * v + 2], 0.9f);
}

TEST(ModelLod, WeldMergesSplitVertices) {
    model::Primitive p;
    // Two triangles of a quad, each with its own three vertices (as Assimp gives OBJ faces).
    p.positions = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0};
    p.normals.assign(18, 0);
    p.indices = {0, 1, 2, 3, 4, 5};
    model::weld(p);
    EXPECT_EQ(p.vertex_count(), 4u);
    EXPECT_EQ(p.normals.size(), 12u);
    EXPECT_EQ(p.indices, (std::vector<std::uint32_t>{0, 1, 2, 0, 2, 3}));
}

}  // namespace
}  // namespace wenyuan
