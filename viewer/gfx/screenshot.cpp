#include "gfx/screenshot.hpp"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <vector>

#include "gfx/gl.hpp"

namespace wenyuan::kiosk {

Result<void> write_screenshot(const std::string& file, int width, int height) {
    std::vector<unsigned char> pixels(std::size_t(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    std::vector<unsigned char> flipped(pixels.size());
    const std::size_t row = std::size_t(width) * 3;
    for (int y = 0; y < height; ++y)
        std::copy_n(&pixels[std::size_t(height - 1 - y) * row], row, &flipped[std::size_t(y) * row]);
    if (!stbi_write_png(file.c_str(), width, height, 3, flipped.data(), int(row)))
        return fail(Errc::io, file + ": cannot write the screenshot");
    return {};
}

}  // namespace wenyuan::kiosk
