#include "picture.hpp"

#include <turbojpeg.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace wenyuan::media {
namespace {

struct TjDestroyer {
    void operator()(void* handle) const noexcept { tjDestroy(handle); }
};
struct TjFreer {
    void operator()(unsigned char* buffer) const noexcept { tjFree(buffer); }
};

Rgb rotate(const Rgb& in, int rotation) {
    if (rotation == 0) return in;
    const bool turned = rotation == 90 || rotation == 270;
    Rgb out(turned ? in.height : in.width, turned ? in.width : in.height);
    for (int y = 0; y < in.height; ++y) {
        for (int x = 0; x < in.width; ++x) {
            int nx = x, ny = y;
            if (rotation == 90) {
                nx = in.height - 1 - y;
                ny = x;
            } else if (rotation == 180) {
                nx = in.width - 1 - x;
                ny = in.height - 1 - y;
            } else {  // 270
                nx = y;
                ny = in.width - 1 - x;
            }
            const std::uint8_t* src = in.pixels.data() + (static_cast<std::size_t>(y) * in.width + x) * 3;
            std::copy(src, src + 3, out.at(nx, ny));
        }
    }
    return out;
}

// swscale reads and writes in SIMD blocks past the end of a row: both sides get FFmpeg's padded,
// aligned buffers, and the result is copied out row by row.
Result<Rgb> scale_pixels(const std::uint8_t* const planes[], const int strides[], int width, int height,
                         AVPixelFormat format, int out_width, int out_height) {
    SwsPtr sws(sws_getContext(width, height, format, out_width, out_height, AV_PIX_FMT_RGB24, SWS_BICUBIC, nullptr,
                              nullptr, nullptr));
    if (!sws) return fail(Errc::internal, "cannot convert pixel format " + std::to_string(format) + " to RGB");
    FramePtr target(av_frame_alloc());
    if (!target) return fail(Errc::internal, "out of memory");
    target->format = AV_PIX_FMT_RGB24;
    target->width = out_width;
    target->height = out_height;
    if (av_frame_get_buffer(target.get(), 0) < 0) return fail(Errc::internal, "out of memory");
    if (sws_scale(sws.get(), planes, strides, 0, height, target->data, target->linesize) <= 0) {
        return fail(Errc::internal, "scaling a frame failed");
    }
    Rgb out(out_width, out_height);
    for (int y = 0; y < out_height; ++y) {
        std::copy_n(target->data[0] + static_cast<std::ptrdiff_t>(y) * target->linesize[0], out_width * 3, out.at(0, y));
    }
    return out;
}

}  // namespace

void fit_size(int width, int height, int max_side, int& out_width, int& out_height) {
    width = std::max(width, 1);
    height = std::max(height, 1);
    const double scale = std::min(1.0, static_cast<double>(max_side) / std::max(width, height));
    out_width = std::max(1, static_cast<int>(std::lround(width * scale)));
    out_height = std::max(1, static_cast<int>(std::lround(height * scale)));
    if (out_width > 1 && out_width % 2) --out_width;
    if (out_height > 1 && out_height % 2) --out_height;
}

Result<Rgb> frame_to_rgb(const AVFrame& frame, double sample_aspect, int rotation, int max_side) {
    const int display_width = std::max(1, static_cast<int>(std::lround(frame.width * sample_aspect)));
    int w = 0, h = 0;
    fit_size(display_width, frame.height, max_side, w, h);
    auto scaled = scale_pixels(frame.data, frame.linesize, frame.width, frame.height,
                               static_cast<AVPixelFormat>(frame.format), w, h);
    if (!scaled) return scaled;
    return rotate(*scaled, rotation);
}

Result<Rgb> scale_rgb(const Rgb& image, int max_side) {
    int w = 0, h = 0;
    fit_size(image.width, image.height, max_side, w, h);
    if (w == image.width && h == image.height) return image;
    std::vector<std::uint8_t> padded(image.pixels.size() + AV_INPUT_BUFFER_PADDING_SIZE);
    std::copy(image.pixels.begin(), image.pixels.end(), padded.begin());
    const std::uint8_t* planes[4] = {padded.data(), nullptr, nullptr, nullptr};
    const int strides[4] = {image.width * 3, 0, 0, 0};
    return scale_pixels(planes, strides, image.width, image.height, AV_PIX_FMT_RGB24, w, h);
}

