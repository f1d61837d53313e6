// MediaStage on viewer/playback: MediaPlayer for recordings and narrations, ModelView for models
// (drawn inside ImGui's render pass through a draw-list callback), Speech for reading aloud.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/media_stage.hpp"
#include "app/strings.hpp"
#include "kiosk/media_player.hpp"
#include "kiosk/model_view.hpp"
#include "kiosk/speech.hpp"
#include "ui/text_layout.hpp"

namespace wenyuan::kiosk {

namespace {

std::string object_path(const std::string& root, const std::string& sha) {
    return root + "/objects/" + sha.substr(0, 2) + "/" + sha;
}

std::string clock_text(double seconds) {
    const int s = int(std::max(0.0, seconds));
    char out[32];
    std::snprintf(out, sizeof out, "%d:%02d", s / 60, s % 60);
    return out;
}

}  // namespace

struct MediaStage::Impl {
    std::string root;
    bool deterministic = false;
    MediaPlayer player;
    std::int64_t player_item = 0;
    MediaPlayer narration;
    std::string narration_sha;
    ModelView model;
    std::int64_t model_item = 0;
    struct ModelDraw {
        ModelView* view = nullptr;
        Viewport viewport;
        double frame_ms = 0;
    } model_draw;
    double last_frame_ms = 0;
    std::unique_ptr<Speech> speech;

