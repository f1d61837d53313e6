#include "normalise.hpp"

#include <meshoptimizer.h>

#include <array>
#include <cmath>
#include <vector>

namespace wenyuan::model {
namespace {

template <typename T>
void remap_stream(std::vector<T>& values, std::size_t components, const std::vector<unsigned>& remap,
                  std::size_t unique) {
    if (values.empty()) return;
    std::vector<T> out(unique * components);
    meshopt_remapVertexBuffer(out.data(), values.data(), values.size() / components, sizeof(T) * components,
                              remap.data());
    values.swap(out);
}

}  // namespace

void weld(Primitive& p) {
    const std::size_t vertices = p.vertex_count();
    if (vertices == 0 || p.indices.empty()) return;
    std::vector<meshopt_Stream> streams;
    streams.push_back({p.positions.data(), sizeof(float) * 3, sizeof(float) * 3});
    if (!p.normals.empty()) streams.push_back({p.normals.data(), sizeof(float) * 3, sizeof(float) * 3});
    if (!p.uvs.empty()) streams.push_back({p.uvs.data(), sizeof(float) * 2, sizeof(float) * 2});
    if (!p.colors.empty()) streams.push_back({p.colors.data(), 4, 4});
    std::vector<unsigned> remap(vertices);
    const std::size_t unique = meshopt_generateVertexRemapMulti(remap.data(), p.indices.data(), p.indices.size(),
                                                                vertices, streams.data(), streams.size());
    if (unique == vertices) {
        // Already shared, but unreferenced vertices may still be dropped: only when some are unused.
        bool identity = true;
        for (std::size_t i = 0; i < vertices && identity; ++i) identity = remap[i] == i;
        if (identity) return;
    }
    meshopt_remapIndexBuffer(p.indices.data(), p.indices.data(), p.indices.size(), remap.data());
    remap_stream(p.positions, 3, remap, unique);
    remap_stream(p.normals, 3, remap, unique);
    remap_stream(p.uvs, 2, remap, unique);
    remap_stream(p.colors, 4, remap, unique);
}

namespace {

using Vec = std::array<float, 3>;

Vec face_normal(const Primitive& p, std::size_t t) {
    const float* a = &p.positions[3 * p.indices[3 * t]];
    const float* b = &p.positions[3 * p.indices[3 * t + 1]];
    const float* c = &p.positions[3 * p.indices[3 * t + 2]];
    const Vec e1{b[0] - a[0], b[1] - a[1], b[2] - a[2]}, e2{c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    return {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2], e1[0] * e2[1] - e1[1] * e2[0]};
}

float dot(const Vec& a, const Vec& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

Vec unit(const Vec& v) {
    const float length = std::sqrt(dot(v, v));
    if (!(length > 0) || !std::isfinite(length)) return {0, 0, 0};
    return {v[0] / length, v[1] / length, v[2] / length};
}

bool zero(const float* n) { return n[0] == 0 && n[1] == 0 && n[2] == 0; }

}  // namespace

void generate_normals(Primitive& p, float crease_degrees) {
    const std::size_t vertices = p.vertex_count(), triangles = p.triangle_count();
    if (p.normals.size() != 3 * vertices) p.normals.assign(3 * vertices, 0.0f);
    std::vector<bool> wanted(vertices);
    bool any = false;
    for (std::size_t v = 0; v < vertices; ++v) any |= (wanted[v] = zero(&p.normals[3 * v]));
    if (!any || triangles == 0) return;

    // Vertices at the same position form one group; each group lists its triangles (CSR).
    std::vector<unsigned> group(vertices);
    const std::size_t groups =
        meshopt_generateVertexRemap(group.data(), p.indices.data(), p.indices.size(), p.positions.data(), vertices, 12);
    std::vector<unsigned> start(groups + 1, 0);
    for (unsigned index : p.indices) ++start[group[index] + 1];
    for (std::size_t g = 0; g < groups; ++g) start[g + 1] += start[g];
    std::vector<unsigned> fill(start.begin(), start.end() - 1), faces(p.indices.size());
    for (std::size_t i = 0; i < p.indices.size(); ++i) faces[fill[group[p.indices[i]]]++] = static_cast<unsigned>(i / 3);
    std::vector<Vec> weighted(triangles), normal(triangles);
    for (std::size_t t = 0; t < triangles; ++t) {
        weighted[t] = face_normal(p, t);
        normal[t] = unit(weighted[t]);
    }

    const float limit = std::cos(crease_degrees * float(M_PI) / 180.0f);
    std::vector<bool> assigned(vertices, false);
    for (std::size_t i = 0; i < p.indices.size(); ++i) {
        const unsigned v = p.indices[i];
        if (!wanted[v]) continue;
        const std::size_t t = i / 3;
        const unsigned g = group[v];
        Vec sum{0, 0, 0};
        for (unsigned k = start[g]; k < start[g + 1]; ++k) {
            const unsigned other = faces[k];
            if (other == t || dot(normal[other], normal[t]) >= limit) {
                for (int c = 0; c < 3; ++c) sum[c] += weighted[other][c];
            }
        }
        Vec n = unit(sum);
        if (zero(n.data())) n = normal[t];
        if (zero(n.data())) n = {0, 0, 1};  // a degenerate triangle alone at its position
        if (!assigned[v]) {
            std::copy(n.begin(), n.end(), &p.normals[3 * v]);
            assigned[v] = true;
        } else if (dot(n, Vec{p.normals[3 * v], p.normals[3 * v + 1], p.normals[3 * v + 2]}) < 0.9999f) {
            // This corner needs another normal than the vertex already has: give it its own copy.
            const auto copy = static_cast<unsigned>(p.vertex_count());
            p.positions.insert(p.positions.end(), {p.positions[3 * v], p.positions[3 * v + 1], p.positions[3 * v + 2]});
            p.normals.insert(p.normals.end(), n.begin(), n.end());
            if (!p.uvs.empty()) p.uvs.insert(p.uvs.end(), {p.uvs[2 * v], p.uvs[2 * v + 1]});
            if (!p.colors.empty()) {
                p.colors.insert(p.colors.end(), {p.colors[4 * v], p.colors[4 * v + 1], p.colors[4 * v + 2], p.colors[4 * v + 3]});
            }
            p.indices[i] = copy;
        }
    }
    weld(p);  // corners of one vertex that got the same new normal share one copy again
}

void centre(Model& model) {
    const Box box = model.bounds();
    model.source_bounds = box;
    for (int k = 0; k < 3; ++k) model.offset[k] = (box.min[k] + box.max[k]) / 2;
    for (Primitive& p : model.primitives) {
        for (std::size_t i = 0; i + 2 < p.positions.size(); i += 3) {
            for (int k = 0; k < 3; ++k) p.positions[i + k] -= model.offset[k];
        }
    }
}

void normalise(Model& model) {
    for (Primitive& p : model.primitives) {
        weld(p);
        generate_normals(p);
    }
    centre(model);
}

}  // namespace wenyuan::model