Result<LumaStats> luma_stats(const AVFrame& frame) {
    constexpr int kSide = 64;
    SwsPtr sws(sws_getContext(frame.width, frame.height, static_cast<AVPixelFormat>(frame.format), kSide, kSide,
                              AV_PIX_FMT_GRAY8, SWS_AREA, nullptr, nullptr, nullptr));
    if (!sws) return fail(Errc::internal, "cannot measure a frame of pixel format " + std::to_string(frame.format));
    std::vector<std::uint8_t> grey(kSide * kSide + AV_INPUT_BUFFER_PADDING_SIZE);
    std::uint8_t* dst[4] = {grey.data(), nullptr, nullptr, nullptr};
    const int dst_stride[4] = {kSide, 0, 0, 0};
    sws_scale(sws.get(), frame.data, frame.linesize, 0, frame.height, dst, dst_stride);
    grey.resize(kSide * kSide);
    double sum = 0, squares = 0;
    for (std::uint8_t v : grey) {
        sum += v;
        squares += static_cast<double>(v) * v;
    }
    const double n = static_cast<double>(grey.size());
    const double mean = sum / n;
    return LumaStats{mean, std::sqrt(std::max(0.0, squares / n - mean * mean))};
}

bool is_blank(const LumaStats& stats) { return stats.stddev < 8.0 || stats.mean < 16.0; }

void blit(Rgb& sheet, const Rgb& tile, int x, int y) {
    for (int row = 0; row < tile.height; ++row) {
        const int sy = y + row;
        if (sy < 0 || sy >= sheet.height) continue;
        const int from = std::max(0, -x), to = std::min(tile.width, sheet.width - x);
        if (from >= to) continue;
        const std::uint8_t* src = tile.pixels.data() + (static_cast<std::size_t>(row) * tile.width + from) * 3;
        std::copy(src, src + (to - from) * 3, sheet.at(x + from, sy));
    }
}

Result<std::string> encode_jpeg(const Rgb& image, int quality) {
    std::unique_ptr<void, TjDestroyer> handle(tjInitCompress());
    if (!handle) return fail(Errc::internal, std::string("TurboJPEG: ") + tjGetErrorStr());
    unsigned char* raw = nullptr;
    unsigned long size = 0;
    const int status = tjCompress2(handle.get(), image.pixels.data(), image.width, image.width * 3, image.height, TJPF_RGB,
                                   &raw, &size, TJSAMP_420, quality, TJFLAG_ACCURATEDCT);
    std::unique_ptr<unsigned char, TjFreer> buffer(raw);
    if (status != 0) return fail(Errc::internal, std::string("TurboJPEG: ") + tjGetErrorStr2(handle.get()));
    return std::string(reinterpret_cast<const char*>(buffer.get()), size);
}

Result<std::string> encode_png(const Rgb& image) {
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    if (!codec) return fail(Errc::unsupported, "this FFmpeg has no PNG encoder");
    CodecPtr context(avcodec_alloc_context3(codec));
    FramePtr frame(av_frame_alloc());
    PacketPtr packet(av_packet_alloc());
    if (!context || !frame || !packet) return fail(Errc::internal, "out of memory");
    context->width = image.width;
    context->height = image.height;
    context->pix_fmt = AV_PIX_FMT_RGB24;
    context->time_base = {1, 1};
    if (int code = avcodec_open2(context.get(), codec, nullptr); code < 0) {
        return fail(Errc::internal, "PNG encoder: " + av_error_text(code));
    }
    frame->format = AV_PIX_FMT_RGB24;
    frame->width = image.width;
    frame->height = image.height;
    if (int code = av_frame_get_buffer(frame.get(), 0); code < 0) return fail(Errc::internal, "PNG encoder: " + av_error_text(code));
    for (int y = 0; y < image.height; ++y) {
        std::copy_n(image.pixels.data() + static_cast<std::size_t>(y) * image.width * 3, image.width * 3,
                    frame->data[0] + static_cast<std::ptrdiff_t>(y) * frame->linesize[0]);
    }
    if (int code = avcodec_send_frame(context.get(), frame.get()); code < 0) {
        return fail(Errc::internal, "PNG encoder: " + av_error_text(code));
    }
    avcodec_send_frame(context.get(), nullptr);
    if (int code = avcodec_receive_packet(context.get(), packet.get()); code < 0) {
        return fail(Errc::internal, "PNG encoder: " + av_error_text(code));
    }
    return std::string(reinterpret_cast<const char*>(packet->data), static_cast<std::size_t>(packet->size));
}

}  // namespace wenyuan::media
