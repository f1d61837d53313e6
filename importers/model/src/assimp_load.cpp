#include "assimp_load.hpp"

#include <assimp/Importer.hpp>
#include <assimp/config.h>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>

#include <cmath>
#include <map>
#include <new>
#include <utility>

#include "resolve.hpp"

namespace wenyuan::model {
namespace {

std::string metadata_string(const aiScene& scene, const char* key) {
    aiString value;
    if (scene.mMetaData && scene.mMetaData->Get(key, value)) return value.C_Str();
    return {};
}

std::optional<double> metadata_number(const aiScene& scene, const char* key) {
    if (!scene.mMetaData) return std::nullopt;
    for (unsigned i = 0; i < scene.mMetaData->mNumProperties; ++i) {
        if (scene.mMetaData->mKeys[i] != aiString(key)) continue;
        const aiMetadataEntry& entry = scene.mMetaData->mValues[i];
        if (entry.mType == AI_FLOAT) return *static_cast<const float*>(entry.mData);
        if (entry.mType == AI_DOUBLE) return *static_cast<const double*>(entry.mData);
        if (entry.mType == AI_INT32) return *static_cast<const std::int32_t*>(entry.mData);
    }
    return std::nullopt;
}

void find_units(const aiScene& scene, Model& model) {
    const std::string format = model.format;
    if (format.find("glTF") != std::string::npos) {
        model.units = "m";
        model.unit_source = "glTF (metres by definition)";
    } else if (format.find("Collada") != std::string::npos) {
        model.units = "m";
        model.unit_source = "COLLADA <unit> (applied by Assimp)";
    } else if (format.find("FBX") != std::string::npos) {
        if (auto factor = metadata_number(scene, "UnitScaleFactor"); factor && *factor > 0 && std::isfinite(*factor)) {
            model.units = "m";
            model.scale_to_metres = *factor / 100.0;
            model.unit_source = "FBX UnitScaleFactor " + std::to_string(*factor) + " (centimetres per unit)";
        }
    }
}

int texture_for(const aiScene& scene, const aiMaterial& material, const std::filesystem::path& folder, Model& model,
                std::map<std::string, int>& known) {
    aiString path;
    if (material.GetTexture(aiTextureType_BASE_COLOR, 0, &path) != AI_SUCCESS &&
        material.GetTexture(aiTextureType_DIFFUSE, 0, &path) != AI_SUCCESS) {
        return -1;
    }
    const std::string reference = path.C_Str();
    if (reference.empty()) return -1;
    if (auto it = known.find(reference); it != known.end()) return it->second;
    TextureRef texture;
    texture.reference = reference;
    if (const aiTexture* embedded = scene.GetEmbeddedTexture(path.C_Str())) {
        if (embedded->mHeight == 0) {
            texture.embedded.assign(reinterpret_cast<const char*>(embedded->pcData), embedded->mWidth);
        } else {
            texture.width = static_cast<int>(embedded->mWidth);
            texture.height = static_cast<int>(embedded->mHeight);
            texture.rgba.resize(std::size_t{embedded->mWidth} * embedded->mHeight * 4);
            for (std::size_t i = 0; i < std::size_t{embedded->mWidth} * embedded->mHeight; ++i) {
                const aiTexel& t = embedded->pcData[i];
                texture.rgba[4 * i] = t.r;
                texture.rgba[4 * i + 1] = t.g;
                texture.rgba[4 * i + 2] = t.b;
                texture.rgba[4 * i + 3] = t.a;
            }
        }
    } else if (auto file = resolve_reference(folder, reference)) {
        texture.file = *file;
    } else {
        texture.missing = true;
        model.warnings.push_back("texture " + reference + " is missing; the model is shown without it");
    }
    model.textures.push_back(std::move(texture));
    known.emplace(reference, static_cast<int>(model.textures.size() - 1));
    return known[reference];
}

void read_materials(const aiScene& scene, const std::filesystem::path& folder, Model& model) {
    std::map<std::string, int> known;
    for (unsigned i = 0; i < scene.mNumMaterials; ++i) {
        const aiMaterial& source = *scene.mMaterials[i];
        Material material;
        aiString name;
        if (source.Get(AI_MATKEY_NAME, name) == AI_SUCCESS) material.name = name.C_Str();
        aiColor4D color(1, 1, 1, 1);
        if (source.Get(AI_MATKEY_BASE_COLOR, color) == AI_SUCCESS || source.Get(AI_MATKEY_COLOR_DIFFUSE, color) == AI_SUCCESS) {
            material.base_color = {color.r, color.g, color.b, color.a};
        }
        float opacity = 1;
        if (source.Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS && opacity >= 0 && opacity < 1) material.base_color[3] = opacity;
        int two_sided = 0;
        if (source.Get(AI_MATKEY_TWOSIDED, two_sided) == AI_SUCCESS) material.double_sided = two_sided != 0;
        material.texture = texture_for(scene, source, folder, model, known);
        auto& c = material.base_color;
        // Exporters often write a black diffuse colour next to a diffuse map; glTF would multiply it to black.
        if (material.texture >= 0 && c[0] == 0 && c[1] == 0 && c[2] == 0) c = {1, 1, 1, c[3]};
        for (float& v : c) v = std::isfinite(v) ? std::clamp(v, 0.0f, 1.0f) : 1.0f;
        model.materials.push_back(std::move(material));
    }
    if (model.materials.empty()) model.materials.push_back(Material{"default"});
}

struct Instance {
    const aiMesh* mesh;
    aiMatrix4x4 transform;
};

std::uint8_t to_byte(float v) {
    if (!(v > 0)) return 0;
    return v >= 1 ? 255 : static_cast<std::uint8_t>(std::lround(v * 255));
}

bool finite(const aiVector3D& v) { return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z); }

// Appends one placed mesh to its material's primitive.
Result<void> append(const Instance& instance, double scale, bool want_uv, bool want_color, Primitive& out,
                    std::size_t& dropped) {
    const aiMesh& mesh = *instance.mesh;
    aiMatrix4x4 m = instance.transform;
    aiMatrix3x3 normal_matrix(m);
    normal_matrix.Inverse().Transpose();
    const bool mirrored = aiMatrix3x3(m).Determinant() < 0;
    const auto base = static_cast<std::uint32_t>(out.vertex_count());
    if (std::uint64_t{base} + mesh.mNumVertices >= 0xffffffffu) return fail(Errc::limit, "more than 4 billion vertices");
    for (unsigned v = 0; v < mesh.mNumVertices; ++v) {
        const aiVector3D p = m * mesh.mVertices[v];
        out.positions.insert(out.positions.end(), {static_cast<float>(p.x * scale), static_cast<float>(p.y * scale),
                                                   static_cast<float>(p.z * scale)});
        aiVector3D n = mesh.mNormals ? normal_matrix * mesh.mNormals[v] : aiVector3D(0, 0, 0);
        const float length = n.Length();
        if (std::isfinite(length) && length > 0) n /= length; else n = aiVector3D(0, 0, 0);
        out.normals.insert(out.normals.end(), {n.x, n.y, n.z});
        if (want_uv) {
            const aiVector3D t = mesh.mTextureCoords[0] ? mesh.mTextureCoords[0][v] : aiVector3D(0, 0, 0);
            const bool ok = std::isfinite(t.x) && std::isfinite(t.y);
            out.uvs.insert(out.uvs.end(), {ok ? t.x : 0.0f, ok ? 1.0f - t.y : 0.0f});
        }
        if (want_color) {
            const aiColor4D c = mesh.mColors[0] ? mesh.mColors[0][v] : aiColor4D(1, 1, 1, 1);
            out.colors.insert(out.colors.end(), {to_byte(c.r), to_byte(c.g), to_byte(c.b), to_byte(c.a)});
        }
    }
    for (unsigned f = 0; f < mesh.mNumFaces; ++f) {
        const aiFace& face = mesh.mFaces[f];
        if (face.mNumIndices != 3) continue;
        for (int k = 0; k < 3; ++k) {
            if (face.mIndices[k] >= mesh.mNumVertices) {
                return fail(Errc::corrupt, "face " + std::to_string(f + 1) + " refers to vertex " +
                                               std::to_string(face.mIndices[k] + 1) + " but there are only " +
                                               std::to_string(mesh.mNumVertices) + " vertices");
            }
        }
        if (!finite(mesh.mVertices[face.mIndices[0]]) || !finite(mesh.mVertices[face.mIndices[1]]) ||
            !finite(mesh.mVertices[face.mIndices[2]])) {
            ++dropped;
            continue;
        }
        out.indices.push_back(base + face.mIndices[0]);
        out.indices.push_back(base + face.mIndices[mirrored ? 2 : 1]);
        out.indices.push_back(base + face.mIndices[mirrored ? 1 : 2]);
    }
    return {};
}

}  // namespace

