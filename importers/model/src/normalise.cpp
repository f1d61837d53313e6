#include "normalise.hpp"

#include <meshoptimizer.h>

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

}  // namespace wenyuan::model
