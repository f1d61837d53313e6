// Fins that meshoptimizer 0.18's edge collapses leave on a closed surface. meshopt_simplify does
// not check the link condition: collapsing an edge whose ends have a third neighbour in common
// that is not a triangle of theirs pinches the surface there into an edge used by four triangles,
// and the few triangles on the small side of the pinch become a flat closed pocket hanging off
// the surface (two coincident triangles of opposite winding when the small side held one vertex
// of valence three). The surface itself stays closed, but the pinched edges are used twice the
// same way, so the kiosk (viewer/playback/src/mesh_solid.hpp) could not tell that a simplified
// scan is a solid and drew all its hidden faces. Removing such a pocket opens no hole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace wenyuan::model {

/// Removes from `simplified` (three vertex indices per triangle into `positions`, x y z per
/// vertex) every fin the simplifier made. Vertices at the same position are one corner (UV and
/// colour seams split vertices), and an edge is pinched when it is used more than once the same
/// way. A fin is a set of at most 64 triangles connected across unpinched edges, fewer than half
/// of all, that
///  - is closed on its own (it uses each of its edges as often one way as the other),
///  - is flat: it encloses at most 1 % of the cube of its bounding-box diagonal (a knob of the
///    model that the simplifier pinched off encloses far more, and stays),
///  - has a corner that no other triangle uses (it hangs off the surface, not between surfaces),
///  - shares only pinched edges with the other triangles, each of which they still use as often
///    one way as the other, and at least once: the surface goes on underneath,
///  - and shares no edge that was already pinched in `source` (the indices that were simplified):
///    parts that the model itself joins at an edge stay.
/// Repeats while removing fins frees more (at most 8 passes). The order of the remaining
/// triangles is kept. Returns the number of triangles removed. Thread-safe for distinct buffers.
std::size_t remove_fins(std::vector<std::uint32_t>& simplified, const std::vector<std::uint32_t>& source,
                        const std::vector<float>& positions);

}  // namespace wenyuan::model
