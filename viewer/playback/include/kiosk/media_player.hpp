// MediaPlayer: plays one video or audio file (FFmpeg decode, SDL2 audio, a GL texture for the
// picture) for the kiosk's exhibit screen. The app draws the controls and the picture; the
// player exposes state.
//
// Threads: one worker per open file demuxes and decodes into bounded queues (a few frames of
// video, about a second of audio), so memory stays flat for any length. SDL's audio thread pulls
// resampled audio. Everything else — every public member, and all GL calls — happens on the
// app's main thread, which calls update() once per frame; update() moves the due frame into
// texture(). Members must not be called concurrently from several threads.
//
// Clock: the audio device's playback position when there is audio and an audio device; else a
// wall clock (no device, SDL_AUDIODRIVER=dummy, audio-only files still report progress). Video
// frames are shown when the clock reaches them and dropped when they are late.
//
// Failure: nothing throws; a file that cannot be opened or decoded (missing, truncated, garbage,
// no audio or video stream) puts the player into State::error with a one-line message naming the
// file, e.g. "media player: clip.mp4: Invalid data found when processing input". A stream that
// breaks in the middle ends playback at the last good frame (State::ended) and sets warning().
// Creating a MediaPlayer sets FFmpeg's log level to quiet for the whole process (as the media
// importer does): the player reports problems itself.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/timed_text.hpp"

namespace wenyuan::kiosk {

class MediaPlayer {
public:
    enum class State {
        empty,    ///< nothing opened (or close() called)
        opening,  ///< the worker is opening the file
        paused,   ///< ready, not advancing (also right after opening)
        playing,
        ended,    ///< reached the end; play() starts again from the beginning
        error,    ///< see error()
    };

    struct Options {
        int max_width = 1280;    ///< pictures are scaled down (keeping aspect) to fit these
        int max_height = 800;
        bool audio_device = true;  ///< false: never open SDL audio, use the wall clock
        bool autoplay = false;     ///< start playing as soon as the file is open
        bool gl = true;            ///< false: never touch GL (UI tests with a null backend); texture() stays 0
    };

    MediaPlayer();
    explicit MediaPlayer(Options options);
    ~MediaPlayer();  ///< stops the worker and audio; GL objects are freed (call on the GL thread)
    MediaPlayer(MediaPlayer&&) noexcept;
    MediaPlayer& operator=(MediaPlayer&&) noexcept;
    MediaPlayer(const MediaPlayer&) = delete;
    MediaPlayer& operator=(const MediaPlayer&) = delete;

    /// Closes what is open and starts opening `file` on the worker (State::opening; then paused,
    /// playing with autoplay, or error). Returns at once.
    void open(const std::filesystem::path& file);
    /// Stops the worker and audio and forgets the file (State::empty). Keeps captions/chapters.
    void close();

    void play();    ///< from paused or ended (ended restarts at 0); ignored otherwise
    void pause();   ///< holds position() exactly
    void toggle();  ///< play or pause
    /// Moves to `seconds` (clamped to [0, duration]); keeps playing or paused. The first frame
    /// at or after the target is shown (on the next update(), also while paused).
    void seek(double seconds);
    /// Pause and go back to the start (the kiosk's "idle: reset" behaviour).
    void stop();

    /// Main thread, once per frame: applies state from the worker, advances the clock and
    /// uploads the frame that is due to texture(). Returns true when the picture changed.
    bool update();

    State state() const;
    bool is_playing() const { return state() == State::playing; }
    const std::string& error() const;    ///< one line naming the file; empty unless State::error
    const std::string& warning() const;  ///< e.g. damage found while playing; may be empty
    const std::filesystem::path& file() const;

    double position() const;  ///< seconds, as of the last update()
    double duration() const;  ///< seconds; 0 until known
    bool has_video() const;
    bool has_audio() const;
    bool audio_device_open() const;  ///< false: the wall clock drives playback

    /// The GL texture (RGBA8, GL_TEXTURE_2D) with the current picture, 0 before the first frame.
    /// Row 0 is the top of the picture, so ImGui::Image's default UVs (0,0)-(1,1) show it upright.
    /// Owned by the player; valid until the next open()/close()/destruction.
    unsigned texture() const;
    /// Texture size in pixels (≤ Options max), upright: a display-matrix rotation (portrait
    /// phone video) is applied on the worker, so the texture never needs turning.
    int picture_width() const;
    int picture_height() const;
    double display_aspect() const;  ///< width / height as it should be shown (sample aspect applied)
    double picture_time() const;    ///< the time of the picture in texture(), in seconds; -1 before the first
    /// True while opening, or after open()/seek() until the picture at the new position is in
    /// texture(): a screenshot or a scripted test waits for this to turn false.
    bool picture_pending() const;

    /// Captions and chapters from the catalog (see timed_text.hpp).
    void set_captions(std::vector<TimedText> cues);
    void set_chapters(std::vector<TimedText> chapters);
    const TimedTrack& captions() const;
    const TimedTrack& chapters() const;
    /// The caption text at `t`, and at position().
    std::string_view caption_at(double t) const;
    std::string_view current_caption() const;
    std::optional<std::size_t> current_chapter() const;
    void seek_chapter(std::size_t index);  ///< seek to that chapter's start; ignored when out of range

    /// Test and diagnostics: frames decoded and shown since open, and the bytes queued between
    /// the worker and the main thread (bounded, independent of the file's length).
    struct Stats {
        long frames_decoded = 0;
        long frames_shown = 0;
        long frames_dropped = 0;
        std::size_t queued_bytes = 0;
        std::size_t max_queued_bytes = 0;
    };
    Stats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wenyuan::kiosk
