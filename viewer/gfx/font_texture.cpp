#include "gfx/font_texture.hpp"

#include <cstdint>

#include <imgui.h>

#include "gfx/gl.hpp"
#include "gfx/window.hpp"

namespace wenyuan::kiosk {

FontTexture::~FontTexture() {
    if (id_ != 0) glDeleteTextures(1, &id_);
}

int FontTexture::upload(ImFontAtlas& atlas, const GlInfo& gl) {
    if (id_ != 0) glDeleteTextures(1, &id_);
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glGenTextures(1, &id_);
    glBindTexture(GL_TEXTURE_2D, id_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    int width = 0, height = 0, bytes = 1;
    const bool swizzle = gl.major > 3 || (gl.major == 3 && gl.minor >= 3);
    if (swizzle || !gl.core) {
        unsigned char* pixels = nullptr;
        atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
        if (swizzle) {
            const GLint mask[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
            glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, mask);
            glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
        } else {
            glTexImage2D(GL_TEXTURE_2D, 0, GL_ALPHA, width, height, 0, GL_ALPHA, GL_UNSIGNED_BYTE, pixels);
        }
    } else {
        unsigned char* pixels = nullptr;
        atlas.GetTexDataAsRGBA32(&pixels, &width, &height);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
        bytes = 4;
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, GLuint(last));
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id_)));
    atlas.ClearTexData();
    return bytes;
}

}  // namespace wenyuan::kiosk
