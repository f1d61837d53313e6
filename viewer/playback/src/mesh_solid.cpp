#include "mesh_solid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace wenyuan::kiosk {
namespace {

struct Corner {
    std::array<std::int32_t, 3> cell;  ///< the position on a grid of a millionth of the diagonal
    std::uint32_t vertex;              ///< index over all parts' vertices
};

// Positions a millionth of the bounding-box diagonal apart weld: a UV sphere's seam repeats its
// first column at φ = 2π, where sin gives 1e-16 instead of 0.
std::array<std::int32_t, 3> cell_of(const float (&p)[3], const std::array<float, 3>& min, double cell) {
    std::array<std::int32_t, 3> out{};
    for (std::size_t c = 0; c < 3; ++c) out[c] = std::int32_t(std::llround((double(p[c]) - min[c]) / cell));
    return out;
}

}  // namespace

FaceCull solid_face_cull(const MeshData& mesh, std::size_t max_triangles, const std::atomic<bool>* cancel,
                         double max_hole_perimeter) {
    if (mesh.triangles == 0 || mesh.triangles > max_triangles) return FaceCull::none;
    for (const MeshPart& part : mesh.parts)
        if (part.blend) return FaceCull::none;
    double diagonal = 0;
    for (std::size_t d = 0; d < 3; ++d) {
        const double side = double(mesh.max[d]) - mesh.min[d];
        diagonal += side * side;
    }
    diagonal = std::sqrt(diagonal);
    if (!(diagonal > 0) || !std::isfinite(diagonal)) return FaceCull::none;
    // Weld: one id per distinct position.
    std::vector<Corner> corners;
    std::vector<std::uint32_t> first;  // each part's first vertex in the global numbering
    for (const MeshPart& part : mesh.parts) {
        first.push_back(std::uint32_t(corners.size()));
        for (const MeshVertex& v : part.vertices) {
            for (const float x : v.position)
                if (!std::isfinite(x)) return FaceCull::none;
            corners.push_back({cell_of(v.position, mesh.min, diagonal * 1e-6), std::uint32_t(corners.size())});
        }
    }
    std::sort(corners.begin(), corners.end(), [](const Corner& a, const Corner& b) { return a.cell < b.cell; });
    std::vector<std::uint32_t> weld(corners.size());
    std::vector<std::uint32_t> welded_vertex;  // a vertex (global index) of each welded id
    for (std::size_t i = 0; i < corners.size(); ++i) {
        if (i == 0 || corners[i].cell != corners[i - 1].cell) welded_vertex.push_back(corners[i].vertex);
        weld[corners[i].vertex] = std::uint32_t(welded_vertex.size() - 1);
    }
    std::vector<const MeshVertex*> global;  // global index → vertex
    global.reserve(corners.size());
    for (const MeshPart& part : mesh.parts)
        for (const MeshVertex& v : part.vertices) global.push_back(&v);
    corners = {};
    if (cancel && cancel->load()) return FaceCull::none;
    // Directed edges of the non-degenerate triangles, and the enclosed volume about the centre.
    const double centre[3] = {(double(mesh.min[0]) + mesh.max[0]) / 2, (double(mesh.min[1]) + mesh.max[1]) / 2,
                              (double(mesh.min[2]) + mesh.max[2]) / 2};
    std::vector<std::uint64_t> edges;
    edges.reserve(mesh.triangles * 3);
    double volume = 0;
    for (std::size_t p = 0; p < mesh.parts.size(); ++p) {
        const MeshPart& part = mesh.parts[p];
        for (std::size_t i = 0; i + 2 < part.indices.size(); i += 3) {
            const std::uint32_t a = weld[first[p] + part.indices[i]], b = weld[first[p] + part.indices[i + 1]],
                                c = weld[first[p] + part.indices[i + 2]];
            if (a == b || b == c || c == a) continue;  // degenerate (e.g. at a pole): no edges
            edges.push_back(std::uint64_t(a) << 32 | b);
            edges.push_back(std::uint64_t(b) << 32 | c);
            edges.push_back(std::uint64_t(c) << 32 | a);
            double q[3][3];
            for (int k = 0; k < 3; ++k)
                for (int d = 0; d < 3; ++d)
                    q[k][d] = double(part.vertices[part.indices[i + std::size_t(k)]].position[d]) - centre[d];
            volume += q[0][0] * (q[1][1] * q[2][2] - q[1][2] * q[2][1]) - q[0][1] * (q[1][0] * q[2][2] - q[1][2] * q[2][0]) +
                      q[0][2] * (q[1][0] * q[2][1] - q[1][1] * q[2][0]);
        }
    }
    if (edges.empty() || (cancel && cancel->load())) return FaceCull::none;
    std::sort(edges.begin(), edges.end());
    // An edge used twice the same way: a flipped face or a fin.
    if (std::adjacent_find(edges.begin(), edges.end()) != edges.end()) return FaceCull::none;
    double holes = 0;  // the length of the border edges: the holes' perimeter
    for (const std::uint64_t e : edges) {
        const std::uint64_t reverse = (e << 32) | (e >> 32);
        if (std::binary_search(edges.begin(), edges.end(), reverse)) continue;
        const float* a = global[welded_vertex[e >> 32]]->position;
        const float* b = global[welded_vertex[e & 0xffffffffu]]->position;
        holes += std::sqrt(double(a[0] - b[0]) * (a[0] - b[0]) + double(a[1] - b[1]) * (a[1] - b[1]) +
                           double(a[2] - b[2]) * (a[2] - b[2]));
        if (holes > max_hole_perimeter * diagonal) return FaceCull::none;
    }
    // A closed surface enclosing (almost) nothing, such as a sheet doubled back to back, has no
    // outside to tell by the volume's sign: shown from both sides.
    if (std::abs(volume) / 6 < 1e-6 * diagonal * diagonal * diagonal) return FaceCull::none;
    return volume > 0 ? FaceCull::back : FaceCull::front;
}

}  // namespace wenyuan::kiosk
