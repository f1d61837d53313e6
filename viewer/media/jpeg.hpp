// Decoding images for display: JPEG through TurboJPEG (scaled by the DCT so that a big preview
// never decodes at full size for a small card), anything else through stb_image. Pure; re-entrant.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

struct Pixels {
    int width = 0, height = 0;  ///< RGBA, 4 bytes a pixel, rows top to bottom
    std::vector<std::uint8_t> rgba;
};

/// Decodes `bytes`, choosing the smallest JPEG scale whose long edge is still ≥ `max_edge`
/// (0: full size). `origin` names the object in errors. Errors: Errc::corrupt.
Result<Pixels> decode_image(std::string_view bytes, int max_edge, std::string_view origin);

}  // namespace wenyuan::kiosk
