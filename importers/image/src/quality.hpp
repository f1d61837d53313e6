// Quality findings that staff should see but that never stop an import: blur, exposure, tiny
// resolution, and the perceptual hash that finds near-duplicates.
//
// All functions are pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace wenyuan::image {

struct QualityReport {
    double sharpness = 0;      ///< 90th percentile of the Laplacian variance of 64-px blocks
    double mean_luma = 0;      ///< 0–255
    double clipped_dark = 0;   ///< fraction of pixels at luma ≤ 3
    double clipped_light = 0;  ///< fraction of pixels at luma ≥ 252
    std::vector<std::string> warnings;
};

/// Judges the displayed image from a view of it whose long edge is about 1024 px (`view`), and
/// from its full displayed size.
QualityReport assess_quality(const cv::Mat& view, int full_width, int full_height);

/// A 64-bit DCT perceptual hash: images that look alike differ in few bits.
std::uint64_t perceptual_hash(const cv::Mat& pixels);

std::string hash_hex(std::uint64_t hash);

}  // namespace wenyuan::image
