// Search: the query shown big, result cards that update as the visitor types, and a large
// on-screen keyboard (pinyin letters and digits). The library matches pinyin and initials
// directly, so no input method is needed. An empty result suggests popular exhibits.
#include <algorithm>
#include <cstdio>

#include "app/kiosk.hpp"
#include "app/strings.hpp"

namespace wenyuan::kiosk {

namespace {

void keyboard(Kiosk& k, const Rect& area) {
    Ui& ui = k.ui;
    static const char* rows[] = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
    const float gap = 10 * ui.m.scale;
    const float key_h = (area.h - 4 * gap) / 5;
    const float key_w = (area.w - 9 * gap) / 10;
    std::string& query = k.search.query;
    for (int row = 0; row < 4; ++row) {
        const int n = int(std::char_traits<char>::length(rows[row]));
        const float row_w = float(n) * key_w + float(n - 1) * gap;
        const float x0 = area.x + (area.w - row_w) / 2;
        for (int i = 0; i < n; ++i) {
            const char label[2] = {rows[row][i], 0};
            const Rect r{x0 + float(i) * (key_w + gap), area.y + float(row) * (key_h + gap), key_w, key_h};
            ImGui::PushID(row * 16 + i);
            if (button(ui, "##key", r, label, ButtonKind::secondary) && query.size() < 40) query += label[0];
            ImGui::PopID();
        }
    }
    const float y = area.y + 4 * (key_h + gap);
    const float wide = key_w * 2 + gap;
    const float space_w = area.w - 2 * (wide + gap) - (wide + gap);
    if (button(ui, "##clear", Rect{area.x, y, wide, key_h}, tr(Text::clear, ui.english), ButtonKind::secondary)) query.clear();
    if (button(ui, "##space", Rect{area.x + wide + gap, y, space_w, key_h}, tr(Text::space, ui.english), ButtonKind::secondary) &&
        !query.empty() && query.back() != ' ' && query.size() < 40)
        query += ' ';
    if (button(ui, "##delete", Rect{area.x + area.w - 2 * wide - gap, y, 2 * wide + gap, key_h}, tr(Text::del, ui.english),
               ButtonKind::secondary, Icon::back, true) &&
        !query.empty())
        query.pop_back();
}

}  // namespace

void draw_search(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    // The ground: app.cpp clears the frame with c.ground, so no full-screen layer is drawn here.
    if (k.search.query != k.search.searched) k.run_search();

    // The query, big, in a field beside the back button.
    const float field_x = m.margin * 0.5f + m.target * 2.1f + m.gutter;
    const Rect field{field_x, m.margin * 0.5f, ui.width - field_x - m.margin, std::max(m.target, m.title * 1.6f)};
    ui.draw->AddRectFilled(field.min(), field.max(), c.card, field.h / 2);
    ui.draw->AddRect(field.min(), field.max(), c.accent, field.h / 2, 0, 2.5f);
    draw_icon(ui.draw, Icon::search, ImVec2(field.x + field.h * 0.55f, field.y + field.h / 2), field.h * 0.45f, c.accent);
    const float text_x = field.x + field.h;
    if (k.search.query.empty()) {
        text_line(ui, ui.fonts.body, m.body, ImVec2(text_x, field.y + (field.h - m.body) / 2), tr(Text::type_pinyin, ui.english),
                  c.muted, field.w - field.h * 1.3f);
    } else {
        ui.draw->AddText(ui.fonts.title, m.title, ImVec2(text_x, field.y + (field.h - m.title) / 2), c.ink, k.search.query.c_str());
        const float caret_x = text_x + ui.fonts.title->CalcTextSizeA(m.title, 1e9f, 0, k.search.query.c_str()).x + 3;
        if (int(ui.time * 2) % 2 == 0)
            ui.draw->AddLine(ImVec2(caret_x, field.y + field.h * 0.22f), ImVec2(caret_x, field.y + field.h * 0.78f), c.accent, 2.5f);
    }

    // Keyboard at the bottom: 45 % of the height (half in elder mode).
    const float kb_h = ui.height * (ui.elder ? 0.46f : 0.42f);
    const Rect kb{m.margin, ui.height - kb_h - m.margin * 0.4f, ui.width - 2 * m.margin, kb_h};
    keyboard(k, kb);

    // Results between the field and the keyboard.
    float y = field.y + field.h + m.gutter * 0.8f;
    std::vector<long> cards = k.search.results;
    char header[160];
    if (k.search.query.empty() || cards.empty()) {
        std::snprintf(header, sizeof header, "%s", tr(Text::popular, ui.english));
        cards = k.popular(8);
    } else if (!k.search.all_words) {
        std::snprintf(header, sizeof header, "%s", tr(Text::no_all_words, ui.english));
    } else {
        std::snprintf(header, sizeof header, tr(Text::found, ui.english), int(k.search.total));
    }
    ui.draw->AddText(ui.fonts.caption, m.caption, ImVec2(m.margin, y), c.gold, header);
    y += m.caption * 1.6f;
    const float row_h = kb.y - m.gutter * 0.8f - y;
    const float card_h = row_h;
    const float card_w = std::min(card_h * 0.95f, 220 * m.scale * (ui.elder ? 1.4f : 1.0f));
    const int per_row = std::max(1, int((ui.width - 2 * m.margin + m.gutter) / (card_w + m.gutter)));
    for (int i = 0; i < per_row && i < int(cards.size()); ++i) {
        const Rect r{m.margin + float(i) * (card_w + m.gutter), y, card_w, card_h};
        ImGui::PushID(i);
        const long index = cards[std::size_t(i)];
        if (exhibit_card(k, "##result", r, k.museum.exhibits[std::size_t(index)])) {
            k.finish_search();
            // Open within its exhibition when it has one, so previous / next work.
            int exhibition = -1, position = 0;
            for (std::size_t e = 0; e < k.museum.exhibitions.size() && exhibition < 0; ++e) {
                const auto order = k.order(int(e));
                const auto at = std::find(order.begin(), order.end(), std::size_t(index));
                if (at != order.end()) exhibition = int(e), position = int(at - order.begin());
            }
            k.nav.open_exhibit(exhibition, position, index);
            k.panel_scroll = 0;
        }
        ImGui::PopID();
    }
    if (back_button(k)) {
        k.finish_search();
        k.nav.back();
    }
}

}  // namespace wenyuan::kiosk
