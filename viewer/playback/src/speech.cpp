#include "kiosk/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "audio_output.hpp"

namespace wenyuan::kiosk {
namespace {

// espeak-ng keeps process-wide state: every call goes through this lock.
std::mutex& espeak_lock() {
    static std::mutex lock;
    return lock;
}

struct SynthTarget {
    const std::atomic<bool>* cancel = nullptr;
    std::vector<std::int16_t>* samples = nullptr;
    AudioOutput* audio = nullptr;  // when set, chunks go straight to the device (as stereo)
    double pts = 0;
    int rate = 0;
};

int on_samples(short* wav, int count, espeak_EVENT* events) {
    auto* target = events ? static_cast<SynthTarget*>(events->user_data) : nullptr;
    if (!target) return 0;
    if (target->cancel && target->cancel->load()) return 1;  // abort synthesis
    if (!wav || count <= 0) return 0;
    if (target->samples) target->samples->insert(target->samples->end(), wav, wav + count);
    if (target->audio) {
        std::vector<std::int16_t> stereo(std::size_t(count) * 2);
        for (int i = 0; i < count; ++i) stereo[2 * i] = stereo[2 * i + 1] = wav[i];
        target->audio->push(std::move(stereo), target->pts);
        target->pts += double(count) / target->rate;
    }
    return 0;
}

// Initialises espeak-ng once; returns its sample rate, or 0. Call with espeak_lock() held.
int espeak_rate() {
    static int rate = [] {
        // DONT_EXIT: without it espeak-ng calls exit(1) when its data is missing.
        const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, espeakINITIALIZE_DONT_EXIT);
        if (r > 0) espeak_SetSynthCallback(&on_samples);
        return r > 0 ? r : 0;
    }();
    return rate;
}

// Synthesises into `target` with the lock held. Errors name the reason.
Result<int> run_synthesis(const std::string& text, const SpeechOptions& options, SynthTarget& target) {
    std::lock_guard lock(espeak_lock());
    const int rate = espeak_rate();
    if (!rate) return fail(Errc::unsupported, "speech: espeak-ng cannot start (is the Debian package espeak-ng-data installed?)");
    if (espeak_SetVoiceByName(options.voice.c_str()) != EE_OK) {
        return fail(Errc::unsupported, "speech: espeak-ng voice '" + options.voice +
                                           "' is not installed (Debian package espeak-ng-data)");
    }
    espeak_SetParameter(espeakRATE, options.words_per_minute, 0);
    target.rate = rate;
    const espeak_ERROR rc = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, &target);
    if (rc != EE_OK && !(target.cancel && target.cancel->load())) return fail(Errc::internal, "speech: espeak-ng failed to synthesise");
    return rate;
}

}  // namespace

Result<Pcm> synthesize(const std::string& text, const SpeechOptions& options) {
    Pcm pcm;
    SynthTarget target;
    target.samples = &pcm.samples;
    auto rate = run_synthesis(text, options, target);
    WENYUAN_TRY(rate);
    pcm.sample_rate = *rate;
    return pcm;
}

struct Speech::Impl {
    SpeechOptions options;
    std::unique_ptr<AudioOutput> audio;
    std::thread worker;
    std::atomic<bool> cancel{false};
    std::atomic<bool> synthesising{false};
    bool enabled = true;
    mutable std::mutex mutex;
    std::string error;

    void stop() {
        cancel = true;
        if (worker.joinable()) worker.join();
        if (audio) audio->clear();
    }
    ~Impl() { stop(); }  // the worker goes before the device
};

Speech::Speech(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Speech::~Speech() = default;
Speech::Speech(Speech&&) noexcept = default;
Speech& Speech::operator=(Speech&&) noexcept = default;

Result<Speech> Speech::create(SpeechOptions options) {
    {
        std::lock_guard lock(espeak_lock());
        if (!espeak_rate()) return fail(Errc::unsupported, "speech: espeak-ng cannot start (is the Debian package espeak-ng-data installed?)");
        if (espeak_SetVoiceByName(options.voice.c_str()) != EE_OK) {
            return fail(Errc::unsupported, "speech: espeak-ng voice '" + options.voice +
                                               "' is not installed (Debian package espeak-ng-data)");
        }
    }
    auto impl = std::make_unique<Impl>();
    impl->options = std::move(options);
    if (impl->options.audio_device) {
        impl->audio = AudioOutput::open(22050, true);  // espeak-ng's rate; SDL converts
        if (impl->audio) impl->audio->set_paused(false);
    }
    return Speech(std::move(impl));
}

void Speech::say(std::string text) {
    Impl& p = *impl_;
    p.stop();
    if (!p.enabled || text.empty()) return;
    p.cancel = false;
    p.synthesising = true;
    p.worker = std::thread([&p, text = std::move(text)] {
        SynthTarget target;
        target.cancel = &p.cancel;
        target.audio = p.audio.get();
        std::vector<std::int16_t> discarded;
        if (!target.audio) target.samples = &discarded;  // no device: synthesise only
        auto rate = run_synthesis(text, p.options, target);
        {
            std::lock_guard lock(p.mutex);
            p.error = rate ? "" : rate.error().message;
        }
        p.synthesising = false;
    });
}

void Speech::stop() {
    impl_->stop();
    impl_->synthesising = false;
}

bool Speech::speaking() const {
    return impl_->synthesising.load() || (impl_->audio && impl_->audio->queued_bytes() > 0);
}

void Speech::set_enabled(bool enabled) {
    if (!enabled) stop();
    impl_->enabled = enabled;
}

bool Speech::enabled() const { return impl_->enabled; }
bool Speech::audio_device_open() const { return impl_->audio != nullptr; }

std::string Speech::error() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->error;
}

}  // namespace wenyuan::kiosk
