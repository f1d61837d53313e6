// Assimp's own test models (Debian package assimp-testmodels, /usr/share/assimp/models) when
// installed: one file per promised format imports with Assimp's triangle count, and the invalid
// ones each end in an import or a one-line error while the archive stays consistent.
#include <algorithm>

#include "model_helpers.hpp"

namespace wenyuan {
namespace {

const std::filesystem::path kModels = "/usr/share/assimp/models";

ModelImporterSettings quick() {
    ModelImporterSettings settings;
    settings.timeout = std::chrono::seconds(60);
    settings.memory_bytes = std::uint64_t{2} << 30;
    return settings;
}

TEST(ModelTestModels, OneFilePerFormat) {
    if (!std::filesystem::exists(kModels)) GTEST_SKIP() << "assimp-testmodels is not installed";
    const std::vector<std::string> files = {
        "FBX/spider.fbx",          "FBX/box.fbx",         "STL/Spider_binary.stl", "STL/Spider_ascii.stl",
        "OFF/Wuson.off",           "OFF/Cube.off",        "PLY/cube_binary.ply",   "PLY/Wuson.ply",
        "PLY/float-color.ply",     "3DS/fels.3ds",        "3DS/cube_with_diffuse_texture.3DS",
        "glTF2/BoxTextured-glTF/BoxTextured.gltf",        "glTF2/BoxTextured-glTF-Binary/BoxTextured.glb",
        "Collada/duck.dae",        "OBJ/spider.obj"};
    test::ModelFixture f(quick());
    std::vector<std::filesystem::path> inputs;
    for (const auto& file : files) {
        if (std::filesystem::exists(kModels / file)) inputs.push_back(kModels / file);
    }
    std::sort(inputs.begin(), inputs.end());  // items are created in the sorted plan's order
    const ImportSummary summary = f.run(inputs);
    for (const auto& failure : summary.failed) ADD_FAILURE() << failure.path << ": " << failure.error;
    ASSERT_EQ(summary.item_ids.size(), inputs.size());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const auto assets = f.assets(summary.item_ids[i]);
        SCOPED_TRACE(assets[0].name);
        const auto tech = test::tech_of(assets[0]);
        EXPECT_EQ(tech["triangles"].get<long long>(), test::assimp_triangles(inputs[i]));
        EXPECT_LE(tech["lods"].back()["triangles"].get<long long>(), 50000);
    }
    f.expect_verified();
}

TEST(ModelTestModels, InvalidFilesEndCleanly) {
    if (!std::filesystem::exists(kModels)) GTEST_SKIP() << "assimp-testmodels is not installed";
    std::vector<std::filesystem::path> inputs;
    for (const auto& entry : std::filesystem::directory_iterator(kModels / "invalid")) {
        if (entry.path().extension() != ".txt" && entry.path().extension() != ".xml") inputs.push_back(entry.path());
    }
    for (const char* file : {"glTF2/IndexOutOfRange/IndexOutOfRange.gltf", "glTF2/IndexOutOfRange/AllIndicesOutOfRange.gltf",
                             "glTF2/RecursiveNodes/RecursiveNodes.gltf", "glTF2/MissingBin/BoxTextured.gltf",
                             "glTF2/BoxWithInfinites-glTF-Binary/BoxWithInfinites.glb",
                             "glTF2/IncorrectVertexArrays/Cube.gltf"}) {
        if (std::filesystem::exists(kModels / file)) inputs.push_back(kModels / file);
    }
    test::ModelFixture f(quick());
    const ImportSummary summary = f.run(inputs);
    // Identical files (the empty ones) are skipped after the first.
    EXPECT_EQ(summary.imported + summary.skipped + summary.failed.size(), inputs.size());
    EXPECT_GE(summary.failed.size(), 5u);
    for (const auto& failure : summary.failed) {
        const std::string name = std::filesystem::path(failure.path).filename().string();
        EXPECT_NE(failure.error.find(name + ": "), std::string::npos) << failure.error;
        EXPECT_EQ(failure.error.find('\n'), std::string::npos) << failure.error;
    }
    f.expect_verified();
}

}  // namespace
}  // namespace wenyuan
