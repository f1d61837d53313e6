#include <algorithm>

#include "media/image_view.hpp"

namespace wenyuan::kiosk {

void ImageView::zoom_by(float factor) {
    zoom = std::clamp(zoom * factor, 1.0f, kMaxZoom);
    clamp();
}

void ImageView::pan(float dx, float dy, float image_w, float image_h, float screen_per_image) {
    if (image_w <= 0 || image_h <= 0 || screen_per_image <= 0) return;
    cx -= dx / (image_w * screen_per_image);
    cy -= dy / (image_h * screen_per_image);
    clamp();
}

void ImageView::clamp() {
    // At zoom z the visible share of the image is at most 1/z in each direction (fit at z = 1).
    const float half = 0.5f / zoom;
    cx = std::clamp(cx, half, 1.0f - half);
    cy = std::clamp(cy, half, 1.0f - half);
}

}  // namespace wenyuan::kiosk
