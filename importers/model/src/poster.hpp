// The poster: one picture of the model rendered offscreen with OSMesa (Mesa's software
// rasterizer), with no window and no display. Three-quarter view from the front right and
// above, soft two-light shading, and framing that depends only on the model's bounding box.
#pragma once

#include <vector>

#include "image_codec.hpp"
#include "mesh.hpp"
#include "textures.hpp"

namespace wenyuan::model {

struct PosterSettings {
    int size = 1024;         ///< the square picture's side in pixels
    int supersample = 2;     ///< rendered at size × supersample, then scaled down (anti-aliasing)
};

/// Renders `primitives` (centred on the origin, Y up) with their materials and textures
/// (`textures[i]` belongs to Model::textures[i]; unusable ones are left out). Returns an RGB
/// image of settings.size × settings.size on a light grey background.
///
/// Deterministic for the same input on the same Mesa build. Errors: Errc::internal when OSMesa
/// cannot create a context. Thread safety: uses the calling thread's current GL context slot;
/// one render per thread at a time (the importer renders in its child process).
Result<Image> render_poster(const std::vector<Primitive>& primitives, const std::vector<Material>& materials,
                            const std::vector<PreparedTexture>& textures, const PosterSettings& settings = {});

}  // namespace wenyuan::model
