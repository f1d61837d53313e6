#include "lod.hpp"

#include "fins.hpp"

#include <meshoptimizer.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace wenyuan::model {
namespace {

constexpr std::size_t kParallelTriangles = 300'000;  // below this, one thread is quicker than cutting

struct Target {
    std::string name;
    std::size_t triangles;
    bool hard;  // the level must not exceed `triangles`
};

template <typename T>
void remap_stream(std::vector<T>& values, std::size_t components, const std::vector<unsigned>& remap,
                  std::size_t unique) {
    if (values.empty()) return;
    std::vector<T> out(unique * components);
    meshopt_remapVertexBuffer(out.data(), values.data(), values.size() / components, sizeof(T) * components,
                              remap.data());
    values.swap(out);
}

// A primitive with only the vertices `indices` use, in the order the GPU fetches them.
Primitive compact(const Primitive& source, std::vector<unsigned> indices) {
    Primitive out;
    out.material = source.material;
    const std::size_t n = source.vertex_count();
    std::vector<unsigned> remap(n);
    const std::size_t unique = meshopt_optimizeVertexFetchRemap(remap.data(), indices.data(), indices.size(), n);
    meshopt_remapIndexBuffer(indices.data(), indices.data(), indices.size(), remap.data());
    // The FIFO cache optimiser is an order of magnitude faster than the default one and nearly as good.
    meshopt_optimizeVertexCacheFifo(indices.data(), indices.data(), indices.size(), unique, 16);
    out.indices = std::move(indices);
    out.positions = source.positions;
    out.normals = source.normals;
    out.uvs = source.uvs;
    out.colors = source.colors;
    remap_stream(out.positions, 3, remap, unique);
    remap_stream(out.normals, 3, remap, unique);
    remap_stream(out.uvs, 2, remap, unique);
    remap_stream(out.colors, 4, remap, unique);
    return out;
}

struct Simplified {
    std::vector<unsigned> indices;
    double error_m = 0;
};

Simplified simplify_indices(const Primitive& p, const std::vector<unsigned>& indices, std::size_t target_triangles,
                            int mode) {
    Simplified out;
    out.indices.resize(indices.size());
    float error = 0;
    const std::size_t target = std::max<std::size_t>(target_triangles, 1) * 3;
    std::size_t count;
    if (mode == 2) {
        count = meshopt_simplifySloppy(out.indices.data(), indices.data(), indices.size(), p.positions.data(),
                                       p.vertex_count(), sizeof(float) * 3, target, 1.0f, &error);
    } else {
        count = meshopt_simplify(out.indices.data(), indices.data(), indices.size(), p.positions.data(),
                                 p.vertex_count(), sizeof(float) * 3, target, 1.0f,
                                 mode == 0 ? meshopt_SimplifyLockBorder : 0, &error);
    }
    out.indices.resize(count);
    out.error_m = double(error) * meshopt_simplifyScale(p.positions.data(), p.vertex_count(), sizeof(float) * 3);
    return out;
}

// The triangles of `p` cut into `parts` slabs of about equal size along the longest axis.
std::vector<std::vector<unsigned>> slabs(const Primitive& p, unsigned parts) {
    const Box box = bounds_of(p);
    int axis = 0;
    for (int k = 1; k < 3; ++k) {
        if (box.max[k] - box.min[k] > box.max[axis] - box.min[axis]) axis = k;
    }
    const std::size_t triangles = p.triangle_count();
    std::vector<float> keys(triangles);
    for (std::size_t t = 0; t < triangles; ++t) {
        keys[t] = p.positions[3 * p.indices[3 * t] + axis] + p.positions[3 * p.indices[3 * t + 1] + axis] +
                  p.positions[3 * p.indices[3 * t + 2] + axis];
    }
    std::vector<float> sorted = keys;
    std::vector<float> cuts;
    for (unsigned i = 1; i < parts; ++i) {
        auto nth = sorted.begin() + static_cast<std::ptrdiff_t>(triangles * i / parts);
        std::nth_element(sorted.begin(), nth, sorted.end());
        cuts.push_back(*nth);
    }
    std::vector<std::vector<unsigned>> out(parts);
    for (auto& part : out) part.reserve(p.indices.size() / parts + 3);
    for (std::size_t t = 0; t < triangles; ++t) {
        const auto slab = static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), keys[t]) - cuts.begin());
        out[slab].insert(out[slab].end(), {p.indices[3 * t], p.indices[3 * t + 1], p.indices[3 * t + 2]});
    }
    return out;
}

