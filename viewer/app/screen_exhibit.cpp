// One exhibit: the media on about 65 % of the width (zoomable image, model, recording, or a
// text-only card), the reading panel on the right, previous / next arrows on the screen edges,
// back and home at the top left, and a speaker button that reads the text aloud.
#include <algorithm>

#include "app/kiosk.hpp"
#include "app/strings.hpp"
#include "app/media_stage.hpp"
#include "media/image_cache.hpp"
#include "ui/text_layout.hpp"

namespace wenyuan::kiosk {

namespace {

/// Captions at the bottom of a picture: white on an opaque dark strip, so they read on any frame.
void caption_strip(Ui& ui, const Rect& area, const std::string& text) {
    const float size = ui.m.body;
    const auto lines = wrap_lines(ui.fonts.body, size, text, area.w * 0.8f);
    const float h = float(std::min<std::size_t>(lines.size(), 2)) * size * 1.4f + size * 0.6f;
    const float y = area.y + area.h - h - 16 * ui.m.scale;
    float widest = 0;
    for (const std::string& line : lines) widest = std::max(widest, ui.fonts.body->CalcTextSizeA(size, 1e9f, 0, line.c_str()).x);
    const float x = area.x + (area.w - widest) / 2;
    ui.draw->AddRectFilled(ImVec2(x - size * 0.6f, y), ImVec2(x + widest + size * 0.6f, y + h), IM_COL32(0, 0, 0, 200), 6 * ui.m.scale);
    for (std::size_t i = 0; i < lines.size() && i < 2; ++i)
        text_centred(ui, ui.fonts.body, size, area.x + area.w / 2, y + size * 0.3f + float(i) * size * 1.4f, lines[i], IM_COL32_WHITE);
}

/// A poster with a badge and a caption line: models and recordings until they can play here.
void poster_with_badge(Kiosk& k, const ExhibitView& exhibit, const Rect& area, Icon icon, Text label) {
    Ui& ui = k.ui;
    const std::string& picture = !exhibit.preview.empty() ? exhibit.preview : exhibit.poster;
    image_fit(ui, picture, exhibit.thumbnail, area, 2048);
    const float s = 64 * ui.m.scale;
    const ImVec2 c(area.x + area.w / 2, area.y + area.h / 2);
    if (icon == Icon::film || icon == Icon::sound) {
        ui.draw->AddCircleFilled(c, s, IM_COL32(0, 0, 0, 110), 48);
        draw_icon(ui.draw, Icon::play, c, s, IM_COL32_WHITE);
    }
    if (!exhibit.cues.empty()) caption_strip(ui, area, exhibit.cues.front().text);
    const char* text = tr(label, ui.english);
    const ImVec2 extent = ui.fonts.caption->CalcTextSizeA(ui.m.caption, 1e9f, 0, text);
    const Rect badge{area.x + 16 * ui.m.scale, area.y + 16 * ui.m.scale, extent.x + ui.m.caption * 2.6f, ui.m.caption * 2};
    ui.draw->AddRectFilled(badge.min(), badge.max(), ui.colours->secondary, badge.h / 2);
    draw_icon(ui.draw, icon, ImVec2(badge.x + ui.m.caption * 1.1f, badge.y + badge.h / 2), ui.m.caption, ui.colours->on_accent);
    ui.draw->AddText(ui.fonts.caption, ui.m.caption, ImVec2(badge.x + ui.m.caption * 2, badge.y + ui.m.caption * 0.45f),
                     ui.colours->on_accent, text);
}

}  // namespace

void draw_exhibit_media(Kiosk& k, const ExhibitView& exhibit, const Rect& area) {
    Ui& ui = k.ui;
    switch (exhibit.kind) {
    case MediaKind::image: {
        const long current = k.nav.here().exhibit;
        if (k.image_view_for != current) k.image_view.reset(), k.image_view_for = current;
        if (!draw_zoomable_image(ui, k.image_view, k.tile_sets, k.archive_root, exhibit.preview, exhibit.thumbnail,
                                 exhibit.tiles, exhibit.width, exhibit.height, area))
            break;  // a placeholder: nothing to zoom
        // + / − / reset do what pinch and drag do.
        const float r = std::max(ui.m.target / 2, 30 * ui.m.scale);
        const float x = area.x + area.w - r - 12 * ui.m.scale;
        float y = area.y + area.h - r - 12 * ui.m.scale;
        if (round_button(ui, "##reset", ImVec2(x, y), r, Icon::reset, k.image_view.zoom > 1)) k.image_view.reset();
        y -= 2 * r + 12 * ui.m.scale;
        if (round_button(ui, "##out", ImVec2(x, y), r, Icon::minus, k.image_view.zoom > 1)) k.image_view.zoom_by(1 / 1.6f);
        y -= 2 * r + 12 * ui.m.scale;
        if (round_button(ui, "##in", ImVec2(x, y), r, Icon::plus, k.image_view.zoom < ImageView::kMaxZoom)) k.image_view.zoom_by(1.6f);
        break;
    }
    case MediaKind::model:
        if (!k.stage->draw_model(ui, exhibit, area)) poster_with_badge(k, exhibit, area, Icon::model, Text::model_3d);
        break;
    case MediaKind::video:
        if (!k.stage->draw_recording(ui, exhibit, area)) poster_with_badge(k, exhibit, area, Icon::film, Text::video);
        break;
    case MediaKind::audio:
        if (!k.stage->draw_recording(ui, exhibit, area)) poster_with_badge(k, exhibit, area, Icon::sound, Text::audio);
        break;
    case MediaKind::text: {
        ui.draw->AddRectFilled(area.min(), area.max(), ui.colours->line, ui.m.radius);
        draw_icon(ui.draw, Icon::text, area.centre(), 96 * ui.m.scale, ui.colours->muted);
        text_centred(ui, ui.fonts.body, ui.m.body, area.x + area.w / 2, area.y + area.h / 2 + 72 * ui.m.scale,
                     tr(Text::no_media, ui.english), ui.colours->muted);
        break;
    }
    }
}

void draw_exhibit(Kiosk& k) {
    Ui& ui = k.ui;
    const Metrics& m = ui.m;
    const Location here = k.nav.here();
    if (here.exhibit < 0 || here.exhibit >= long(k.museum.exhibits.size())) {
        k.nav.back();
        return;
    }
    const ExhibitView& exhibit = k.museum.exhibits[std::size_t(here.exhibit)];
    // The ground: app.cpp clears the frame with c.ground, so no full-screen layer is drawn here.
    const float top = m.margin * 0.5f + m.target + m.gutter * 0.6f;
    const float arrow_r = std::max(m.target / 2, 36 * m.scale);
    const float media_w = ui.width * (ui.elder ? 0.55f : 0.65f) - m.margin;
    const Rect media{m.margin, top, media_w, ui.height - top - m.margin * 0.6f};
    draw_exhibit_media(k, exhibit, media);

    const float panel_x = media.x + media.w + m.gutter * 1.5f;
    const Rect panel{panel_x, top, ui.width - panel_x - 2 * arrow_r - 16 * m.scale, media.h};
    draw_reading_panel(k, exhibit, panel, {});

    // Previous / next within the exhibition, on the screen edges.
    const auto order = k.order(here.exhibition);
    const int position = here.position;
    const float mid = media.y + media.h / 2;
    if (!order.empty()) {
        if (position > 0 && round_button(ui, "##prev", ImVec2(arrow_r + 8 * m.scale, mid), arrow_r, Icon::left)) {
            k.nav.step_exhibit(position - 1, long(order[std::size_t(position - 1)]));
            k.panel_scroll = 0;
        }
        if (position + 1 < int(order.size()) &&
            round_button(ui, "##next", ImVec2(ui.width - arrow_r - 8 * m.scale, mid), arrow_r, Icon::right)) {
            k.nav.step_exhibit(position + 1, long(order[std::size_t(position + 1)]));
            k.panel_scroll = 0;
        }
    }

    // Top bar: back, home, read aloud.
    if (back_button(k)) k.nav.back();
    const float h = m.target;
    const Rect home{m.margin * 0.5f + h * 2.1f + m.gutter * 0.5f, m.margin * 0.5f, h * 2.1f, h};
    if (button(ui, "##home", home, tr(Text::home, ui.english), ButtonKind::secondary, Icon::home, true)) k.nav.home();
    if (k.stage->can_speak()) {
        const Rect speak{panel.x, m.margin * 0.5f, h * 2.4f, h};
        const bool speaking = k.stage->speaking();
        if (button(ui, "##speak", speak, tr(speaking ? Text::stop_reading : Text::read_aloud, ui.english),
                   speaking ? ButtonKind::selected : ButtonKind::secondary, Icon::speaker, true))
            k.stage->speak(speaking ? std::string() : k.pick(exhibit.title, exhibit.title_en) + "。" + k.pick(exhibit.story, exhibit.story_en));
    }
}

}  // namespace wenyuan::kiosk
