#include "access_copy.hpp"

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
}

#include <algorithm>
#include <memory>

#include "decoder.hpp"
#include "picture.hpp"

namespace wenyuan::media {
namespace {

struct FifoFreer {
    void operator()(AVAudioFifo* fifo) const noexcept { av_audio_fifo_free(fifo); }
};
using FifoPtr = std::unique_ptr<AVAudioFifo, FifoFreer>;

constexpr const char* kMp4 = "mov,mp4,m4a,3gp,3g2,mj2";

Result<void> check(int code, const char* what) {
    if (code < 0) return fail(code == AVERROR(ENOSPC) || code == AVERROR(EIO) ? Errc::io : Errc::corrupt,
                              std::string("access copy: ") + what + " (" + av_error_text(code) + ")");
    return {};
}

// One output stream with its encoder.
struct Output {
    AVStream* stream = nullptr;
    CodecPtr encoder;
};

// Sends a frame (or nullptr to flush) and writes every packet the encoder gives.
Result<void> encode(AVFormatContext* muxer, Output& out, AVFrame* frame, AVPacket* packet) {
    WENYUAN_TRY(check(avcodec_send_frame(out.encoder.get(), frame), "encoding"));
    for (;;) {
        const int code = avcodec_receive_packet(out.encoder.get(), packet);
        if (code == AVERROR(EAGAIN) || code == AVERROR_EOF) return {};
        WENYUAN_TRY(check(code, "encoding"));
        av_packet_rescale_ts(packet, out.encoder->time_base, out.stream->time_base);
        packet->stream_index = out.stream->index;
        WENYUAN_TRY(check(av_interleaved_write_frame(muxer, packet), "writing"));
    }
}

}  // namespace

std::string kiosk_friendly(const MediaInfo& info) {
    const StreamInfo* video = info.main_video();
    if (!video) return "a sound recording needs no access copy";
    const StreamInfo* audio = info.main_audio();
    const bool small = std::max(video->width, video->height) <= 1280 && std::min(video->width, video->height) <= 720;
    const bool h264 = video->codec == "h264" && (video->pixel_format == "yuv420p" || video->pixel_format == "yuvj420p") &&
                      video->profile.find("10") == std::string::npos;
    // A weak kiosk also chokes on camcorder bit rates and 50/60 fps.
    const bool light = (video->bit_rate == 0 || video->bit_rate <= 8'000'000) && video->frame_rate <= 31;
    if (info.container == kMp4 && h264 && small && light && (!audio || audio->codec == "aac")) {
        return "already H.264/AAC MP4 at 720p or less";
    }
    return {};
}

Result<void> make_access_copy(const std::filesystem::path& source, const MediaInfo& info, const std::filesystem::path& out) {
    const StreamInfo* video_info = info.main_video();
    if (!video_info) return fail(Errc::internal, "access copy: no picture stream");
    const AVCodec* h264 = avcodec_find_encoder_by_name("libx264");
    if (!h264) h264 = avcodec_find_encoder(AV_CODEC_ID_H264);
    const AVCodec* aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!h264 || !aac) return fail(Errc::unsupported, "access copy: this FFmpeg has no H.264 or AAC encoder");

    auto input = open_input(source, std::chrono::hours(24));  // transcoding a long recording takes long
    if (!input) return fail(std::move(input).error());
    auto video = StreamDecoder::open(input->get(), video_info->index, 0);
    if (!video) return fail(std::move(video).error());
    const StreamInfo* audio_info = info.main_audio();
    std::optional<StreamDecoder> audio;
    if (audio_info) {
        auto opened = StreamDecoder::open(input->get(), audio_info->index, 1);
        if (opened) audio.emplace(std::move(*opened));
    }

    AVFormatContext* raw = nullptr;
    WENYUAN_TRY(check(avformat_alloc_output_context2(&raw, nullptr, "mp4", out.c_str()), "cannot make an MP4"));
    OutputPtr muxer(raw);

