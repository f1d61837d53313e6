// What every screen draws with: the frame's draw list, palette, metrics, fonts, language and
// elder mode, the image cache, and the museum.
#pragma once

#include <string>

#include <imgui.h>

#include "ui/fonts.hpp"
#include "ui/theme.hpp"

namespace wenyuan::kiosk {

class ImageCache;

struct Ui {
    ImDrawList* draw = nullptr;
    const Palette* colours = nullptr;
    Metrics m;
    Fonts fonts;
    bool english = false;
    bool elder = false;
    ImageCache* images = nullptr;
    float width = 1280, height = 800;
    double time = 0;  ///< seconds since start (fixed steps in screenshot mode)
    bool pressed_any = false;  ///< a button was hit this frame
};

}  // namespace wenyuan::kiosk
