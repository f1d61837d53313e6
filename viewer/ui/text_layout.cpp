#include "ui/text_layout.hpp"

#include <imgui.h>

#include "ui/glyphs.hpp"

namespace wenyuan::kiosk {

namespace {

bool closing(char32_t c) {
    static const std::u32string marks = U"，。、！？；：）」》』”’・…,.!?;:)]}%";
    return marks.find(c) != std::u32string::npos;
}

bool opening(char32_t c) {
    static const std::u32string marks = U"（「《『“‘([{";
    return marks.find(c) != std::u32string::npos;
}

bool latin(char32_t c) { return c < 0x2E80 && c != U' '; }

float advance(const ImFont* font, float size, char32_t c) {
    if (c > 0xFFFF) c = 0xFFFD;
    return font->GetCharAdvance(static_cast<ImWchar>(c)) * size / font->FontSize;
}

}  // namespace

std::vector<std::string> wrap_lines(const ImFont* font, float size, std::string_view text, float width) {
    std::vector<std::string> lines;
    struct Glyph {
        std::size_t begin, end;
        char32_t c;
        float w;
    };
    std::vector<Glyph> line;
    float line_width = 0;
    auto emit = [&](std::size_t count) {
        std::string out;
        if (count > 0) out.assign(text.substr(line[0].begin, line[count - 1].end - line[0].begin));
        while (!out.empty() && out.back() == ' ') out.pop_back();
        lines.push_back(std::move(out));
        line.erase(line.begin(), line.begin() + long(count));
        while (!line.empty() && line.front().c == U' ') line.erase(line.begin());
        line_width = 0;
        for (const Glyph& g : line) line_width += g.w;
    };
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t begin = i;
        const char32_t c = next_code_point(text, i);
        if (c == U'\n') {
            emit(line.size());
            continue;
        }
        if (c == U'\r') continue;
        const float w = advance(font, size, c);
        line.push_back({begin, i, c, w});
        line_width += w;
        if (line_width <= width || line.size() == 1) continue;
        // Find a break before the glyph that overflowed: the last allowed position.
        std::size_t cut = line.size() - 1;
        while (cut > 0) {
            const char32_t before = line[cut - 1].c, after = line[cut].c;
            const bool inside_word = latin(before) && latin(after) && !(before == U'-');
            if (!inside_word && !closing(after) && !opening(before)) break;
            --cut;
        }
        if (cut == 0) cut = line.size() - 1;  // one long word: break it anywhere
        emit(cut);
    }
    if (!line.empty()) emit(line.size());
    return lines;
}

std::string truncate_to(const ImFont* font, float size, std::string_view text, float width) {
    const float full = font->CalcTextSizeA(size, 1e9f, 0, text.data(), text.data() + text.size()).x;
    if (full <= width) return std::string(text);
    const float ellipsis = advance(font, size, U'…');
    float used = 0;
    std::size_t end = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t begin = i;
        const float w = advance(font, size, next_code_point(text, i));
        if (used + w + ellipsis > width) break;
        used += w;
        end = i;
        (void)begin;
    }
    return std::string(text.substr(0, end)) + "…";
}

}  // namespace wenyuan::kiosk
