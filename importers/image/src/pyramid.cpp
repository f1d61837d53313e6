#include "pyramid.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "jpeg_codec.hpp"

namespace wenyuan::image {
namespace {

int ceil_div(int value, int divisor) { return (value + divisor - 1) / divisor; }

}  // namespace

struct PyramidBuilder::Level {
    int width = 0, height = 0, scale = 1;
    cv::Mat band;     ///< one tile row, allocated once, filled from the top
    int filled = 0;   ///< rows of `band` received but not yet cut into tiles
    int tile_row = 0;
    cv::Mat halved;   ///< the band halved for the next level, allocated once
};

std::string tile_path(int width, int height, int scale_factor, int column, int row) {
    const int level_width = ceil_div(width, scale_factor), level_height = ceil_div(height, scale_factor);
    const int x = column * kTileSize, y = row * kTileSize;
    const int tile_width = std::min(kTileSize, level_width - x), tile_height = std::min(kTileSize, level_height - y);
    const std::string size = std::to_string(tile_width) + "," + std::to_string(tile_height);
    if (level_width <= kTileSize && level_height <= kTileSize) return "full/" + size + "/0/default.jpg";
    const int region_width = std::min(kTileSize * scale_factor, width - x * scale_factor);
    const int region_height = std::min(kTileSize * scale_factor, height - y * scale_factor);
    return std::to_string(x * scale_factor) + "," + std::to_string(y * scale_factor) + "," +
           std::to_string(region_width) + "," + std::to_string(region_height) + "/" + size + "/0/default.jpg";
}

PyramidBuilder::PyramidBuilder(TarWriter tar, int width, int height, int keep_long_edge, int quality)
    : tar_(std::move(tar)), width_(width), height_(height), keep_long_edge_(keep_long_edge), quality_(quality) {
    for (int scale = 1;; scale *= 2) {
        Level level;
        level.width = ceil_div(width, scale);
        level.height = ceil_div(height, scale);
        level.scale = scale;
        if (std::max(level.width, level.height) > keep_long_edge_) kept_ = levels_.size() + 1;
        levels_.push_back(level);
        if (level.width <= kTileSize && level.height <= kTileSize) break;
    }
    kept_ = std::min(kept_, levels_.size() - 1);
}

PyramidBuilder::~PyramidBuilder() = default;

Result<std::unique_ptr<PyramidBuilder>> PyramidBuilder::create(const std::filesystem::path& tar_file, int width,
                                                               int height, int keep_long_edge, int quality) {
    assert(width > 0 && height > 0);
    auto tar = TarWriter::create(tar_file);
    if (!tar) return fail(std::move(tar).error());
    std::unique_ptr<PyramidBuilder> builder(
        new PyramidBuilder(std::move(*tar), width, height, keep_long_edge, quality));
    nlohmann::json scale_factors = nlohmann::json::array();
    for (const Level& level : builder->levels_) scale_factors.push_back(level.scale);
    const Level& top = builder->levels_.back();
    const nlohmann::json info = {
        {"@context", "http://iiif.io/api/image/3/context.json"},
        {"id", "tiles"},
        {"type", "ImageService3"},
        {"protocol", "http://iiif.io/api/image"},
        {"profile", "level0"},
        {"width", width},
        {"height", height},
        {"sizes", {{{"width", top.width}, {"height", top.height}}}},
        {"tiles", {{{"width", kTileSize}, {"height", kTileSize}, {"scaleFactors", scale_factors}}}},
    };
    WENYUAN_TRY(builder->tar_.add("info.json", info.dump(1)));
    return builder;
}

Result<void> PyramidBuilder::add_rows(const cv::Mat& rows) { return push(0, rows); }

Result<void> PyramidBuilder::push(std::size_t index, const cv::Mat& rows) {
    Level& level = levels_[index];
    assert(rows.cols == level.width);
    if (level.tile_row * kTileSize + level.filled + rows.rows > level.height) {
        return fail(Errc::internal, "tile pyramid: more rows than the image height");
    }
    if (level.band.empty()) level.band.create(kTileSize, level.width, rows.type());
    for (int copied = 0; copied < rows.rows;) {
        const int count = std::min(rows.rows - copied, kTileSize - level.filled);
        rows.rowRange(copied, copied + count).copyTo(level.band.rowRange(level.filled, level.filled + count));
        level.filled += count;
        copied += count;
        if (level.filled == kTileSize) WENYUAN_TRY(emit_band(index));
    }
    return {};
}

Result<void> PyramidBuilder::emit_band(std::size_t index) {
    Level& level = levels_[index];
    const int rows = level.filled;
    const cv::Mat band = level.band.rowRange(0, rows);
    for (int column = 0; column * kTileSize < level.width; ++column) {
        const int x = column * kTileSize;
        auto jpeg = encode_jpeg(band.colRange(x, std::min(level.width, x + kTileSize)), quality_);
        if (!jpeg) return fail(std::move(jpeg).error());
        WENYUAN_TRY(tar_.add(tile_path(width_, height_, level.scale, column, level.tile_row), *jpeg));
        ++tiles_;
    }
    if (index == kept_) {
        if (kept_level_.empty()) kept_level_.create(level.height, level.width, band.type());
        band.copyTo(kept_level_.rowRange(level.tile_row * kTileSize, level.tile_row * kTileSize + rows));
    }
    ++level.tile_row;
    level.filled = 0;
    if (index + 1 < levels_.size()) {
        cv::resize(band, level.halved, cv::Size(levels_[index + 1].width, ceil_div(rows, 2)), 0, 0, cv::INTER_AREA);
        WENYUAN_TRY(push(index + 1, level.halved));
    }
    return {};
}

Result<PyramidSummary> PyramidBuilder::finish() {
    for (std::size_t index = 0; index < levels_.size(); ++index) {
        if (levels_[index].filled > 0) WENYUAN_TRY(emit_band(index));
        const Level& level = levels_[index];
        if (std::min(level.tile_row * kTileSize, level.height) != level.height) {
            return fail(Errc::corrupt, "the image ended after " + std::to_string(level.tile_row * kTileSize) +
                                           " of its " + std::to_string(level.height) + " rows");
        }
    }
    WENYUAN_TRY(tar_.finish());
    PyramidSummary summary;
    summary.width = width_;
    summary.height = height_;
    for (const Level& level : levels_) summary.scale_factors.push_back(level.scale);
    summary.tiles = tiles_;
    summary.kept_level = std::move(kept_level_);
    return summary;
}

}  // namespace wenyuan::image
