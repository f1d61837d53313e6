// Fins that the simplifier leaves on a closed surface are removed; real parts of a model are not.
// The surface is an octahedron (wound counter-clockwise seen from outside); the fins hang on its
// edge from +x to +y.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "fins.hpp"

namespace wenyuan {
namespace {

enum : std::uint32_t { px, nx, py, ny, pz, nz };  // the octahedron's corners

struct Mesh {
    std::vector<float> positions{1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1};
    std::vector<std::uint32_t> indices{px, py, pz, px, pz, ny, px, ny, nz, px, nz, py,
                                       nx, pz, py, nx, ny, pz, nx, nz, ny, nx, py, nz};

    std::uint32_t add(float x, float y, float z) {
        positions.insert(positions.end(), {x, y, z});
        return std::uint32_t(positions.size() / 3 - 1);
    }
    void add(std::initializer_list<std::uint32_t> triangles) { indices.insert(indices.end(), triangles); }
};

const std::vector<std::uint32_t> kOctahedron = Mesh().indices;

TEST(ModelFins, CoincidentPairOnAnEdgeIsRemoved) {
    // What collapsing an edge next to a vertex of valence three leaves: two coincident triangles
    // of opposite winding whose apex nothing else uses.
    Mesh m;
    const std::uint32_t apex = m.add(0.9f, 0.9f, 0.1f);
    m.add({apex, px, py, apex, py, px});
    EXPECT_EQ(model::remove_fins(m.indices, kOctahedron, m.positions), 2u);
    EXPECT_EQ(m.indices, kOctahedron);  // the rest in its order
}

TEST(ModelFins, FlatPocketOfFourIsRemoved) {
    // A folded quad (both sides, four triangles) hanging on the edge: closed, encloses nothing.
    Mesh m;
    const std::uint32_t a = m.add(1.5f, 0.5f, 0), b = m.add(0.5f, 1.5f, 0);
    m.add({px, py, b, px, b, a, py, px, a, py, a, b});
    EXPECT_EQ(model::remove_fins(m.indices, kOctahedron, m.positions), 4u);
    EXPECT_EQ(m.indices, kOctahedron);
}

// Removes nothing from `m` (simplified from `source`).
void expect_kept(Mesh m, const std::vector<std::uint32_t>& source = kOctahedron) {
    const auto before = m.indices;
    EXPECT_EQ(model::remove_fins(m.indices, source, m.positions), 0u);
    EXPECT_EQ(m.indices, before);
}

TEST(ModelFins, KnobWithVolumeStays) {
    // A tetrahedron joined at the edge, as a feature the simplifier pinched off would be.
    Mesh m;
    const std::uint32_t c = m.add(1, 1, 0.5f), d = m.add(1, 1, -0.5f);
    m.add({px, py, c, px, c, d, px, d, py, py, d, c});
    expect_kept(m);
}

TEST(ModelFins, PairAlreadyInTheSourceStays) {
    // The model's own two-sided leaf.
    Mesh m;
    const std::uint32_t apex = m.add(0.9f, 0.9f, 0.1f);
    m.add({apex, px, py, apex, py, px});
    expect_kept(m, m.indices);
}

TEST(ModelFins, PairThroughTheInsideStays) {
    // From +x to −x: every corner is the surface's, so it does not hang off it.
    Mesh m;
    m.add({nx, px, py, nx, py, px});
    expect_kept(m);
}

TEST(ModelFins, OpenFlapStays) {
    // One side only: removing it would change what is seen.
    Mesh m;
    const std::uint32_t apex = m.add(0.9f, 0.9f, 0.1f);
    m.add({apex, px, py});
    expect_kept(m);
}

TEST(ModelFins, SplitVerticesAreOneCorner) {
    // The fin's corners are copies of the surface's (a UV or colour seam): still found by position.
    Mesh m;
    const std::uint32_t apex = m.add(0.9f, 0.9f, 0.1f), x = m.add(1, 0, 0), y = m.add(0, 1, 0);
    m.add({apex, x, py, apex, y, x});
    EXPECT_EQ(model::remove_fins(m.indices, kOctahedron, m.positions), 2u);
    EXPECT_EQ(m.indices, kOctahedron);
}

}  // namespace
}  // namespace wenyuan
