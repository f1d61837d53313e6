// Reading a model file with Assimp into a Model. Call it only inside run_isolated(): Assimp can
// crash, hang or allocate without bound on hostile files.
#pragma once

#include <filesystem>

#include "mesh.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::model {

/// Loads every triangle of `file` with node transforms applied, one Primitive per material.
/// Vertices without a normal in the file get a zero normal (see generate_normals()).
/// Textures are resolved (resolve_reference) or taken from the file's embedded images; a texture
/// that cannot be found is marked missing and reported in Model::warnings. The positions are in
/// metres when the format states a unit (glTF; COLLADA's <unit>, which Assimp applies; FBX's
/// UnitScaleFactor), else in the file's own units (Model::units says which).
///
/// Errors: Errc::corrupt with Assimp's reason ("OBJ: vertex index out of range"), or a face that
/// refers past the vertex list; Errc::unsupported when Assimp knows no reader for the file;
/// Errc::invalid_argument when the model has no triangles ("only 120 points and 4 lines").
/// Thread safety: re-entrant (one Assimp::Importer per call).
Result<Model> load_with_assimp(const std::filesystem::path& file);

}  // namespace wenyuan::model
