// RAII owners for FFmpeg's C handles used by the media player: one std::unique_ptr with a
// stateless deleter per type. Private to wenyuan_kiosk_playback.
#pragma once

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <memory>
#include <string>

namespace wenyuan::kiosk::av {

struct InputCloser {
    void operator()(AVFormatContext* c) const noexcept { avformat_close_input(&c); }
};
struct CodecFreer {
    void operator()(AVCodecContext* c) const noexcept { avcodec_free_context(&c); }
};
struct FrameFreer {
    void operator()(AVFrame* f) const noexcept { av_frame_free(&f); }
};
struct PacketFreer {
    void operator()(AVPacket* p) const noexcept { av_packet_free(&p); }
};
struct SwsFreer {
    void operator()(SwsContext* c) const noexcept { sws_freeContext(c); }
};
struct SwrFreer {
    void operator()(SwrContext* c) const noexcept { swr_free(&c); }
};

using InputPtr = std::unique_ptr<AVFormatContext, InputCloser>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsPtr = std::unique_ptr<SwsContext, SwsFreer>;
using SwrPtr = std::unique_ptr<SwrContext, SwrFreer>;

/// FFmpeg's text for an error code: "Invalid data found when processing input".
inline std::string error_text(int code) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buffer, sizeof buffer);
    return buffer;
}

}  // namespace wenyuan::kiosk::av