    // Picture: fitted into 1280×720 (720×1280 when it stands), even sides, yuv420p.
    AVCodecContext* decoder = video->codec();
    const bool standing = decoder->height > decoder->width;
    int width = 0, height = 0;
    const int display_width = std::max(1, static_cast<int>(decoder->width * video_info->sample_aspect + 0.5));
    fit_size(display_width, decoder->height, 1280, width, height);
    if (!standing && height > 720) fit_size(display_width, decoder->height, 1280 * 720 / height, width, height);
    if (standing && width > 720) fit_size(display_width, decoder->height, 1280 * 720 / width, width, height);
    AVRational rate = av_guess_frame_rate(input->get(), video->stream(), nullptr);
    if (rate.num <= 0 || rate.den <= 0 || av_q2d(rate) > 120) rate = {25, 1};
    if (av_q2d(rate) > 31) rate = av_mul_q(rate, {1, 2});  // 50/60 fps: every other frame
    Output vout{avformat_new_stream(muxer.get(), nullptr), CodecPtr(avcodec_alloc_context3(h264))};
    if (!vout.stream || !vout.encoder) return fail(Errc::internal, "access copy: out of memory");
    vout.encoder->width = width;
    vout.encoder->height = height;
    vout.encoder->sample_aspect_ratio = {1, 1};
    vout.encoder->pix_fmt = AV_PIX_FMT_YUV420P;
    vout.encoder->time_base = av_inv_q(rate);
    vout.encoder->framerate = rate;
    vout.encoder->gop_size = std::max(1, static_cast<int>(av_q2d(rate) * 2));
    if (muxer->oformat->flags & AVFMT_GLOBALHEADER) vout.encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av_opt_set(vout.encoder->priv_data, "preset", "veryfast", 0);
    av_opt_set(vout.encoder->priv_data, "crf", "23", 0);
    av_opt_set(vout.encoder->priv_data, "profile", "main", 0);
    WENYUAN_TRY(check(avcodec_open2(vout.encoder.get(), h264, nullptr), "cannot open the H.264 encoder"));
    WENYUAN_TRY(check(avcodec_parameters_from_context(vout.stream->codecpar, vout.encoder.get()), "video parameters"));
    vout.stream->time_base = vout.encoder->time_base;
    if (video_info->rotation) {  // keep the original's display matrix: players turn the picture
        if (auto* matrix = reinterpret_cast<int32_t*>(
                av_stream_new_side_data(vout.stream, AV_PKT_DATA_DISPLAYMATRIX, sizeof(int32_t) * 9))) {
            av_display_rotation_set(matrix, -video_info->rotation);
        }
    }

