// Reading our canonical GLB (importers/model/src/glb_writer.cpp) into CPU-side buffers ready for
// GL: every bound checked, so hostile files give an error, never a crash. Private to
// wenyuan_kiosk_playback; runs on ModelView's worker thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

/// One interleaved vertex as uploaded to GL.
struct MeshVertex {
    float position[3];
    float normal[3];
    float uv[2];
    std::uint8_t color[4];
};
static_assert(sizeof(MeshVertex) == 36);

struct MeshImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
};

struct MeshPart {
    std::vector<MeshVertex> vertices;
    std::vector<std::uint32_t> indices;  ///< three per triangle, each < vertices.size()
    std::array<float, 4> base_color{1, 1, 1, 1};
    int image = -1;  ///< index into MeshData::images, -1 for none
    bool blend = false;
};

struct MeshData {
    std::vector<MeshPart> parts;
    std::vector<MeshImage> images;
    std::array<float, 3> min{0, 0, 0}, max{0, 0, 0};
    std::size_t triangles = 0;
    std::vector<std::string> warnings;  ///< e.g. an undecodable texture (the part is drawn untextured)
};

struct GlbLimits {
    int max_texture_size = 2048;                   ///< larger textures are halved until they fit
    std::size_t max_triangles = 20'000'000;        ///< more is Errc::limit
    std::uint64_t max_file_bytes = 2'000'000'000;  ///< more is Errc::limit
};

/// Parses GLB bytes. `name` (the file name) starts every message:
/// "model view: bad.glb: accessor 2 reads past the end of bufferView 1".
/// Errors: Errc::corrupt (bad header, JSON, bounds, indices), Errc::unsupported (no triangles,
/// external buffers), Errc::limit. `cancel` is polled between steps. Thread-safe.
Result<MeshData> parse_glb(std::string_view bytes, const std::string& name, const GlbLimits& limits = {},
                           const std::atomic<bool>* cancel = nullptr);

/// Reads the file and parses it. Errors: as parse_glb, plus Errc::not_found / Errc::io.
Result<MeshData> load_glb(const std::filesystem::path& file, const GlbLimits& limits = {},
                          const std::atomic<bool>* cancel = nullptr);

}  // namespace wenyuan::kiosk
