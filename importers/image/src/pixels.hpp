// Decoding through OpenCV and the pixel operations every derivative shares.
//
// All functions are re-entrant. OpenCV exceptions never leave them.
#pragma once

#include <filesystem>

#include <opencv2/core.hpp>

#include "image_header.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::image {

/// Whether this OpenCV build can decode the format ("Say so clearly when one does not").
bool opencv_reads(Format format);

/// The number of pages of a multi-page TIFF (1 for other formats). Never fails; 1 when unsure.
int count_pages(const std::filesystem::path& file, Format format);

/// Decodes one page with OpenCV, as stored (EXIF orientation not applied), and converts it to
/// 8-bit BGR or gray: 16-bit samples are scaled, alpha is laid over white.
/// Errors: Errc::unsupported when this build has no decoder, Errc::corrupt when it fails.
Result<cv::Mat> decode_with_opencv(const std::filesystem::path& file, Format format, int page = 0);

/// 8-bit BGR or gray from any depth and channel count OpenCV decodes.
cv::Mat to_display_pixels(const cv::Mat& decoded);

/// Turns stored pixels the way EXIF orientation 1–8 says, so they appear as displayed.
cv::Mat apply_orientation(const cv::Mat& pixels, int orientation);

/// True when the orientation swaps width and height (5–8).
inline bool orientation_transposes(int orientation) { return orientation >= 5 && orientation <= 8; }

/// Scales down (never up) so that the long edge is at most `long_edge`, with area averaging.
cv::Mat fit_long_edge(const cv::Mat& pixels, int long_edge);

}  // namespace wenyuan::image
