// The kiosk's visual language (docs: /work/shared/design/kiosk.md, summarised in docs/kiosk.md):
// a traditional Chinese palette on a paper-like ground, sizes at 1280×800 scaled to the screen.
#pragma once

#include <cstdint>

namespace wenyuan::kiosk {

/// Colours as ImGui's packed ABGR (IM_COL32).
struct Palette {
    std::uint32_t ground;     ///< 月白 #F4F1EA
    std::uint32_t ink;        ///< 墨 #1F1F1F
    std::uint32_t muted;      ///< secondary text
    std::uint32_t accent;     ///< 朱红 #B7352B
    std::uint32_t accent_pressed;
    std::uint32_t secondary;  ///< 黛青 #2E4A5A
    std::uint32_t gold;       ///< 赭 #A8773A
    std::uint32_t line;       ///< cards and quiet lines #E4DED2
    std::uint32_t card;       ///< card face
    std::uint32_t shadow;
    std::uint32_t on_accent;  ///< text on the accent
    bool high_contrast;       ///< no text over images
};

/// The normal palette, or the high-contrast one of elder mode (#000 on #FFF, accent #8E1F17).
const Palette& palette(bool high_contrast);

/// Layout metrics in pixels for a screen, from the 1280×800 design scaled by the screen's short
/// side, and by the elder factor for text and targets.
struct Metrics {
    float scale = 1;        ///< screen / design
    float text_scale = 1;   ///< 1, or the elder factor (1.6)
    float margin = 48;      ///< at least 48 at 1280×800
    float gutter = 24;
    float radius = 12;
    float target = 64;      ///< minimum touch target (≥ 48)
    float caption = 20, body = 24, card_title = 32, title = 40, display = 56;

    static Metrics for_screen(float width, float height, bool elder);
};

constexpr float kElderTextFactor = 1.6f;

}  // namespace wenyuan::kiosk