    static MediaPlayer::Options player_options(bool deterministic, bool autoplay) {
        MediaPlayer::Options options;
        options.audio_device = !deterministic;
        options.autoplay = autoplay && !deterministic;
        return options;
    }
};

MediaStage::MediaStage(std::string archive_root, bool deterministic, bool speech) : impl_(std::make_unique<Impl>()) {
    impl_->root = std::move(archive_root);
    impl_->deterministic = deterministic;
    impl_->player = MediaPlayer(Impl::player_options(deterministic, false));
    impl_->narration = MediaPlayer(Impl::player_options(deterministic, true));
    if (speech) {
        SpeechOptions options;
        options.audio_device = !deterministic;
        if (auto created = Speech::create(options); created) impl_->speech = std::make_unique<Speech>(std::move(*created));
        else std::fprintf(stderr, "wenyuan-kiosk: speech: %s (reading aloud is off)\n", created.error().message.c_str());
    }
}

MediaStage::~MediaStage() = default;

bool MediaStage::available() { return true; }

void MediaStage::update(double last_frame_ms) {
    impl_->last_frame_ms = last_frame_ms;
    impl_->player.update();
    impl_->narration.update();
    impl_->model.update();
}

bool MediaStage::draw_model(Ui& ui, const ExhibitView& exhibit, const Rect& area) {
    Impl& s = *impl_;
    if (exhibit.lods.empty() && exhibit.model.empty()) return false;
    if (s.model_item != exhibit.item_id) {
        s.model_item = exhibit.item_id;
        if (!exhibit.lods.empty()) {
            std::vector<LodAsset> levels;
            for (const LodRef& lod : exhibit.lods) levels.push_back({object_path(s.root, lod.sha256), lod.triangles, lod.max_texture});
            s.model.load(std::move(levels));
        } else {
            s.model.load_file(object_path(s.root, exhibit.model));
        }
        if (s.deterministic) {  // screenshots: wait for the mesh (at most 10 s)
            for (int i = 0; i < 2000 && s.model.state() == ModelView::State::loading; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                s.model.update();
            }
        }
    }
    if (s.model.state() == ModelView::State::error) {
        static std::int64_t logged = 0;
        if (logged != exhibit.item_id) std::fprintf(stderr, "wenyuan-kiosk: %s (showing the poster)\n", s.model.error().c_str());
        logged = exhibit.item_id;
        return false;
    }
    if (s.model.state() != ModelView::State::ready) {
        spinner(ui, area.centre(), 24 * ui.m.scale);
        return true;
    }
    // Orbit by drag, zoom by wheel; the buttons do the same for a finger.
    bool held = false;
    hit(ui, "##model", area, &held);
    if (held) s.model.camera().orbit(ImGui::GetIO().MouseDelta.x, ImGui::GetIO().MouseDelta.y);
    if (ImGui::IsItemHovered() && ImGui::GetIO().MouseWheel != 0) s.model.camera().zoom(std::pow(1.2f, ImGui::GetIO().MouseWheel));
    const float fb_h = ImGui::GetIO().DisplaySize.y;
    s.model_draw = {&s.model, Viewport{int(area.x), int(fb_h - area.y - area.h), int(area.w), int(area.h)}, s.last_frame_ms};
    ui.draw->AddCallback(
        [](const ImDrawList*, const ImDrawCmd* cmd) {
            const auto* draw = static_cast<const Impl::ModelDraw*>(cmd->UserCallbackData);
            draw->view->draw(draw->viewport, draw->frame_ms);
        },
        &s.model_draw);
    ui.draw->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    const float r = std::max(ui.m.target / 2, 30 * ui.m.scale);
    const float x = area.x + area.w - r - 12 * ui.m.scale;
    float y = area.y + area.h - r - 12 * ui.m.scale;
    if (round_button(ui, "##mreset", ImVec2(x, y), r, Icon::reset)) s.model.camera().reset();
    y -= 2 * r + 12 * ui.m.scale;
    if (round_button(ui, "##mout", ImVec2(x, y), r, Icon::minus)) s.model.camera().zoom(1 / 1.3f);
    y -= 2 * r + 12 * ui.m.scale;
    if (round_button(ui, "##min", ImVec2(x, y), r, Icon::plus)) s.model.camera().zoom(1.3f);
    return true;
}

bool MediaStage::draw_recording(Ui& ui, const ExhibitView& exhibit, const Rect& area) {
    Impl& s = *impl_;
    if (exhibit.recording.empty()) return false;
    if (s.player_item != exhibit.item_id) {
        s.player_item = exhibit.item_id;
        s.player.open(object_path(s.root, exhibit.recording));
        std::vector<TimedText> cues;
        for (const TimedLine& cue : exhibit.cues) cues.push_back({cue.start, cue.end, cue.text});
        s.player.set_captions(std::move(cues));
        std::vector<TimedText> chapters;
        for (const TimedLine& chapter : exhibit.chapters) chapters.push_back({chapter.start, chapter.end, chapter.text});
        s.player.set_chapters(std::move(chapters));
        if (s.deterministic) {  // screenshots: paused at the first caption (or the segment), picture shown
            for (int i = 0; i < 2000 && s.player.state() == MediaPlayer::State::opening; ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                s.player.update();
            }
        }
        const double start = exhibit.start_seconds > 0 ? exhibit.start_seconds
                                                       : (s.deterministic && !exhibit.cues.empty() ? exhibit.cues.front().start + 0.5 : 0);
        if (start > 0) s.player.seek(start);
        if (s.deterministic && s.player.has_video()) {
            for (int i = 0; i < 2000 && (s.player.picture_pending() || s.player.texture() == 0); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                s.player.update();
            }
        }
    }
    if (s.player.state() == MediaPlayer::State::error) {
        static std::int64_t logged = 0;
        if (logged != exhibit.item_id) std::fprintf(stderr, "wenyuan-kiosk: %s (showing the poster)\n", s.player.error().c_str());
        logged = exhibit.item_id;
        return false;
    }
    const Palette& c = *ui.colours;
    const float bar_h = std::max(ui.m.target, 64 * ui.m.scale);
    const float chapters_h = draw_chapters(ui, exhibit, area, false);
    const Rect player_area{area.x, area.y, area.w, area.h - chapters_h};
    const Rect picture{area.x, area.y, area.w, player_area.h - bar_h - 8 * ui.m.scale};
    ui.draw->AddRectFilled(picture.min(), picture.max(), IM_COL32(16, 16, 16, 255));
    if (s.player.texture() != 0) {
        const float aspect = float(s.player.display_aspect() > 0 ? s.player.display_aspect() : 16.0 / 9.0);
        float w = picture.w, h = w / aspect;
        if (h > picture.h) h = picture.h, w = h * aspect;
        const ImVec2 a(picture.x + (picture.w - w) / 2, picture.y + (picture.h - h) / 2);
        ui.draw->AddImage(reinterpret_cast<void*>(std::uintptr_t(s.player.texture())), a, ImVec2(a.x + w, a.y + h));
    } else {
        image_fit(ui, !exhibit.preview.empty() ? exhibit.preview : exhibit.poster, exhibit.thumbnail, picture, 2048);
        if (!s.player.has_video() && s.player.state() != MediaPlayer::State::opening)
            draw_icon(ui.draw, Icon::sound, picture.centre(), 96 * ui.m.scale, c.on_accent);
    }
    bool tapped_picture = hit(ui, "##picture", picture);
    const std::string caption(s.player.current_caption());
    if (!caption.empty()) {
        const float size = ui.m.body;
        const auto lines = wrap_lines(ui.fonts.body, size, caption, picture.w * 0.85f);
        float y = picture.y + picture.h - 16 * ui.m.scale - float(lines.size()) * size * 1.4f;
        for (const std::string& line : lines) {
            const float w = ui.fonts.body->CalcTextSizeA(size, 1e9f, 0, line.c_str()).x;
            const float x = picture.x + (picture.w - w) / 2;
            ui.draw->AddRectFilled(ImVec2(x - size * 0.4f, y - size * 0.15f), ImVec2(x + w + size * 0.4f, y + size * 1.25f),
                                   IM_COL32(0, 0, 0, 200), 4);
            ui.draw->AddText(ui.fonts.body, size, ImVec2(x, y), IM_COL32_WHITE, line.c_str());
            y += size * 1.4f;
        }
    }
    // Controls: play / pause, a seek bar that a tap moves, the time.
    const Rect bar{area.x, player_area.y + player_area.h - bar_h, area.w, bar_h};
    const float r = bar_h / 2;
    const bool playing = s.player.is_playing();
    if (round_button(ui, "##play", ImVec2(bar.x + r, bar.y + r), r, playing ? Icon::pause : Icon::play) || tapped_picture)
        s.player.toggle();
    const std::string time = clock_text(s.player.position()) + " / " + clock_text(s.player.duration());
    const float time_w = ui.fonts.caption->CalcTextSizeA(ui.m.caption, 1e9f, 0, time.c_str()).x;
    const Rect track{bar.x + 2 * r + 16 * ui.m.scale, bar.y, bar.w - 2 * r - 32 * ui.m.scale - time_w, bar_h};
    bool held = false;
    hit(ui, "##seek", track, &held);
    const double duration = s.player.duration();
    if (held && duration > 0) {
        const float t = std::clamp((ImGui::GetIO().MousePos.x - track.x) / track.w, 0.0f, 1.0f);
        if (ImGui::IsMouseReleased(0) || ImGui::IsItemDeactivated()) s.player.seek(double(t) * duration);
    }
    const float line_y = track.y + track.h / 2;
    const float done = duration > 0 ? float(s.player.position() / duration) : 0;
    ui.draw->AddRectFilled(ImVec2(track.x, line_y - 4), ImVec2(track.x + track.w, line_y + 4), c.line, 4);
    ui.draw->AddRectFilled(ImVec2(track.x, line_y - 4), ImVec2(track.x + track.w * done, line_y + 4), c.accent, 4);
    ui.draw->AddCircleFilled(ImVec2(track.x + track.w * done, line_y), 12 * ui.m.scale, c.accent, 24);
    ui.draw->AddText(ui.fonts.caption, ui.m.caption, ImVec2(track.x + track.w + 16 * ui.m.scale, line_y - ui.m.caption * 0.6f),
                     c.muted, time.c_str());
    draw_chapters(ui, exhibit, area, true);
    return true;
}

float MediaStage::draw_chapters(Ui& ui, const ExhibitView& exhibit, const Rect& area, bool draw) {
    // Chapters as chips under the player, in rows from the left: "0:42 title", at least a touch
    // target high (48 px; 80 in elder mode); the current one selected; a tap seeks there. At most
    // three rows; chapters beyond them are not shown (the seek bar still reaches them).
    if (exhibit.chapters.empty()) return 0;
    Impl& s = *impl_;
    const float h = std::max(ui.m.target, 48.0f), gap = 12 * ui.m.scale, pad = ui.m.body * 0.8f;
    const float max_w = area.w;
    const std::optional<std::size_t> current = draw ? s.player.current_chapter() : std::nullopt;
    int row = 0;
    float x = area.x;
    const float top = area.y + area.h;  // rows are counted first, then drawn upwards from the bottom
    const int rows_allowed = 3;
    std::vector<std::pair<Rect, std::size_t>> chips;
    for (std::size_t i = 0; i < exhibit.chapters.size(); ++i) {
        const TimedLine& chapter = exhibit.chapters[i];
        const std::string label = clock_text(chapter.start) + "  " + chapter.text;
        const float w = std::min(max_w, ui.fonts.body->CalcTextSizeA(ui.m.body, 1e9f, 0, label.c_str()).x + 2 * pad);
        if (x > area.x && x + w > area.x + max_w) {
            if (row + 1 >= rows_allowed) break;
            ++row, x = area.x;
        }
        chips.push_back({Rect{x, float(row) * (h + gap), w, h}, i});
        x += w + gap;
    }
    const float used = float(row + 1) * (h + gap);
    if (!draw) return used;
    for (const auto& [r, i] : chips) {
        const Rect at{r.x, top - used + gap + r.y, r.w, r.h};
        const std::string label = clock_text(exhibit.chapters[i].start) + "  " + exhibit.chapters[i].text;
        const std::string id = "##chapter" + std::to_string(i);
        if (!button(ui, id.c_str(), at, label, current == i ? ButtonKind::selected : ButtonKind::secondary)) continue;
        s.player.seek_chapter(i);
        if (s.deterministic && s.player.has_video()) {  // screenshots: the picture at the chapter
            for (int n = 0; n < 2000 && s.player.picture_pending(); ++n) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                s.player.update();
            }
        }
    }
    return used;
}

