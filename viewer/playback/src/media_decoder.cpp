#include "media_decoder.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "audio_output.hpp"
#include "av_owners.hpp"
#include "picture_rotation.hpp"

extern "C" {
#include <libavutil/imgutils.h>
}

namespace wenyuan::kiosk {

struct MediaDecoder::State {
    av::InputPtr input;
    av::CodecPtr video, audio;
    int video_index = -1, audio_index = -1;
    AVRational video_base{1, 1}, audio_base{1, 1};
    double start = 0;  // the container's start time, subtracted from every timestamp
    int rotation = 0;  // clockwise degrees to stand the picture upright
    int scaled_width = 0, scaled_height = 0;  // swscale's output, before rotation
    av::SwsPtr sws;
    av::SwrPtr swr;
    av::PacketPtr packet{av_packet_alloc()};
    av::FramePtr frame{av_frame_alloc()};
    int serial = 0;
    double discard_before = -1;  // after a seek: drop what ends before this
    double video_end = 0, audio_end = 0, decoded_until = 0;
    int decode_errors = 0;
    long audio_frames = 0;
    bool eof = false;
};

namespace {

using Clock = std::chrono::steady_clock;

int interrupt_callback(void* flag) { return static_cast<std::atomic<bool>*>(flag)->load() ? 1 : 0; }

av::CodecPtr open_codec(AVStream* stream, int threads) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec) return nullptr;
    av::CodecPtr context(avcodec_alloc_context3(codec));
    if (!context || avcodec_parameters_to_context(context.get(), stream->codecpar) < 0) return nullptr;
    context->thread_count = threads;
    context->pkt_timebase = stream->time_base;
    if (avcodec_open2(context.get(), codec, nullptr) < 0) return nullptr;
    return context;
}

double seconds(std::int64_t ts, AVRational base) { return double(ts) * av_q2d(base); }

}  // namespace

MediaDecoder::MediaDecoder(std::filesystem::path file, Limits limits, AudioOutput* audio)
    : file_(std::move(file)), limits_(limits), audio_(audio), state_(std::make_unique<State>()) {
    thread_ = std::thread([this] { run(); });
}

MediaDecoder::~MediaDecoder() {
    stop_ = true;
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

MediaDecoder::Phase MediaDecoder::phase() const {
    std::lock_guard lock(mutex_);
    return phase_;
}
std::string MediaDecoder::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}
std::string MediaDecoder::warning() const {
    std::lock_guard lock(mutex_);
    return warning_;
}
MediaInfo MediaDecoder::info() const {
    std::lock_guard lock(mutex_);
    return info_;
}
double MediaDecoder::end_time() const {
    std::lock_guard lock(mutex_);
    return end_time_;
}
std::size_t MediaDecoder::queued_bytes() const {
    std::lock_guard lock(mutex_);
    return frame_bytes_ + (audio_ ? audio_->queued_bytes() : 0);
}

int MediaDecoder::seek(double target) {
    std::lock_guard lock(mutex_);
    seek_to_ = target;
    ++serial_;
    frames_.clear();
    frame_bytes_ = 0;
    if (audio_) audio_->clear();
    wake_.notify_all();
    return serial_;
}

std::optional<VideoFrame> MediaDecoder::pop_due(int serial, double until, bool any) {
    std::lock_guard lock(mutex_);
    while (!frames_.empty() && frames_.front().serial != serial) {
        frame_bytes_ -= frames_.front().rgba.size();
        frames_.pop_front();
    }
    if (frames_.empty() || (!any && frames_.front().pts > until)) return std::nullopt;
    VideoFrame frame = std::move(frames_.front());
    frames_.pop_front();
    frame_bytes_ -= frame.rgba.size();
    wake_.notify_all();
    return frame;
}

bool MediaDecoder::queue_empty(int serial) const {
    std::lock_guard lock(mutex_);
    return std::none_of(frames_.begin(), frames_.end(), [&](const VideoFrame& f) { return f.serial == serial; });
}

