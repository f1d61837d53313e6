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
    int max_texture_size = 2048;        ///< GL_MAX_TEXTURE_SIZE
    std::size_t max_triangles = 100000;  ///< ~100k on llvmpipe at 1280×800 (issue 7's measurements)
    double slow_frame_ms = 33.0;        ///< step down when frames are slower than this
    double fast_frame_ms = 12.0;        ///< step up when frames are faster than this
    int frames_to_decide = 20;          ///< frames averaged before any step
};

/// Orders levels most detailed first (by triangles) and returns the index, in that order, of the
/// most detailed level within the budget's triangle count and texture size; the least detailed
/// level when none fits. `levels` must not be empty.
std::size_t choose_lod(const std::vector<LodAsset>& levels_most_detailed_first, const LodBudget& budget);

/// Steps between levels by frame time: after `frames_to_decide` frames whose mean is above
/// slow_frame_ms it suggests the next coarser level; after frames well under fast_frame_ms it
/// suggests the next finer one, but never above the budget's triangle count and never back to a
/// level that was already too slow. Not thread-safe; one per ModelView.
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
};

}  // namespace wenyuan::kiosk
