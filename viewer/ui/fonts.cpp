#include "ui/fonts.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

#include <imgui.h>

namespace wenyuan::kiosk {

/// A read-only mapping of a whole file.
struct FontData::Mapping {
    void* data = MAP_FAILED;
    std::size_t size = 0;
    ~Mapping() {
        if (data != MAP_FAILED) munmap(data, size);
    }
};

namespace {

Result<std::unique_ptr<FontData::Mapping>> map_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(Errc::not_found, file.string() + ": cannot open the font (install fonts-noto-cjk)");
    struct stat st {};
    auto mapping = std::make_unique<FontData::Mapping>();
    if (fstat(fd, &st) == 0 && st.st_size > 0) {
        mapping->size = std::size_t(st.st_size);
        mapping->data = mmap(nullptr, mapping->size, PROT_READ, MAP_PRIVATE, fd, 0);
    }
    ::close(fd);
    if (mapping->data == MAP_FAILED) return fail(Errc::io, file.string() + ": cannot map the font");
    return mapping;
}

}  // namespace

FontData::FontData() = default;
FontData::FontData(FontData&&) noexcept = default;
FontData& FontData::operator=(FontData&&) noexcept = default;
FontData::~FontData() = default;
const FontFiles& FontData::files() const noexcept { return files_; }

void FontData::release_pages() const noexcept {
    for (const auto* mapping : {regular_.get(), bold_.get()})
        if (mapping && mapping->data != MAP_FAILED) madvise(mapping->data, mapping->size, MADV_DONTNEED);
}

Result<FontData> FontData::open(const FontFiles& files) {
    FontData data;
    data.files_ = files;
    auto regular = map_file(files.regular);
    if (!regular) return fail(std::move(regular).error());
    data.regular_ = std::move(*regular);
    if (auto bold = map_file(files.bold); bold) data.bold_ = std::move(*bold);
    return data;
}

Result<Fonts> build_fonts(ImFontAtlas& atlas, const FontData& data, const Metrics& metrics,
                          const GlyphSet& caption_glyphs, const GlyphSet& body_glyphs, const GlyphSet& display_glyphs,
                          int max_texture) {
    auto caption_ranges_owned = std::make_shared<const std::vector<unsigned short>>(caption_glyphs.ranges());
    auto body_ranges_owned = std::make_shared<const std::vector<unsigned short>>(body_glyphs.ranges());
    auto display_ranges_owned = std::make_shared<const std::vector<unsigned short>>(display_glyphs.ranges());
    const std::vector<unsigned short>& caption_ranges = *caption_ranges_owned;
    const std::vector<unsigned short>& body_ranges = *body_ranges_owned;
    const std::vector<unsigned short>& display_ranges = *display_ranges_owned;
    const FontData::Mapping& regular = *data.regular_;
    const FontData::Mapping& bold = data.bold_ ? *data.bold_ : *data.regular_;
    // CJK at 20 px and up needs no horizontal oversampling, and baking is twice as fast without.
    int oversample = 1;
    for (float shrink = 1.0f; shrink >= 0.5f;) {
        atlas.Clear();
        atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
        atlas.TexDesiredWidth = max_texture >= 4096 ? 4096 : max_texture;
        auto add = [&](const FontData::Mapping& file, float size, const std::vector<unsigned short>& ranges) {
            ImFontConfig config;
            config.FontDataOwnedByAtlas = false;
            config.FontNo = data.files_.face;
            config.OversampleH = oversample;
            config.OversampleV = 1;
            config.PixelSnapH = oversample == 1;
            return atlas.AddFontFromMemoryTTF(file.data, int(file.size), size * shrink, &config, ranges.data());
        };
        Fonts fonts;
        fonts.caption = add(regular, metrics.caption, caption_ranges);
        fonts.body = add(regular, metrics.body, body_ranges);
        fonts.card_title = add(bold, metrics.card_title, display_ranges);
        fonts.title = add(bold, metrics.title, display_ranges);
        fonts.display = add(bold, metrics.display, display_ranges);
        if (!fonts.caption || !fonts.body || !fonts.card_title || !fonts.title || !fonts.display || !atlas.Build())
            return fail(Errc::unsupported, data.files_.regular.string() + ": ImGui could not bake the font");
        if (atlas.TexWidth <= max_texture && atlas.TexHeight <= max_texture) {
            // ImGui copies font data it does not own (AddFont: 20 MB of TTC per font, five
            // fonts, about 100 MB) and keeps the copies for a rebuild; ours always starts again
            // from Clear(), so they go now. The baked glyphs and the pixels stay.
            atlas.ClearInputData();
            fonts.shrink = shrink;
            fonts.atlas_width = atlas.TexWidth;
            fonts.atlas_height = atlas.TexHeight;
            fonts.glyphs = body_glyphs.size();
            fonts.caption_ranges = caption_ranges_owned;
            fonts.body_ranges = body_ranges_owned;
            fonts.display_ranges = display_ranges_owned;
            return fonts;
        }
        shrink -= 0.1f;
    }
    return fail(Errc::limit, "fonts: the glyphs do not fit a " + std::to_string(max_texture) +
                                 " px texture even at half size");
}

}  // namespace wenyuan::kiosk
