// Which faces of a mesh the renderer may cull: only those of closed, consistently wound meshes.
#include <gtest/gtest.h>

#include <cstdlib>

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

TEST(MeshSolid, ClosedOutwardMeshCullsBackFaces) {
    EXPECT_EQ(solid_face_cull(cube()), FaceCull::back);
    EXPECT_EQ(solid_face_cull(cube(3)), FaceCull::back);  // welded across materials
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
    MeshData flat = cube();  // squashed to a double-sided square: shown from both sides
    for (MeshVertex& v : flat.parts[0].vertices) v.position[2] = 0;
    flat.max[2] = 0;
    EXPECT_EQ(solid_face_cull(flat), FaceCull::none);
}

// The scans the model importer writes (and simplifies) are solids; checks a real GLB when
// MESH_SOLID_GLB names one (a debugging aid, skipped otherwise).
TEST(MeshSolid, GlbFromEnvironment) {
    const char* file = std::getenv("MESH_SOLID_GLB");
    if (!file) GTEST_SKIP() << "MESH_SOLID_GLB not set";
    auto mesh = load_glb(file);
    ASSERT_TRUE(mesh) << mesh.error().message;
    std::printf("%zu triangles, %zu parts: cull %d\n", mesh->triangles, mesh->parts.size(), int(solid_face_cull(*mesh)));
}

}  // namespace
}  // namespace wenyuan::kiosk
