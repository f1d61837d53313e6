#include "mesh.hpp"

#include <algorithm>
#include <limits>

namespace wenyuan::model {

std::size_t Model::triangle_count() const noexcept {
    std::size_t n = 0;
    for (const Primitive& p : primitives) n += p.triangle_count();
    return n;
}

std::size_t Model::vertex_count() const noexcept {
    std::size_t n = 0;
    for (const Primitive& p : primitives) n += p.vertex_count();
    return n;
}

bool Model::has_vertex_colors() const noexcept {
    return std::any_of(primitives.begin(), primitives.end(), [](const Primitive& p) { return !p.colors.empty(); });
}

namespace {

void extend(const Primitive& p, Box& box, bool& any) noexcept {
        for (std::size_t i = 0; i + 2 < p.positions.size(); i += 3) {
            for (int k = 0; k < 3; ++k) {
                box.min[k] = std::min(box.min[k], p.positions[i + k]);
                box.max[k] = std::max(box.max[k], p.positions[i + k]);
            }
            any = true;
        }
}

constexpr float kInf = std::numeric_limits<float>::infinity();

}  // namespace

Box bounds_of(const std::vector<Primitive>& primitives) noexcept {
    Box box{{kInf, kInf, kInf}, {-kInf, -kInf, -kInf}};
    bool any = false;
    for (const Primitive& p : primitives) extend(p, box, any);
    return any ? box : Box{};
}

Box bounds_of(const Primitive& primitive) noexcept {
    Box box{{kInf, kInf, kInf}, {-kInf, -kInf, -kInf}};
    bool any = false;
    extend(primitive, box, any);
    return any ? box : Box{};
}

Box Model::bounds() const noexcept { return bounds_of(primitives); }

}  // namespace wenyuan::model
