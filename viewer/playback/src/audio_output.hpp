// An SDL2 audio device fed from a bounded queue of timestamped S16 stereo chunks, with a clock:
// the time of the sample the listener hears now. Shared by the media player and speech.
// Private to wenyuan_kiosk_playback.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace wenyuan::kiosk {

class AudioOutput {
public:
    /// Opens the default output device for S16 stereo at about `rate` Hz (exactly `rate` with
    /// `exact_rate`: SDL converts). Returns null when SDL has no audio (no driver, no device):
    /// callers then use a wall clock. Main thread only.
    static std::unique_ptr<AudioOutput> open(int rate = 48000, bool exact_rate = false);
    ~AudioOutput();  ///< closes the device (stops the callback) before the queue goes
    AudioOutput(const AudioOutput&) = delete;
    AudioOutput& operator=(const AudioOutput&) = delete;

    int rate() const noexcept { return rate_; }
    static constexpr int kChannels = 2;

    /// Appends interleaved stereo samples starting at `pts` seconds. Any thread.
    void push(std::vector<std::int16_t> samples, double pts);
    /// Seconds queued and not yet handed to the device. Any thread.
    double queued_seconds() const;
    std::size_t queued_bytes() const;
    /// Drops everything queued (seek, stop). Any thread.
    void clear();
    /// Starts or pauses the device. Main thread.
    void set_paused(bool paused);
    /// The time of the sample being heard: the last chunk's pts plus what was played of it, minus
    /// the device's buffer. nullopt when nothing has played since the last clear(), or when the
    /// queue ran dry (then the caller's wall clock takes over). Any thread.
    std::optional<double> clock() const;

private:
    AudioOutput() = default;
    static void callback(void* self, std::uint8_t* stream, int length);
    void fill(std::int16_t* out, std::size_t samples);

    struct Chunk {
        std::vector<std::int16_t> samples;
        double pts = 0;
        std::size_t used = 0;  ///< samples already played
    };
    std::uint32_t device_ = 0;
    int rate_ = 0;
    int buffer_frames_ = 0;
    mutable std::mutex mutex_;
    std::deque<Chunk> chunks_;
    std::size_t queued_samples_ = 0;
    std::optional<double> played_pts_;  ///< time just after the last sample handed to the device
    bool dry_ = false;
};

}  // namespace wenyuan::kiosk
