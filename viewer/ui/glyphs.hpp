// Glyph ranges built from the text the kiosk can show, so that the font atlas holds the few
// thousand characters in use rather than all of CJK (imgui#1859: a full atlas breaks 2048² GPUs).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::kiosk {

/// A set of code points, filled from UTF-8 text.
class GlyphSet {
public:
    GlyphSet();  ///< starts with printable ASCII and the replacement marks the UI draws
    /// Adds the code points of `text` (invalid UTF-8 bytes are skipped; code points beyond the
    /// Basic Multilingual Plane are left out: ImGui 1.86's ImWchar is 16 bits).
    void add(std::string_view text);
    bool contains(char32_t code_point) const { return points_.count(code_point) != 0; }
    std::size_t size() const noexcept { return points_.size(); }
    /// ImGui's format: pairs of inclusive [first, last] ranges, zero-terminated. Runs of
    /// consecutive code points share one pair.
    std::vector<unsigned short> ranges() const;

private:
    std::set<char32_t> points_;
};

/// Decodes one UTF-8 code point at `i`, advancing it; returns U+FFFD for an invalid sequence.
char32_t next_code_point(std::string_view text, std::size_t& i);

}  // namespace wenyuan::kiosk