void MediaStage::narrate(const std::string& sha256, const std::string& text) {
    Impl& s = *impl_;
    s.narration_sha = sha256;
    speak({});
    if (sha256.empty()) s.narration.close();
    else s.narration.open(object_path(s.root, sha256));  // from the start, also for the same file
    if (sha256.empty() && !text.empty()) speak(text);
}

bool MediaStage::narrating() const {
    const Impl& s = *impl_;
    if (s.deterministic) return false;
    const MediaPlayer::State state = s.narration.state();
    return (!s.narration_sha.empty() && (state == MediaPlayer::State::opening || state == MediaPlayer::State::playing)) ||
           speaking();
}

void MediaStage::speak(const std::string& text) {
    if (!impl_->speech) return;
    if (text.empty()) impl_->speech->stop();
    else impl_->speech->say(text);
}

bool MediaStage::speaking() const {
    return impl_->speech && impl_->speech->speaking();
}

bool MediaStage::can_speak() const {
    return impl_->speech != nullptr;
}

void MediaStage::release_except(std::int64_t item_id) {
    Impl& s = *impl_;
    if (s.player_item != 0 && s.player_item != item_id) s.player.close(), s.player_item = 0;
    if (s.model_item != 0 && s.model_item != item_id) s.model.clear(), s.model_item = 0;
}

void MediaStage::reset() {
    Impl& s = *impl_;
    s.player.close();
    s.player_item = 0;
    narrate({});
    s.model.clear();
    s.model_item = 0;
    speak({});
}

std::size_t MediaStage::model_triangles() const {
    return impl_->model.state() == ModelView::State::ready ? impl_->model.triangles() : 0;
}

}  // namespace wenyuan::kiosk
