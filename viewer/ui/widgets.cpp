#include "ui/widgets.hpp"

#include <imgui_internal.h>  // ImGuiButtonFlags_AllowItemOverlap

#include <algorithm>
#include <cmath>

#include "app/strings.hpp"
#include "media/image_cache.hpp"
#include "ui/text_layout.hpp"

namespace wenyuan::kiosk {

namespace {

constexpr float kPi = 3.14159265f;

ImU32 with_alpha(ImU32 colour, int alpha) { return (colour & 0x00FFFFFFu) | (ImU32(alpha) << 24); }

/// Draws `paint` (a shadow) only where the opaque rounded rect `face` drawn after it leaves it
/// visible: four scissored bands around the face's inside, whose pixels llvmpipe then never
/// shades (on a software rasteriser every covered pixel costs, hidden or not). The bands have
/// whole-pixel edges, so they tile the plane without gaps or double blending, and the result is
/// the same picture as painting the whole shadow under the face.
template <class Paint>
void around_face(ImDrawList* draw, const Rect& face, float radius, Paint paint) {
    const float x0 = std::ceil(face.x + radius), x1 = std::floor(face.x + face.w - radius);
    const float y0 = std::ceil(face.y + 1), y1 = std::floor(face.y + face.h - 1);
    if (x1 <= x0 || y1 <= y0) return paint();
    const ImVec4 clip = draw->_ClipRectStack.back();  // x0, y0, x1, y1 of the current clip
    auto band = [&](float a, float b, float c, float d) {
        if (c <= a || d <= b) return;
        draw->PushClipRect(ImVec2(a, b), ImVec2(c, d), true);
        paint();
        draw->PopClipRect();
    };
    const float left = std::floor(clip.x), top = std::floor(clip.y), right = std::ceil(clip.z), bottom = std::ceil(clip.w);
    band(left, top, x0, bottom);      // left of the inside, full height
    band(x1, top, right, bottom);     // right of it
    band(x0, top, x1, y0);            // above
    band(x0, y1, x1, bottom);         // below
}

}  // namespace

bool hit(Ui& ui, const char* id, const Rect& r, bool* held) {
    ImGui::SetCursorScreenPos(r.min());
    // A release after the finger moved more than 16 px was a drag (scrolling, panning), not a tap.
    const bool clicked = ImGui::InvisibleButton(id, ImVec2(std::max(r.w, 1.0f), std::max(r.h, 1.0f)),
                                                ImGuiButtonFlags_AllowItemOverlap) &&
                         ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 16.0f * 16.0f;
    ImGui::SetItemAllowOverlap();  // what is drawn later (buttons over an image) takes the touch
    if (held) *held = ImGui::IsItemActive();
    if (clicked) ui.pressed_any = true;
    return clicked;
}

bool button(Ui& ui, const char* id, const Rect& r, std::string_view label, ButtonKind kind, Icon icon, bool with_icon) {
    bool held = false;
    const bool clicked = hit(ui, id, r, &held);
    const Palette& c = *ui.colours;
    ImU32 face = c.card, ink = c.ink, border = c.line;
    switch (kind) {
    case ButtonKind::primary: face = held ? c.accent_pressed : c.accent, ink = c.on_accent, border = face; break;
    case ButtonKind::selected: face = held ? c.accent_pressed : c.accent, ink = c.on_accent, border = face; break;
    case ButtonKind::secondary: face = held ? c.line : c.card, border = c.high_contrast ? c.ink : c.line; break;
    case ButtonKind::quiet: face = held ? c.line : with_alpha(c.card, 0), border = with_alpha(c.line, 0); break;
    }
    const float radius = std::min(r.h / 2, ui.m.radius * 2);
    if (kind != ButtonKind::quiet && !c.high_contrast)  // every face but the quiet one is opaque
        around_face(ui.draw, r, radius, [&] {
            ui.draw->AddRectFilled(ImVec2(r.x, r.y + 3 * ui.m.scale), ImVec2(r.x + r.w, r.y + r.h + 3 * ui.m.scale), c.shadow, radius);
        });
    ui.draw->AddRectFilled(r.min(), r.max(), face, radius);
    ui.draw->AddRect(r.min(), r.max(), border, radius, 0, c.high_contrast ? 2.5f : 1.5f);
    ImFont* font = ui.fonts.body;
    const float size = ui.m.body;
    const ImVec2 text = font->CalcTextSizeA(size, 1e9f, 0, label.data(), label.data() + label.size());
    const float icon_size = size * 1.1f;
    const float gap = label.empty() ? 0 : size * 0.4f;
    const float total = text.x + (with_icon ? icon_size + gap : 0);
    float x = r.x + (r.w - std::min(total, r.w - 8)) / 2;
    if (with_icon) {
        draw_icon(ui.draw, icon, ImVec2(x + icon_size / 2, r.y + r.h / 2), icon_size, ink);
        x += icon_size + gap;
    }
    if (!label.empty())
        text_line(ui, font, size, ImVec2(x, r.y + (r.h - text.y) / 2), label, ink, r.x + r.w - x - 4);
    return clicked;
}

bool round_button(Ui& ui, const char* id, ImVec2 centre, float radius, Icon icon, bool enabled) {
    const Rect r{centre.x - radius, centre.y - radius, 2 * radius, 2 * radius};
    bool held = false;
    const bool clicked = hit(ui, id, r, &held) && enabled;
    const Palette& c = *ui.colours;
    const ImU32 face = held && enabled ? c.line : with_alpha(c.card, c.high_contrast ? 255 : 225);
    if (!c.high_contrast) ui.draw->AddCircleFilled(ImVec2(centre.x, centre.y + 2 * ui.m.scale), radius, c.shadow, 40);
    ui.draw->AddCircleFilled(centre, radius, face, 40);
    ui.draw->AddCircle(centre, radius, c.high_contrast ? c.ink : c.line, 40, c.high_contrast ? 2.5f : 1.5f);
    draw_icon(ui.draw, icon, centre, radius * 0.9f, enabled ? c.ink : c.line);
    return clicked;
}

void draw_icon(ImDrawList* draw, Icon icon, ImVec2 c, float s, ImU32 colour) {
    const float t = std::max(2.0f, s * 0.1f);
    const float h = s / 2;
    switch (icon) {
    case Icon::search:
        draw->AddCircle(ImVec2(c.x - h * 0.2f, c.y - h * 0.2f), h * 0.55f, colour, 32, t);
        draw->AddLine(ImVec2(c.x + h * 0.2f, c.y + h * 0.2f), ImVec2(c.x + h * 0.75f, c.y + h * 0.75f), colour, t * 1.3f);
        break;
    case Icon::back:
    case Icon::left:
        draw->AddLine(ImVec2(c.x + h * 0.25f, c.y - h * 0.55f), ImVec2(c.x - h * 0.3f, c.y), colour, t);
        draw->AddLine(ImVec2(c.x - h * 0.3f, c.y), ImVec2(c.x + h * 0.25f, c.y + h * 0.55f), colour, t);
        if (icon == Icon::back) draw->AddLine(ImVec2(c.x - h * 0.3f, c.y), ImVec2(c.x + h * 0.7f, c.y), colour, t);
        break;
    case Icon::right:
        draw->AddLine(ImVec2(c.x - h * 0.25f, c.y - h * 0.55f), ImVec2(c.x + h * 0.3f, c.y), colour, t);
        draw->AddLine(ImVec2(c.x + h * 0.3f, c.y), ImVec2(c.x - h * 0.25f, c.y + h * 0.55f), colour, t);
        break;
    case Icon::speaker:
        draw->AddRectFilled(ImVec2(c.x - h * 0.7f, c.y - h * 0.25f), ImVec2(c.x - h * 0.35f, c.y + h * 0.25f), colour);
        draw->AddTriangleFilled(ImVec2(c.x - h * 0.4f, c.y), ImVec2(c.x + h * 0.05f, c.y - h * 0.6f), ImVec2(c.x + h * 0.05f, c.y + h * 0.6f), colour);
        draw->PathArcTo(ImVec2(c.x + h * 0.1f, c.y), h * 0.4f, -0.8f, 0.8f, 12);
        draw->PathStroke(colour, 0, t * 0.8f);
        draw->PathArcTo(ImVec2(c.x + h * 0.1f, c.y), h * 0.7f, -0.8f, 0.8f, 16);
        draw->PathStroke(colour, 0, t * 0.8f);
        break;
    case Icon::plus:
        draw->AddLine(ImVec2(c.x, c.y - h * 0.6f), ImVec2(c.x, c.y + h * 0.6f), colour, t);
        [[fallthrough]];
    case Icon::minus:
        draw->AddLine(ImVec2(c.x - h * 0.6f, c.y), ImVec2(c.x + h * 0.6f, c.y), colour, t);
        break;
    case Icon::reset:
        draw->PathArcTo(c, h * 0.55f, -kPi * 0.35f, kPi * 1.35f, 24);
        draw->PathStroke(colour, 0, t);
        draw->AddTriangleFilled(ImVec2(c.x + h * 0.2f, c.y - h * 0.85f), ImVec2(c.x + h * 0.65f, c.y - h * 0.45f),
                                ImVec2(c.x + h * 0.15f, c.y - h * 0.25f), colour);
        break;
    case Icon::play:
        draw->AddTriangleFilled(ImVec2(c.x - h * 0.4f, c.y - h * 0.6f), ImVec2(c.x + h * 0.6f, c.y), ImVec2(c.x - h * 0.4f, c.y + h * 0.6f), colour);
        break;
    case Icon::pause:
        draw->AddRectFilled(ImVec2(c.x - h * 0.5f, c.y - h * 0.6f), ImVec2(c.x - h * 0.15f, c.y + h * 0.6f), colour);
        draw->AddRectFilled(ImVec2(c.x + h * 0.15f, c.y - h * 0.6f), ImVec2(c.x + h * 0.5f, c.y + h * 0.6f), colour);
        break;
    case Icon::home:
        draw->AddTriangle(ImVec2(c.x, c.y - h * 0.7f), ImVec2(c.x - h * 0.75f, c.y), ImVec2(c.x + h * 0.75f, c.y), colour, t);
        draw->AddRect(ImVec2(c.x - h * 0.5f, c.y), ImVec2(c.x + h * 0.5f, c.y + h * 0.65f), colour, 0, 0, t);
        break;
    case Icon::model:
        draw->AddQuad(ImVec2(c.x, c.y - h * 0.7f), ImVec2(c.x + h * 0.65f, c.y - h * 0.35f), ImVec2(c.x, c.y), ImVec2(c.x - h * 0.65f, c.y - h * 0.35f), colour, t);
        draw->AddLine(ImVec2(c.x - h * 0.65f, c.y - h * 0.35f), ImVec2(c.x - h * 0.65f, c.y + h * 0.35f), colour, t);
        draw->AddLine(ImVec2(c.x + h * 0.65f, c.y - h * 0.35f), ImVec2(c.x + h * 0.65f, c.y + h * 0.35f), colour, t);
        draw->AddLine(ImVec2(c.x, c.y), ImVec2(c.x, c.y + h * 0.7f), colour, t);
        draw->AddLine(ImVec2(c.x - h * 0.65f, c.y + h * 0.35f), ImVec2(c.x, c.y + h * 0.7f), colour, t);
        draw->AddLine(ImVec2(c.x + h * 0.65f, c.y + h * 0.35f), ImVec2(c.x, c.y + h * 0.7f), colour, t);
        break;
    case Icon::film:
        draw->AddRect(ImVec2(c.x - h * 0.8f, c.y - h * 0.55f), ImVec2(c.x + h * 0.8f, c.y + h * 0.55f), colour, h * 0.1f, 0, t);
        draw->AddTriangleFilled(ImVec2(c.x - h * 0.25f, c.y - h * 0.3f), ImVec2(c.x + h * 0.35f, c.y), ImVec2(c.x - h * 0.25f, c.y + h * 0.3f), colour);
        break;
    case Icon::sound:
        for (int i = 0; i < 7; ++i) {
            const float x = c.x - h * 0.75f + float(i) * h * 0.25f;
            const float amp = h * (0.2f + 0.5f * std::fabs(std::sin(float(i) * 1.7f)));
            draw->AddLine(ImVec2(x, c.y - amp), ImVec2(x, c.y + amp), colour, t);
        }
        break;
    case Icon::text:
        for (int i = 0; i < 4; ++i)
            draw->AddLine(ImVec2(c.x - h * 0.7f, c.y - h * 0.5f + float(i) * h * 0.33f),
                          ImVec2(c.x + (i == 3 ? h * 0.2f : h * 0.7f), c.y - h * 0.5f + float(i) * h * 0.33f), colour, t);
        break;
    case Icon::close:
        draw->AddLine(ImVec2(c.x - h * 0.5f, c.y - h * 0.5f), ImVec2(c.x + h * 0.5f, c.y + h * 0.5f), colour, t);
        draw->AddLine(ImVec2(c.x + h * 0.5f, c.y - h * 0.5f), ImVec2(c.x - h * 0.5f, c.y + h * 0.5f), colour, t);
        break;
    }
}

void draw_face(ImDrawList* draw, int mood, ImVec2 c, float r, ImU32 colour, ImU32 fill) {
    draw->AddCircleFilled(c, r, fill, 48);
    draw->AddCircle(c, r, colour, 48, std::max(2.0f, r * 0.07f));
    const float eye = r * 0.09f;
    draw->AddCircleFilled(ImVec2(c.x - r * 0.33f, c.y - r * 0.2f), eye, colour, 16);
    draw->AddCircleFilled(ImVec2(c.x + r * 0.33f, c.y - r * 0.2f), eye, colour, 16);
    const float curve = (float(mood) - 3.0f) / 2.0f;  // -1 sad … +1 happy
    const float y = c.y + r * 0.35f;
    for (int i = 0; i <= 12; ++i) {
        const float u = float(i) / 12.0f * 2 - 1;
        draw->PathLineTo(ImVec2(c.x + u * r * 0.45f, y + curve * r * 0.2f * (1 - u * u) - curve * r * 0.08f));
    }
    draw->PathStroke(colour, 0, std::max(2.0f, r * 0.07f));
}

void card(Ui& ui, const Rect& r, bool pressed) {
    const Palette& c = *ui.colours;
    if (!c.high_contrast) {
        around_face(ui.draw, r, ui.m.radius, [&] {  // the face below is opaque
            for (int i = 3; i >= 1; --i) {
                const float d = float(i) * 2.5f * ui.m.scale;
                ui.draw->AddRectFilled(ImVec2(r.x - d * 0.3f, r.y + d * 0.6f), ImVec2(r.x + r.w + d * 0.3f, r.y + r.h + d),
                                       with_alpha(c.shadow, 14), ui.m.radius + d);
            }
        });
    }
    ui.draw->AddRectFilled(r.min(), r.max(), pressed ? c.line : c.card, ui.m.radius);
    ui.draw->AddRect(r.min(), r.max(), pressed ? c.accent : (c.high_contrast ? c.ink : c.line), ui.m.radius, 0,
                     pressed ? 3.0f : 1.0f);
}

void placeholder(Ui& ui, const Rect& r, std::string_view label) {
    const Palette& c = *ui.colours;
    ui.draw->AddRectFilled(r.min(), r.max(), c.line);
    const float s = std::min(r.w, r.h) * 0.25f;
    const ImVec2 m = r.centre();
    // a framed picture with a mountain: "no image here"
    ui.draw->AddRect(ImVec2(m.x - s, m.y - s * 0.8f), ImVec2(m.x + s, m.y + s * 0.6f), c.muted, 4, 0, 2);
    ui.draw->AddTriangleFilled(ImVec2(m.x - s * 0.8f, m.y + s * 0.5f), ImVec2(m.x - s * 0.2f, m.y - s * 0.2f),
                               ImVec2(m.x + s * 0.4f, m.y + s * 0.5f), with_alpha(c.muted, 140));
    ui.draw->AddCircleFilled(ImVec2(m.x + s * 0.45f, m.y - s * 0.35f), s * 0.15f, with_alpha(c.muted, 140));
    if (!label.empty() && r.h > ui.m.caption * 5)
        text_centred(ui, ui.fonts.caption, ui.m.caption, m.x, m.y + s * 0.8f, label, c.muted);
}

bool image_fit(Ui& ui, const std::string& sha256, const std::string& fallback_sha, const Rect& r, int decode_edge,
               float rounding) {
    const Texture* texture = sha256.empty() ? nullptr : ui.images->object(sha256, decode_edge);
    if (!texture && !fallback_sha.empty()) texture = ui.images->object(fallback_sha, 256);
    const Palette& c = *ui.colours;
    const auto ground = [&] { ui.draw->AddRectFilled(r.min(), r.max(), c.high_contrast ? c.ground : with_alpha(c.line, 140), rounding); };
    if (!texture) {
        ground();
        const bool failed = (sha256.empty() || ui.images->state(sha256, decode_edge) == ImageCache::State::failed) &&
                            (fallback_sha.empty() || ui.images->state(fallback_sha, 256) == ImageCache::State::failed);
        if (failed) {
            placeholder(ui, r, tr(Text::unavailable, ui.english));
            return false;
        }
        return true;
    }
    const float scale = std::min(r.w / float(texture->width()), r.h / float(texture->height()));
    const float w = float(texture->width()) * scale, h = float(texture->height()) * scale;
    const ImVec2 a(r.x + (r.w - w) / 2, r.y + (r.h - h) / 2);
    if (w < r.w - 1 || h < r.h - 1) ground();  // letterboxed; a picture that fills r (opaque JPEG) hides it
    ui.draw->AddImageRounded(texture->imgui_id(), a, ImVec2(a.x + w, a.y + h), ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE,
                             (w >= r.w - 1 && h >= r.h - 1) ? rounding : 0);
    return true;
}

void text_line(Ui& ui, ImFont* font, float size, ImVec2 pos, std::string_view text, ImU32 colour, float max_width) {
    const std::string shown = truncate_to(font, size, text, max_width);
    ui.draw->AddText(font, size, pos, colour, shown.c_str());
}

void text_centred(Ui& ui, ImFont* font, float size, float centre_x, float y, std::string_view text, ImU32 colour) {
    const ImVec2 extent = font->CalcTextSizeA(size, 1e9f, 0, text.data(), text.data() + text.size());
    ui.draw->AddText(font, size, ImVec2(centre_x - extent.x / 2, y), colour, text.data(), text.data() + text.size());
}

float text_block(Ui& ui, ImFont* font, float size, ImVec2 pos, float width, std::string_view text, ImU32 colour,
                 int max_lines) {
    std::vector<std::string> lines = wrap_lines(font, size, text, width);
    const float line_height = size * 1.5f;
    if (max_lines > 0 && int(lines.size()) > max_lines) {
        lines.resize(std::size_t(max_lines));
        lines.back() = truncate_to(font, size, lines.back() + "……", width);
    }
    float y = pos.y + (line_height - size) / 2;
    for (const std::string& line : lines) {
        ui.draw->AddText(font, size, ImVec2(pos.x, y), colour, line.c_str());
        y += line_height;
    }
    return line_height * float(lines.size());
}

void spinner(Ui& ui, ImVec2 centre, float radius) {
    const float start = float(ui.time) * 4.0f;
    ui.draw->PathArcTo(centre, radius, start, start + kPi * 1.4f, 24);
    ui.draw->PathStroke(ui.colours->accent, 0, std::max(3.0f, radius * 0.15f));
}

}  // namespace wenyuan::kiosk
