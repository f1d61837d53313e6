#include "kiosk/lod_policy.hpp"

#include <cassert>

namespace wenyuan::kiosk {

std::size_t choose_lod(const std::vector<LodAsset>& levels, const LodBudget& budget) {
    assert(!levels.empty());
    for (std::size_t i = 0; i < levels.size(); ++i) {
        if (levels[i].triangles <= budget.triangle_budget() && levels[i].max_texture <= budget.max_texture_size) return i;
    }
    return levels.size() - 1;
}

LodGovernor::LodGovernor(std::vector<std::size_t> triangles, std::size_t start, LodBudget budget)
    : triangles_(std::move(triangles)), too_slow_(triangles_.size(), false), level_(start), budget_(budget),
      skip_(budget.warmup_frames) {}

void LodGovernor::set_level(std::size_t level) {
    level_ = level;
    sum_ms_ = 0;
    frames_ = 0;
    skip_ = budget_.warmup_frames;
}

std::optional<std::size_t> LodGovernor::on_frame(double frame_ms) {
    if (!(frame_ms > 0) || triangles_.size() < 2) return std::nullopt;
    if (skip_ > 0) return --skip_, std::nullopt;
    sum_ms_ += frame_ms;
    if (++frames_ < budget_.frames_to_decide) return std::nullopt;
    const double mean = sum_ms_ / frames_;
    sum_ms_ = 0;
    frames_ = 0;
    if (mean > budget_.slow_frame_ms && level_ + 1 < triangles_.size() &&
        triangles_[level_] >= budget_.min_triangles_to_step_down) {
        too_slow_[level_] = true;
        skip_ = budget_.warmup_frames;
        return ++level_;
    }
    if (mean < budget_.fast_frame_ms && level_ > 0) {
        const std::size_t finer = level_ - 1;
        if (!too_slow_[finer] && triangles_[finer] <= budget_.triangle_budget()) {
            skip_ = budget_.warmup_frames;
            return level_ = finer;
        }
    }
    return std::nullopt;
}

}  // namespace wenyuan::kiosk
