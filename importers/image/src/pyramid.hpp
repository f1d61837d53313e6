// A deep-zoom tile pyramid built from rows streamed top to bottom, holding one band of rows per
// level, never the whole image.
//
// The tiles go into a tar whose members form a IIIF Image API 3.0 level-0 static tile set
// (docs/image-tiles.md): `info.json`, then `{x},{y},{w},{h}/{tw},{th}/0/default.jpg` for each
// 256-pixel tile of each scale factor 1, 2, 4 … down to the level that fits one tile, whose
// region is written `full`. Not thread-safe; one pyramid per import job.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "wenyuan/tar.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::image {

inline constexpr int kTileSize = 256;

struct PyramidSummary {
    int width = 0, height = 0;
    std::vector<int> scale_factors;
    std::size_t tiles = 0;
    /// The first level whose long edge is at most `keep_long_edge`, kept whole for the preview.
    cv::Mat kept_level;
};

class PyramidBuilder {
public:
    /// Starts a tile set for an image of the given size in `tar_file` and writes its info.json.
    /// Errors: Errc::io.
    static Result<std::unique_ptr<PyramidBuilder>> create(const std::filesystem::path& tar_file, int width, int height,
                                                          int keep_long_edge, int quality);
    ~PyramidBuilder();

    /// Appends the next rows of the full-size image (8-bit BGR or gray, `width` columns).
    /// Errors: Errc::io; Errc::internal when more rows arrive than the image has.
    Result<void> add_rows(const cv::Mat& rows);

    /// Writes the last bands and closes the tar. Errors: Errc::io; Errc::corrupt when fewer rows
    /// than the height arrived.
    Result<PyramidSummary> finish();

private:
    struct Level;
    PyramidBuilder(TarWriter tar, int width, int height, int keep_long_edge, int quality);
    Result<void> push(std::size_t level, const cv::Mat& rows);
    Result<void> emit_band(std::size_t level);

    TarWriter tar_;
    int width_, height_, keep_long_edge_, quality_;
    std::vector<Level> levels_;
    std::size_t kept_ = 0;
    std::size_t tiles_ = 0;
    cv::Mat kept_level_;
};

/// The IIIF path of one tile: level scale factor, tile column and row, in an image of that size.
std::string tile_path(int width, int height, int scale_factor, int column, int row);

}  // namespace wenyuan::image
