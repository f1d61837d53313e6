// Writing glTF 2.0 binary (GLB) files: one mesh with one primitive per material, base colours
// and base-colour textures embedded in the BIN chunk. No Assimp exporter is involved.
#pragma once

#include <string>
#include <vector>

#include "mesh.hpp"
#include "textures.hpp"

namespace wenyuan::model {

struct GlbInput {
    const std::vector<Primitive>* primitives = nullptr;
    const std::vector<Material>* materials = nullptr;
    /// One entry per Model::textures index; a null or empty image means "no texture".
    std::vector<const EncodedImage*> images;
    std::string name;        ///< the node's name (the model's file name)
    std::string units;       ///< recorded in asset.extras
};

/// The GLB bytes. Positions carry min/max, normals are unit length (a missing normal becomes
/// +Z), indices are 16-bit when every primitive has fewer than 65,536 vertices. Deterministic:
/// the same input gives the same bytes. Thread-safe.
std::string write_glb(const GlbInput& input);

}  // namespace wenyuan::model
