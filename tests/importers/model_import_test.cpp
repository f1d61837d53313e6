// The model importer over real files: every model in ../shared/data/3d imports with Assimp's
// triangle count and LODs within budget, companions become assets, Chinese texture names work,
// a missing texture is a warning, and the canonical GLB is glTF 2.0 that Assimp reads back.
#include <cstring>
#include <fstream>
#include <set>

#include "model_fixtures.hpp"
#include "model_helpers.hpp"

namespace wenyuan {
namespace {

const std::set<std::string> kModelExtensions = {".obj", ".ply", ".stl", ".gltf", ".glb", ".fbx", ".dae", ".zae", ".3ds", ".off"};

std::map<std::string, Asset> by_role(const std::vector<Asset>& assets) {
    std::map<std::string, Asset> out;
    for (const Asset& a : assets) out.emplace(a.role, a);
    return out;
}

// The GLB's JSON chunk; fails the test when the container is malformed.
nlohmann::json glb_json(const std::string& bytes) {
    EXPECT_GE(bytes.size(), 20u);
    if (bytes.size() < 20) return {};
    std::uint32_t version = 0, length = 0, json_length = 0;
    std::memcpy(&version, bytes.data() + 4, 4);
    std::memcpy(&length, bytes.data() + 8, 4);
    std::memcpy(&json_length, bytes.data() + 12, 4);
    EXPECT_EQ(bytes.substr(0, 4), "glTF");
    EXPECT_EQ(version, 2u);
    EXPECT_EQ(length, bytes.size());
    EXPECT_EQ(bytes.substr(16, 4), "JSON");
    EXPECT_EQ(json_length % 4, 0u);
    EXPECT_EQ(bytes.substr(20 + json_length + 4, 4), std::string("BIN\0", 4));
    return nlohmann::json::parse(bytes.substr(20, json_length));
}

void expect_lods_within_budget(const nlohmann::json& tech, const std::string& name) {
    const auto& lods = tech["lods"];
    ASSERT_FALSE(lods.empty()) << name;
    EXPECT_EQ(lods[0]["triangles"], tech["triangles"]) << name;
    EXPECT_LE(lods.back()["triangles"].get<long long>(), 50000) << name;
    for (std::size_t i = 1; i < lods.size(); ++i) {
        EXPECT_LT(lods[i]["triangles"].get<long long>(), lods[i - 1]["triangles"].get<long long>()) << name;
        EXPECT_GE(lods[i]["error"].get<double>(), 0.0) << name;
        const std::string target = lods[i]["target"];
        const double full = tech["triangles"].get<double>();
        if (target == "25%") {
            EXPECT_LE(lods[i]["triangles"].get<double>(), 0.25 * full * 1.5) << name;
        }
        if (target == "5%") {
            EXPECT_LE(lods[i]["triangles"].get<double>(), 0.05 * full * 1.5) << name;
        }
    }
    EXPECT_EQ(lods.back()["max_texture"], lods.size() > 1 ? 1024 : 2048) << name;
}

TEST(ModelImport, EverySharedModelImports) {
    const auto folder = test::shared_data("3d");
    if (!std::filesystem::exists(folder)) GTEST_SKIP() << "no shared data at " << folder;
    test::ModelFixture f;
    const ImportSummary summary = f.run({folder});
    for (const auto& failure : summary.failed) ADD_FAILURE() << failure.path << ": " << failure.error;

    std::set<std::string> originals;
    std::size_t models = 0;
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets(id);
        ASSERT_FALSE(assets.empty());
        const Asset& original = assets[0];
        originals.insert(original.name);
        const std::string ext = std::filesystem::path(original.name).extension().string();
        if (!kModelExtensions.count(ext)) continue;
        ++models;
        SCOPED_TRACE(original.name);
        const auto tech = test::tech_of(original);
        const auto roles = by_role(assets);
        ASSERT_TRUE(roles.count("model") && roles.count("lod") && roles.count("thumbnail") && roles.count("preview"));
        // Assimp's own count for the original, found by its name under the shared folder.
        std::filesystem::path source;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
            if (entry.path().filename() == original.name) source = entry.path();
        }
        ASSERT_FALSE(source.empty());
        EXPECT_EQ(tech["triangles"].get<long long>(), test::assimp_triangles(source));
        expect_lods_within_budget(tech, original.name);
        // The canonical GLB reads back with the same triangles.
        EXPECT_EQ(test::assimp_triangles(f.object_path(roles.at("model").sha256)), tech["triangles"].get<long long>());
    }
    EXPECT_EQ(models, 18u);
    // Companions are assets of their model, not items of their own.
    for (const char* companion : {"greek_vase.mtl", "greek_vase.jpg", "table.mtl", "table.jpg", "behaim_globe.bin",
                                  "behaim_globe_texture.jpg", "duckCM.tga", "spider.mtl", "SpiderTex.jpg"}) {
        EXPECT_FALSE(originals.count(companion)) << companion;
    }
    f.expect_verified();
}

