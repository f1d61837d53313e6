// The kiosk's widgets, drawn with ImGui's draw list and hit-tested with invisible buttons:
// no ImGui window chrome, no default grey. Every target is at least Metrics::target px.
#pragma once

#include <string>
#include <string_view>

#include <imgui.h>

#include "app/ui_context.hpp"

namespace wenyuan::kiosk {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    ImVec2 min() const { return {x, y}; }
    ImVec2 max() const { return {x + w, y + h}; }
    ImVec2 centre() const { return {x + w / 2, y + h / 2}; }
    Rect inset(float d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
};

enum class Icon { search, back, left, right, speaker, plus, minus, reset, play, pause, home, model, film, sound, text, close };
enum class ButtonKind { primary, secondary, quiet, selected };

/// A hit area; true on release inside. Shows the pressed state while held.
bool hit(Ui& ui, const char* id, const Rect& r, bool* held = nullptr);

/// A rounded button with an optional icon and a label. True when tapped.
bool button(Ui& ui, const char* id, const Rect& r, std::string_view label, ButtonKind kind, Icon icon = Icon::close,
            bool with_icon = false);
/// A round icon-only button (arrows, zoom), with a translucent face so it reads over images.
bool round_button(Ui& ui, const char* id, ImVec2 centre, float radius, Icon icon, bool enabled = true);

void draw_icon(ImDrawList* draw, Icon icon, ImVec2 centre, float size, ImU32 colour);
/// One of five faces, 1 (sad) to 5 (happy).
void draw_face(ImDrawList* draw, int mood, ImVec2 centre, float radius, ImU32 colour, ImU32 fill);

/// A card face: soft shadow, 12 px corners.
void card(Ui& ui, const Rect& r, bool pressed);

/// Draws the image of `sha256` letterboxed in `r` on the ground colour. Falls back to
/// `fallback_sha` (a thumbnail) while the first loads; a placeholder when both are missing.
/// Returns false when a placeholder was drawn.
bool image_fit(Ui& ui, const std::string& sha256, const std::string& fallback_sha, const Rect& r, int decode_edge,
               float rounding = 0);
/// The placeholder for a missing or damaged asset.
void placeholder(Ui& ui, const Rect& r, std::string_view label);

/// Text on one line, truncated with "…" to `max_width`.
void text_line(Ui& ui, ImFont* font, float size, ImVec2 pos, std::string_view text, ImU32 colour, float max_width);
/// Centred on `centre_x`.
void text_centred(Ui& ui, ImFont* font, float size, float centre_x, float y, std::string_view text, ImU32 colour);
/// Wrapped text at line height 1.5; stops after `max_lines` (0: all), ending in "…". Returns the height used.
float text_block(Ui& ui, ImFont* font, float size, ImVec2 pos, float width, std::string_view text, ImU32 colour,
                 int max_lines = 0);

/// A spinner, for loads that take over 300 ms.
void spinner(Ui& ui, ImVec2 centre, float radius);

}  // namespace wenyuan::kiosk
