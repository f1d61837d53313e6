// The sample generator's drawing surface: an RGB canvas written as BMP or raw video frames.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vector>

namespace sample {

namespace fs = std::filesystem;

struct Rgb {
    std::uint8_t r, g, b;
};

inline Rgb mix(Rgb a, Rgb b, double t) {
    auto lerp = [t](std::uint8_t x, std::uint8_t y) { return static_cast<std::uint8_t>(x + (y - x) * t); };
    return {lerp(a.r, b.r), lerp(a.g, b.g), lerp(a.b, b.b)};
}

class Canvas {
public:
    Canvas(int width, int height, Rgb fill) : w_(width), h_(height), pixels_(static_cast<std::size_t>(width * height), fill) {}
    int width() const { return w_; }
    int height() const { return h_; }
    void set(int x, int y, Rgb c) {
        if (x >= 0 && y >= 0 && x < w_ && y < h_) pixels_[static_cast<std::size_t>(y * w_ + x)] = c;
    }
    Rgb get(int x, int y) const { return pixels_[static_cast<std::size_t>(y * w_ + x)]; }
    // Fills every pixel for which `inside(x, y)` holds, shaded by `shade(x, y)`.
    void fill(const std::function<bool(double, double)>& inside, const std::function<Rgb(double, double)>& shade) {
        for (int y = 0; y < h_; ++y)
            for (int x = 0; x < w_; ++x)
                if (inside(x + 0.5, y + 0.5)) set(x, y, shade(x + 0.5, y + 0.5));
    }
    void vertical_gradient(Rgb top, Rgb bottom) {
        for (int y = 0; y < h_; ++y)
            for (int x = 0; x < w_; ++x) set(x, y, mix(top, bottom, static_cast<double>(y) / h_));
    }
    // 24-bit uncompressed BMP, bottom-up rows padded to 4 bytes.
    void save_bmp(const fs::path& file) const {
        const int row = (w_ * 3 + 3) & ~3;
        const std::uint32_t size = 54 + static_cast<std::uint32_t>(row * h_);
        std::vector<std::uint8_t> out(size, 0);
        auto put32 = [&](std::size_t at, std::uint32_t v) { for (int i = 0; i < 4; ++i) out[at + i] = static_cast<std::uint8_t>(v >> (8 * i)); };
        out[0] = 'B'; out[1] = 'M';
        put32(2, size); put32(10, 54); put32(14, 40); put32(18, static_cast<std::uint32_t>(w_));
        put32(22, static_cast<std::uint32_t>(h_)); out[26] = 1; out[28] = 24;
        put32(34, static_cast<std::uint32_t>(row * h_)); put32(38, 11811); put32(42, 11811);  // 300 dpi
        for (int y = 0; y < h_; ++y) {
            for (int x = 0; x < w_; ++x) {
                const Rgb c = get(x, h_ - 1 - y);
                const std::size_t at = 54 + static_cast<std::size_t>(y * row + x * 3);
                out[at] = c.b; out[at + 1] = c.g; out[at + 2] = c.r;
            }
        }
        std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
    }

    /// Appends the pixels, top row first, as packed RGB (FFmpeg's rawvideo rgb24).
    void append_rgb(std::ofstream& out) const {
        out.write(reinterpret_cast<const char*>(pixels_.data()), static_cast<std::streamsize>(pixels_.size() * 3));
    }
    /// A line `width` pixels wide from (x0, y0) to (x1, y1).
    void line(double x0, double y0, double x1, double y1, double width, Rgb c) {
        const double length = std::hypot(x1 - x0, y1 - y0);
        const int steps = std::max(1, static_cast<int>(length * 2));
        const int r = std::max(0, static_cast<int>(width / 2));
        for (int i = 0; i <= steps; ++i) {
            const double t = static_cast<double>(i) / steps;
            const int x = static_cast<int>(x0 + (x1 - x0) * t), y = static_cast<int>(y0 + (y1 - y0) * t);
            for (int dy = -r; dy <= r; ++dy)
                for (int dx = -r; dx <= r; ++dx) set(x + dx, y + dy, c);
        }
    }
    void rect(double x0, double y0, double x1, double y1, double width, Rgb c) {
        line(x0, y0, x1, y0, width, c);
        line(x1, y0, x1, y1, width, c);
        line(x1, y1, x0, y1, width, c);
        line(x0, y1, x0, y0, width, c);
    }

private:
    int w_, h_;
    std::vector<Rgb> pixels_;
};

inline bool in_ellipse(double x, double y, double cx, double cy, double rx, double ry) {
    const double dx = (x - cx) / rx, dy = (y - cy) / ry;
    return dx * dx + dy * dy <= 1.0;
}

}  // namespace sample
