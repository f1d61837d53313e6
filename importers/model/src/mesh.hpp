// The model importer's in-memory model: primitives with their own vertex buffers, materials and
// textures. Assimp, meshoptimizer, the GLB writer and the poster renderer all meet here, so this
// header includes none of their headers.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace wenyuan::model {

/// Triangles of one material with their own vertex buffer. Attribute arrays are either empty
/// (absent) or hold one entry per vertex. UVs use glTF's convention: v = 0 is the image's top row.
struct Primitive {
    std::uint32_t material = 0;
    std::vector<float> positions;       ///< x y z
    std::vector<float> normals;         ///< x y z, unit length
    std::vector<float> uvs;             ///< u v
    std::vector<std::uint8_t> colors;   ///< r g b a, as written in the source (no colour-space change)
    std::vector<std::uint32_t> indices; ///< three per triangle

    std::size_t vertex_count() const noexcept { return positions.size() / 3; }
    std::size_t triangle_count() const noexcept { return indices.size() / 3; }
};

struct Material {
    std::string name;
    std::array<float, 4> base_color{1, 1, 1, 1};
    int texture = -1;  ///< index into Model::textures, -1 for none
    bool double_sided = false;
};

/// A texture that a material uses, as found while loading.
struct TextureRef {
    std::string reference;        ///< as written in the model file: "tex/青铜.jpg", "*0"
    std::filesystem::path file;   ///< the resolved file; empty when embedded or missing
    std::string embedded;         ///< compressed bytes embedded in the model (PNG, JPEG …)
    std::vector<std::uint8_t> rgba;  ///< uncompressed embedded texels, width × height × 4
    int width = 0, height = 0;       ///< of `rgba`
    bool missing = false;         ///< referenced but not found: a warning, rendered untextured
};

struct Box {
    std::array<float, 3> min{0, 0, 0}, max{0, 0, 0};
};

/// A whole model after loading and normalising.
struct Model {
    std::vector<Primitive> primitives;
    std::vector<Material> materials;
    std::vector<TextureRef> textures;
    std::string format;                  ///< Assimp's importer description, e.g. "Stanford Polygon Library"
    std::string units = "unknown";       ///< "m" when the source states its unit, else "unknown"
    std::string unit_source;             ///< how the unit was found: "glTF", "COLLADA <unit meter=0.01>"
    double scale_to_metres = 1.0;        ///< applied to the positions
    Box source_bounds;                   ///< in `units` (after scaling to metres), before centring
    std::array<float, 3> offset{0, 0, 0};  ///< subtracted (after scaling) to centre the model
    std::vector<std::string> warnings;

    std::size_t triangle_count() const noexcept;
    std::size_t vertex_count() const noexcept;
    bool has_vertex_colors() const noexcept;
    Box bounds() const noexcept;  ///< of the positions as they are now
};

/// The box around every position of `primitives`; an all-zero box when there are none.
Box bounds_of(const std::vector<Primitive>& primitives) noexcept;
Box bounds_of(const Primitive& primitive) noexcept;

}  // namespace wenyuan::model
