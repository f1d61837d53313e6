// A model's textures in the sizes the derivatives need: the canonical GLB keeps the source's
// JPEG or PNG bytes (other formats are converted), LODs get at most 2048 px and the lowest level
// at most 1024 px, and the poster renderer gets decoded pixels.
#pragma once

#include <string>
#include <vector>

#include "image_codec.hpp"
#include "mesh.hpp"

namespace wenyuan::model {

struct EncodedImage {
    std::string bytes;  ///< empty: no usable image (missing or undecodable)
    std::string mime;   ///< "image/jpeg" or "image/png"
    int width = 0, height = 0;
};

/// One texture of Model::textures, prepared.
struct PreparedTexture {
    EncodedImage full;      ///< the source's size
    EncodedImage at_2048;   ///< at most 2048 px on the longer side
    EncodedImage at_1024;   ///< at most 1024 px
    Image pixels;           ///< decoded, at most 1024 px, for the poster
    int source_width = 0, source_height = 0;
    bool usable() const noexcept { return !full.bytes.empty(); }
};

/// Reads, decodes and encodes every texture of `model`. A texture that is missing or cannot be
/// decoded is not an error: it is left unusable and a warning is added to Model::warnings.
/// Thread-safe for distinct models.
std::vector<PreparedTexture> prepare_textures(Model& model);

/// The max_side version of `texture` (2048, 1024, or anything else for the full size).
const EncodedImage& texture_version(const PreparedTexture& texture, int max_side) noexcept;

}  // namespace wenyuan::model
