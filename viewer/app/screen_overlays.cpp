// The attract loop (a slow Ken Burns slideshow that any touch leaves), the rating prompt and the
// admin PIN pad. The last two sit in their own windows above the screen, so that they take the
// touches while they are open.
#include <algorithm>
#include <cmath>

#include "app/kiosk.hpp"
#include "app/strings.hpp"
#include "media/image_cache.hpp"

namespace wenyuan::kiosk {

namespace {

constexpr double kSlideSeconds = 8.0;
constexpr double kFadeSeconds = 1.2;

/// Exhibits with a picture, for the slideshow.
std::vector<std::size_t> slides(const Kiosk& k) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < k.base_exhibits && i < k.museum.exhibits.size(); ++i)
        if (!k.museum.exhibits[i].preview.empty()) out.push_back(i);
    return out;
}

/// Draws the image covering `area`, slowly zoomed and panned by `t` in [0, 1].
void ken_burns(Ui& ui, const Texture& texture, const Rect& area, float t, int variant, int alpha) {
    const float cover = std::max(area.w / float(texture.width()), area.h / float(texture.height()));
    const float zoom = 1.04f + 0.12f * (variant % 2 ? t : 1 - t);
    const float w = float(texture.width()) * cover * zoom, h = float(texture.height()) * cover * zoom;
    const float dx = (w - area.w) * (variant % 3 == 0 ? t : 1 - t), dy = (h - area.h) * 0.5f;
    const ImVec2 a(area.x - dx, area.y - dy);
    ui.draw->PushClipRect(area.min(), area.max(), true);
    ui.draw->AddImage(texture.imgui_id(), a, ImVec2(a.x + w, a.y + h), ImVec2(0, 0), ImVec2(1, 1), IM_COL32(255, 255, 255, alpha));
    ui.draw->PopClipRect();
}

Rect modal_card(Ui& ui, float w, float h) {
    ui.draw->AddRectFilled(ImVec2(0, 0), ImVec2(ui.width, ui.height), IM_COL32(20, 16, 10, 150));
    const Rect r{(ui.width - w) / 2, (ui.height - h) / 2, w, h};
    card(ui, r, false);
    return r;
}

bool begin_overlay(const char* name) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::SetNextWindowFocus();
    return ImGui::Begin(name, nullptr,
                        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                            ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
}

}  // namespace

void draw_attract(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    ui.draw->AddRectFilled(ImVec2(0, 0), ImVec2(ui.width, ui.height), c.high_contrast ? c.ground : IM_COL32(24, 22, 20, 255));
    const auto list = slides(k);
    // High contrast: the picture above, the words below on white (no text over images).
    const float text_band = c.high_contrast ? ui.height * 0.3f : 0;
    const Rect area{0, 0, ui.width, ui.height - text_band};
    std::string title;
    if (!list.empty()) {
        const double t = ui.time / kSlideSeconds;
        const std::size_t slide = std::size_t(t) % list.size();
        const float phase = float(t - std::floor(t));
        const ExhibitView& shown = k.museum.exhibits[list[slide]];
        title = k.pick(shown.title, shown.title_en);
        if (const Texture* texture = ui.images->object(shown.preview, 2048))
            ken_burns(ui, *texture, area, phase, int(slide), 255);
        // Cross-fade into the next slide during the last second.
        const float fade_from = 1.0f - float(kFadeSeconds / kSlideSeconds);
        const ExhibitView& next = k.museum.exhibits[list[(slide + 1) % list.size()]];
        const Texture* upcoming = ui.images->object(next.preview, 2048);  // preloads
        if (phase > fade_from && upcoming && list.size() > 1)
            ken_burns(ui, *upcoming, area, 0, int(slide + 1), int(255 * (phase - fade_from) / (1 - fade_from)));
    }
    const float pulse = 0.75f + 0.25f * float(std::sin(ui.time * 2.0));
    if (c.high_contrast) {
        float y = area.h + m.gutter;
        text_centred(ui, ui.fonts.title, m.title, ui.width / 2, y, k.pick(k.museum.name, k.museum.name_en), c.ink);
        y += m.title * 1.5f;
        if (!title.empty()) text_centred(ui, ui.fonts.body, m.body, ui.width / 2, y, title, c.ink), y += m.body * 1.6f;
        text_centred(ui, ui.fonts.card_title, m.card_title, ui.width / 2, y, "轻触屏幕开始参观 / Touch to begin", c.accent);
    } else {
        // A dark gradient at the bottom carries the words.
        const float g = ui.height * 0.42f;
        ui.draw->AddRectFilledMultiColor(ImVec2(0, ui.height - g), ImVec2(ui.width, ui.height), IM_COL32(0, 0, 0, 0),
                                         IM_COL32(0, 0, 0, 0), IM_COL32(0, 0, 0, 190), IM_COL32(0, 0, 0, 190));
        float y = ui.height - m.margin - m.display * 2.9f;
        ui.draw->AddText(ui.fonts.title, m.title, ImVec2(m.margin * 1.5f, y), IM_COL32(255, 255, 255, 235),
                         k.pick(k.museum.name, k.museum.name_en).c_str());
        y += m.title * 1.4f;
        if (!title.empty())
            text_line(ui, ui.fonts.body, m.body, ImVec2(m.margin * 1.5f, y), title, IM_COL32(255, 255, 255, 210), ui.width - 3 * m.margin);
        y += m.body * 2.2f;
        ui.draw->AddText(ui.fonts.display, m.display, ImVec2(m.margin * 1.5f, y), IM_COL32(255, 255, 255, int(255 * pulse)),
                         tr(Text::touch_to_begin, false));
        const float w = ui.fonts.display->CalcTextSizeA(m.display, 1e9f, 0, tr(Text::touch_to_begin, false)).x;
        ui.draw->AddText(ui.fonts.card_title, m.card_title, ImVec2(m.margin * 1.5f + w + m.gutter, y + (m.display - m.card_title) * 0.7f),
                         IM_COL32(255, 255, 255, int(220 * pulse)), tr(Text::touch_to_begin_en, false));
    }
}

