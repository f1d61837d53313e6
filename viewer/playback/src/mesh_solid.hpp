// Whether a mesh is a closed, consistently wound surface (a "solid"), and which way its faces
// point: then the faces turned away from the camera can never be seen from outside it, and the
// renderer may cull them. On llvmpipe that is about 40 % of a dense scan's frame (each hidden
// triangle is still set up and shaded in 4 × 4 blocks; docs/benchmarks.md). Private to
// wenyuan_kiosk_playback; runs on ModelView's worker thread.
#pragma once

#include <atomic>

#include "glb_mesh.hpp"

namespace wenyuan::kiosk {

/// Which faces the renderer may leave out: none (open, inconsistently wound or blended meshes,
/// and meshes over the size limit), the back faces (counter-clockwise faces point outwards, as
/// glTF says) or the front faces (a closed mesh wound inside out).
enum class FaceCull { none, back, front };

/// Welds vertices by position (over all parts: seams and material borders split vertices), then
/// checks that every directed edge of a non-degenerate triangle occurs exactly once and its
/// reverse exists, and takes the orientation from the sign of the enclosed volume. Meshes with
/// a blended part or more than `max_triangles` triangles give FaceCull::none without a check
/// (the check needs 8 bytes per triangle corner). `cancel` is polled; cancelled gives none.
/// Thread-safe (reads `mesh` only).
FaceCull solid_face_cull(const MeshData& mesh, std::size_t max_triangles = 2'000'000,
                         const std::atomic<bool>* cancel = nullptr);

}  // namespace wenyuan::kiosk
