// A guided tour: each stop shows the exhibit's media and its narration. The narration plays (the
// recorded audio, else the text read aloud, when the playback module is built in) and, a short
// pause after it ends, the tour moves on by itself (TourPacer); 上一站 / 下一站 / 返回 work at any
// time. The end of the tour returns to the exhibition and asks for a rating.
#include <algorithm>
#include <cstdio>

#include "app/kiosk.hpp"
#include "app/media_stage.hpp"
#include "app/strings.hpp"

namespace wenyuan::kiosk {

void draw_tour(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Palette& c = *ui.colours;
    const Location here = k.nav.here();
    if (here.exhibition < 0 || here.exhibition >= int(k.museum.exhibitions.size())) {
        k.nav.back();
        return;
    }
    const ExhibitionView& e = k.museum.exhibitions[std::size_t(here.exhibition)];
    const int stops = int(e.tour.size());
    const int stop = std::clamp(here.position, 0, std::max(0, stops - 1));
    if (stops == 0) {
        k.nav.back();
        return;
    }
    const TourStopView& current = e.tour[std::size_t(stop)];
    const ExhibitView& exhibit = k.museum.exhibits[current.exhibit];
    const std::string& narration = k.pick(current.narration, current.narration_en);
    if (k.tour_pacer.show(here.exhibition, stop)) k.stage->narrate(current.audio, narration);
    const bool narration_done = k.tour_pacer.tick(k.stage->narrating(), double(ImGui::GetIO().DeltaTime));
    // The ground: app.cpp clears the frame with c.ground, so no full-screen layer is drawn here.

    const float top = m.margin * 0.5f + m.target + m.gutter * 0.6f;
    const float media_w = ui.width * (ui.elder ? 0.5f : 0.6f) - m.margin;
    const Rect media{m.margin, top, media_w, ui.height - top - m.margin * 0.6f};
    draw_exhibit_media(k, exhibit, media);

    // Panel: stop n of m, the exhibit, the narration, and the way on.
    const float panel_x = media.x + media.w + m.gutter * 1.5f;
    const float buttons_h = std::max(m.target, 64 * m.scale);
    const Rect panel{panel_x, top, ui.width - panel_x - m.margin, media.h - buttons_h - m.gutter};
    char lead[96];
    std::snprintf(lead, sizeof lead, tr(Text::stop_of, ui.english), stop + 1, stops);
    ExhibitView narrated = exhibit;
    if (!narration.empty()) {
        narrated.caption = narrated.caption_en = {};
        narrated.story = narrated.story_en = narration;
    }
    draw_reading_panel(k, narrated, panel, std::string(k.pick(e.tour_title, e.tour_title_en).empty()
                                                           ? tr(Text::tour, ui.english)
                                                           : k.pick(e.tour_title, e.tour_title_en)) +
                                               "  ·  " + lead);

    const float bw = (ui.width - panel_x - m.margin - m.gutter) / 2;
    const Rect previous{panel_x, media.y + media.h - buttons_h, bw, buttons_h};
    const Rect next{panel_x + bw + m.gutter, previous.y, bw, buttons_h};
    if (stop > 0 && button(ui, "##prev", previous, ui.english ? "Previous" : "上一站", ButtonKind::secondary, Icon::left, true)) {
        previous_tour_stop(k.nav, e, stop);
        k.panel_scroll = 0;
    }
    const bool last = stop + 1 >= stops;
    if (button(ui, "##next", next, last ? tr(Text::end_tour, ui.english) : (ui.english ? "Next stop" : "下一站"), ButtonKind::primary,
               last ? Icon::home : Icon::right, true)) {
        next_tour_stop(k.nav, e, stop);
        k.panel_scroll = 0;
    }

    if (back_button(k)) k.nav.back();
    // Progress dots under the top bar.
    const float dot = 6 * m.scale, spacing = 20 * m.scale;
    const float x0 = ui.width - m.margin - float(stops) * spacing;
    for (int i = 0; i < stops && stops <= 40; ++i)
        ui.draw->AddCircleFilled(ImVec2(x0 + float(i) * spacing, m.margin * 0.5f + m.target / 2), dot,
                                 i == stop ? c.accent : c.line, 16);

    // The narration has ended and the pause is over: on, unless the visitor moved this frame.
    const Location after = k.nav.here();
    if (narration_done && after.screen == Screen::tour && after.position == here.position && !ui.pressed_any) {
        next_tour_stop(k.nav, e, stop);
        k.panel_scroll = 0;
    }
}

}  // namespace wenyuan::kiosk
