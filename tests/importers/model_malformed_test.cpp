// Malformed models: each gives one clear line naming the file, and the archive is unchanged.
#include "model_fixtures.hpp"
#include "model_helpers.hpp"

namespace wenyuan {
namespace {

struct Case {
    const char* name;
    std::string bytes;
    const char* reason;  // a part of the expected message
};

std::string truncated_ply_header() { return "ply\nformat binary_little_endian 1.0\nelement vertex 3\nproperty fl"; }

std::string huge_vertex_count_ply() {
    std::string out = "ply\nformat binary_little_endian 1.0\nelement vertex 4000000000\nproperty float x\n"
                      "property float y\nproperty float z\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n";
    out.append(36, '\0');
    return out;
}

std::string points_only_ply() {
    return "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\nproperty float z\nend_header\n"
           "0 0 0\n1 0 0\n0 1 0\n";
}

void expect_clean_failure(const Case& c) {
    SCOPED_TRACE(c.name);
    ModelImporterSettings settings;
    settings.timeout = std::chrono::seconds(30);  // a parser that spins is stopped long before ctest's limit
    test::ModelFixture f(settings);
    test::write_file(f.dir / "in" / c.name, c.bytes);
    const auto started = std::chrono::steady_clock::now();
    const ImportSummary summary = f.run({f.dir / "in"});
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60));
    EXPECT_EQ(summary.imported, 0u);
    ASSERT_EQ(summary.failed.size(), 1u);
    const std::string& error = summary.failed[0].error;
    EXPECT_EQ(error.rfind(std::string("model importer: ") + c.name + ": ", 0), 0u) << error;
    EXPECT_NE(error.find(c.reason), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    EXPECT_EQ(f.archive.count_items().value_or(99), 0u);
    EXPECT_EQ(f.object_count(), 0u);
    f.expect_verified();
}

TEST(ModelMalformed, TruncatedPlyHeader) { expect_clean_failure({"cut.ply", truncated_ply_header(), "the PLY header is cut off (no end_header line)"}); }

TEST(ModelMalformed, ObjFaceIndexPastTheVertexList) {
    expect_clean_failure({"past.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 9\n", "vert"});
}

TEST(ModelMalformed, ZeroTriangles) {
    expect_clean_failure({"points.ply", points_only_ply(), "no triangles"});
    expect_clean_failure({"lines.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nl 1 2\nl 2 3\n", "no triangles"});
}

TEST(ModelMalformed, GiganticClaimedVertexCount) {
    expect_clean_failure({"huge.ply", huge_vertex_count_ply(),
                          "the header claims 4000000000 vertex entries (at least 48000000000 bytes) but only 36 bytes follow it"});
}

TEST(ModelMalformed, GiganticClaimedCountsWithoutPrecheck) {
    // OFF has no precheck: Assimp's own handling or the isolation's memory limit must hold.
    expect_clean_failure({"huge.off", "OFF\n4000000000 4000000000 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n", ""});
}

TEST(ModelMalformed, EmptyAndGarbageFiles) {
    expect_clean_failure({"empty.stl", "solid empty\nendsolid empty\n", "no triangles"});
    expect_clean_failure({"garbage.glb", std::string("glTF\x02\0\0\0\xff\xff\xff\x7f", 12) + std::string(64, '\x7f'), "no 3D reader recognises the file"});
}

}  // namespace
}  // namespace wenyuan
