// Pieces several screens share: the back button, exhibit cards, the reading panel.
#include <algorithm>

#include "app/kiosk.hpp"
#include "app/strings.hpp"

namespace wenyuan::kiosk {

bool back_button(Kiosk& k) {
    Ui& ui = k.ui;
    const float h = ui.m.target;
    const Rect r{ui.m.margin * 0.5f, ui.m.margin * 0.5f, h * 2.1f, h};
    return button(ui, "##back", r, tr(Text::back, ui.english), ButtonKind::secondary, Icon::back, true);
}

bool exhibit_card(Kiosk& k, const char* id, const Rect& r, const ExhibitView& exhibit) {
    Ui& ui = k.ui;
    bool held = false;
    const bool tapped = hit(ui, id, r, &held);
    card(ui, r, held);
    const float pad = 10 * ui.m.scale;
    const float text_h = ui.m.body * 1.5f + pad;
    const Rect picture{r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad - text_h};
    if (exhibit.kind == MediaKind::text && exhibit.thumbnail.empty()) {
        ui.draw->AddRectFilled(picture.min(), picture.max(), ui.colours->line, ui.m.radius * 0.6f);
        draw_icon(ui.draw, Icon::text, picture.centre(), std::min(picture.w, picture.h) * 0.35f, ui.colours->muted);
    } else {
        image_fit(ui, exhibit.thumbnail, {}, picture, 256, ui.m.radius * 0.6f);
    }
    if (exhibit.kind == MediaKind::model || exhibit.kind == MediaKind::video || exhibit.kind == MediaKind::audio) {
        const Icon icon = exhibit.kind == MediaKind::model ? Icon::model : exhibit.kind == MediaKind::video ? Icon::film : Icon::sound;
        const float s = 34 * ui.m.scale;
        const ImVec2 c(picture.x + picture.w - s * 0.7f, picture.y + s * 0.7f);
        ui.draw->AddCircleFilled(c, s * 0.55f, ui.colours->secondary, 24);
        draw_icon(ui.draw, icon, c, s * 0.6f, ui.colours->on_accent);
    }
    text_line(ui, ui.fonts.body, ui.m.body, ImVec2(r.x + pad, r.y + r.h - text_h), k.pick(exhibit.title, exhibit.title_en),
              ui.colours->ink, r.w - 2 * pad);
    return tapped;
}

float draw_reading_panel(Kiosk& k, const ExhibitView& exhibit, const Rect& area, const std::string& lead) {
    Ui& ui = k.ui;
    const Palette& c = *ui.colours;
    ui.draw->PushClipRect(area.min(), area.max(), true);
    float y = area.y - k.panel_scroll;
    if (!lead.empty()) {
        ui.draw->AddText(ui.fonts.caption, ui.m.caption, ImVec2(area.x, y), c.accent, lead.c_str());
        y += ui.m.caption * 1.6f;
    }
    y += text_block(ui, ui.fonts.title, ui.m.title, ImVec2(area.x, y), area.w, k.pick(exhibit.title, exhibit.title_en), c.ink, 3);
    std::string meta;
    for (const std::string* part : {&exhibit.period, &exhibit.date, &exhibit.place}) {
        if (part->empty()) continue;
        if (!meta.empty()) meta += " · ";
        meta += *part;
    }
    if (!meta.empty()) {
        y += 4 * ui.m.scale;
        y += text_block(ui, ui.fonts.caption, ui.m.caption, ImVec2(area.x, y), area.w, meta, c.muted, 2);
    }
    y += 10 * ui.m.scale;
    ui.draw->AddRectFilled(ImVec2(area.x, y), ImVec2(area.x + 48 * ui.m.scale, y + 4 * ui.m.scale), c.gold);
    y += 20 * ui.m.scale;
    const std::string& caption = k.pick(exhibit.caption, exhibit.caption_en);
    if (!caption.empty() && caption != k.pick(exhibit.story, exhibit.story_en)) {
        y += text_block(ui, ui.fonts.body, ui.m.body, ImVec2(area.x, y), area.w, caption, c.secondary);
        y += 8 * ui.m.scale;
    }
    const std::string& story = k.pick(exhibit.story, exhibit.story_en);
    y += text_block(ui, ui.fonts.body, ui.m.body, ImVec2(area.x, y), area.w, story, c.ink);
    ui.draw->PopClipRect();
    // Longer stories scroll by dragging the panel.
    const float content = y + k.panel_scroll - area.y;
    bool held = false;
    hit(ui, "##panel", area, &held);
    if (held) k.panel_scroll -= ImGui::GetIO().MouseDelta.y;
    if (ImGui::IsItemHovered()) k.panel_scroll -= ImGui::GetIO().MouseWheel * ui.m.body * 3;
    k.panel_scroll = std::clamp(k.panel_scroll, 0.0f, std::max(0.0f, content - area.h));
    return y;
}

}  // namespace wenyuan::kiosk
