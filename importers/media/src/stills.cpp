#include "stills.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
}

#include <algorithm>
#include <cmath>

#include "decoder.hpp"

namespace wenyuan::media {
namespace {

double main_duration(const MediaInfo& info, const StreamInfo& stream) {
    return info.duration > 0 ? info.duration : stream.duration;
}

}  // namespace

Result<Poster> make_poster(AVFormatContext* input, const MediaInfo& info, int max_side) {
    const StreamInfo* video = info.main_video();
    if (!video) return fail(Errc::internal, "no picture stream for a poster");
    auto decoder = StreamDecoder::open(input, video->index);
    if (!decoder) return fail(std::move(decoder).error());
    const double duration = main_duration(info, *video);
    static constexpr double kMoments[] = {0.10, 0.15, 0.25, 0.35, 0.50, 0.65};
    FramePtr chosen;
    Poster poster;
    poster.blank = true;
    double best_contrast = -1;
    for (double moment : kMoments) {
        const double time = duration > 0 ? duration * moment : 0;
        auto frame = decoder->frame_at(time, true);
        if (!frame) continue;
        ++poster.candidates;
        auto stats = luma_stats(**frame);
        if (!stats) return fail(std::move(stats).error());
        if (stats->stddev > best_contrast) {
            best_contrast = stats->stddev;
            poster.time = decoder->time_of(**frame);
            poster.luma = *stats;
            chosen = std::move(*frame);
        }
        if (!is_blank(*stats)) {
            poster.blank = false;
            break;
        }
        if (duration <= 0) break;  // no clock to move along
    }
    if (!chosen) {
        return fail(Errc::corrupt, "no picture could be decoded (" + video->codec + " stream " +
                                       std::to_string(video->index) + ")");
    }
    auto picture = frame_to_rgb(*chosen, video->sample_aspect, video->rotation, max_side);
    if (!picture) return fail(std::move(picture).error());
    poster.picture = std::move(*picture);
    return poster;
}

Result<Rgb> decode_cover_art(AVFormatContext* input, const MediaInfo& info, int max_side) {
    for (const StreamInfo& s : info.streams) {
        if (!s.cover_art || !s.decodable) continue;
        AVStream* stream = input->streams[s.index];
        if (stream->attached_pic.size <= 0) continue;
        auto decoder = StreamDecoder::open(input, s.index);
        if (!decoder) return fail(std::move(decoder).error());
        FramePtr frame(av_frame_alloc());
        if (!frame) return fail(Errc::internal, "out of memory");
        if (avcodec_send_packet(decoder->codec(), &stream->attached_pic) < 0 || avcodec_send_packet(decoder->codec(), nullptr) < 0 ||
            avcodec_receive_frame(decoder->codec(), frame.get()) < 0) {
            return fail(Errc::corrupt, "the cover picture (" + s.codec + ") does not decode");
        }
        return frame_to_rgb(*frame, s.sample_aspect, s.rotation, max_side);
    }
    return fail(Errc::not_found, "no cover picture");
}

Result<Rgb> make_contact_sheet(AVFormatContext* input, const MediaInfo& info, int count, int columns, int tile_side) {
    const StreamInfo* video = info.main_video();
    if (!video || count <= 0 || columns <= 0) return fail(Errc::internal, "no picture stream for a contact sheet");
    auto decoder = StreamDecoder::open(input, video->index);
    if (!decoder) return fail(std::move(decoder).error());
    const double duration = main_duration(info, *video);
    const int display_width = static_cast<int>(std::lround(video->width * video->sample_aspect));
    const bool turned = video->rotation == 90 || video->rotation == 270;
    int tile_w = 0, tile_h = 0;
    fit_size(turned ? video->height : display_width, turned ? display_width : video->height, tile_side, tile_w, tile_h);
    constexpr int kGap = 4;
    const int rows = (count + columns - 1) / columns;
    Rgb sheet(columns * tile_w + (columns + 1) * kGap, rows * tile_h + (rows + 1) * kGap, 16);
    int decoded = 0;
    for (int i = 0; i < count; ++i) {
        const double time = duration > 0 ? duration * (i + 0.5) / count : 0;
        auto frame = decoder->frame_at(time, false, 400);
        if (!frame) continue;
        auto tile = frame_to_rgb(**frame, video->sample_aspect, video->rotation, tile_side);
        if (!tile) continue;
        ++decoded;
        blit(sheet, *tile, kGap + (i % columns) * (tile_w + kGap), kGap + (i / columns) * (tile_h + kGap));
    }
    if (decoded == 0) return fail(Errc::corrupt, "no frame for the contact sheet could be decoded");
    return sheet;
}

Result<Rgb> make_waveform(AVFormatContext* input, const MediaInfo& info, int width, int height) {
    const StreamInfo* audio = info.main_audio();
    if (!audio) return fail(Errc::internal, "no sound stream for a waveform");
    auto decoder = StreamDecoder::open(input, audio->index);
    if (!decoder) return fail(std::move(decoder).error());
    decoder->rewind();
    AVCodecContext* codec = decoder->codec();
    const int rate = codec->sample_rate > 0 ? codec->sample_rate : 44100;
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    auto swr = make_resampler(*codec, mono, AV_SAMPLE_FMT_FLT, rate);
    if (!swr) return fail(std::move(swr).error());

    // Peaks per column when the length is known; else per block, folded into columns at the end.
    const double duration = main_duration(info, *audio);
    const double total = duration > 0 ? duration * rate : 0;
    const std::int64_t per_bin = total > 0 ? std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(total / width))) : 4096;
    std::vector<float> low, high;
    if (total > 0) {
        low.assign(static_cast<std::size_t>(width), 0.f);
        high.assign(static_cast<std::size_t>(width), 0.f);
    }
    std::vector<float> mixed;
    std::int64_t sample = 0;
    int frames = 0;
    for (;;) {
        auto frame = decoder->next_frame();
        if (!frame) return fail(std::move(frame).error());
        if (!*frame) break;
        ++frames;
        const int capacity = swr_get_out_samples(swr->get(), (*frame)->nb_samples);
        if (capacity <= 0) continue;
        mixed.resize(static_cast<std::size_t>(capacity));
        auto* out = reinterpret_cast<std::uint8_t*>(mixed.data());
        const int got = swr_convert(swr->get(), &out, capacity, const_cast<const std::uint8_t**>((*frame)->extended_data),
                                    (*frame)->nb_samples);
        for (int i = 0; i < got; ++i, ++sample) {
            const std::size_t bin = static_cast<std::size_t>(sample / per_bin);
            if (total > 0 && bin >= low.size()) break;
            if (bin >= low.size()) {
                low.push_back(0.f);
                high.push_back(0.f);
            }
            low[bin] = std::min(low[bin], mixed[static_cast<std::size_t>(i)]);
            high[bin] = std::max(high[bin], mixed[static_cast<std::size_t>(i)]);
        }
    }
    if (frames == 0) {
        return fail(Errc::corrupt, "no sound could be decoded from the " + audio->codec +
                                       " stream: the recording is empty (zero duration) or damaged");
    }
    Rgb image(width, height);
    for (std::size_t i = 0; i < image.pixels.size(); i += 3) {
        image.pixels[i] = 24;
        image.pixels[i + 1] = 22;
        image.pixels[i + 2] = 20;
    }
    const int middle = height / 2;
    const std::size_t bins = low.size();
    for (int x = 0; x < width && bins > 0; ++x) {
        const std::size_t from = static_cast<std::size_t>(x) * bins / static_cast<std::size_t>(width);
        const std::size_t to = std::max(from + 1, static_cast<std::size_t>(x + 1) * bins / static_cast<std::size_t>(width));
        float lo = 0, hi = 0;
        for (std::size_t b = from; b < to && b < bins; ++b) {
            lo = std::min(lo, low[b]);
            hi = std::max(hi, high[b]);
        }
        const int top = std::clamp(middle - static_cast<int>(std::lround(std::clamp(hi, 0.f, 1.f) * (middle - 2))), 0, height - 1);
        const int bottom = std::clamp(middle + static_cast<int>(std::lround(std::clamp(-lo, 0.f, 1.f) * (middle - 2))), 0, height - 1);
        for (int y = top; y <= bottom; ++y) {
            std::uint8_t* p = image.at(x, y);
            p[0] = 222;
            p[1] = 170;
            p[2] = 84;
        }
    }
    return image;
}

}  // namespace wenyuan::media
