// An exhibition: a cover band with the title, introduction and the 开始导览 button, then each
// section as a row of exhibit cards, paged with arrows (nothing needs a drag; dragging scrolls).
#include <algorithm>

#include "app/kiosk.hpp"
#include "app/strings.hpp"

namespace wenyuan::kiosk {

void draw_exhibition(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    const int index = k.nav.here().exhibition;
    if (index < 0 || index >= int(k.museum.exhibitions.size())) {
        k.nav.back();
        return;
    }
    const ExhibitionView& e = k.museum.exhibitions[std::size_t(index)];
    if (k.row_first.size() != e.sections.size()) k.row_first.assign(e.sections.size(), 0);
    // The ground: app.cpp clears the frame with c.ground, so no full-screen layer is drawn here.

    // Vertical scrolling of everything below the top bar, by drag or wheel.
    const float band_h = 300 * m.scale * (ui.elder ? 1.15f : 1.0f);
    float y0 = -k.scroll;

    // Cover band: text on the left, the cover letterboxed on the right.
    const Rect band{0, y0, ui.width, band_h};
    ui.draw->AddRectFilled(band.min(), band.max(), c.high_contrast ? c.ground : c.line);
    const float cover_w = ui.width * 0.38f;
    const Rect cover{ui.width - m.margin - cover_w, y0 + m.margin * 0.5f, cover_w, band_h - m.margin};
    image_fit(ui, e.cover, {}, cover, 1024, m.radius);
    const float text_x = m.margin, text_w = cover.x - m.gutter * 1.5f - text_x;
    float y = y0 + m.margin * 0.5f + m.target + m.gutter * 0.6f;
    y += text_block(ui, ui.fonts.title, m.title, ImVec2(text_x, y), text_w, k.pick(e.title, e.title_en), c.ink, 1);
    const float tour_h = std::max(m.target, 60 * m.scale);
    const float intro_room = band.y + band_h - m.margin * 0.5f - tour_h - m.gutter * 0.5f - y;
    const int intro_lines = std::max(1, int(intro_room / (m.body * 1.5f)));
    text_block(ui, ui.fonts.body, m.body, ImVec2(text_x, y), text_w, k.pick(e.intro, e.intro_en), c.muted, intro_lines);
    const Rect tour{text_x, band.y + band_h - m.margin * 0.5f - tour_h, 230 * m.scale * (ui.elder ? 1.4f : 1.0f), tour_h};
    if (!e.tour.empty() && button(ui, "##tour", tour, tr(Text::start_tour, ui.english), ButtonKind::primary, Icon::play, true))
        k.nav.start_tour(index, long(e.tour.front().exhibit));

    // Sections: a title with a gold mark, then a row of cards.
    const float card_w = 210 * m.scale * (ui.elder ? 1.45f : 1.0f);
    const float card_h = card_w * 1.0f + m.body * 0.5f;
    const float arrow_r = std::max(m.target / 2, 30 * m.scale);
    const float row_x = m.margin + arrow_r * 0.6f;
    const float row_w = ui.width - 2 * row_x;
    const int per_row = std::max(1, int((row_w + m.gutter) / (card_w + m.gutter)));
    y = band.y + band_h + m.gutter;
    const auto order = k.order(index);
    for (std::size_t s = 0; s < e.sections.size(); ++s) {
        const SectionView& section = e.sections[s];
        ui.draw->AddRectFilled(ImVec2(m.margin, y + m.card_title * 0.2f), ImVec2(m.margin + 6 * m.scale, y + m.card_title * 1.1f), c.gold);
        text_line(ui, ui.fonts.card_title, m.card_title * 0.85f, ImVec2(m.margin + 18 * m.scale, y),
                  k.pick(section.title, section.title_en), c.ink, ui.width - 2 * m.margin);
        y += m.card_title * 1.5f;
        const int count = int(section.exhibits.size());
        int& first = k.row_first[s];
        first = std::clamp(first, 0, std::max(0, count - per_row));
        ImGui::PushID(int(s));
        for (int i = 0; i < per_row && first + i < count; ++i) {
            const std::size_t exhibit = section.exhibits[std::size_t(first + i)];
            const Rect r{row_x + float(i) * (card_w + m.gutter), y, card_w, card_h};
            ImGui::PushID(i);
            if (exhibit_card(k, "##card", r, k.museum.exhibits[exhibit])) {
                const auto at = std::find(order.begin(), order.end(), exhibit);
                k.nav.open_exhibit(index, int(at - order.begin()), long(exhibit));
                k.panel_scroll = 0;
            }
            ImGui::PopID();
        }
        const float mid = y + card_h / 2;
        if (first > 0 && round_button(ui, "##left", ImVec2(row_x - 4, mid), arrow_r, Icon::left)) first = std::max(0, first - per_row);
        if (first + per_row < count && round_button(ui, "##right", ImVec2(ui.width - row_x + 4, mid), arrow_r, Icon::right))
            first += per_row;
        ImGui::PopID();
        y += card_h + m.gutter * 1.5f;
    }
    const float content = y + k.scroll;
    const float max_scroll = std::max(0.0f, content - ui.height);
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseDragging(0) && !ImGui::IsAnyItemActive()) k.scroll -= io.MouseDelta.y;
    else if (ImGui::IsMouseDragging(0, 12.0f)) k.scroll -= io.MouseDelta.y;
    k.scroll -= io.MouseWheel * m.body * 4;
    k.scroll = std::clamp(k.scroll, 0.0f, max_scroll);

    // The back button stays on top.
    if (back_button(k)) k.nav.back();
}

}  // namespace wenyuan::kiosk
