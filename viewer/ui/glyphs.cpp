#include "ui/glyphs.hpp"

namespace wenyuan::kiosk {

char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const unsigned char lead = byte(i);
    int extra = 0;
    char32_t point = 0;
    if (lead < 0x80) { ++i; return lead; }
    if ((lead & 0xE0) == 0xC0) extra = 1, point = lead & 0x1F;
    else if ((lead & 0xF0) == 0xE0) extra = 2, point = lead & 0x0F;
    else if ((lead & 0xF8) == 0xF0) extra = 3, point = lead & 0x07;
    else { ++i; return 0xFFFD; }
    if (i + extra >= text.size()) { i = text.size(); return 0xFFFD; }
    for (int k = 1; k <= extra; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) { i += k; return 0xFFFD; }
        point = (point << 6) | (byte(i + k) & 0x3F);
    }
    i += extra + 1;
    return point;
}

GlyphSet::GlyphSet() {
    for (char32_t c = 0x20; c < 0x7F; ++c) points_.insert(c);
    for (char32_t c : {U'…', U'·', U'—', U'×', U'−', U'\uFFFD', U'中', U'\u3000'}) points_.insert(c);
}

void GlyphSet::add(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const char32_t point = next_code_point(text, i);
        if (point >= 0x20 && point <= 0xFFFF && !(point >= 0xD800 && point <= 0xDFFF)) points_.insert(point);
    }
}

std::vector<unsigned short> GlyphSet::ranges() const {
    std::vector<unsigned short> out;
    for (char32_t point : points_) {
        if (!out.empty() && out.back() + 1u == point) out.back() = static_cast<unsigned short>(point);
        else {
            out.push_back(static_cast<unsigned short>(point));
            out.push_back(static_cast<unsigned short>(point));
        }
    }
    out.push_back(0);
    return out;
}

}  // namespace wenyuan::kiosk
