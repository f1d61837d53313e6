#include "model_helpers.hpp"

#include <assimp/Importer.hpp>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include "isolate.hpp"

namespace wenyuan::test {

long long assimp_triangles(const std::filesystem::path& original) {
    // Assimp picks readers by extension: objects in the store have none, and are GLBs.
    TempDir copy;
    std::filesystem::path file = original;
    if (!original.has_extension()) {
        file = copy / "object.glb";
        std::filesystem::copy_file(original, file);
    }
    model::IsolationLimits limits;
    limits.timeout = std::chrono::seconds(60);
    limits.memory_bytes = std::uint64_t{2} << 30;
    auto count = model::run_isolated(
        [&]() -> Result<std::string> {
            Assimp::Importer importer;
            const aiScene* scene = importer.ReadFile(file.string(), aiProcess_Triangulate | aiProcess_SortByPType);
            if (!scene) return fail(Errc::corrupt, importer.GetErrorString());
            long long n = 0;
            for (unsigned i = 0; i < scene->mNumMeshes; ++i) {
                for (unsigned f = 0; f < scene->mMeshes[i]->mNumFaces; ++f) n += scene->mMeshes[i]->mFaces[f].mNumIndices == 3;
            }
            return std::to_string(n);
        },
        limits);
    return count ? std::stoll(*count) : -1;
}

}  // namespace wenyuan::test
