// Reading an image top to bottom a band of rows at a time, so that a tile pyramid never holds
// the whole decoded image. One reader per format that can be streamed: JPEG (libjpeg-turbo's
// scanline API), TIFF (libtiff's RGBA interface, strips or tiles) and non-interlaced PNG
// (libpng, row by row). Not thread-safe; one reader per import job.
#pragma once

#include <filesystem>
#include <memory>

#include <opencv2/core.hpp>

#include "image_header.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::image {

class RowReader {
public:
    virtual ~RowReader() = default;
    virtual int width() const noexcept = 0;
    virtual int height() const noexcept = 0;
    /// Decodes up to `rows` more rows as 8-bit BGR or gray (alpha laid over white); fewer at the
    /// end, an empty matrix when done. Errors: Errc::corrupt (a damaged or truncated file).
    virtual Result<cv::Mat> read(int rows) = 0;
};

/// Whether `open_row_reader` streams this file: JPEG, TIFF, and PNG that is not interlaced.
bool can_stream(const ImageHeader& header);

/// Opens a streaming reader for a file whose header `can_stream`. Errors: Errc::io,
/// Errc::corrupt, Errc::unsupported (a TIFF layout libtiff cannot turn into RGBA).
Result<std::unique_ptr<RowReader>> open_row_reader(const std::filesystem::path& file, const ImageHeader& header);

}  // namespace wenyuan::image
