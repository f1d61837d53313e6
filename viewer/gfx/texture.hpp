// A GL texture as a move-only owner. Created and destroyed on the thread that owns the context.
#pragma once

#include <cstdint>

namespace wenyuan::kiosk {

struct Pixels;

class Texture {
public:
    Texture() = default;
    /// Uploads RGBA pixels (linear filtering; mipmaps when `mipmaps` and the context has them).
    /// Images larger than `max_size` are not uploaded (the texture stays empty).
    static Texture upload(const Pixels& pixels, int max_size, bool mipmaps);
    Texture(Texture&& other) noexcept;
    Texture& operator=(Texture&& other) noexcept;
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;
    ~Texture();

    explicit operator bool() const noexcept { return id_ != 0; }
    unsigned id() const noexcept { return id_; }
    int width() const noexcept { return width_; }
    int height() const noexcept { return height_; }
    /// Memory the texture takes (with its mipmaps), as llvmpipe keeps it in RAM.
    std::size_t bytes() const noexcept { return std::size_t(width_) * height_ * 4 * (mipmaps_ ? 4 : 3) / 3; }
    /// For ImGui::Image / AddImage.
    void* imgui_id() const noexcept { return reinterpret_cast<void*>(std::uintptr_t(id_)); }

private:
    unsigned id_ = 0;
    int width_ = 0, height_ = 0;
    bool mipmaps_ = false;
};

}  // namespace wenyuan::kiosk
