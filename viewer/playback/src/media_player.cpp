#include "kiosk/media_player.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

extern "C" {
#include <libavutil/log.h>
}

#include "audio_output.hpp"
#include "gl_objects.hpp"
#include "media_decoder.hpp"

namespace wenyuan::kiosk {

using Clock = std::chrono::steady_clock;

struct MediaPlayer::Impl {
    Options options;
    std::filesystem::path file;
    State state = State::empty;
    std::string error, warning;
    bool audio_tried = false;
    std::unique_ptr<AudioOutput> audio;      // kept across files
    std::unique_ptr<MediaDecoder> decoder;   // declared after audio: goes first
    MediaInfo info;
    int serial = 0;
    bool want_play = false;
    bool show_any = false;  // after open or seek: show the first picture whatever its time
    double position = 0;
    double anchor_position = 0;
    Clock::time_point anchor_time;
    gl::Texture texture;
    int texture_width = 0, texture_height = 0;
    double picture_time = -1;
    TimedTrack captions, chapters;
    Stats stats;

    void reset_clock() {
        anchor_position = position;
        anchor_time = Clock::now();
    }
    bool audio_drives() const { return audio && info.has_audio; }
    void set_audio_paused(bool paused) {
        if (audio) audio->set_paused(paused);
    }
    void show(VideoFrame& frame) {
        if (options.gl) {
            const bool resized = !texture || frame.width != texture_width || frame.height != texture_height;
            if (!texture) texture = gl::make_texture();
            gl::upload_rgba(texture.get(), frame.width, frame.height, frame.rgba.data(), resized);
        }
        texture_width = frame.width;
        texture_height = frame.height;
        picture_time = frame.pts;
        ++stats.frames_shown;
    }
    double end() const { return std::max(info.duration, decoder ? decoder->end_time() : 0.0); }
    void fail(std::string message) {
        state = State::error;
        error = std::move(message);
        set_audio_paused(true);
        decoder.reset();
        if (audio) audio->clear();
    }
};

MediaPlayer::MediaPlayer() : MediaPlayer(Options{}) {}
MediaPlayer::MediaPlayer(Options options) : impl_(std::make_unique<Impl>()) {
    impl_->options = options;
    av_log_set_level(AV_LOG_QUIET);
}
MediaPlayer::~MediaPlayer() {
    if (impl_) close();
}
MediaPlayer::MediaPlayer(MediaPlayer&&) noexcept = default;
MediaPlayer& MediaPlayer::operator=(MediaPlayer&&) noexcept = default;

void MediaPlayer::open(const std::filesystem::path& file) {
    close();
    Impl& p = *impl_;
    if (p.options.audio_device && !p.audio_tried) {
        p.audio = AudioOutput::open();
        p.audio_tried = true;
    }
    p.file = file;
    p.state = State::opening;
    p.want_play = p.options.autoplay;
    MediaDecoder::Limits limits;
    limits.max_width = std::max(16, p.options.max_width);
    limits.max_height = std::max(16, p.options.max_height);
    p.decoder = std::make_unique<MediaDecoder>(file, limits, p.audio.get());
}

void MediaPlayer::close() {
    Impl& p = *impl_;
    p.set_audio_paused(true);
    p.decoder.reset();
    if (p.audio) p.audio->clear();
    p.state = State::empty;
    p.error.clear();
    p.warning.clear();
    p.info = {};
    p.position = 0;
    p.picture_time = -1;
    p.texture.reset();
    p.texture_width = p.texture_height = 0;
    p.stats = {};
    p.show_any = false;
}

void MediaPlayer::play() {
    Impl& p = *impl_;
    if (p.state == State::opening) {
        p.want_play = true;
        return;
    }
    if (p.state == State::ended) seek(0);
    if (p.state != State::paused) return;
    p.state = State::playing;
    p.reset_clock();
    p.set_audio_paused(false);
}

void MediaPlayer::pause() {
    Impl& p = *impl_;
    p.want_play = false;
    if (p.state != State::playing) return;
    p.state = State::paused;
    p.set_audio_paused(true);
    p.reset_clock();
}

void MediaPlayer::toggle() { is_playing() ? pause() : play(); }

void MediaPlayer::seek(double seconds) {
    Impl& p = *impl_;
    if (!p.decoder || p.state == State::opening || p.state == State::error) return;
    if (!std::isfinite(seconds)) return;
    const double end = p.end();
    p.position = std::clamp(seconds, 0.0, end > 0 ? end : seconds);
    p.serial = p.decoder->seek(p.position);
    p.decoder->report_position(p.position);
    p.show_any = p.info.has_video;
    p.reset_clock();
    if (p.state == State::ended) p.state = State::paused;
}

void MediaPlayer::stop() {
    pause();
    seek(0);
}

bool MediaPlayer::update() {
    Impl& p = *impl_;
    if (!p.decoder) return false;
    if (p.state == State::opening) {
        const auto phase = p.decoder->phase();
        if (phase == MediaDecoder::Phase::opening) return false;
        if (phase == MediaDecoder::Phase::failed) {
            p.fail(p.decoder->error());
            return false;
        }
        p.info = p.decoder->info();
        p.state = State::paused;
        p.show_any = p.info.has_video;
        p.reset_clock();
        if (p.want_play) play();
    }
    if (p.decoder->phase() == MediaDecoder::Phase::failed) {
        p.fail(p.decoder->error());
        return false;
    }
    p.warning = p.decoder->warning();

    if (p.state == State::playing) {
        const std::optional<double> heard = p.audio_drives() ? p.audio->clock() : std::nullopt;
        if (heard) {
            p.position = *heard;
            p.reset_clock();
        } else {
            p.position = p.anchor_position + std::chrono::duration<double>(Clock::now() - p.anchor_time).count();
        }
        const double end = p.end();
        if (end > 0) p.position = std::min(p.position, end);
        p.decoder->report_position(p.position);
    }

    bool changed = false;
    if (p.show_any) {
        if (auto frame = p.decoder->pop_due(p.serial, 0, true)) {
            p.show(*frame);
            p.show_any = false;
            changed = true;
        } else if (p.decoder->finished(p.serial)) {
            p.show_any = false;
        }
    } else if (p.state == State::playing) {
        std::optional<VideoFrame> latest;
        while (auto frame = p.decoder->pop_due(p.serial, p.position, false)) {
            if (latest) ++p.stats.frames_dropped;
            latest = std::move(frame);
        }
        if (latest) {
            p.show(*latest);
            changed = true;
        }
    }

    if (p.state == State::playing && p.decoder->finished(p.serial) && p.decoder->queue_empty(p.serial)) {
        const bool audio_done = !p.audio_drives() || p.audio->queued_bytes() == 0;
        const double end = p.decoder->end_time();
        if (audio_done && p.position >= end - 1e-3) {
            p.state = State::ended;
            p.position = end;
            p.set_audio_paused(true);
        }
    }
    p.stats.frames_decoded = p.decoder->frames_decoded();
    p.stats.queued_bytes = p.decoder->queued_bytes();
    p.stats.max_queued_bytes = std::max(p.stats.max_queued_bytes, p.stats.queued_bytes);
    return changed;
}

MediaPlayer::State MediaPlayer::state() const { return impl_->state; }
const std::string& MediaPlayer::error() const { return impl_->error; }
const std::string& MediaPlayer::warning() const { return impl_->warning; }
const std::filesystem::path& MediaPlayer::file() const { return impl_->file; }
double MediaPlayer::position() const { return impl_->position; }
double MediaPlayer::duration() const { return impl_->end(); }
bool MediaPlayer::has_video() const { return impl_->info.has_video; }
bool MediaPlayer::has_audio() const { return impl_->info.has_audio; }
bool MediaPlayer::audio_device_open() const { return impl_->audio != nullptr; }
unsigned MediaPlayer::texture() const { return impl_->texture.get(); }
int MediaPlayer::picture_width() const { return impl_->texture_width; }
int MediaPlayer::picture_height() const { return impl_->texture_height; }
double MediaPlayer::display_aspect() const {
    const Impl& p = *impl_;
    if (p.info.aspect > 0) return p.info.aspect;
    return p.texture_height ? double(p.texture_width) / p.texture_height : 0.0;
}
double MediaPlayer::picture_time() const { return impl_->picture_time; }
bool MediaPlayer::picture_pending() const { return impl_->state == State::opening || impl_->show_any; }

void MediaPlayer::set_captions(std::vector<TimedText> cues) { impl_->captions.set(std::move(cues)); }
void MediaPlayer::set_chapters(std::vector<TimedText> chapters) { impl_->chapters.set(std::move(chapters)); }
const TimedTrack& MediaPlayer::captions() const { return impl_->captions; }
const TimedTrack& MediaPlayer::chapters() const { return impl_->chapters; }
std::string_view MediaPlayer::caption_at(double t) const { return impl_->captions.text_at(t); }
std::string_view MediaPlayer::current_caption() const { return caption_at(position()); }
std::optional<std::size_t> MediaPlayer::current_chapter() const { return impl_->chapters.chapter_at(position()); }
void MediaPlayer::seek_chapter(std::size_t index) {
    if (index < impl_->chapters.entries().size()) seek(impl_->chapters.entries()[index].start);
}
MediaPlayer::Stats MediaPlayer::stats() const { return impl_->stats; }

}  // namespace wenyuan::kiosk
