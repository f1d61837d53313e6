// GLB files for the model view's tests and benchmark, written by the model importer's own GLB
// writer (importers/model/src/glb_writer.cpp), so they have exactly the canonical layout.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>

namespace wenyuan::test {

struct SphereSpec {
    int segments = 32, rings = 16;   ///< 2 × segments × (rings − 1) triangles
    float radius = 1.0f;
    std::array<float, 3> centre{0, 0, 0};
    std::array<float, 4> colour{0.72f, 0.22f, 0.12f, 1.0f};  ///< base colour factor
    int checker_texture = 0;  ///< > 0: an embedded PNG checkerboard of this side, black and white
};

/// The GLB bytes of a UV sphere with normals (and UVs and a texture when asked).
std::string sphere_glb(const SphereSpec& spec);
/// Writes it; returns the triangle count.
std::size_t write_sphere_glb(const std::filesystem::path& file, const SphereSpec& spec);

}  // namespace wenyuan::test
