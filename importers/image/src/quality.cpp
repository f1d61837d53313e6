#include "quality.hpp"

#include <algorithm>
#include <cstdio>

#include <opencv2/imgproc.hpp>

namespace wenyuan::image {
namespace {

// Measured on the 1024-px view: sharp photographs 440–10,300; the same blurred with σ = 5 px at
// 1600 px, 20–150 (docs/image-import.md).
constexpr double kBlurredBelow = 200.0;
constexpr double kClippedShare = 0.25;   // a quarter of the picture burnt out or crushed
constexpr int kTinyLongEdge = 500;
constexpr int kSharpLongEdge = 1500;

cv::Mat gray_of(const cv::Mat& pixels) {
    if (pixels.channels() == 1) return pixels;
    cv::Mat gray;
    cv::cvtColor(pixels, gray, cv::COLOR_BGR2GRAY);
    return gray;
}

// Where there is detail, a sharp picture has strong second derivatives. Blank paper or sky has
// none in any picture, so judge by the most detailed blocks, not the mean.
double sharpness_of(const cv::Mat& gray) {
    cv::Mat laplacian;
    cv::Laplacian(gray, laplacian, CV_32F, 3);
    std::vector<double> variances;
    constexpr int kBlock = 64;
    for (int y = 0; y + kBlock <= laplacian.rows; y += kBlock) {
        for (int x = 0; x + kBlock <= laplacian.cols; x += kBlock) {
            cv::Scalar mean, deviation;
            cv::meanStdDev(laplacian(cv::Rect(x, y, kBlock, kBlock)), mean, deviation);
            variances.push_back(deviation[0] * deviation[0]);
        }
    }
    if (variances.empty()) {
        cv::Scalar mean, deviation;
        cv::meanStdDev(laplacian, mean, deviation);
        return deviation[0] * deviation[0];
    }
    const auto at = variances.begin() + static_cast<std::ptrdiff_t>(variances.size() * 9 / 10);
    std::nth_element(variances.begin(), at, variances.end());
    return *at;
}

std::string percent(double share) { return std::to_string(static_cast<int>(share * 100 + 0.5)) + "%"; }

}  // namespace

QualityReport assess_quality(const cv::Mat& view, int full_width, int full_height) {
    QualityReport report;
    const cv::Mat gray = gray_of(view);
    report.sharpness = sharpness_of(gray);

    const int total = gray.rows * gray.cols;
    int dark = 0, light = 0;
    double sum = 0;
    for (int y = 0; y < gray.rows; ++y) {
        const auto* row = gray.ptr<unsigned char>(y);
        for (int x = 0; x < gray.cols; ++x) {
            sum += row[x];
            dark += row[x] <= 3;
            light += row[x] >= 252;
        }
    }
    report.mean_luma = total ? sum / total : 0;
    report.clipped_dark = total ? double(dark) / total : 0;
    report.clipped_light = total ? double(light) / total : 0;

    if (std::max(full_width, full_height) < kTinyLongEdge) {
        report.warnings.push_back("tiny resolution: " + std::to_string(full_width) + "×" + std::to_string(full_height) +
                                  " px; a kiosk screen shows it small or blurred (" +
                                  std::to_string(kSharpLongEdge) + " px or more looks sharp)");
    } else if (report.sharpness < kBlurredBelow) {
        char value[32];
        std::snprintf(value, sizeof value, "%.0f", report.sharpness);
        report.warnings.push_back(std::string("looks blurred (sharpness ") + value + ", sharp photographs measure 400 or more)");
    }
    if (report.clipped_light > kClippedShare && report.mean_luma > 170) {
        report.warnings.push_back("over-exposed: " + percent(report.clipped_light) + " of the picture is burnt-out white");
    } else if (report.clipped_dark > kClippedShare && report.mean_luma < 85) {
        report.warnings.push_back("under-exposed: " + percent(report.clipped_dark) + " of the picture is solid black");
    }
    return report;
}

std::uint64_t perceptual_hash(const cv::Mat& pixels) {
    cv::Mat small, frequencies;
    cv::resize(gray_of(pixels), small, cv::Size(32, 32), 0, 0, cv::INTER_AREA);
    small.convertTo(small, CV_32F);
    cv::dct(small, frequencies);
    // The 8 × 8 lowest frequencies without the mean (DC), each compared with their median.
    std::vector<float> low;
    for (int y = 0; y < 8; ++y) {
        for (int x = 0; x < 8; ++x) {
            if (x || y) low.push_back(frequencies.at<float>(y, x));
        }
    }
    std::vector<float> sorted = low;
    std::nth_element(sorted.begin(), sorted.begin() + 31, sorted.end());
    const float median = sorted[31];
    std::uint64_t hash = 0;
    for (std::size_t i = 0; i < low.size(); ++i) {
        if (low[i] > median) hash |= std::uint64_t{1} << i;
    }
    return hash;
}

std::string hash_hex(std::uint64_t hash) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

}  // namespace wenyuan::image
