// Images made by the tests themselves, with OpenCV's encoders and hand-built headers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "test_support.hpp"

namespace wenyuan::test {

/// A picture with detail everywhere (so it is never judged blurred): a colour gradient under a
/// fine checkerboard, left half reddish and right half bluish.
inline cv::Mat detailed_picture(int width, int height) {
    cv::Mat pixels(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const bool left = x < width / 2;
            const int check = ((x / 4 + y / 4) % 2) * 60;
            pixels.at<cv::Vec3b>(y, x) = left ? cv::Vec3b(uchar(40 + check), uchar(40 + check), uchar(180 + check / 2))
                                              : cv::Vec3b(uchar(180 + check / 2), uchar(40 + check), uchar(40 + check));
        }
    }
    return pixels;
}

inline std::string encode(const cv::Mat& pixels, const std::string& extension, std::vector<int> params = {}) {
    std::vector<unsigned char> bytes;
    EXPECT_TRUE(cv::imencode(extension, pixels, bytes, params)) << extension;
    return std::string(bytes.begin(), bytes.end());
}

/// A JPEG with an EXIF APP1 segment that says `orientation`, right after the SOI marker.
inline std::string jpeg_with_orientation(const cv::Mat& pixels, int orientation) {
    const std::string jpeg = encode(pixels, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 92});
    std::string tiff("II*\0\x08\0\0\0", 8);
    tiff += std::string("\x01\0", 2);                                  // one entry
    tiff += std::string("\x12\x01\x03\0\x01\0\0\0", 8);                // Orientation, SHORT, 1
    tiff += static_cast<char>(orientation);
    tiff += std::string("\0\0\0", 3);
    tiff += std::string("\0\0\0\0", 4);                                // no next directory
    const std::string payload = std::string("Exif\0\0", 6) + tiff;
    const std::size_t length = payload.size() + 2;
    std::string segment = "\xFF\xE1";
    segment += static_cast<char>(length >> 8);
    segment += static_cast<char>(length & 0xFF);
    return jpeg.substr(0, 2) + segment + payload + jpeg.substr(2);
}

/// A PNG signature and IHDR that claim any size, then IEND: an image bomb in 57 bytes.
inline std::string png_claiming(std::uint32_t width, std::uint32_t height) {
    auto be32 = [](std::uint32_t v) {
        return std::string{char(v >> 24), char((v >> 16) & 0xFF), char((v >> 8) & 0xFF), char(v & 0xFF)};
    };
    std::string png("\x89PNG\r\n\x1A\n", 8);
    png += be32(13) + "IHDR" + be32(width) + be32(height) + std::string("\x08\x02\0\0\0", 5) + be32(0);
    png += be32(0) + "IEND" + be32(0xAE426082);
    return png;
}

}  // namespace wenyuan::test
