// Decoding, resizing and encoding texture and poster images: JPEG through TurboJPEG, PNG, TGA,
// BMP and the rest through stb_image. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::model {

/// 8-bit pixels, rows top to bottom, `channels` (3 = RGB, 4 = RGBA) per pixel.
struct Image {
    int width = 0, height = 0, channels = 0;
    std::vector<std::uint8_t> pixels;
};

struct ImageInfo {
    int width = 0, height = 0;
    std::string mime;  ///< "image/jpeg", "image/png", or "" for other formats stb reads
};

/// Size and type from the header only; nullopt when the bytes are no image we can decode.
std::optional<ImageInfo> probe_image(std::string_view bytes);

/// Decodes to RGB (JPEG, and images without alpha) or RGBA. With `max_side` > 0 the result fits
/// in max_side × max_side (JPEGs are decoded at a reduced DCT scale first, which is fast).
/// Errors: Errc::corrupt with the decoder's reason; Errc::limit over 16384 × 16384 pixels.
Result<Image> decode_image(std::string_view bytes, int max_side = 0);

/// The image scaled down (never up) to fit in max_side × max_side, keeping its aspect ratio.
Image fit_within(const Image& image, int max_side);

/// Encoders. Errors: Errc::internal when the encoder fails.
Result<std::string> encode_jpeg(const Image& image, int quality = 88);
Result<std::string> encode_png(const Image& image);

/// True when some pixel is not fully opaque.
bool has_transparency(const Image& image) noexcept;

}  // namespace wenyuan::model
