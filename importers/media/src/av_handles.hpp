// RAII owners for FFmpeg's C handles: one std::unique_ptr with a stateless deleter per type.
// Private to the media importer.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <chrono>
#include <memory>
#include <string>

namespace wenyuan::media {

/// When an input gives up: its I/O (and so every read and seek) fails after this moment.
struct Deadline {
    std::chrono::steady_clock::time_point at;
    bool passed() const { return std::chrono::steady_clock::now() > at; }
    static int interrupt(void* self) { return static_cast<const Deadline*>(self)->passed() ? 1 : 0; }
};

/// Closes an input and frees the Deadline its interrupt callback points at (see open_input).
struct InputCloser {
    void operator()(AVFormatContext* context) const noexcept {
        auto* deadline = context ? static_cast<Deadline*>(context->interrupt_callback.opaque) : nullptr;
        avformat_close_input(&context);
        delete deadline;
    }
};
struct CodecFreer {
    void operator()(AVCodecContext* context) const noexcept { avcodec_free_context(&context); }
};
struct FrameFreer {
    void operator()(AVFrame* frame) const noexcept { av_frame_free(&frame); }
};
struct PacketFreer {
    void operator()(AVPacket* packet) const noexcept { av_packet_free(&packet); }
};
struct SwsFreer {
    void operator()(SwsContext* context) const noexcept { sws_freeContext(context); }
};
struct SwrFreer {
    void operator()(SwrContext* context) const noexcept { swr_free(&context); }
};
/// An output context: its I/O is closed by the owner of the file, the context freed here.
struct OutputFreer {
    void operator()(AVFormatContext* context) const noexcept {
        if (context && context->pb && !(context->oformat->flags & AVFMT_NOFILE)) avio_closep(&context->pb);
        avformat_free_context(context);
    }
};

using InputPtr = std::unique_ptr<AVFormatContext, InputCloser>;
using OutputPtr = std::unique_ptr<AVFormatContext, OutputFreer>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;

/// FFmpeg's text for an error code: "Invalid data found when processing input".
inline std::string av_error_text(int code) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buffer, sizeof buffer);
    return buffer;
}

}  // namespace wenyuan::media
