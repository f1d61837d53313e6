// Whether a mesh is a closed (up to pinholes), consistently wound surface — a solid — and which
// way its faces point: then the faces turned away from the camera cannot be seen from outside
// it, and the renderer may cull them. On llvmpipe that is about 40 % of a dense scan's frame (each hidden
// triangle is still set up and shaded in 4 × 4 blocks; docs/benchmarks.md). Private to
// wenyuan_kiosk_playback; runs on ModelView's worker thread.
#pragma once

#include <atomic>

#include "glb_mesh.hpp"

namespace wenyuan::kiosk {

/// Which faces the renderer may leave out: none (open, inconsistently wound or blended
/// meshes, and meshes over the size limit), the back faces (counter-clockwise faces point
/// outwards, as glTF says) or the front faces (a solid wound inside out).
enum class FaceCull { none, back, front };

/// Welds vertices by position (to a millionth of the bounding-box diagonal, over all parts: seams
/// and material borders split vertices), then
/// checks that no directed edge of a non-degenerate triangle occurs twice (consistent winding,
/// no fins) and that the border edges (those without their reverse: holes) add up to at most
/// `max_hole_perimeter` of the bounding box's diagonal, so that no hole is large enough to look
/// inside through (a scan's pinholes are; a vase's mouth is not). The orientation comes from the
/// sign of the enclosed volume; a flat mesh gives none. Meshes with a blended part or more than
/// `max_triangles` triangles give none without a check (the check needs 8 bytes per triangle
/// corner). A material's `doubleSided` does not matter: a solid's inside cannot be seen, so
/// culling changes no pixel (assimp marks every PLY scan two-sided). `cancel` is polled;
/// cancelled gives none. Thread-safe.
FaceCull solid_face_cull(const MeshData& mesh, std::size_t max_triangles = 2'000'000,
                         const std::atomic<bool>* cancel = nullptr, double max_hole_perimeter = 0.03);

}  // namespace wenyuan::kiosk
