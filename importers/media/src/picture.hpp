// Pictures the media importer makes: packed RGB images, scaled from decoded frames, turned
// upright, tiled, and encoded as JPEG (TurboJPEG) or PNG (libavcodec). Private; re-entrant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "av_handles.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::media {

/// A packed 8-bit RGB image, rows top to bottom, no padding.
struct Rgb {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;  ///< width * height * 3 bytes

    Rgb() = default;
    Rgb(int w, int h, std::uint8_t fill = 0) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3, fill) {}
    bool empty() const { return width <= 0 || height <= 0; }
    std::uint8_t* at(int x, int y) { return pixels.data() + (static_cast<std::size_t>(y) * width + x) * 3; }
};

/// The size that fits a `width` × `height` picture (display pixels) into `max_side` on its long
/// side, never enlarging; each side at least 1 and even where it can be.
void fit_size(int width, int height, int max_side, int& out_width, int& out_height);

/// A decoded frame scaled to fit `max_side` (after the sample aspect ratio) and turned by
/// `rotation` clockwise degrees (0, 90, 180, 270). Errors: Errc::internal when swscale refuses.
Result<Rgb> frame_to_rgb(const AVFrame& frame, double sample_aspect, int rotation, int max_side);

/// The same picture scaled to fit `max_side` (for a thumbnail from a preview).
Result<Rgb> scale_rgb(const Rgb& image, int max_side);

/// Luma mean and standard deviation (0–255) of a frame, measured on a small grey copy.
struct LumaStats {
    double mean = 0, stddev = 0;
};
Result<LumaStats> luma_stats(const AVFrame& frame);

/// True for black or uniform frames (a fade, a blank title card, a lens cap).
bool is_blank(const LumaStats& stats);

/// Copies `tile` into `sheet` with its top-left corner at (x, y), clipped to the sheet.
void blit(Rgb& sheet, const Rgb& tile, int x, int y);

/// Baseline JPEG, 4:2:0, at `quality` (1–100). Errors: Errc::internal from TurboJPEG.
Result<std::string> encode_jpeg(const Rgb& image, int quality = 85);

/// PNG from libavcodec's encoder. Errors: Errc::internal.
Result<std::string> encode_png(const Rgb& image);

}  // namespace wenyuan::media
