// A IIIF level-0 tile set read straight from its tar (docs/images.md): the levels and the tiles a
// view needs. Which tiles to draw is computed here without GL, so it is tested headless.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "media/tar_index.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

struct TileKey {
    int scale = 1;  ///< IIIF scale factor: 1 is full resolution
    int column = 0, row = 0;
    bool operator==(const TileKey&) const = default;
};

/// A tile to draw: its key and where it lies in full-resolution image pixels.
struct TilePlacement {
    TileKey key;
    float x = 0, y = 0, width = 0, height = 0;
};

class TileSet {
public:
    /// Opens the tar and reads info.json. Errors: as TarIndex::open, and Errc::corrupt for a
    /// missing or malformed info.json (naming the file).
    [[nodiscard]] static Result<TileSet> open(const std::filesystem::path& tar);

    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }
    int tile_size() const noexcept { return tile_; }
    const std::vector<int>& scale_factors() const noexcept { return scales_; }

    /// The member name of a tile, as the importer wrote it.
    std::string tile_name(const TileKey& key) const;
    /// The JPEG bytes of a tile. Errors: Errc::not_found, Errc::io. Thread-safe.
    Result<std::string> read_tile(const TileKey& key) const { return tar_.read(tile_name(key)); }

    /// The scale factor to draw at when one image pixel covers `screen_per_image` screen pixels:
    /// the largest factor whose tiles are still at least as sharp as the screen.
    int scale_for(float screen_per_image) const;
    /// The tiles of level `scale` that intersect the visible region (image pixels).
    std::vector<TilePlacement> visible(int scale, float x0, float y0, float x1, float y1) const;

private:
    explicit TileSet(TarIndex tar) : tar_(std::move(tar)) {}
    TarIndex tar_;
    int width_ = 0, height_ = 0, tile_ = 256;
    std::vector<int> scales_;
};

}  // namespace wenyuan::kiosk
