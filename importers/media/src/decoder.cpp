#include "decoder.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
}

#include <algorithm>

namespace wenyuan::media {

StreamDecoder::StreamDecoder(AVFormatContext* input, AVStream* stream, CodecPtr codec)
    : input_(input), stream_(stream), codec_(std::move(codec)), packet_(av_packet_alloc()) {}

Result<StreamDecoder> StreamDecoder::open(AVFormatContext* input, int stream_index, int threads) {
    if (stream_index < 0 || stream_index >= static_cast<int>(input->nb_streams)) {
        return fail(Errc::internal, "no stream " + std::to_string(stream_index));
    }
    AVStream* stream = input->streams[stream_index];
    const AVCodec* decoder = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!decoder) {
        return fail(Errc::unsupported, std::string("no decoder for ") + avcodec_get_name(stream->codecpar->codec_id));
    }
    CodecPtr codec(avcodec_alloc_context3(decoder));
    if (!codec) return fail(Errc::internal, "out of memory");
    if (int code = avcodec_parameters_to_context(codec.get(), stream->codecpar); code < 0) {
        return fail(Errc::corrupt, "bad codec parameters (" + av_error_text(code) + ")");
    }
    codec->pkt_timebase = stream->time_base;
    codec->thread_count = threads;
    codec->thread_type = FF_THREAD_SLICE;
    if (int code = avcodec_open2(codec.get(), decoder, nullptr); code < 0) {
        return fail(Errc::corrupt, std::string("cannot open the ") + decoder->name + " decoder (" + av_error_text(code) + ")");
    }
    StreamDecoder out(input, stream, std::move(codec));
    if (!out.packet_) return fail(Errc::internal, "out of memory");
    return out;
}

double StreamDecoder::time_of(const AVFrame& frame) const {
    std::int64_t pts = frame.best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) return 0;
    if (stream_->start_time != AV_NOPTS_VALUE) pts -= stream_->start_time;
    return static_cast<double>(pts) * av_q2d(stream_->time_base);
}

void StreamDecoder::rewind() {
    const std::int64_t start = stream_->start_time == AV_NOPTS_VALUE ? 0 : stream_->start_time;
    // MPEG-TS and -PS seek by searching timestamps, which can miss the one key frame of a short
    // file; byte 0 is the start for certain.
    const bool by_byte = (input_->iformat->flags & AVFMT_TS_DISCONT) && !(input_->iformat->flags & AVFMT_NO_BYTE_SEEK);
    if (by_byte && av_seek_frame(input_, -1, 0, AVSEEK_FLAG_BYTE) >= 0) {
        // done
    } else if (av_seek_frame(input_, stream_->index, start, AVSEEK_FLAG_BACKWARD) < 0) {
        avformat_seek_file(input_, -1, INT64_MIN, 0, INT64_MAX, 0);
    }
    avcodec_flush_buffers(codec_.get());
    drained_ = false;
}

Result<FramePtr> StreamDecoder::next_frame() {
    FramePtr frame(av_frame_alloc());
    if (!frame) return fail(Errc::internal, "out of memory");
    for (;;) {
        const int received = avcodec_receive_frame(codec_.get(), frame.get());
        if (received == 0) return frame;
        if (received == AVERROR_EOF) return FramePtr();
        if (received != AVERROR(EAGAIN)) {
            if (++decode_errors_ > 1000) return fail(Errc::corrupt, "the stream cannot be decoded (" + av_error_text(received) + ")");
            continue;
        }
        if (drained_) return FramePtr();
        const int read = av_read_frame(input_, packet_.get());
        if (read < 0) {
            drained_ = true;
            avcodec_send_packet(codec_.get(), nullptr);  // flush what the decoder holds
            continue;
        }
        if (packet_->stream_index == stream_->index) {
            if (avcodec_send_packet(codec_.get(), packet_.get()) < 0) ++decode_errors_;
        }
        av_packet_unref(packet_.get());
    }
}

