#include "gfx/texture.hpp"

#include <utility>

#include "gfx/gl.hpp"
#include "media/jpeg.hpp"

namespace wenyuan::kiosk {

Texture Texture::upload(const Pixels& pixels, int max_size, bool mipmaps) {
    Texture texture;
    if (pixels.width <= 0 || pixels.height <= 0 || pixels.width > max_size || pixels.height > max_size) return texture;
    glGenTextures(1, &texture.id_);
    glBindTexture(GL_TEXTURE_2D, texture.id_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, pixels.width, pixels.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.rgba.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    if (mipmaps) {
        glGenerateMipmap(GL_TEXTURE_2D);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    } else {
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    }
    texture.mipmaps_ = mipmaps;
    texture.width_ = pixels.width;
    texture.height_ = pixels.height;
    return texture;
}

Texture::Texture(Texture&& other) noexcept
    : id_(std::exchange(other.id_, 0)), width_(other.width_), height_(other.height_), mipmaps_(other.mipmaps_) {}

Texture& Texture::operator=(Texture&& other) noexcept {
    if (this != &other) {
        if (id_) glDeleteTextures(1, &id_);
        id_ = std::exchange(other.id_, 0);
        width_ = other.width_;
        height_ = other.height_;
        mipmaps_ = other.mipmaps_;
    }
    return *this;
}

Texture::~Texture() {
    if (id_) glDeleteTextures(1, &id_);
}

}  // namespace wenyuan::kiosk
