#include "image_codec.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace wenyuan::model {
namespace {

constexpr int kMaxSide = 16384;

struct TjDeleter {
    void operator()(void* handle) const noexcept { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDeleter>;

struct TjBufferDeleter {
    void operator()(unsigned char* buffer) const noexcept { tjFree(buffer); }
};

struct StbiDeleter {
    void operator()(stbi_uc* pixels) const noexcept { stbi_image_free(pixels); }
};

bool is_jpeg(std::string_view bytes) {
    return bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
           static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF;
}

bool is_png(std::string_view bytes) { return bytes.size() > 8 && bytes.substr(0, 8) == "\x89PNG\r\n\x1a\n"; }

Result<Image> decode_jpeg(std::string_view bytes, int max_side) {
    TjHandle tj(tjInitDecompress());
    if (!tj) return fail(Errc::internal, "cannot start the JPEG decoder");
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    int width = 0, height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(tj.get(), data, bytes.size(), &width, &height, &subsampling, &colorspace) != 0) {
        return fail(Errc::corrupt, std::string("not a readable JPEG: ") + tjGetErrorStr2(tj.get()));
    }
    if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide) {
        return fail(Errc::limit, "a " + std::to_string(width) + " × " + std::to_string(height) + " JPEG is too large");
    }
    // The smallest DCT scale whose result still covers max_side.
    int scaled_w = width, scaled_h = height;
    if (max_side > 0) {
        int count = 0;
        const tjscalingfactor* factors = tjGetScalingFactors(&count);
        for (int i = 0; i < count; ++i) {
            const int w = TJSCALED(width, factors[i]), h = TJSCALED(height, factors[i]);
            if (std::max(w, h) >= std::min(max_side, std::max(width, height)) && w * h < scaled_w * scaled_h) {
                scaled_w = w;
                scaled_h = h;
            }
        }
    }
    Image image{scaled_w, scaled_h, 3, std::vector<std::uint8_t>(std::size_t(scaled_w) * scaled_h * 3)};
    if (tjDecompress2(tj.get(), data, bytes.size(), image.pixels.data(), scaled_w, 0, scaled_h, TJPF_RGB,
                      TJFLAG_FASTDCT) != 0 &&
        tjGetErrorCode(tj.get()) == TJERR_FATAL) {
        return fail(Errc::corrupt, std::string("cannot decode the JPEG: ") + tjGetErrorStr2(tj.get()));
    }
    return image;
}

Result<Image> decode_stb(std::string_view bytes) {
    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                               &height, &channels)) {
        return fail(Errc::corrupt, std::string("not a readable image: ") + stbi_failure_reason());
    }
    if (width <= 0 || height <= 0 || width > kMaxSide || height > kMaxSide) {
        return fail(Errc::limit, "a " + std::to_string(width) + " × " + std::to_string(height) + " image is too large");
    }
    const int wanted = (channels == 2 || channels == 4) ? 4 : 3;
    std::unique_ptr<stbi_uc, StbiDeleter> pixels(stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()),
                                                                       static_cast<int>(bytes.size()), &width, &height,
                                                                       &channels, wanted));
    if (!pixels) return fail(Errc::corrupt, std::string("cannot decode the image: ") + stbi_failure_reason());
    Image image{width, height, wanted, {}};
    image.pixels.assign(pixels.get(), pixels.get() + std::size_t(width) * height * wanted);
    return image;
}

void append_bytes(void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

}  // namespace

std::optional<ImageInfo> probe_image(std::string_view bytes) {
    if (bytes.size() > std::size_t{1} << 31) return std::nullopt;
    if (is_jpeg(bytes)) {
        TjHandle tj(tjInitDecompress());
        int width = 0, height = 0, subsampling = 0, colorspace = 0;
        if (!tj || tjDecompressHeader3(tj.get(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                                       &width, &height, &subsampling, &colorspace) != 0) {
            return std::nullopt;
        }
        return ImageInfo{width, height, "image/jpeg"};
    }
    int width = 0, height = 0, channels = 0;
    if (!stbi_info_from_memory(reinterpret_cast<const stbi_uc*>(bytes.data()), static_cast<int>(bytes.size()), &width,
                               &height, &channels)) {
        return std::nullopt;
    }
    return ImageInfo{width, height, is_png(bytes) ? "image/png" : ""};
}

Result<Image> decode_image(std::string_view bytes, int max_side) {
    if (bytes.size() > std::size_t{1} << 31) return fail(Errc::limit, "the image is over 2 GiB");
    auto image = is_jpeg(bytes) ? decode_jpeg(bytes, max_side) : decode_stb(bytes);
    if (!image) return image;
    if (max_side > 0) return fit_within(*image, max_side);
    return image;
}

Image fit_within(const Image& image, int max_side) {
    const int side = std::max(image.width, image.height);
    if (side <= max_side || side == 0) return image;
    const double scale = double(max_side) / side;
    const int width = std::max(1, int(image.width * scale + 0.5)), height = std::max(1, int(image.height * scale + 0.5));
    Image out{width, height, image.channels, std::vector<std::uint8_t>(std::size_t(width) * height * image.channels)};
    stbir_resize_uint8_srgb(image.pixels.data(), image.width, image.height, 0, out.pixels.data(), width, height, 0,
                            image.channels, image.channels == 4 ? 3 : STBIR_ALPHA_CHANNEL_NONE, 0);
    return out;
}

Result<std::string> encode_jpeg(const Image& image, int quality) {
    TjHandle tj(tjInitCompress());
    if (!tj) return fail(Errc::internal, "cannot start the JPEG encoder");
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    const int format = image.channels == 4 ? TJPF_RGBA : TJPF_RGB;
    const int result = tjCompress2(tj.get(), image.pixels.data(), image.width, 0, image.height, format, &buffer, &size,
                                   TJSAMP_420, quality, TJFLAG_FASTDCT);
    std::unique_ptr<unsigned char, TjBufferDeleter> owned(buffer);
    if (result != 0) return fail(Errc::internal, std::string("cannot encode a JPEG: ") + tjGetErrorStr2(tj.get()));
    return std::string(reinterpret_cast<const char*>(buffer), size);
}

Result<std::string> encode_png(const Image& image) {
    std::string out;
    if (!stbi_write_png_to_func(append_bytes, &out, image.width, image.height, image.channels, image.pixels.data(),
                                image.width * image.channels)) {
        return fail(Errc::internal, "cannot encode a PNG");
    }
    return out;
}

bool has_transparency(const Image& image) noexcept {
    if (image.channels != 4) return false;
    for (std::size_t i = 3; i < image.pixels.size(); i += 4) {
        if (image.pixels[i] != 255) return true;
    }
    return false;
}

}  // namespace wenyuan::model