Result<Model> load_with_assimp(const std::filesystem::path& file) {
    Assimp::Importer importer;
    importer.SetPropertyBool(AI_CONFIG_IMPORT_NO_SKELETON_MESHES, true);
    const aiScene* scene = nullptr;
    try {
        // Normals are made later by generate_normals(), several times faster than Assimp's.
        scene = importer.ReadFile(file.string(), aiProcess_Triangulate | aiProcess_SortByPType);
    } catch (const std::bad_alloc&) {
        throw;  // run_isolated reports the memory limit
    } catch (const std::exception& e) {
        return fail(Errc::corrupt, std::string("cannot read the model: ") + e.what());
    }
    if (!scene) {
        std::string reason = importer.GetErrorString();
        while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
        if (reason.find("bad_alloc") != std::string::npos) throw std::bad_alloc();
        if (reason.find("No suitable reader") != std::string::npos) {
            return fail(Errc::unsupported, "no 3D reader recognises the file");
        }
        // Assimp names the file with its full path; the importer names it once, at the start.
        for (std::size_t at; (at = reason.find(file.string())) != std::string::npos;) reason.erase(at, file.string().size());
        if (reason.find("invalid primitive type: empty") != std::string::npos || reason.find("no meshes") != std::string::npos) {
            return fail(Errc::invalid_argument, "the model has no triangles (Assimp: " + reason + ")");
        }
        return fail(Errc::corrupt, "cannot read the model: " + (reason.empty() ? std::string("unknown error") : reason));
    }
    Model model;
    model.format = metadata_string(*scene, "SourceAsset_Format");
    if (model.format.empty()) model.format = file.extension().string();
    find_units(*scene, model);
    read_materials(*scene, file.parent_path(), model);

    // Every placed mesh, walking the node tree without recursion (deep trees are hostile input too).
    std::vector<Instance> instances;
    std::size_t points = 0, lines = 0;
    std::vector<std::pair<const aiNode*, aiMatrix4x4>> stack;
    if (scene->mRootNode) stack.emplace_back(scene->mRootNode, scene->mRootNode->mTransformation);
    while (!stack.empty()) {
        auto [node, transform] = stack.back();
        stack.pop_back();
        for (unsigned i = 0; i < node->mNumMeshes; ++i) {
            if (node->mMeshes[i] >= scene->mNumMeshes) return fail(Errc::corrupt, "a node refers to a missing mesh");
            const aiMesh* mesh = scene->mMeshes[node->mMeshes[i]];
            if (mesh->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) instances.push_back({mesh, transform});
            if (mesh->mPrimitiveTypes & aiPrimitiveType_POINT) points += mesh->mNumFaces;
            if (mesh->mPrimitiveTypes & aiPrimitiveType_LINE) lines += mesh->mNumFaces;
        }
        for (unsigned i = 0; i < node->mNumChildren; ++i) {
            stack.emplace_back(node->mChildren[i], transform * node->mChildren[i]->mTransformation);
        }
    }
    // Which attributes each material's primitive carries: present on any of its meshes.
    std::map<unsigned, std::pair<bool, bool>> attributes;
    for (const Instance& instance : instances) {
        auto& [uv, color] = attributes[std::min<unsigned>(instance.mesh->mMaterialIndex, model.materials.size() - 1)];
        uv = uv || instance.mesh->mTextureCoords[0] != nullptr;
        color = color || instance.mesh->mColors[0] != nullptr;
    }
    std::map<unsigned, std::size_t> primitive_of;
    std::size_t dropped = 0;
    for (const Instance& instance : instances) {
        const unsigned material = std::min<unsigned>(instance.mesh->mMaterialIndex, model.materials.size() - 1);
        auto [it, added] = primitive_of.emplace(material, model.primitives.size());
        if (added) model.primitives.push_back(Primitive{material});
        const auto [uv, color] = attributes[material];
        if (auto ok = append(instance, model.scale_to_metres, uv, color, model.primitives[it->second], dropped); !ok) {
            return fail(std::move(ok).error());
        }
    }
    std::erase_if(model.primitives, [](const Primitive& p) { return p.indices.empty(); });
    // Keep only the materials a primitive uses (Assimp adds a DefaultMaterial to OBJ files).
    std::vector<Material> used;
    std::map<std::uint32_t, std::uint32_t> renumbered;
    for (Primitive& p : model.primitives) {
        auto [it, added] = renumbered.emplace(p.material, static_cast<std::uint32_t>(used.size()));
        if (added) used.push_back(model.materials[p.material]);
        p.material = it->second;
    }
    model.materials = std::move(used);
    if (dropped > 0) {
        model.warnings.push_back(std::to_string(dropped) + " triangles with non-finite coordinates were left out");
    }
    if (model.triangle_count() == 0) {
        return fail(Errc::invalid_argument, "the model has no triangles (" +
                                                (dropped ? std::to_string(dropped) + " with non-finite coordinates, " : "") +
                                                std::to_string(points) + " points, " + std::to_string(lines) + " lines)");
    }
    return model;
}

}  // namespace wenyuan::model