// Large primitives are simplified in slabs on several threads. Only with locked borders: the
// cut between two slabs is then a border that neither side moves, so no crack can open.
Simplified simplify(const Primitive& p, std::size_t target_triangles, int mode) {
    const unsigned threads = std::min(4u, std::max(1u, std::thread::hardware_concurrency()));
    if (mode != 0 || threads < 2 || p.triangle_count() < kParallelTriangles) {
        return simplify_indices(p, p.indices, target_triangles, mode);
    }
    const auto parts = slabs(p, threads);
    std::vector<Simplified> results(parts.size());
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        workers.emplace_back([&, i] {
            results[i] = simplify_indices(p, parts[i], target_triangles * (parts[i].size() / 3) / p.triangle_count(), mode);
        });
    }
    results[0] = simplify_indices(p, parts[0], target_triangles * (parts[0].size() / 3) / p.triangle_count(), mode);
    for (auto& worker : workers) worker.join();
    Simplified out;
    for (Simplified& r : results) {
        out.indices.insert(out.indices.end(), r.indices.begin(), r.indices.end());
        out.error_m = std::max(out.error_m, r.error_m);
    }
    return out;
}

// One level from the one before it, trying harder methods while the result is too large.
LodLevel simplify_level(const LodLevel& previous, const Target& target) {
    const double total = double(previous.triangles);
    LodLevel level;
    level.target = target.name;
    static const char* kMethods[] = {"simplify", "simplify-unlocked", "sloppy"};
    for (int mode = 0; mode < 3; ++mode) {
        level.owned.clear();
        level.triangles = 0;
        double error_m = 0;
        for (const Primitive& p : previous.primitives()) {
            // Each primitive keeps its share, so that small parts (a label, an eye) are not wiped out.
            const auto share = static_cast<std::size_t>(std::floor(double(p.triangle_count()) * double(target.triangles) / total));
            Simplified s = simplify(p, share, mode);
            error_m = std::max(error_m, s.error_m);
            remove_fins(s.indices, p.indices, p.positions);
            if (s.indices.empty()) continue;
            level.owned.push_back(compact(p, std::move(s.indices)));
            level.triangles += level.owned.back().triangle_count();
        }
        level.error_m = previous.error_m + error_m;
        level.method = kMethods[mode];
        const double slack = target.hard ? 1.0 : 1.5;
        if (double(level.triangles) <= double(target.triangles) * slack) break;
    }
    level.vertices = 0;
    for (const Primitive& p : level.owned) level.vertices += p.vertex_count();
    return level;
}

}  // namespace

std::vector<LodLevel> build_lods(const Model& model, const LodSettings& settings) {
    std::vector<LodLevel> levels(1);
    LodLevel& full = levels.front();
    full.target = "full";
    full.full = &model.primitives;
    full.triangles = model.triangle_count();
    full.vertices = model.vertex_count();
    full.method = "full";
    const Box box = model.bounds();
    const double size = std::max({box.max[0] - box.min[0], box.max[1] - box.min[1], box.max[2] - box.min[2], 1e-30f});

    std::vector<Target> targets;
    for (double ratio : settings.ratios) {
        const auto n = static_cast<std::size_t>(double(full.triangles) * ratio);
        if (n >= settings.min_triangles) targets.push_back({std::to_string(int(std::lround(ratio * 100))) + "%", n, false});
    }
    if (full.triangles > settings.max_triangles) {
        targets.push_back({"≤" + std::to_string(settings.max_triangles), settings.max_triangles, true});
    }
    std::stable_sort(targets.begin(), targets.end(), [](const Target& a, const Target& b) { return a.triangles > b.triangles; });
    // A level must be clearly smaller than the one before it to be worth a download; when the
    // kiosk level is close to a ratio level, the kiosk level takes its place.
    std::vector<Target> chain;
    std::size_t above = full.triangles;
    for (const Target& target : targets) {
        if (!chain.empty() && double(target.triangles) > 0.8 * double(chain.back().triangles)) {
            if (target.hard) {
                chain.back() = target;
                above = target.triangles;
            }
            continue;
        }
        if (double(target.triangles) > 0.8 * double(above) && !target.hard) continue;
        chain.push_back(target);
        above = target.triangles;
    }
    for (const Target& target : chain) {
        const LodLevel& previous = levels.back();
        LodLevel level = simplify_level(previous, target);
        if (level.triangles == 0) break;
        level.error = level.error_m / size;
        levels.push_back(std::move(level));
    }
    levels.back().max_texture = levels.size() > 1 ? 1024 : 2048;
    return levels;
}

}  // namespace wenyuan::model
