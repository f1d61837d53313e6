#include "audio_output.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstring>

namespace wenyuan::kiosk {

std::unique_ptr<AudioOutput> AudioOutput::open(int rate, bool exact_rate) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return nullptr;
    std::unique_ptr<AudioOutput> out(new AudioOutput());
    SDL_AudioSpec want{};
    SDL_AudioSpec have{};
    want.freq = rate;
    want.format = AUDIO_S16SYS;
    want.channels = kChannels;
    want.samples = 1024;
    want.callback = &AudioOutput::callback;
    want.userdata = out.get();
    out->device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, exact_rate ? 0 : SDL_AUDIO_ALLOW_FREQUENCY_CHANGE);
    if (out->device_ == 0) {
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return nullptr;
    }
    out->rate_ = have.freq;
    out->buffer_frames_ = have.samples;
    return out;
}

AudioOutput::~AudioOutput() {
    if (device_) {
        SDL_CloseAudioDevice(device_);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
}

void AudioOutput::callback(void* self, std::uint8_t* stream, int length) {
    static_cast<AudioOutput*>(self)->fill(reinterpret_cast<std::int16_t*>(stream),
                                          static_cast<std::size_t>(length) / sizeof(std::int16_t));
}

void AudioOutput::fill(std::int16_t* out, std::size_t samples) {
    std::lock_guard lock(mutex_);
    std::size_t written = 0;
    while (written < samples && !chunks_.empty()) {
        Chunk& chunk = chunks_.front();
        const std::size_t n = std::min(samples - written, chunk.samples.size() - chunk.used);
        std::memcpy(out + written, chunk.samples.data() + chunk.used, n * sizeof(std::int16_t));
        chunk.used += n;
        written += n;
        queued_samples_ -= n;
        played_pts_ = chunk.pts + double(chunk.used / kChannels) / rate_;
        if (chunk.used == chunk.samples.size()) chunks_.pop_front();
    }
    if (written < samples) {
        std::memset(out + written, 0, (samples - written) * sizeof(std::int16_t));
        dry_ = true;
    } else {
        dry_ = false;
    }
}

void AudioOutput::push(std::vector<std::int16_t> samples, double pts) {
    if (samples.empty()) return;
    std::lock_guard lock(mutex_);
    queued_samples_ += samples.size();
    chunks_.push_back(Chunk{std::move(samples), pts, 0});
}

double AudioOutput::queued_seconds() const {
    std::lock_guard lock(mutex_);
    return double(queued_samples_ / kChannels) / rate_;
}

std::size_t AudioOutput::queued_bytes() const {
    std::lock_guard lock(mutex_);
    return queued_samples_ * sizeof(std::int16_t);
}

void AudioOutput::clear() {
    std::lock_guard lock(mutex_);
    chunks_.clear();
    queued_samples_ = 0;
    played_pts_.reset();
    dry_ = false;
}

void AudioOutput::set_paused(bool paused) { SDL_PauseAudioDevice(device_, paused ? 1 : 0); }

std::optional<double> AudioOutput::clock() const {
    std::lock_guard lock(mutex_);
    if (!played_pts_ || dry_) return std::nullopt;
    return std::max(0.0, *played_pts_ - double(buffer_frames_) / rate_);
}

}  // namespace wenyuan::kiosk
