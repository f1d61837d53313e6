// The kiosk's fonts: Noto Sans CJK SC (face 2 of the .ttc; bold for titles when installed) at the
// design's sizes, baked into one ImGui atlas holding only the glyphs the content and the UI use.
// Glyphs are baked without oversampling (pixel-snapped; CJK at 20 px and up needs none). The atlas
// must fit the GPU's maximum texture size: when it does not, the sizes shrink in 10 % steps.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ui/glyphs.hpp"
#include "ui/theme.hpp"
#include "wenyuan/result.hpp"

struct ImFont;
struct ImFontAtlas;

namespace wenyuan::kiosk {

struct FontFiles {
    std::filesystem::path regular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
    std::filesystem::path bold = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc";
    int face = 2;  ///< SC in Debian's fonts-noto-cjk collections
};

/// The faces the screens draw with. Owned by the atlas they were built into.
struct Fonts {
    ImFont* caption = nullptr;     ///< 20 px at 1280×800
    ImFont* body = nullptr;        ///< 24 px
    ImFont* card_title = nullptr;  ///< 32 px, bold
    ImFont* title = nullptr;       ///< 40 px, bold
    ImFont* display = nullptr;     ///< 56 px, bold: the attract loop
    float shrink = 1;              ///< < 1 when sizes were reduced to fit the texture limit
    int atlas_width = 0, atlas_height = 0;
    std::size_t glyphs = 0;        ///< code points in the body ranges
    /// The ranges ImGui points at: kept alive with the fonts.
    std::shared_ptr<const std::vector<unsigned short>> caption_ranges, body_ranges, display_ranges;
};

/// Memory-mapped font files, shared by every atlas build (the atlas does not own them).
class FontData {
public:
    /// Maps the files. Errors: Errc::not_found naming the file (fonts-noto-cjk not installed).
    [[nodiscard]] static Result<FontData> open(const FontFiles& files = {});
    FontData(FontData&&) noexcept;
    FontData& operator=(FontData&&) noexcept;
    ~FontData();
    const FontFiles& files() const noexcept;
    /// Drops the files' pages from memory after a bake (they are read again for the next one).
    void release_pages() const noexcept;

    struct Mapping;
private:
    FontData();
    std::unique_ptr<Mapping> regular_, bold_;
    FontFiles files_;
    friend Result<Fonts> build_fonts(ImFontAtlas&, const FontData&, const Metrics&, const GlyphSet&, const GlyphSet&,
                                     const GlyphSet&, int);
};

/// Clears `atlas` and bakes the fonts: `caption_glyphs` at caption size, `body_glyphs` (also the
/// titles of every item search can show) at body size, `display_glyphs` (titles only: a smaller
/// set) at the title sizes. The result fits `max_texture` pixels square.
/// The glyph sets must outlive the atlas build (ImGui keeps pointers to ranges until Build).
/// Errors: Errc::limit when even half-size text does not fit. Main thread (ImGui context).
Result<Fonts> build_fonts(ImFontAtlas& atlas, const FontData& data, const Metrics& metrics,
                          const GlyphSet& caption_glyphs, const GlyphSet& body_glyphs, const GlyphSet& display_glyphs,
                          int max_texture);

}  // namespace wenyuan::kiosk
