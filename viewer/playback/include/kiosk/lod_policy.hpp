// Which level of detail of a 3D exhibit to show: by the GPU's limits first, then by measured
// frame time. Pure logic, no GL: ModelView uses it, and tests drive it with made-up timings.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

namespace wenyuan::kiosk {

/// One `lod` asset of a model item (docs/archive-format.md "3D models"): its file in the store
/// and the numbers from its tech JSON (`triangles`, `max_texture`).
struct LodAsset {
    std::filesystem::path file;
    std::size_t triangles = 0;
    int max_texture = 2048;  ///< the longest side of its textures, in pixels
};

struct LodBudget {
    /// Triangles a renderer draws within the frame budget at 1280×800, with the kiosk's screen
    /// around them. Software (llvmpipe, 2 cores): 100k triangles took 36 ms a kiosk frame and 50k
    /// about 20 ms (docs/benchmarks.md), so 60k; a GPU: a million.
    static constexpr std::size_t kSoftwareTriangles = 60000;
    static constexpr std::size_t kHardwareTriangles = 1000000;
    static constexpr std::size_t triangles_for(bool software) { return software ? kSoftwareTriangles : kHardwareTriangles; }

    int max_texture_size = 2048;  ///< GL_MAX_TEXTURE_SIZE
    /// 0: by the renderer (ModelView puts triangles_for(software) here at its first update;
    /// choose_lod() reads 0 as the software budget).
    std::size_t max_triangles = 0;
    double slow_frame_ms = 28.0;  ///< step down above this: the 33 ms budget less 15 % headroom
    double fast_frame_ms = 12.0;  ///< step up below this (a finer level costs about twice as much)
    int frames_to_decide = 20;    ///< frames averaged before any step
    int warmup_frames = 3;        ///< frames not counted after a level is shown (upload, first draw)
    /// A level this small is never stepped down from: its frames are slow for other reasons (a
    /// busy machine), and small models then draw the same on every run (baseline images).
    std::size_t min_triangles_to_step_down = 20000;

    std::size_t triangle_budget() const noexcept { return max_triangles > 0 ? max_triangles : kSoftwareTriangles; }
};

/// Orders levels most detailed first (by triangles) and returns the index, in that order, of the
/// most detailed level within the budget's triangle count and texture size; the least detailed
/// level when none fits. `levels` must not be empty.
std::size_t choose_lod(const std::vector<LodAsset>& levels_most_detailed_first, const LodBudget& budget);

/// Steps between levels by frame time (whole frames: CPU work and the GPU's, see ModelView::draw):
/// the first `warmup_frames` after a level is set are ignored; then, after `frames_to_decide`
/// frames whose mean is above slow_frame_ms, it suggests the next coarser level (unless the
/// current one has fewer than min_triangles_to_step_down triangles); after frames whose mean is
/// under fast_frame_ms, the next finer one, but never above the budget's triangle count and never
/// back to a level that was already too slow, so it cannot oscillate. Not thread-safe; one per
/// ModelView.
class LodGovernor {
public:
    LodGovernor(std::vector<std::size_t> triangles_most_detailed_first, std::size_t start, LodBudget budget);
    /// Records a frame; returns the level to switch to, or nullopt to stay.
    std::optional<std::size_t> on_frame(double frame_ms);
    std::size_t level() const noexcept { return level_; }
    /// Tells the governor the level really in use (e.g. after a load failed and fell back).
    void set_level(std::size_t level);

private:
    std::vector<std::size_t> triangles_;
    std::vector<bool> too_slow_;
    std::size_t level_;
    LodBudget budget_;
    double sum_ms_ = 0;
    int frames_ = 0;
    int skip_ = 0;
};

}  // namespace wenyuan::kiosk
