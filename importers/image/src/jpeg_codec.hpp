// JPEG through libjpeg-turbo: TurboJPEG (the 2.1 tj* API) for whole images, scaled decoding and
// encoding; libjpeg-turbo's scanline API for images too large to hold, which TurboJPEG 2.1
// cannot decode in parts.
//
// Pixels are 8-bit BGR (OpenCV's order) or 8-bit gray cv::Mat. Every function is re-entrant:
// TurboJPEG handles are per thread.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include <opencv2/core.hpp>

#include "image_header.hpp"
#include "row_reader.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::image {

/// Decodes a JPEG at the smallest DCT scale (1/8, 1/4, 3/8, 1/2 … 1) whose long edge is still at
/// least `min_long_edge` (or at full size when the image is smaller). CMYK and YCCK are turned
/// into BGR. Errors: Errc::corrupt with libjpeg-turbo's reason.
Result<cv::Mat> decode_jpeg(std::span<const std::byte> bytes, const ImageHeader& header, int min_long_edge);

/// Encodes 8-bit BGR or gray pixels as a baseline JPEG (4:2:0 for colour).
Result<std::string> encode_jpeg(const cv::Mat& pixels, int quality);

/// Reads a JPEG file top to bottom a band of rows at a time, holding only those rows.
class JpegRowReader final : public RowReader {
public:
    /// Opens the file and reads its header. Errors: Errc::io, Errc::corrupt.
    static Result<std::unique_ptr<JpegRowReader>> open(const std::filesystem::path& file);
    ~JpegRowReader() override;
    JpegRowReader(const JpegRowReader&) = delete;
    JpegRowReader& operator=(const JpegRowReader&) = delete;

    int width() const noexcept override;
    int height() const noexcept override;
    int channels() const noexcept;  ///< 1 (gray) or 3 (BGR)
    Result<cv::Mat> read(int rows) override;

private:
    struct State;
    explicit JpegRowReader(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

}  // namespace wenyuan::image
