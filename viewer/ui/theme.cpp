#include "ui/theme.hpp"

#include <algorithm>

#include <imgui.h>

namespace wenyuan::kiosk {

namespace {

constexpr std::uint32_t rgb(unsigned hex, unsigned alpha = 255) {
    return IM_COL32((hex >> 16) & 255, (hex >> 8) & 255, hex & 255, alpha);
}

}  // namespace

const Palette& palette(bool high_contrast) {
    static const Palette normal{rgb(0xF4F1EA), rgb(0x1F1F1F), rgb(0x5E5A52), rgb(0xB7352B), rgb(0x8E2820),
                                rgb(0x2E4A5A), rgb(0xA8773A), rgb(0xE4DED2), rgb(0xFFFDF8), rgb(0x3A2E1E, 40),
                                rgb(0xFFFFFF), false};
    static const Palette contrast{rgb(0xFFFFFF), rgb(0x000000), rgb(0x000000), rgb(0x8E1F17), rgb(0x5E120D),
                                  rgb(0x1B2F3A), rgb(0x6E4A1E), rgb(0x000000), rgb(0xFFFFFF), rgb(0x000000, 0),
                                  rgb(0xFFFFFF), true};
    return high_contrast ? contrast : normal;
}

Metrics Metrics::for_screen(float width, float height, bool elder) {
    Metrics m;
    m.scale = std::clamp(std::min(width / 1280.0f, height / 800.0f), 0.5f, 3.0f);
    m.text_scale = elder ? kElderTextFactor : 1.0f;
    const float t = m.scale * m.text_scale;
    m.margin = 48 * m.scale;
    m.gutter = 24 * m.scale;
    m.radius = 12 * m.scale;
    m.target = std::max(48.0f, 64 * m.scale * (elder ? 1.25f : 1.0f));
    m.caption = 20 * t;
    m.body = 24 * t;
    m.card_title = 32 * t;
    m.title = 40 * t;
    m.display = 56 * m.scale * (elder ? 1.25f : 1.0f);
    return m;
}

}  // namespace wenyuan::kiosk
