// Making a loaded model canonical: shared vertices and a centred position.
#pragma once

#include "mesh.hpp"

namespace wenyuan::model {

/// Merges vertices whose position, normal, UV and colour are all equal (Assimp gives OBJ and STL
/// faces their own vertices), so that simplification can collapse edges. Keeps triangle order.
/// Thread-safe for distinct primitives.
void weld(Primitive& primitive);

/// Records Model::source_bounds and moves the model so that its bounding box is centred on the
/// origin (Model::offset is what was subtracted).
void centre(Model& model);

}  // namespace wenyuan::model