TEST(ModelImport, ChineseTextureNamesAndCompanions) {
    test::ModelFixture f;
    const auto folder = f.dir / "in/青铜器";
    const std::size_t triangles = test::write_textured_obj(folder, "铜鼎", "纹理/青铜 纹样.jpg", 10, 96);
    const ImportSummary summary = f.run({f.dir / "in"});
    ASSERT_TRUE(summary.failed.empty()) << summary.failed[0].error;
    ASSERT_EQ(summary.imported, 1u);  // the .mtl and the texture are not items of their own
    EXPECT_TRUE(summary.warnings.empty()) << summary.warnings[0];
    const auto assets = f.assets(summary.item_ids[0]);
    const auto roles = by_role(assets);
    EXPECT_EQ(assets[0].name, "铜鼎.obj");
    ASSERT_TRUE(roles.count("material") && roles.count("texture"));
    EXPECT_EQ(roles.at("material").name, "铜鼎.mtl");
    EXPECT_EQ(roles.at("texture").name, "纹理/青铜 纹样.jpg");
    EXPECT_EQ(roles.at("texture").mime, "image/jpeg");
    EXPECT_FALSE(roles.at("texture").derived_from.has_value());
    EXPECT_EQ(test::read_file(f.object_path(roles.at("texture").sha256)), test::read_file(folder / "纹理/青铜 纹样.jpg"));
    const auto tech = test::tech_of(assets[0]);
    EXPECT_EQ(tech["triangles"], triangles);
    EXPECT_EQ(tech["texture_count"], 1);
    EXPECT_EQ(tech["textures_usable"], 1);
    EXPECT_EQ(tech["max_texture_size"], 96);
    EXPECT_EQ(tech["has_uvs"], true);
    // The canonical GLB embeds the texture and refers to it from the material.
    const auto gltf = glb_json(test::read_file(f.object_path(roles.at("model").sha256)));
    ASSERT_EQ(gltf["images"].size(), 1u);
    EXPECT_EQ(gltf["images"][0]["mimeType"], "image/jpeg");
    EXPECT_EQ(gltf["materials"][0]["pbrMetallicRoughness"]["baseColorTexture"]["index"], 0);
    EXPECT_TRUE(gltf["meshes"][0]["primitives"][0]["attributes"].contains("TEXCOORD_0"));
    f.expect_verified();
}

TEST(ModelImport, NamedCompanionIsStillImported) {
    test::ModelFixture f;
    test::write_textured_obj(f.dir / "in", "vase", "vase.jpg", 4);
    const ImportSummary summary = f.run({f.dir / "in", f.dir / "in/vase.jpg"});
    EXPECT_EQ(summary.imported, 2u);  // the model, and the texture named on the command line
}

TEST(ModelImport, MissingTextureIsAWarning) {
    test::ModelFixture f;
    test::write_textured_obj(f.dir / "in", "kiln", "textures/kiln_brick.jpg", 6, 0);
    const ImportSummary summary = f.run({f.dir / "in"});
    ASSERT_TRUE(summary.failed.empty()) << summary.failed[0].error;
    ASSERT_EQ(summary.imported, 1u);
    ASSERT_EQ(summary.warnings.size(), 1u);
    EXPECT_EQ(summary.warnings[0], "kiln.obj: texture textures/kiln_brick.jpg is missing; the model is shown without it");
    const auto assets = f.assets(summary.item_ids[0]);
    const auto tech = test::tech_of(assets[0]);
    EXPECT_EQ(tech["textures"][0]["missing"], true);
    EXPECT_EQ(tech["textures_usable"], 0);
    EXPECT_EQ(by_role(assets).count("texture"), 0u);
    f.expect_verified();
}

