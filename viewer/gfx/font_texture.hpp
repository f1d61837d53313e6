// The font atlas on the GPU, one byte a pixel: ImGui's own backend uploads it as RGBA (four
// bytes a pixel, and on llvmpipe the texture lives in the process's memory: 64 MB for a
// 4096 × 4096 atlas). Here it is GL_R8 with a swizzle (white, alpha = red) on GL 3.3 and later,
// GL_ALPHA on compatibility contexts, RGBA only where neither works. Main thread; GL current.
#pragma once

struct ImFontAtlas;

namespace wenyuan::kiosk {

struct GlInfo;

class FontTexture {
public:
    FontTexture() = default;
    ~FontTexture();
    FontTexture(const FontTexture&) = delete;
    FontTexture& operator=(const FontTexture&) = delete;

    /// Uploads the baked atlas (replacing an earlier upload), sets its texture id, and frees the
    /// atlas's CPU pixels. Returns the bytes a pixel the texture uses.
    int upload(ImFontAtlas& atlas, const GlInfo& gl);

private:
    unsigned id_ = 0;
};

}  // namespace wenyuan::kiosk
