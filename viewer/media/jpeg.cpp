#include "media/jpeg.hpp"

#include <stb/stb_image.h>
#include <turbojpeg.h>

#include <algorithm>
#include <memory>

namespace wenyuan::kiosk {

namespace {

struct TjDeleter {
    void operator()(void* handle) const noexcept { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDeleter>;

Result<Pixels> decode_jpeg(std::string_view bytes, int max_edge, std::string_view origin) {
    TjHandle handle(tjInitDecompress());
    if (!handle) return fail(Errc::internal, std::string(origin) + ": TurboJPEG did not start");
    int width = 0, height = 0, subsampling = 0, colourspace = 0;
    auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    if (tjDecompressHeader3(handle.get(), data, static_cast<unsigned long>(bytes.size()), &width, &height, &subsampling,
                            &colourspace) != 0)
        return fail(Errc::corrupt, std::string(origin) + ": " + tjGetErrorStr2(handle.get()));
    int count = 0;
    const tjscalingfactor* factors = tjGetScalingFactors(&count);
    int out_width = width, out_height = height;
    if (max_edge > 0) {
        for (int i = 0; i < count; ++i) {  // TurboJPEG lists the factors largest first
            const int w = TJSCALED(width, factors[i]), h = TJSCALED(height, factors[i]);
            if (std::max(w, h) >= max_edge && w * h < out_width * out_height) out_width = w, out_height = h;
        }
    }
    Pixels pixels;
    pixels.width = out_width;
    pixels.height = out_height;
    pixels.rgba.resize(std::size_t(out_width) * out_height * 4);
    if (tjDecompress2(handle.get(), data, static_cast<unsigned long>(bytes.size()), pixels.rgba.data(), out_width, 0,
                      out_height, TJPF_RGBA, TJFLAG_FASTDCT) != 0 &&
        tjGetErrorCode(handle.get()) == TJERR_FATAL)
        return fail(Errc::corrupt, std::string(origin) + ": " + tjGetErrorStr2(handle.get()));
    return pixels;
}

}  // namespace

Result<Pixels> decode_image(std::string_view bytes, int max_edge, std::string_view origin) {
    if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8)
        return decode_jpeg(bytes, max_edge, origin);
    int width = 0, height = 0, channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> data(
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), int(bytes.size()), &width, &height,
                              &channels, 4),
        stbi_image_free);
    if (!data) return fail(Errc::corrupt, std::string(origin) + ": not a decodable image (" + stbi_failure_reason() + ")");
    Pixels pixels;
    pixels.width = width;
    pixels.height = height;
    pixels.rgba.assign(data.get(), data.get() + std::size_t(width) * height * 4);
    return pixels;
}

}  // namespace wenyuan::kiosk
