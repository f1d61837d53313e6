#include "media/image_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/strings.hpp"
#include "media/image_cache.hpp"
#include "media/tile_set.hpp"
#include "ui/widgets.hpp"

namespace wenyuan::kiosk {

namespace {

std::shared_ptr<TileSet> tile_set(TileSets& sets, const std::string& root, const std::string& sha) {
    if (sha.size() != 64) return nullptr;
    auto found = sets.find(sha);
    if (found != sets.end()) return found->second;
    if (sets.size() > 8) sets.clear();  // a few open tars at a time: memory stays flat
    auto opened = TileSet::open(std::string(root) + "/objects/" + sha.substr(0, 2) + "/" + sha);
    std::shared_ptr<TileSet> set;
    if (opened) set = std::make_shared<TileSet>(std::move(*opened));
    else std::fprintf(stderr, "wenyuan-kiosk: %s (showing the preview only)\n", opened.error().message.c_str());
    sets[sha] = set;
    return set;
}

}  // namespace

bool draw_zoomable_image(Ui& ui, ImageView& view, TileSets& tile_sets, const std::string& archive_root,
                         const std::string& preview, const std::string& thumbnail, const std::string& tiles,
                         int width, int height, const Rect& area) {
    const Texture* base = preview.empty() ? nullptr : ui.images->object(preview, 2048);
    if (!base && !thumbnail.empty()) base = ui.images->object(thumbnail, 256);
    const std::shared_ptr<TileSet> set = tile_set(tile_sets, archive_root, tiles);
    float image_w = float(width), image_h = float(height);
    if (set) image_w = float(set->width()), image_h = float(set->height());
    if ((image_w <= 0 || image_h <= 0) && base) image_w = float(base->width()), image_h = float(base->height());
    const Palette& c = *ui.colours;
    const auto ground = [&] { ui.draw->AddRectFilled(area.min(), area.max(), c.high_contrast ? c.ground : IM_COL32(0xEC, 0xE7, 0xDC, 255)); };
    if (!base && !set) {
        ground();
        const bool failed = (preview.empty() || ui.images->state(preview, 2048) == ImageCache::State::failed) &&
                            (thumbnail.empty() || ui.images->state(thumbnail, 256) == ImageCache::State::failed);
        if (failed) placeholder(ui, area, tr(Text::unavailable, ui.english));
        else spinner(ui, area.centre(), 24 * ui.m.scale);
        return !failed;
    }
    if (image_w <= 0 || image_h <= 0) return ground(), true;

    // Interaction: drag pans, the wheel zooms (pinch arrives as wheel on most touch drivers).
    bool held = false;
    hit(ui, "##image", area, &held);
    const float fit = std::min(area.w / image_w, area.h / image_h);
    const float scale = fit * view.zoom;  // screen px per image px
    if (held) {
        const ImVec2 delta = ImGui::GetIO().MouseDelta;
        view.pan(delta.x, delta.y, image_w, image_h, scale);
    }
    if (ImGui::IsItemHovered() && ImGui::GetIO().MouseWheel != 0)
        view.zoom_by(std::pow(1.25f, ImGui::GetIO().MouseWheel));
    view.clamp();

    // Where the image lies on screen.
    const float shown_w = image_w * scale, shown_h = image_h * scale;
    const ImVec2 centre = area.centre();
    const ImVec2 origin(centre.x - view.cx * shown_w, centre.y - view.cy * shown_h);
    auto to_screen = [&](float x, float y) { return ImVec2(origin.x + x * scale, origin.y + y * scale); };
    // The tiles of the level that matches the zoom, when they are sharper than the preview.
    std::vector<std::pair<const Texture*, TilePlacement>> shown;
    bool all_tiles = false;
    if (set) {
        const int level = set->scale_for(scale);
        const float preview_scale = base ? float(base->width()) / image_w : 0;
        if (float(level) * preview_scale < 0.999f || !base) {
            const float x0 = (area.x - origin.x) / scale, y0 = (area.y - origin.y) / scale;
            const float x1 = (area.x + area.w - origin.x) / scale, y1 = (area.y + area.h - origin.y) / scale;
            all_tiles = true;
            for (const TilePlacement& tile : set->visible(level, x0, y0, x1, y1)) {
                const std::string key = tiles + ":" + std::to_string(tile.key.scale) + ":" + std::to_string(tile.key.column) +
                                        ":" + std::to_string(tile.key.row);
                const Texture* texture = ui.images->custom(key, 0, [set, k = tile.key] { return set->read_tile(k); });
                if (texture) shown.emplace_back(texture, tile);
                else all_tiles = false;
            }
        }
    }
    // Pictures are opaque (JPEG previews and tiles): what they cover is not drawn underneath, as
    // every hidden pixel still costs on a software rasteriser. The preview shows only while
    // tiles are missing, the ground only where the image does not fill the area.
    const bool fills = origin.x <= area.x && origin.y <= area.y && origin.x + shown_w >= area.x + area.w &&
                       origin.y + shown_h >= area.y + area.h;
    if (!fills || !(base || all_tiles)) ground();
    ui.draw->PushClipRect(area.min(), area.max(), true);
    if (base && !all_tiles) ui.draw->AddImage(base->imgui_id(), to_screen(0, 0), to_screen(image_w, image_h));
    for (const auto& [texture, tile] : shown)
        ui.draw->AddImage(texture->imgui_id(), to_screen(tile.x, tile.y), to_screen(tile.x + tile.width, tile.y + tile.height));
    ui.draw->PopClipRect();
    return true;
}

}  // namespace wenyuan::kiosk
