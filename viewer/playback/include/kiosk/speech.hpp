// Speech: reads captions and story text aloud with espeak-ng's Mandarin voice ("cmn"), for the
// kiosk's elderly mode when an exhibit has no narration asset.
//
// Threads: synthesis runs on a worker thread (espeak-ng has process-wide state; all its calls in
// the process are serialised); playback goes through SDL2 audio. Public members are called from
// one thread (the app's main thread).
//
// Failure: Speech::create fails with a one-line message when espeak-ng or the voice is missing
// ("speech: espeak-ng voice 'cmn' is not installed (Debian package espeak-ng-data)"). Without an
// audio device (CI, SDL_AUDIODRIVER=dummy finds one; none at all is also fine) say() still
// synthesises but plays nothing: audio_device_open() is false.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

/// Mono signed 16-bit PCM.
struct Pcm {
    std::vector<std::int16_t> samples;
    int sample_rate = 0;
    double seconds() const { return sample_rate ? double(samples.size()) / sample_rate : 0.0; }
};

struct SpeechOptions {
    std::string voice = "cmn";  ///< espeak-ng voice name (Mandarin)
    int words_per_minute = 150; ///< a calm pace for elderly visitors (espeak's default is 175)
    bool audio_device = true;   ///< false: synthesise only (tests, CI)
};

/// Synthesises `text` (UTF-8) to PCM, blocking. Errors: Errc::unsupported when espeak-ng or the
/// voice is missing, Errc::internal when synthesis fails. Thread-safe (serialised).
Result<Pcm> synthesize(const std::string& text, const SpeechOptions& options = {});

class Speech {
public:
    /// Checks that espeak-ng and the voice work and opens the audio device (when asked and
    /// available; without one, say() still synthesises but plays nothing — see audio_device_open()).
    [[nodiscard]] static Result<Speech> create(SpeechOptions options = {});
    ~Speech();  ///< stops speaking and joins the worker
    Speech(Speech&&) noexcept;
    Speech& operator=(Speech&&) noexcept;

    /// Stops what is being said and says `text` (synthesised in the background). Does nothing
    /// while disabled.
    void say(std::string text);
    void stop();                   ///< cancels synthesis and playback at once
    bool speaking() const;         ///< synthesising or playing
    void set_enabled(bool enabled);  ///< off also stops
    bool enabled() const;
    bool audio_device_open() const;
    std::string error() const;     ///< the last synthesis error, or ""

private:
    struct Impl;
    explicit Speech(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace wenyuan::kiosk