Result<FramePtr> StreamDecoder::frame_at(double seconds, bool exact, int max_packets) {
    std::int64_t target = static_cast<std::int64_t>(seconds / av_q2d(stream_->time_base));
    if (stream_->start_time != AV_NOPTS_VALUE) target += stream_->start_time;
    if (av_seek_frame(input_, stream_->index, target, AVSEEK_FLAG_BACKWARD) < 0) {
        // Some streams cannot seek by time: try by the container's clock, then the start.
        if (avformat_seek_file(input_, -1, INT64_MIN, static_cast<std::int64_t>(seconds * AV_TIME_BASE), INT64_MAX, 0) < 0) {
            av_seek_frame(input_, stream_->index, 0, AVSEEK_FLAG_BACKWARD);
        }
    }
    avcodec_flush_buffers(codec_.get());
    drained_ = false;
    auto found = decode_until(seconds, exact, max_packets);
    if (found || decode_errors_ > 50) return found;
    // Nothing decoded after the seek (it missed the only key frame of a short MPEG-TS, say):
    // read from the start instead.
    rewind();
    return decode_until(seconds, exact, max_packets + 1000);
}

Result<FramePtr> StreamDecoder::decode_until(double seconds, bool exact, int max_packets) {
    FramePtr best;
    int packets = 0;
    FramePtr frame(av_frame_alloc());
    if (!frame) return fail(Errc::internal, "out of memory");
    for (;;) {
        const int received = avcodec_receive_frame(codec_.get(), frame.get());
        if (received == 0) {
            if (!exact || time_of(*frame) + 1e-3 >= seconds) return frame;
            best = std::move(frame);  // keep the latest frame before the target, in case none follows
            frame.reset(av_frame_alloc());
            if (!frame) return fail(Errc::internal, "out of memory");
            continue;
        }
        if (received == AVERROR_EOF || (drained_ && received == AVERROR(EAGAIN))) break;
        if (received != AVERROR(EAGAIN)) {
            ++decode_errors_;
            if (decode_errors_ > 50) break;
            continue;
        }
        if (packets >= max_packets) break;
        const int read = av_read_frame(input_, packet_.get());
        if (read < 0) {
            drained_ = true;
            avcodec_send_packet(codec_.get(), nullptr);
            continue;
        }
        if (packet_->stream_index == stream_->index) {
            ++packets;
            if (avcodec_send_packet(codec_.get(), packet_.get()) < 0) ++decode_errors_;
        }
        av_packet_unref(packet_.get());
    }
    if (best) return best;
    return fail(Errc::corrupt, "no frame could be decoded near " + std::to_string(static_cast<int>(seconds)) + " s");
}

Result<SwrPtr> make_resampler(const AVCodecContext& decoder, const AVChannelLayout& layout, AVSampleFormat format, int rate) {
    AVChannelLayout in_layout{};
    if (decoder.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || decoder.ch_layout.nb_channels <= 0) {
        av_channel_layout_default(&in_layout, std::max(1, decoder.ch_layout.nb_channels));
    } else {
        av_channel_layout_copy(&in_layout, &decoder.ch_layout);
    }
    AVChannelLayout out_layout{};  // FFmpeg 5.1 takes the layouts as non-const
    av_channel_layout_copy(&out_layout, &layout);
    SwrContext* raw = nullptr;
    const int made =
        swr_alloc_set_opts2(&raw, &out_layout, format, rate, &in_layout, decoder.sample_fmt, decoder.sample_rate, 0, nullptr);
    av_channel_layout_uninit(&in_layout);
    av_channel_layout_uninit(&out_layout);
    SwrPtr swr(raw);
    if (made < 0 || swr_init(swr.get()) < 0) {
        return fail(Errc::unsupported, std::string("cannot convert the ") + avcodec_get_name(decoder.codec_id) + " sound");
    }
    return swr;
}

}  // namespace wenyuan::media
