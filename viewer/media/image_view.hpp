// Zoom and pan of an image exhibit, and drawing it: the preview first, then the deep-zoom tiles of
// the level that matches the zoom, streamed from the `tiles` tar as they decode.
#pragma once

#include <map>
#include <memory>
#include <string>

namespace wenyuan::kiosk {

class TileSet;
struct Ui;
struct Rect;

/// The view of one image: zoom 1 fits the image in its area (letterboxed); the centre is in
/// image fractions (0.5, 0.5 is the middle). Pure math; tested headless.
struct ImageView {
    float zoom = 1;
    float cx = 0.5f, cy = 0.5f;
    static constexpr float kMaxZoom = 16;

    void reset() { zoom = 1, cx = 0.5f, cy = 0.5f; }
    /// Zooms by `factor` (clamped to 1 … kMaxZoom), keeping the centre.
    void zoom_by(float factor);
    /// Pans by screen pixels for an image of `image_w` × `image_h` shown at `screen_per_image`.
    void pan(float dx, float dy, float image_w, float image_h, float screen_per_image);
    /// Keeps the view on the image.
    void clamp();
};

/// Opened tile sets by object hash (a failed open is remembered as null).
using TileSets = std::map<std::string, std::shared_ptr<TileSet>>;

/// Draws the image exhibit in `area` and handles drag / wheel on it. `width`/`height` are the
/// image's displayed size (0: from the texture). Returns false when a placeholder was drawn.
bool draw_zoomable_image(Ui& ui, ImageView& view, TileSets& tile_sets, const std::string& archive_root,
                         const std::string& preview, const std::string& thumbnail, const std::string& tiles,
                         int width, int height, const Rect& area);

}  // namespace wenyuan::kiosk
