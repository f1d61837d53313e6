#include "textures.hpp"

#include <fstream>
#include <system_error>

namespace wenyuan::model {
namespace {

constexpr std::uintmax_t kMaxTextureFile = std::uintmax_t{1} << 30;

Result<std::string> read_texture_file(const std::filesystem::path& file) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Errc::io, "cannot read it: " + ec.message());
    if (size > kMaxTextureFile) return fail(Errc::limit, "it is over 1 GiB");
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) return fail(Errc::io, "cannot read it");
    return bytes;
}

Result<EncodedImage> encode(const Image& image) {
    const bool alpha = has_transparency(image);
    auto bytes = alpha ? encode_png(image) : encode_jpeg(image);
    if (!bytes) return fail(std::move(bytes).error());
    return EncodedImage{std::move(*bytes), alpha ? "image/png" : "image/jpeg", image.width, image.height};
}

// The source bytes of a texture: its file, its embedded compressed bytes, or raw texels as PNG.
Result<std::string> source_bytes(const TextureRef& texture) {
    if (!texture.file.empty()) return read_texture_file(texture.file);
    if (!texture.embedded.empty()) return texture.embedded;
    if (!texture.rgba.empty()) {
        Image image{texture.width, texture.height, 4, texture.rgba};
        return encode_png(image);
    }
    return fail(Errc::not_found, "it is missing");
}

Result<PreparedTexture> prepare(const TextureRef& texture) {
    auto bytes = source_bytes(texture);
    if (!bytes) return fail(std::move(bytes).error());
    const auto info = probe_image(*bytes);
    if (!info) return fail(Errc::corrupt, "it is not an image we can read");
    PreparedTexture out;
    out.source_width = info->width;
    out.source_height = info->height;
    const int side = std::max(info->width, info->height);
    std::optional<Image> decoded;  // the smallest decode that serves every version still needed
    auto decode_at = [&](int max_side) -> Result<Image> {
        if (!decoded || std::max(decoded->width, decoded->height) < std::min(side, max_side)) {
            auto image = decode_image(*bytes, max_side);
            if (!image) return fail(std::move(image).error());
            decoded = std::move(*image);
        }
        return fit_within(*decoded, max_side);
    };
    if (!info->mime.empty()) {
        out.full = {*bytes, info->mime, info->width, info->height};
    } else {
        auto image = decode_at(0);
        if (!image) return fail(std::move(image).error());
        auto encoded = encode(*image);
        if (!encoded) return fail(std::move(encoded).error());
        out.full = std::move(*encoded);
    }
    for (auto [max_side, target] : {std::pair{2048, &out.at_2048}, std::pair{1024, &out.at_1024}}) {
        if (side <= max_side) {
            *target = out.full;
            continue;
        }
        auto image = decode_at(max_side);
        if (!image) return fail(std::move(image).error());
        auto encoded = encode(*image);
        if (!encoded) return fail(std::move(encoded).error());
        *target = std::move(*encoded);
    }
    auto pixels = decode_at(1024);
    if (!pixels) return fail(std::move(pixels).error());
    out.pixels = std::move(*pixels);
    return out;
}

}  // namespace

std::vector<PreparedTexture> prepare_textures(Model& model) {
    std::vector<PreparedTexture> out(model.textures.size());
    for (std::size_t i = 0; i < model.textures.size(); ++i) {
        const TextureRef& texture = model.textures[i];
        if (texture.missing) continue;  // already warned while loading
        auto prepared = prepare(texture);
        if (!prepared) {
            model.warnings.push_back("texture " + texture.reference + ": " + prepared.error().message +
                                     "; the model is shown without it");
            continue;
        }
        out[i] = std::move(*prepared);
    }
    return out;
}

const EncodedImage& texture_version(const PreparedTexture& texture, int max_side) noexcept {
    if (max_side == 2048) return texture.at_2048;
    if (max_side == 1024) return texture.at_1024;
    return texture.full;
}

}  // namespace wenyuan::model