void draw_rating(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    if (!begin_overlay("##rating")) return ImGui::End();
    ui.draw = ImGui::GetWindowDrawList();
    const float face_r = std::max(m.target * 0.75f, 46 * m.scale * (ui.elder ? 1.3f : 1.0f));
    const float w = std::min(ui.width - 2 * m.margin, 5 * face_r * 2 + 6 * m.gutter * 1.5f);
    const float h = m.title * 2.2f + face_r * 2 + m.target + m.gutter * 4;
    const Rect r = modal_card(ui, w, h);
    if (!k.nav.rating_visible()) {
        text_centred(ui, ui.fonts.title, m.title, r.x + r.w / 2, r.y + r.h / 2 - m.title / 2, tr(Text::thank_you, ui.english), c.ink);
        ImGui::End();
        return;
    }
    text_centred(ui, ui.fonts.title, m.title, r.x + r.w / 2, r.y + m.gutter * 1.5f, tr(Text::rating_question, ui.english), c.ink);
    const float y = r.y + m.gutter * 1.5f + m.title * 1.8f + face_r;
    const float spacing = (r.w - 10 * face_r) / 6;
    for (int mood = 1; mood <= 5; ++mood) {
        const ImVec2 centre(r.x + spacing * float(mood) + face_r * float(2 * mood - 1), y);
        ImGui::PushID(mood);
        bool held = false;
        if (hit(ui, "##face", Rect{centre.x - face_r, centre.y - face_r, 2 * face_r, 2 * face_r}, &held)) {
            k.nav.rate(mood);
            k.rated_at = ui.time;
        }
        ImGui::PopID();
        draw_face(ui.draw, mood, centre, face_r * (held ? 0.92f : 1.0f), held ? c.accent : c.ink,
                  held ? c.line : (mood >= 4 ? IM_COL32(0xF6, 0xE7, 0xC8, 255) : c.card));
    }
    const Rect skip{r.x + (r.w - 200 * m.scale) / 2, r.y + r.h - m.target - m.gutter, 200 * m.scale, m.target};
    if (button(ui, "##skip", skip, tr(Text::skip, ui.english), ButtonKind::secondary)) k.nav.rate(0);
    ImGui::End();
}

void draw_pin_pad(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    if (!begin_overlay("##pin")) return ImGui::End();
    ui.draw = ImGui::GetWindowDrawList();
    const float key = std::max(m.target, 72 * m.scale), gap = 12 * m.scale;
    const float w = 3 * key + 2 * gap + 2 * m.gutter * 1.5f;
    const float h = m.title * 1.6f + m.body * 2 + 4 * key + 3 * gap + m.target + m.gutter * 4;
    const Rect r = modal_card(ui, w, h);
    float y = r.y + m.gutter;
    text_centred(ui, ui.fonts.title, m.title, r.x + r.w / 2, y, tr(Text::admin_pin, ui.english), c.ink);
    y += m.title * 1.6f;
    const std::string dots = k.pin.wrong ? tr(Text::wrong_pin, ui.english) : std::string(k.pin.entry.size(), '*');
    text_centred(ui, ui.fonts.body, m.body, r.x + r.w / 2, y, dots, k.pin.wrong ? c.accent : c.ink);
    y += m.body * 2;
    static const char* labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "<"};
    const float x0 = r.x + m.gutter * 1.5f;
    for (int i = 0; i < 12; ++i) {
        if (!*labels[i]) continue;
        const Rect b{x0 + float(i % 3) * (key + gap), y + float(i / 3) * (key + gap), key, key};
        ImGui::PushID(i);
        if (button(ui, "##pinkey", b, labels[i], ButtonKind::secondary)) {
            k.pin.wrong = false;
            if (labels[i][0] == '<') {
                if (!k.pin.entry.empty()) k.pin.entry.pop_back();
            } else if (k.pin.entry.size() < 12) {
                k.pin.entry += labels[i];
            }
        }
        ImGui::PopID();
    }
    y += 4 * key + 3 * gap + m.gutter;
    const float bw = (r.w - 3 * m.gutter * 1.5f) / 2;
    if (button(ui, "##cancel", Rect{x0, y, bw, m.target}, tr(Text::cancel, ui.english), ButtonKind::secondary)) {
        k.pin = {};
    }
    if (button(ui, "##exit", Rect{x0 + bw + m.gutter * 1.5f, y, bw, m.target}, tr(Text::exit, ui.english), ButtonKind::primary)) {
        if (k.config.pin_matches(k.pin.entry)) k.quit = true;
        else k.pin.wrong = true, k.pin.entry.clear();
    }
    ImGui::End();
}

}  // namespace wenyuan::kiosk
