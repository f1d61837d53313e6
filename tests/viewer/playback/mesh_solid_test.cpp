// Which faces of a mesh the renderer may cull: only those of closed, consistently wound meshes.
#include <gtest/gtest.h>

#include <cmath>

#include "glb_mesh.hpp"
#include "mesh_solid.hpp"

namespace wenyuan::kiosk {
namespace {

// A unit cube as an importer writes it: four vertices per face (normals split the corners),
// two counter-clockwise triangles per face seen from outside; `parts` materials share the faces.
MeshData cube(int parts = 1) {
    static const float corner[8][3] = {{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 1}, {1, 1, 1}, {0, 1, 1}};
    static const int face[6][4] = {{0, 3, 2, 1}, {4, 5, 6, 7}, {0, 1, 5, 4}, {2, 3, 7, 6}, {1, 2, 6, 5}, {0, 4, 7, 3}};
    MeshData mesh;
    mesh.parts.resize(std::size_t(parts));
    for (int f = 0; f < 6; ++f) {
        MeshPart& part = mesh.parts[std::size_t(f % parts)];
        const auto base = std::uint32_t(part.vertices.size());
        for (int k = 0; k < 4; ++k) {
            MeshVertex v{};
            for (int c = 0; c < 3; ++c) v.position[c] = corner[face[f][k]][c];
            part.vertices.push_back(v);
        }
        for (std::uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) part.indices.push_back(base + i);
    }
    mesh.min = {0, 0, 0};
    mesh.max = {1, 1, 1};
    mesh.triangles = 12;
    return mesh;
}

// A sphere of rings × segments vertices, its rows never at the poles (as the importer tests'
// generated scan): two holes at the poles, `hole_rows` rows of triangles left out at the top.
MeshData sphere(int rings, int segments, int hole_rows = 0) {
    MeshData mesh;
    MeshPart& part = mesh.parts.emplace_back();
    for (int r = 0; r < rings; ++r) {
        const double theta = M_PI * (r + 0.5) / rings;
        for (int s = 0; s < segments; ++s) {
            const double phi = 2 * M_PI * s / segments;
            MeshVertex v{};
            v.position[0] = float(std::sin(theta) * std::cos(phi));
            v.position[1] = float(std::cos(theta));
            v.position[2] = float(std::sin(theta) * std::sin(phi));
            part.vertices.push_back(v);
        }
    }
    for (int r = hole_rows; r + 1 < rings; ++r) {
        for (int s = 0; s < segments; ++s) {
            const std::uint32_t a = r * segments + s, b = r * segments + (s + 1) % segments, c = a + segments, d = b + segments;
            for (std::uint32_t i : {a, b, c, b, d, c}) part.indices.push_back(i);
        }
    }
    mesh.min = {-1, -1, -1};
    mesh.max = {1, 1, 1};
    mesh.triangles = part.indices.size() / 3;
    return mesh;
}

TEST(MeshSolid, ClosedOutwardMeshCullsBackFaces) {
    EXPECT_EQ(solid_face_cull(cube()), FaceCull::back);
    EXPECT_EQ(solid_face_cull(cube(3)), FaceCull::back);  // welded across materials
}

TEST(MeshSolid, PinholesAreNoWayIn) {
    // Holes at the poles a 200th of the radius across, as in a scan: nothing to look in through.
    EXPECT_EQ(solid_face_cull(sphere(300, 200)), FaceCull::back);
    // An open top like a bowl's (here 30° wide): the inside shows, so both sides are drawn.
    EXPECT_EQ(solid_face_cull(sphere(300, 200, 50)), FaceCull::none);
}

TEST(MeshSolid, InsideOutMeshCullsFrontFaces) {
    MeshData mesh = cube();
    for (std::size_t i = 0; i < mesh.parts[0].indices.size(); i += 3) std::swap(mesh.parts[0].indices[i], mesh.parts[0].indices[i + 1]);
    EXPECT_EQ(solid_face_cull(mesh), FaceCull::front);
}

TEST(MeshSolid, OpenFlippedBlendedOrTooLargeMeshesAreDrawnTwoSided) {
    MeshData open = cube();
    open.parts[0].indices.resize(open.parts[0].indices.size() - 3);
    open.triangles = 11;
    EXPECT_EQ(solid_face_cull(open), FaceCull::none);
    MeshData flipped = cube();
    std::swap(flipped.parts[0].indices[0], flipped.parts[0].indices[1]);
    EXPECT_EQ(solid_face_cull(flipped), FaceCull::none);
    MeshData blended = cube(2);
    blended.parts[1].blend = true;
    EXPECT_EQ(solid_face_cull(blended), FaceCull::none);
    EXPECT_EQ(solid_face_cull(cube(), 11), FaceCull::none);
    MeshData sheet;  // a square and its back, wound the other way: closed, but no inside
    MeshPart& part = sheet.parts.emplace_back();
    for (auto [x, y] : {std::pair{0.f, 0.f}, {1.f, 0.f}, {1.f, 1.f}, {0.f, 1.f}}) part.vertices.push_back({{x, y, 0}, {}, {}, {}});
    part.indices = {0, 1, 2, 0, 2, 3, 1, 0, 3, 1, 3, 2};  // the back split along the other diagonal
    sheet.max = {1, 1, 0};
    sheet.triangles = 4;
    EXPECT_EQ(solid_face_cull(sheet), FaceCull::none);
    MeshData nan = cube();
    nan.parts[0].vertices[5].position[1] = std::nanf("");
    EXPECT_EQ(solid_face_cull(nan), FaceCull::none);
}

}  // namespace
}  // namespace wenyuan::kiosk
