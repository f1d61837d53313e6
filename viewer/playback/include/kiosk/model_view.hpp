// ModelView: shows one 3D exhibit — our canonical GLB (importers/model: one mesh, a primitive per
// material, POSITION/NORMAL/TEXCOORD_0/COLOR_0, base colour factor and embedded JPEG/PNG
// texture) — with soft lighting like the poster, an orbit camera and a level of detail chosen by
// GPU limits and frame time.
//
// Threads: reading, validating and decoding a GLB (and its textures) runs on a worker thread.
// Every public member is called on the app's main thread with the GL context current: update()
// uploads finished work, draw() renders. The GL context must be 3.3 core (GLSL 330) or 3.0+
// (GLSL 130); both are detected at the first draw().
//
// Failure: a missing, truncated or hostile GLB (out-of-range offsets, counts, indices, bad JSON,
// undecodable textures) never crashes: State::error with a one-line message naming the file, e.g.
// "model view: bronze.glb: accessor 3 reads past the end of bufferView 2". If a finer level fails
// after a coarser one was shown, the coarser one stays and warning() says why.
#pragma once

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/lod_policy.hpp"
#include "kiosk/orbit_camera.hpp"
#include "kiosk/viewport.hpp"

namespace wenyuan::kiosk {

class ModelView {
public:
    enum class State { empty, loading, ready, error };

    struct Options {
        /// max_texture_size is replaced by GL_MAX_TEXTURE_SIZE at the first update; max_triangles 0
        /// by the renderer's budget (LodBudget::triangles_for: software rasterisers get fewer).
        LodBudget budget;
        bool adapt_to_frame_time = true;
        std::array<float, 4> background{0.957f, 0.945f, 0.918f, 1.0f};  ///< 月白 #F4F1EA
        bool clear_background = true;  ///< clear the viewport before drawing (else draw over the app's pixels)
        int max_glsl_version = 0;      ///< 0: the best the context has; 130 forces the GL 3.0 shaders (tests)
    };

    ModelView();
    explicit ModelView(Options options);
    ~ModelView();  ///< frees GL objects: destroy on the GL thread, with the context current
    ModelView(ModelView&&) noexcept;
    ModelView& operator=(ModelView&&) noexcept;
    ModelView(const ModelView&) = delete;
    ModelView& operator=(const ModelView&) = delete;

    /// Shows a model item: its `lod` assets (any order). The level is chosen by the budget; the
    /// worker starts loading it at once. Returns at once (State::loading).
    void load(std::vector<LodAsset> levels);
    /// Shows one GLB file (e.g. the `model` asset when the item has no `lod` assets).
    void load_file(const std::filesystem::path& file);
    void clear();  ///< State::empty; frees the mesh

    /// Main thread: uploads a finished load to GL. Returns true when the shown mesh changed.
    bool update();
    /// Main thread: renders into `viewport` of the bound framebuffer (clears it first with
    /// Options::background unless disabled). Restores the viewport, scissor, depth and blend state
    /// it changes. With adapt_to_frame_time, pass the app's measured time (ms) of the previous
    /// whole frame, GPU work included (e.g. up to after glFinish: on a software rasteriser most
    /// of the frame is there); the view may then load a coarser or finer level in the background.
    void draw(const Viewport& viewport, double last_frame_ms = 0);

    OrbitCamera& camera() noexcept;   ///< orbit / zoom / reset from the app's input
    State state() const;
    const std::string& error() const;
    const std::string& warning() const;
    /// Index into the levels as given to load() (most detailed first after sorting: see levels()),
    /// of the level shown; -1 when none.
    int current_level() const;
    const std::vector<LodAsset>& levels() const;  ///< sorted most detailed first
    std::size_t triangles() const;                 ///< of the shown mesh
    /// "GLSL 330; GL_MAX_TEXTURE_SIZE 16384; llvmpipe …; triangle budget 60000"
    std::string gl_info() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wenyuan::kiosk
