// Levels of detail with meshoptimizer: the full model, about 25 %, about 5 % and at most 50,000
// triangles, each simplified from the one before it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "mesh.hpp"

namespace wenyuan::model {

struct LodLevel {
    std::string target;              ///< "full", "25%", "5%" or "≤50000"
    std::vector<Primitive> owned;    ///< the simplified primitives (empty for the full level)
    const std::vector<Primitive>* full = nullptr;  ///< the model's own primitives, for level 0
    const std::vector<Primitive>& primitives() const noexcept { return full ? *full : owned; }
    std::size_t triangles = 0, vertices = 0;
    double error = 0;                ///< geometric deviation from the full model, as a fraction of its size
    double error_m = 0;              ///< the same in the model's units
    std::string method;              ///< "full", "simplify", "simplify-unlocked" or "sloppy"
    int max_texture = 2048;          ///< texture size cap for this level (1024 for the lowest)
};

struct LodSettings {
    std::vector<double> ratios{0.25, 0.05};
    std::size_t max_triangles = 50000;  ///< the kiosk level: never more triangles than this
    std::size_t min_triangles = 256;    ///< ratio levels smaller than this are not built
};

/// The chain of levels, most detailed first; level 0 refers to `model`'s primitives (which must
/// outlive the result). A ratio level is left out when it would hardly be smaller than the level
/// before it; the last level always has at most settings.max_triangles triangles. Simplification
/// keeps topological borders fixed (meshopt_SimplifyLockBorder) and never merges vertices across
/// UV seams or colour changes (meshoptimizer treats vertices that share a position but differ in
/// attributes as a seam); when locked borders keep a level far above its target, the level is
/// simplified again without the lock, and as a last resort with meshopt_simplifySloppy. The fins
/// the simplifier leaves (fins.hpp) are removed from every simplified level, so the levels of a
/// closed model stay closed. Thread-safe for distinct models.
std::vector<LodLevel> build_lods(const Model& model, const LodSettings& settings = {});

}  // namespace wenyuan::model
