// Home: the museum's name, the language and elder-mode switches, the exhibitions as large cards,
// and the search button bottom-centre.
#include <algorithm>
#include <cstdio>

#include "app/kiosk.hpp"
#include "app/strings.hpp"

namespace wenyuan::kiosk {

namespace {

bool exhibition_card(Kiosk& k, const char* id, const Rect& r, const ExhibitionView& e) {
    Ui& ui = k.ui;
    bool held = false;
    const bool tapped = hit(ui, id, r, &held);
    card(ui, r, held);
    const float pad = 14 * ui.m.scale;
    const float text_h = ui.m.card_title * 1.45f + ui.m.caption * 1.5f * 2 + pad;
    const Rect cover{r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad - text_h};
    image_fit(ui, e.cover, {}, cover, 1024, ui.m.radius * 0.7f);
    float y = cover.y + cover.h + pad;
    text_line(ui, ui.fonts.card_title, ui.m.card_title, ImVec2(r.x + pad, y), k.pick(e.title, e.title_en), ui.colours->ink,
              r.w - 2 * pad);
    y += ui.m.card_title * 1.45f;
    text_line(ui, ui.fonts.caption, ui.m.caption, ImVec2(r.x + pad, y), k.pick(e.intro, e.intro_en), ui.colours->muted,
              r.w - 2 * pad);
    std::size_t count = 0;
    for (const SectionView& s : e.sections) count += s.exhibits.size();
    char line[64];
    std::snprintf(line, sizeof line, tr(Text::exhibits_count, ui.english), int(count));
    ui.draw->AddText(ui.fonts.caption, ui.m.caption, ImVec2(r.x + pad, y + ui.m.caption * 1.5f), ui.colours->gold, line);
    return tapped;
}

}  // namespace

void draw_home(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    // The ground: app.cpp clears the frame with c.ground, so no full-screen layer is drawn here.

    // Switches at the top right, at least 64 px high.
    const float sw_h = std::max(64.0f * m.scale, m.target);
    const float elder_w = ui.fonts.body->CalcTextSizeA(m.body, 1e9f, 0, "大字 / 长者模式").x + 48 * m.scale;
    const float lang_w = ui.fonts.body->CalcTextSizeA(m.body, 1e9f, 0, "中 / EN").x + 48 * m.scale;
    Rect elder{ui.width - m.margin - elder_w, m.margin * 0.6f, elder_w, sw_h};
    Rect lang{elder.x - m.gutter - lang_w, elder.y, lang_w, sw_h};
    if (button(ui, "##lang", lang, ui.english ? "EN / 中" : "中 / EN", ButtonKind::secondary)) ui.english = !ui.english;
    if (button(ui, "##elder", elder, ui.elder ? "标准 / 长者模式" : "大字 / 长者模式",
               ui.elder ? ButtonKind::selected : ButtonKind::secondary)) {
        ui.elder = !ui.elder;
        k.home_page = 0;
    }

    // The museum's name at the top left.
    const std::string& name = k.pick(k.museum.name, k.museum.name_en);
    text_line(ui, ui.fonts.title, m.title, ImVec2(m.margin, elder.y + (sw_h - m.title) / 2 - 4 * m.scale), name, c.ink,
              lang.x - m.margin - m.gutter);
    const float top = elder.y + sw_h + m.gutter * 1.5f;

    // The search button bottom-centre.
    const float search_h = std::max(72.0f * m.scale, m.target);
    const float search_w = 260 * m.scale * (ui.elder ? 1.3f : 1.0f);
    const Rect search{(ui.width - search_w) / 2, ui.height - m.margin * 0.6f - search_h, search_w, search_h};
    if (button(ui, "##search", search, tr(Text::search, ui.english), ButtonKind::primary, Icon::search, true)) k.nav.open_search();

    // Exhibition cards: 3 a row (2 in elder mode), one or two rows, paged with arrows.
    const auto& list = k.museum.exhibitions;
    const int n = int(list.size());
    const int cols = std::max(1, std::min(n, ui.elder ? 2 : 3));
    const float area_h = search.y - m.gutter - top;
    const float radius = std::max(m.target / 2, 32 * m.scale);
    const int rows = (!ui.elder && n > cols && area_h >= 2 * 300 * m.scale + m.gutter) ? 2 : 1;
    const bool paged = n > cols * rows;
    const float side = paged ? std::max(m.margin, 2 * radius + 16 * m.scale) : m.margin;
    const float card_w = (ui.width - 2 * side - float(cols - 1) * m.gutter) / float(cols);
    const float card_h_one = std::min(area_h, card_w * 1.2f);
    const float card_h = rows == 2 ? (area_h - m.gutter) / 2 : card_h_one;
    const int per_page = cols * rows;
    const int pages = std::max(1, (n + per_page - 1) / per_page);
    k.home_page = std::clamp(k.home_page, 0, pages - 1);
    const float used_h = float(rows) * card_h + float(rows - 1) * m.gutter;
    const float top_cards = top + std::max(0.0f, (area_h - used_h) / 2);
    for (int i = 0; i < per_page; ++i) {
        const int index = k.home_page * per_page + i;
        if (index >= n) break;
        const Rect r{side + float(i % cols) * (card_w + m.gutter), top_cards + float(i / cols) * (card_h + m.gutter), card_w, card_h};
        ImGui::PushID(index);
        if (exhibition_card(k, "##exhibition", r, list[std::size_t(index)])) {
            k.nav.open_exhibition(index);
            k.row_first.assign(list[std::size_t(index)].sections.size(), 0);
            k.scroll = 0;
        }
        ImGui::PopID();
    }
    if (pages > 1) {
        const float y = top + area_h / 2;
        if (k.home_page > 0 && round_button(ui, "##prev", ImVec2(radius + 8 * m.scale, y), radius, Icon::left)) --k.home_page;
        if (k.home_page < pages - 1 && round_button(ui, "##next", ImVec2(ui.width - radius - 8 * m.scale, y), radius, Icon::right))
            ++k.home_page;
    }
}

}  // namespace wenyuan::kiosk