TEST(ModelImport, ScanWithVertexColoursMakesACentredGlb) {
    test::ModelFixture f;
    const std::size_t triangles = test::write_scan_ply(f.dir / "in/scan.ply", 120, 80);
    const ImportSummary summary = f.run({f.dir / "in"});
    ASSERT_EQ(summary.imported, 1u);
    const auto assets = f.assets(summary.item_ids[0]);
    const auto tech = test::tech_of(assets[0]);
    EXPECT_EQ(tech["triangles"], triangles);
    EXPECT_EQ(tech["has_vertex_colors"], true);
    EXPECT_EQ(tech["units"], "unknown");
    expect_lods_within_budget(tech, "scan.ply");
    const auto gltf = glb_json(test::read_file(f.object_path(by_role(assets).at("model").sha256)));
    EXPECT_EQ(gltf["asset"]["version"], "2.0");
    const auto& attributes = gltf["meshes"][0]["primitives"][0]["attributes"];
    EXPECT_TRUE(attributes.contains("NORMAL"));
    ASSERT_TRUE(attributes.contains("COLOR_0"));
    const auto& position = gltf["accessors"][attributes["POSITION"].get<int>()];
    for (int k = 0; k < 3; ++k) {
        EXPECT_NEAR(position["min"][k].get<double>() + position["max"][k].get<double>(), 0.0, 1e-5);
    }
    // Every LOD keeps the colours.
    for (const Asset& asset : assets) {
        if (asset.role != "lod") continue;
        const auto lod = glb_json(test::read_file(f.object_path(asset.sha256)));
        EXPECT_TRUE(lod["meshes"][0]["primitives"][0]["attributes"].contains("COLOR_0")) << asset.name;
        EXPECT_EQ(test::assimp_triangles(f.object_path(asset.sha256)), test::tech_of(asset)["triangles"].get<long long>());
    }
}

TEST(ModelImport, GbkTextureNameInMtl) {
    test::ModelFixture f;
    const auto folder = f.dir / "in";
    test::write_textured_obj(folder, "gbk", "placeholder.jpg", 4, 0);
    // 青铜.jpg on disk (UTF-8), named in GBK in the material library, as Chinese Windows tools write it.
    test::write_checker_jpeg(folder / "青铜.jpg", 32);
    test::write_file(folder / "gbk.mtl", "newmtl bronze\nKd 1 1 1\nmap_Kd \xC7\xE0\xCD\xAD.jpg\n");
    const ImportSummary summary = f.run({folder});
    ASSERT_EQ(summary.imported, 1u);  // the texture is the model's, not an item
    EXPECT_TRUE(summary.warnings.empty()) << summary.warnings[0];
    const auto roles = by_role(f.assets(summary.item_ids[0]));
    ASSERT_TRUE(roles.count("texture"));
    EXPECT_EQ(roles.at("texture").name, "青铜.jpg");
    EXPECT_EQ(test::tech_of(f.assets(summary.item_ids[0])[0])["textures_usable"], 1);
}

TEST(ModelImport, TexturesFarOutsideTheModelFolderAreNotRead) {
    test::ModelFixture f;
    test::write_checker_jpeg(f.dir / "private/secret.jpg", 16);
    const auto folder = f.dir / "in/site/kiln";
    test::write_textured_obj(folder, "kiln", "../../../private/secret.jpg", 4, 0);
    const ImportSummary summary = f.run({folder});
    ASSERT_EQ(summary.imported, 1u);
    ASSERT_EQ(summary.warnings.size(), 1u);
    EXPECT_NE(summary.warnings[0].find("../../../private/secret.jpg is missing"), std::string::npos) << summary.warnings[0];
    EXPECT_EQ(by_role(f.assets(summary.item_ids[0])).count("texture"), 0u);
}

TEST(ModelImport, ColladaUnitsAreMetres) {
    const auto duck = test::shared_data("3d/textured/collada_duck/duck.dae");
    if (!std::filesystem::exists(duck)) GTEST_SKIP();
    test::ModelFixture f;
    const ImportSummary summary = f.run({duck});
    ASSERT_EQ(summary.imported, 1u);
    const auto tech = test::tech_of(f.assets(summary.item_ids[0])[0]);
    EXPECT_EQ(tech["units"], "m");
    EXPECT_EQ(tech["texture_count"], 1);
    EXPECT_EQ(tech["max_texture_size"], 512);
}

}  // namespace
}  // namespace wenyuan
