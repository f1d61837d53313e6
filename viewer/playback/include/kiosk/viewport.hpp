// A rectangle of the app's framebuffer that a playback component draws into.
#pragma once

namespace wenyuan::kiosk {

/// In framebuffer pixels, OpenGL's convention: (x, y) is the lower-left corner, y grows upwards.
/// An app that lays out top-down converts with y = framebuffer_height - top - height.
struct Viewport {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

}  // namespace wenyuan::kiosk
