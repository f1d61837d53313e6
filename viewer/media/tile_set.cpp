#include "media/tile_set.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace wenyuan::kiosk {

namespace {

int ceil_div(int a, int b) { return (a + b - 1) / b; }

}  // namespace

Result<TileSet> TileSet::open(const std::filesystem::path& tar) {
    auto index = TarIndex::open(tar);
    if (!index) return fail(std::move(index).error());
    auto info = index->read("info.json");
    if (!info) return fail(Errc::corrupt, tar.string() + ": the tile set has no info.json");
    TileSet set(std::move(*index));
    try {
        const auto json = nlohmann::json::parse(*info);
        set.width_ = json.at("width").get<int>();
        set.height_ = json.at("height").get<int>();
        const auto& tiles = json.at("tiles").at(0);
        set.tile_ = tiles.value("width", 256);
        set.scales_ = tiles.at("scaleFactors").get<std::vector<int>>();
    } catch (const nlohmann::json::exception& e) {
        return fail(Errc::corrupt, tar.string() + ": info.json: " + e.what());
    }
    if (set.width_ <= 0 || set.height_ <= 0 || set.tile_ <= 0 || set.scales_.empty())
        return fail(Errc::corrupt, tar.string() + ": info.json has no usable size or scale factors");
    std::sort(set.scales_.begin(), set.scales_.end());
    return set;
}

std::string TileSet::tile_name(const TileKey& key) const {
    const int level_width = ceil_div(width_, key.scale), level_height = ceil_div(height_, key.scale);
    const int x = key.column * tile_, y = key.row * tile_;
    const int tile_width = std::min(tile_, level_width - x), tile_height = std::min(tile_, level_height - y);
    const std::string size = std::to_string(tile_width) + "," + std::to_string(tile_height);
    if (level_width <= tile_ && level_height <= tile_) return "full/" + size + "/0/default.jpg";
    const int region_width = std::min(tile_ * key.scale, width_ - x * key.scale);
    const int region_height = std::min(tile_ * key.scale, height_ - y * key.scale);
    return std::to_string(x * key.scale) + "," + std::to_string(y * key.scale) + "," + std::to_string(region_width) +
           "," + std::to_string(region_height) + "/" + size + "/0/default.jpg";
}

int TileSet::scale_for(float screen_per_image) const {
    int chosen = scales_.front();
    for (int scale : scales_)
        if (float(scale) * screen_per_image <= 1.0f + 1e-3f) chosen = scale;
    return chosen;
}

std::vector<TilePlacement> TileSet::visible(int scale, float x0, float y0, float x1, float y1) const {
    std::vector<TilePlacement> out;
    const float span = float(tile_ * scale);
    const int columns = ceil_div(ceil_div(width_, scale), tile_), rows = ceil_div(ceil_div(height_, scale), tile_);
    const int c0 = std::max(0, int(std::floor(x0 / span))), c1 = std::min(columns - 1, int(std::floor(x1 / span)));
    const int r0 = std::max(0, int(std::floor(y0 / span))), r1 = std::min(rows - 1, int(std::floor(y1 / span)));
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            const float x = float(c) * span, y = float(r) * span;
            out.push_back({{scale, c, r}, x, y, std::min(span, float(width_) - x), std::min(span, float(height_) - y)});
        }
    }
    return out;
}

}  // namespace wenyuan::kiosk