    // Sound: AAC, stereo (or mono), 48 or 44.1 kHz.
    Output aout;
    SwrPtr swr;
    FifoPtr fifo;
    if (audio) {
        AVCodecContext* in = audio->codec();
        aout = {avformat_new_stream(muxer.get(), nullptr), CodecPtr(avcodec_alloc_context3(aac))};
        if (!aout.stream || !aout.encoder) return fail(Errc::internal, "access copy: out of memory");
        aout.encoder->sample_rate = in->sample_rate == 44100 ? 44100 : 48000;
        AVChannelLayout layout = in->ch_layout.nb_channels == 1 ? AVChannelLayout(AV_CHANNEL_LAYOUT_MONO)
                                                                : AVChannelLayout(AV_CHANNEL_LAYOUT_STEREO);
        av_channel_layout_copy(&aout.encoder->ch_layout, &layout);
        aout.encoder->sample_fmt = AV_SAMPLE_FMT_FLTP;
        aout.encoder->bit_rate = 128000;
        aout.encoder->time_base = {1, aout.encoder->sample_rate};
        if (muxer->oformat->flags & AVFMT_GLOBALHEADER) aout.encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        WENYUAN_TRY(check(avcodec_open2(aout.encoder.get(), aac, nullptr), "cannot open the AAC encoder"));
        WENYUAN_TRY(check(avcodec_parameters_from_context(aout.stream->codecpar, aout.encoder.get()), "audio parameters"));
        aout.stream->time_base = aout.encoder->time_base;
        auto resampler = make_resampler(*in, aout.encoder->ch_layout, AV_SAMPLE_FMT_FLTP, aout.encoder->sample_rate);
        if (!resampler) return fail(std::move(resampler).error());
        swr = std::move(*resampler);
        fifo.reset(av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, aout.encoder->ch_layout.nb_channels, 4096));
        if (!fifo) return fail(Errc::internal, "access copy: out of memory");
    }

    WENYUAN_TRY(check(avio_open(&muxer->pb, out.c_str(), AVIO_FLAG_WRITE), "cannot write the file"));
    AVDictionary* options = nullptr;
    av_dict_set(&options, "movflags", "+faststart", 0);
    const int header = avformat_write_header(muxer.get(), &options);
    av_dict_free(&options);
    WENYUAN_TRY(check(header, "cannot write the MP4 header"));

    PacketPtr packet(av_packet_alloc());
    FramePtr scaled(av_frame_alloc()), chunk(av_frame_alloc()), decoded(av_frame_alloc());
    if (!packet || !scaled || !chunk || !decoded) return fail(Errc::internal, "access copy: out of memory");
    scaled->format = AV_PIX_FMT_YUV420P;
    scaled->width = width;
    scaled->height = height;
    WENYUAN_TRY(check(av_frame_get_buffer(scaled.get(), 0), "out of memory"));
    SwsPtr sws;
    std::int64_t next_video_pts = 0, audio_samples = 0;

    auto put_video = [&](AVFrame& frame) -> Result<void> {
        std::int64_t pts = next_video_pts;  // frames without a time follow the last one
        if (frame.best_effort_timestamp != AV_NOPTS_VALUE) {
            pts = av_rescale_q(static_cast<std::int64_t>(video->time_of(frame) * AV_TIME_BASE), {1, AV_TIME_BASE},
                               vout.encoder->time_base);
        }
        if (pts < next_video_pts) return {};  // a frame the output's rate has no slot for: dropped
        sws.reset(sws_getCachedContext(sws.release(), frame.width, frame.height, static_cast<AVPixelFormat>(frame.format), width,
                                       height, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
        if (!sws) return fail(Errc::unsupported, "access copy: cannot scale the picture");
        WENYUAN_TRY(check(av_frame_make_writable(scaled.get()), "out of memory"));
        sws_scale(sws.get(), frame.data, frame.linesize, 0, frame.height, scaled->data, scaled->linesize);
        scaled->pts = pts;
        next_video_pts = pts + 1;
        return encode(muxer.get(), vout, scaled.get(), packet.get());
    };
    auto drain_audio = [&](bool all) -> Result<void> {
        const int frame_size = aout.encoder->frame_size > 0 ? aout.encoder->frame_size : 1024;
        while (av_audio_fifo_size(fifo.get()) >= frame_size || (all && av_audio_fifo_size(fifo.get()) > 0)) {
            const int n = std::min(frame_size, av_audio_fifo_size(fifo.get()));
            av_frame_unref(chunk.get());
            chunk->nb_samples = n;
            chunk->format = AV_SAMPLE_FMT_FLTP;
            chunk->sample_rate = aout.encoder->sample_rate;
            av_channel_layout_copy(&chunk->ch_layout, &aout.encoder->ch_layout);
            WENYUAN_TRY(check(av_frame_get_buffer(chunk.get(), 0), "out of memory"));
            av_audio_fifo_read(fifo.get(), reinterpret_cast<void**>(chunk->data), n);
            chunk->pts = audio_samples;
            audio_samples += n;
            WENYUAN_TRY(encode(muxer.get(), aout, chunk.get(), packet.get()));
        }
        return {};
    };
    auto put_audio = [&](AVFrame* frame) -> Result<void> {
        const int capacity = swr_get_out_samples(swr.get(), frame ? frame->nb_samples : 0);
        if (capacity > 0) {
            WENYUAN_TRY(check(av_audio_fifo_realloc(fifo.get(), av_audio_fifo_size(fifo.get()) + capacity), "out of memory"));
            std::vector<std::vector<float>> planes(static_cast<std::size_t>(aout.encoder->ch_layout.nb_channels),
                                                   std::vector<float>(static_cast<std::size_t>(capacity)));
            std::vector<std::uint8_t*> pointers;
            for (auto& plane : planes) pointers.push_back(reinterpret_cast<std::uint8_t*>(plane.data()));
            const int got = swr_convert(swr.get(), pointers.data(), capacity,
                                        frame ? const_cast<const std::uint8_t**>(frame->extended_data) : nullptr,
                                        frame ? frame->nb_samples : 0);
            if (got > 0) av_audio_fifo_write(fifo.get(), reinterpret_cast<void**>(pointers.data()), got);
        }
        return drain_audio(frame == nullptr);
    };

    // One pass over the file in packet order, each packet to its decoder.
    av_seek_frame(input->get(), -1, 0, AVSEEK_FLAG_BACKWARD);
    AVCodecContext* vdec = video->codec();
    AVCodecContext* adec = audio ? audio->codec() : nullptr;
    avcodec_flush_buffers(vdec);
    if (adec) avcodec_flush_buffers(adec);
    auto pull = [&](AVCodecContext* dec, bool is_video) -> Result<void> {
        for (;;) {
            const int code = avcodec_receive_frame(dec, decoded.get());
            if (code == AVERROR(EAGAIN) || code == AVERROR_EOF) return {};
            if (code < 0) return {};  // a damaged frame: skip it
            Result<void> done = is_video ? put_video(*decoded) : put_audio(decoded.get());
            av_frame_unref(decoded.get());
            WENYUAN_TRY(done);
        }
    };
    while (av_read_frame(input->get(), packet.get()) >= 0) {
        const int index = packet->stream_index;
        if (index == video->stream()->index) {
            avcodec_send_packet(vdec, packet.get());
            av_packet_unref(packet.get());
            WENYUAN_TRY(pull(vdec, true));
        } else if (audio && index == audio->stream()->index) {
            avcodec_send_packet(adec, packet.get());
            av_packet_unref(packet.get());
            WENYUAN_TRY(pull(adec, false));
        } else {
            av_packet_unref(packet.get());
        }
    }
    avcodec_send_packet(vdec, nullptr);
    WENYUAN_TRY(pull(vdec, true));
    WENYUAN_TRY(encode(muxer.get(), vout, nullptr, packet.get()));
    if (audio) {
        avcodec_send_packet(adec, nullptr);
        WENYUAN_TRY(pull(adec, false));
        WENYUAN_TRY(put_audio(nullptr));
        WENYUAN_TRY(encode(muxer.get(), aout, nullptr, packet.get()));
    }
    if (next_video_pts == 0) return fail(Errc::corrupt, "access copy: no picture could be decoded");
    return check(av_write_trailer(muxer.get()), "cannot finish the MP4");
}

}  // namespace wenyuan::media