bool MediaDecoder::finished(int serial) const {
    std::lock_guard lock(mutex_);
    return finished_serial_ == serial;
}

void MediaDecoder::run() {
    try {
        work();
    } catch (const std::exception& e) {  // bad_alloc on a hostile size: an error, not a crash
        std::lock_guard lock(mutex_);
        phase_ = Phase::failed;
        error_ = "media player: " + file_.filename().string() + ": " + e.what();
    }
}

namespace {

// Opens the input and its streams; returns "" or the reason it failed.
std::string open_input(MediaDecoder::Limits limits, const std::filesystem::path& file, std::atomic<bool>& stop,
                       MediaDecoder::State& s, MediaInfo& info) {
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return "out of memory";
    raw->interrupt_callback.callback = &interrupt_callback;
    raw->interrupt_callback.opaque = &stop;
    int rc = avformat_open_input(&raw, file.c_str(), nullptr, nullptr);  // frees raw on failure
    if (rc < 0) return av::error_text(rc);
    s.input.reset(raw);
    rc = avformat_find_stream_info(raw, nullptr);
    if (rc < 0) return av::error_text(rc);
    s.start = raw->start_time != AV_NOPTS_VALUE ? double(raw->start_time) / AV_TIME_BASE : 0.0;
    if (!std::isfinite(s.start) || s.start < 0) s.start = 0;
    int v = av_find_best_stream(raw, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (v >= 0 && (raw->streams[v]->disposition & AV_DISPOSITION_ATTACHED_PIC)) v = -1;  // album cover
    const int a = av_find_best_stream(raw, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (v >= 0 && (s.video = open_codec(raw->streams[v], 2))) s.video_index = v;
    if (a >= 0 && (s.audio = open_codec(raw->streams[a], 1))) s.audio_index = a;
    if (s.video_index < 0 && s.audio_index < 0) {
        return v >= 0 || a >= 0 ? "no decoder for its streams" : "no audio or video stream";
    }
    for (unsigned i = 0; i < raw->nb_streams; ++i) {
        if (int(i) != s.video_index && int(i) != s.audio_index) raw->streams[i]->discard = AVDISCARD_ALL;
    }
    info.has_video = s.video_index >= 0;
    info.has_audio = s.audio_index >= 0;
    if (raw->duration > 0) info.duration = double(raw->duration) / AV_TIME_BASE;
    if (info.has_video) {
        AVStream* stream = raw->streams[s.video_index];
        s.video_base = stream->time_base;
        const int w = s.video->width, h = s.video->height;
        if (w <= 0 || h <= 0 || w > 16384 || h > 16384) return "bad picture size";
        AVRational sar = av_guess_sample_aspect_ratio(raw, stream, nullptr);
        const double pixel_aspect = sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0;
        s.rotation = display_rotation(stream);
        const bool turned = s.rotation == 90 || s.rotation == 270;
        info.aspect = double(w) * pixel_aspect / h;
        if (turned) info.aspect = 1.0 / info.aspect;
        const int upright_w = turned ? h : w, upright_h = turned ? w : h;
        const double scale = std::min({1.0, double(limits.max_width) / upright_w, double(limits.max_height) / upright_h});
        s.scaled_width = std::max(1, int(std::lround(w * scale)));
        s.scaled_height = std::max(1, int(std::lround(h * scale)));
        info.width = turned ? s.scaled_height : s.scaled_width;
        info.height = turned ? s.scaled_width : s.scaled_height;
        const AVRational rate = av_guess_frame_rate(raw, stream, nullptr);
        if (rate.num > 0 && rate.den > 0) info.frame_duration = std::clamp(1.0 / av_q2d(rate), 0.001, 1.0);
    }
    if (info.has_audio) s.audio_base = raw->streams[s.audio_index]->time_base;
    return "";
}
}  // namespace

void MediaDecoder::work() {
    State& s = *state_;
    MediaInfo info;
    const std::string failure = open_input(limits_, file_, stop_, s, info);
    const std::string name = file_.filename().string();
    {
        std::lock_guard lock(mutex_);
        if (!failure.empty()) {
            phase_ = Phase::failed;
            error_ = "media player: " + name + ": " + failure;
            return;
        }
        info_ = info;
        phase_ = Phase::running;
    }
    const int out_rate = audio_ ? audio_->rate() : 48000;
    long decoded_anything = 0;

    auto emit_video = [&](AVFrame* f) {
        double pts = f->best_effort_timestamp != AV_NOPTS_VALUE ? seconds(f->best_effort_timestamp, s.video_base) - s.start
                                                                : s.video_end;
        if (!std::isfinite(pts)) pts = s.video_end;
        s.video_end = pts + info.frame_duration;
        s.decoded_until = std::max(s.decoded_until, s.video_end);
        ++decoded_anything;
        frames_decoded_++;
        if (pts < s.discard_before - 1e-3) return;
        if (f->width <= 0 || f->height <= 0) return;
        s.sws.reset(sws_getCachedContext(s.sws.release(), f->width, f->height, AVPixelFormat(f->format), s.scaled_width,
                                         s.scaled_height, AV_PIX_FMT_RGBA, SWS_BILINEAR, nullptr, nullptr, nullptr));
        if (!s.sws) return;
        VideoFrame out;
        out.pts = pts;
        out.width = info.width;
        out.height = info.height;
        out.rgba.resize(std::size_t(info.width) * info.height * 4);
        std::uint8_t* planes[4] = {out.rgba.data(), nullptr, nullptr, nullptr};
        int strides[4] = {s.scaled_width * 4, 0, 0, 0};
        if (sws_scale(s.sws.get(), f->data, f->linesize, 0, f->height, planes, strides) <= 0) return;
        if (s.rotation) out.rgba = rotate_rgba(out.rgba, s.scaled_width, s.scaled_height, s.rotation);
        std::lock_guard lock(mutex_);
        if (s.serial != serial_) return;  // a seek came in meanwhile
        out.serial = s.serial;
        frame_bytes_ += out.rgba.size();
        frames_.push_back(std::move(out));
    };

    auto emit_audio = [&](AVFrame* f) {
        double pts = f->best_effort_timestamp != AV_NOPTS_VALUE ? seconds(f->best_effort_timestamp, s.audio_base) - s.start
                                                                : s.audio_end;
        if (!std::isfinite(pts)) pts = s.audio_end;
        const double length = f->sample_rate > 0 ? double(f->nb_samples) / f->sample_rate : 0;
        s.audio_end = pts + length;
        s.decoded_until = std::max(s.decoded_until, s.audio_end);
        ++decoded_anything;
        ++s.audio_frames;
        if (!audio_ || s.audio_end < s.discard_before) return;
        if (!s.swr) {
            AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
            SwrContext* raw = nullptr;
            if (swr_alloc_set_opts2(&raw, &stereo, AV_SAMPLE_FMT_S16, out_rate, &f->ch_layout, AVSampleFormat(f->format),
                                    f->sample_rate, 0, nullptr) < 0 || swr_init(raw) < 0) {
                swr_free(&raw);
                return;
            }
            s.swr.reset(raw);
        }
        const int capacity = swr_get_out_samples(s.swr.get(), f->nb_samples);
        if (capacity <= 0) return;
        std::vector<std::int16_t> samples(std::size_t(capacity) * AudioOutput::kChannels);
        std::uint8_t* out[1] = {reinterpret_cast<std::uint8_t*>(samples.data())};
        const int n = swr_convert(s.swr.get(), out, capacity, const_cast<const std::uint8_t**>(f->extended_data),
                                  f->nb_samples);
        if (n <= 0) return;
        samples.resize(std::size_t(n) * AudioOutput::kChannels);
        if (pts < s.discard_before) {  // trim the part before the seek target
            const std::size_t skip =
                std::min<std::size_t>(n, std::size_t((s.discard_before - pts) * out_rate)) * AudioOutput::kChannels;
            samples.erase(samples.begin(), samples.begin() + skip);
            pts = s.discard_before;
        }
        std::lock_guard lock(mutex_);
        if (s.serial == serial_) audio_->push(std::move(samples), pts);
    };

    auto drain = [&](AVCodecContext* codec, bool video) {
        while (true) {
            const int rc = avcodec_receive_frame(codec, s.frame.get());
            if (rc < 0) return;
            video ? emit_video(s.frame.get()) : emit_audio(s.frame.get());
            av_frame_unref(s.frame.get());
        }
    };
    auto decode = [&](AVCodecContext* codec, const AVPacket* packet, bool video) {
        const int rc = avcodec_send_packet(codec, packet);
        if (rc < 0 && rc != AVERROR_EOF && rc != AVERROR(EAGAIN)) ++s.decode_errors;
        drain(codec, video);
    };

    while (!stop_) {
        // A seek request: flush everything and start decoding at the key frame before it.
        std::optional<double> target;
        {
            std::unique_lock lock(mutex_);
            if (seek_to_) {
                target = seek_to_;
                seek_to_.reset();
                s.serial = serial_;
            }
        }
        if (target) {
            const auto ts = std::int64_t((*target + s.start) * AV_TIME_BASE);
            avformat_seek_file(s.input.get(), -1, INT64_MIN, ts, ts, 0);
            if (s.video) avcodec_flush_buffers(s.video.get());
            if (s.audio) avcodec_flush_buffers(s.audio.get());
            if (s.swr) swr_init(s.swr.get());
            s.discard_before = *target;
            s.video_end = s.audio_end = s.decoded_until = *target;
            s.eof = false;
        }
        // Wait while the queues are full (or when finished) until there is room, a seek or stop.
        {
            std::unique_lock lock(mutex_);
            const bool full = frames_.size() >= limits_.max_frames ||
                              (audio_ && audio_->queued_seconds() > limits_.audio_ahead) ||
                              (!audio_ && !s.video && s.decoded_until > position_.load() + limits_.audio_ahead);
            if ((full || s.eof) && !seek_to_) {
                wake_.wait_for(lock, std::chrono::milliseconds(10));
                continue;
            }
        }
        const int rc = av_read_frame(s.input.get(), s.packet.get());
        if (rc < 0) {
            if (stop_) break;
            if (s.video) decode(s.video.get(), nullptr, true);
            if (s.audio) decode(s.audio.get(), nullptr, false);
            s.eof = true;
            std::lock_guard lock(mutex_);
            if (rc != AVERROR_EOF) {
                warning_ = "media player: " + name + ": stopped at " + std::to_string(int(s.decoded_until)) +
                           " s: " + av::error_text(rc);
            }
            if (decoded_anything == 0) {
                phase_ = Phase::failed;
                error_ = "media player: " + name + ": nothing could be decoded" +
                         (s.decode_errors ? " (" + std::to_string(s.decode_errors) + " damaged packets)" : "");
                return;
            }
            if (s.serial == serial_) {
                finished_serial_ = s.serial;
                end_time_ = s.decoded_until;
            }
            continue;
        }
        if (s.packet->stream_index == s.video_index) {
            decode(s.video.get(), s.packet.get(), true);
        } else if (s.packet->stream_index == s.audio_index) {
            decode(s.audio.get(), s.packet.get(), false);
        }
        av_packet_unref(s.packet.get());
        if (s.decode_errors > 0 && s.decode_errors % 50 == 0) {
            std::lock_guard lock(mutex_);
            warning_ = "media player: " + name + ": " + std::to_string(s.decode_errors) + " damaged packets skipped";
        }
    }
}

}  // namespace wenyuan::kiosk
