// The media player's worker: opens a file, demuxes and decodes on its own thread into a bounded
// queue of RGBA pictures and (when there is an audio device) the AudioOutput's bounded queue.
// Private to wenyuan_kiosk_playback; MediaPlayer (main thread) is its only user.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace wenyuan::kiosk {

class AudioOutput;

struct VideoFrame {
    double pts = 0;  ///< seconds from the start
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;
    int serial = 0;  ///< the seek generation it belongs to
};

struct MediaInfo {
    double duration = 0;
    bool has_video = false, has_audio = false;
    int width = 0, height = 0;  ///< of the pictures it makes (scaled)
    double aspect = 0;          ///< display aspect of the picture
    double frame_duration = 0.04;
};

class MediaDecoder {
public:
    struct Limits {
        int max_width = 1280, max_height = 800;
        std::size_t max_frames = 6;   ///< pictures queued
        double audio_ahead = 1.0;     ///< seconds of audio queued
    };
    enum class Phase { opening, running, failed };
    struct State;  ///< the worker's FFmpeg objects, defined in the .cpp

    /// Starts the worker at once. `audio` may be null (no device: audio is decoded but dropped,
    /// paced by the position the main thread reports); it must outlive the decoder.
    MediaDecoder(std::filesystem::path file, Limits limits, AudioOutput* audio);
    ~MediaDecoder();  ///< interrupts I/O, joins the worker
    MediaDecoder(const MediaDecoder&) = delete;
    MediaDecoder& operator=(const MediaDecoder&) = delete;

    Phase phase() const;
    std::string error() const;    ///< set with Phase::failed
    std::string warning() const;  ///< damage met while decoding
    MediaInfo info() const;       ///< valid once running

    /// Starts a seek; frames and audio of older serials are dropped. Returns the new serial.
    int seek(double seconds);
    /// Pops the front picture if it belongs to `serial` and is due (pts ≤ `until`), dropping
    /// older-serial ones; with `any` the front picture is returned whatever its time.
    std::optional<VideoFrame> pop_due(int serial, double until, bool any);
    bool queue_empty(int serial) const;
    /// True when the worker has decoded everything of `serial` (end of stream).
    bool finished(int serial) const;
    double end_time() const;  ///< the end of the last decoded picture or sound (at finish)
    void report_position(double seconds) { position_.store(seconds); }
    std::size_t queued_bytes() const;
    long frames_decoded() const { return frames_decoded_.load(); }

private:
    void run();
    void work();
    bool interrupted() const { return stop_.load(); }

    std::filesystem::path file_;
    Limits limits_;
    AudioOutput* audio_;
    std::unique_ptr<State> state_;  ///< owned by the worker thread

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    Phase phase_ = Phase::opening;
    std::string error_, warning_;
    MediaInfo info_;
    std::deque<VideoFrame> frames_;
    std::size_t frame_bytes_ = 0;
    std::optional<double> seek_to_;
    int serial_ = 0;
    int finished_serial_ = -1;
    double end_time_ = 0;

    std::atomic<bool> stop_{false};
    std::atomic<double> position_{0};
    std::atomic<long> frames_decoded_{0};
    std::thread thread_;
};

}  // namespace wenyuan::kiosk
