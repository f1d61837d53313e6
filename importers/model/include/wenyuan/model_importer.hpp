// The 3D model importer: OBJ (+MTL and textures), PLY, STL, glTF/GLB, FBX, COLLADA, 3DS, OFF.
//
// Each model becomes one item. The original and the files it refers to (.mtl, .bin, textures)
// are stored untouched, the latter as assets with the roles "material", "buffer" and "texture".
// Derivatives: a canonical GLB ("model": glTF 2.0, centred, metres where the source says so,
// normals, base colours and textures), a chain of simplified GLBs ("lod", levels 0..3: the full
// model, about 25 %, about 5 % and at most 50,000 triangles, textures at most 2048 px and 1024 px
// for the lowest), and a poster rendered offscreen ("thumbnail" 256 px, "preview" 1024 px JPEG).
//
// Parsing and everything after it run in a child process with an address-space limit and a
// wall-clock timeout, so that a crash, hang or allocation blow-up in Assimp becomes a one-line
// error naming the file and the archive is untouched. See docs/archive-format.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>

#include "wenyuan/importer.hpp"

namespace wenyuan {

/// Settings of the model importer. ImportOptions::extra can override the limits per run:
/// "model.timeout" (seconds) and "model.memory" (MiB).
struct ModelImporterSettings {
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};   ///< per model, wall clock
    std::uint64_t memory_bytes = std::uint64_t{4} << 30;           ///< child's address space
    bool poster = true;                                            ///< render thumbnail/preview
    /// Called in the child process just before parsing, with the model file. For tests: a hook
    /// that crashes, hangs or allocates without bound shows what isolation does. Empty in use.
    std::function<void(const std::filesystem::path&)> before_parse;
};

/// The model importer (name "model"). Scores 90 for OBJ, PLY, STL, glTF/GLB, FBX, COLLADA
/// (.dae, .zae), 3DS and OFF as sniff_file() reports them, 40 for other model types (X3D, 3MF),
/// 0 for a bare .mtl. Thread-safe: import() may run on several workers at once, each in its own
/// child process, created with fork(). The child inherits the importing process's state, so that
/// process should not use Mesa/OpenGL itself (llvmpipe's threads and locks do not survive a
/// fork; the child would wait until the timeout).
std::unique_ptr<Importer> make_model_importer(ModelImporterSettings settings = {});

}  // namespace wenyuan
