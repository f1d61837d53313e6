// Making a loaded model canonical: shared vertices and a centred position.
#pragma once

#include "mesh.hpp"

namespace wenyuan::model {

/// Merges vertices whose position, normal, UV and colour are all equal (Assimp gives OBJ and STL
/// faces their own vertices), so that simplification can collapse edges. Keeps triangle order.
/// Thread-safe for distinct primitives.
void weld(Primitive& primitive);

/// Gives every vertex whose normal is zero (the file had none) a smooth normal: the area-weighted
/// mean of the normals of the triangles around its position that lie within `crease_degrees` of
/// the corner's own triangle, as Assimp's aiProcess_GenSmoothNormals does, so a cube stays flat
/// and a scan smooth. A vertex whose corners need different normals is split. Linear in the
/// triangles times the valence. Thread-safe for distinct primitives.
void generate_normals(Primitive& primitive, float crease_degrees = 80.0f);

/// Records Model::source_bounds and moves the model so that its bounding box is centred on the
/// origin (Model::offset is what was subtracted).
void centre(Model& model);

/// weld() and generate_normals() on every primitive, then centre(): what every loaded model goes
/// through before its derivatives are made.
void normalise(Model& model);

}  // namespace wenyuan::model
