// The model view's GLB reader: our canonical GLB loads with every attribute, and hostile files
// (bad offsets, counts, strides, indices, types, truncation, random damage) give one-line
// errors naming the file — never a crash.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cstring>
#include <functional>

#include "glb_fixtures.hpp"
#include "glb_mesh.hpp"
#include "mesh_solid.hpp"

namespace wenyuan::kiosk {
namespace {

using nlohmann::json;

struct Split {
    json doc;
    std::string bin;
};

std::uint32_t u32(const std::string& s, std::size_t at) {
    std::uint32_t v;
    std::memcpy(&v, s.data() + at, 4);
    return v;
}

Split split(const std::string& glb) {
    const std::uint32_t json_length = u32(glb, 12);
    Split out{json::parse(glb.substr(20, json_length)), {}};
    const std::size_t bin_at = 20 + json_length;
    out.bin = glb.substr(bin_at + 8, u32(glb, bin_at));
    return out;
}

std::string pack(const json& doc, const std::string& bin) {
    std::string text = doc.dump();
    while (text.size() % 4) text.push_back(' ');
    auto put = [](std::string& s, std::uint32_t v) { s.append(reinterpret_cast<const char*>(&v), 4); };
    std::string out = "glTF";
    put(out, 2);
    put(out, std::uint32_t(12 + 8 + text.size() + 8 + bin.size()));
    put(out, std::uint32_t(text.size()));
    out += "JSON" + text;
    put(out, std::uint32_t(bin.size()));
    out += std::string("BIN\0", 4) + bin;
    return out;
}

TEST(GlbMesh, ReadsOurCanonicalGlb) {
    test::SphereSpec spec;
    spec.checker_texture = 64;
    const std::string glb = test::sphere_glb(spec);
    auto mesh = parse_glb(glb, "sphere.glb");
    ASSERT_TRUE(mesh) << mesh.error().message;
    ASSERT_EQ(mesh->parts.size(), 1u);
    EXPECT_EQ(mesh->triangles, 2u * 32 * 15);
    EXPECT_EQ(mesh->images.size(), 1u);
    EXPECT_EQ(mesh->images[0].width, 64);
    EXPECT_EQ(mesh->parts[0].image, 0);
    EXPECT_NEAR(mesh->parts[0].base_color[0], 0.72f, 1e-6);
    EXPECT_NEAR(mesh->min[0], -1, 0.01);
    EXPECT_NEAR(mesh->max[1], 1, 1e-3);
    EXPECT_TRUE(mesh->warnings.empty());
    const MeshVertex& v = mesh->parts[0].vertices[40];
    EXPECT_NEAR(v.normal[0] * v.normal[0] + v.normal[1] * v.normal[1] + v.normal[2] * v.normal[2], 1.0, 1e-4);
    GlbLimits small;
    small.max_texture_size = 16;  // halved until it fits
    mesh = parse_glb(glb, "sphere.glb", small);
    ASSERT_TRUE(mesh);
    EXPECT_EQ(mesh->images[0].width, 16);
}

// The fixture sphere (poles and a seam of nearly repeated positions) is a solid wound
// counter-clockwise seen from outside, so the GL tests that draw it (gl_test.cpp) draw it with
// its back faces culled; the same sphere wound the other way culls its front faces.
TEST(GlbMesh, TheFixtureSphereIsASolid) {
    auto mesh = parse_glb(test::sphere_glb({}), "sphere.glb");
    ASSERT_TRUE(mesh) << mesh.error().message;
    EXPECT_EQ(solid_face_cull(*mesh), FaceCull::back);
    for (std::size_t i = 0; i < mesh->parts[0].indices.size(); i += 3)
        std::swap(mesh->parts[0].indices[i + 1], mesh->parts[0].indices[i + 2]);
    EXPECT_EQ(solid_face_cull(*mesh), FaceCull::front);
}

TEST(GlbMesh, HostileFilesGiveErrorsNamingTheFile) {
    const Split good = split(test::sphere_glb({}));
    const std::vector<std::pair<const char*, std::function<void(json&, std::string&)>>> cases = {
        {"view offset past the end", [](json& d, std::string&) { d["bufferViews"][0]["byteOffset"] = 1u << 30; }},
        {"view length past the end", [](json& d, std::string&) { d["bufferViews"][1]["byteLength"] = 1ull << 40; }},
        {"huge count", [](json& d, std::string&) { d["accessors"][0]["count"] = 1000000000000ll; }},
        {"accessor offset", [](json& d, std::string&) { d["accessors"][1]["byteOffset"] = 4000000000u; }},
        {"count as text", [](json& d, std::string&) { d["accessors"][0]["count"] = "many"; }},
        {"negative count", [](json& d, std::string&) { d["accessors"][0]["count"] = -5; }},
        {"zero count", [](json& d, std::string&) { d["accessors"][2]["count"] = 0; }},
        {"tiny stride", [](json& d, std::string&) { d["bufferViews"][0]["byteStride"] = 1; }},
        {"big stride", [](json& d, std::string&) { d["bufferViews"][0]["byteStride"] = 252; }},
        {"unknown component", [](json& d, std::string&) { d["accessors"][0]["componentType"] = 9999; }},
        {"unknown type", [](json& d, std::string&) { d["accessors"][0]["type"] = "MAT9"; }},
        {"missing accessor", [](json& d, std::string&) { d["meshes"][0]["primitives"][0]["attributes"]["POSITION"] = 77; }},
        {"missing view", [](json& d, std::string&) { d["accessors"][0]["bufferView"] = 99; }},
        {"index past the vertices", [](json&, std::string& bin) { bin.replace(bin.size() - 2, 2, "\xff\xff"); }},
        {"float indices", [](json& d, std::string&) {
             const int i = d["meshes"][0]["primitives"][0]["indices"];
             d["accessors"][i]["componentType"] = 5126;
         }},
        {"external buffer", [](json& d, std::string&) { d["bufferViews"][0]["buffer"] = 3; }},
        {"meshes not an array", [](json& d, std::string&) { d["meshes"] = {{"a", 1}}; }},
        {"primitive not an object", [](json& d, std::string&) { d["meshes"][0]["primitives"][0] = 5; }},
        {"no position", [](json& d, std::string&) { d["meshes"][0]["primitives"][0]["attributes"].erase("POSITION"); }},
        {"position as bytes", [](json& d, std::string&) { d["accessors"][0]["componentType"] = 5121; }},
        {"mismatched counts", [](json& d, std::string&) { d["accessors"][1]["count"] = 3; }},
    };
    for (const auto& [what, mutate] : cases) {
        Split s = good;
        mutate(s.doc, s.bin);
        auto mesh = parse_glb(pack(s.doc, s.bin), "恶意.glb");
        ASSERT_FALSE(mesh) << what;
        EXPECT_EQ(mesh.error().message.rfind("model view: 恶意.glb: ", 0), 0u) << mesh.error().message;
        EXPECT_EQ(mesh.error().message.find('\n'), std::string::npos);
    }
}

TEST(GlbMesh, DamagedContainersAndTexturesAreHandled) {
    const std::string glb = test::sphere_glb({});
    for (std::size_t cut : {std::size_t(0), std::size_t(11), std::size_t(30), glb.size() / 2, glb.size() - 4}) {
        auto mesh = parse_glb(std::string_view(glb).substr(0, cut), "cut.glb");
        EXPECT_FALSE(mesh) << cut;
    }
    EXPECT_FALSE(parse_glb("glTF\x02\0\0\0garbage garbage garbage", "g.glb"));
    EXPECT_FALSE(parse_glb(std::string(100, 'x'), "x.glb"));
    // A texture whose bytes are not an image: drawn without it, with a warning.
    test::SphereSpec spec;
    spec.checker_texture = 32;
    Split s = split(test::sphere_glb(spec));
    const int view = s.doc["images"][0]["bufferView"];
    const std::size_t at = s.doc["bufferViews"][view]["byteOffset"];
    for (std::size_t i = 0; i < 64; ++i) s.bin[at + i] = char(i * 7);
    auto mesh = parse_glb(pack(s.doc, s.bin), "tex.glb");
    ASSERT_TRUE(mesh) << mesh.error().message;
    EXPECT_EQ(mesh->parts[0].image, -1);
    ASSERT_FALSE(mesh->warnings.empty());
    EXPECT_NE(mesh->warnings[0].find("tex.glb"), std::string::npos);
}

TEST(GlbMesh, RandomDamageNeverCrashes) {
    test::SphereSpec spec;
    spec.segments = 8;
    spec.rings = 6;
    spec.checker_texture = 16;
    const std::string glb = test::sphere_glb(spec);
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    int failures = 0;
    for (int round = 0; round < 2000; ++round) {
        std::string damaged = glb;
        const int flips = 1 + int(next() % 8);
        for (int i = 0; i < flips; ++i) damaged[next() % damaged.size()] = char(next() >> 24);
        auto mesh = parse_glb(damaged, "fuzz.glb");
        if (!mesh) {
            ++failures;
            continue;
        }
        for (const MeshPart& part : mesh->parts) {
            for (std::uint32_t index : part.indices) ASSERT_LT(index, part.vertices.size());
        }
    }
    EXPECT_GT(failures, 0);
}

}  // namespace
}  // namespace wenyuan::kiosk
