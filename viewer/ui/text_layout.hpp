// Line breaking for Chinese and mixed text: break between any two Han characters, at spaces in
// Latin text, never before closing punctuation (，。、！？）」》) and never after opening
// punctuation. Titles that do not fit truncate with "…". Pure (measures with an ImFont).
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace wenyuan::kiosk {

/// Splits `text` into lines no wider than `width` at `size` px (explicit newlines are kept).
std::vector<std::string> wrap_lines(const ImFont* font, float size, std::string_view text, float width);

/// `text` shortened with "…" to fit `width`, or unchanged when it fits.
std::string truncate_to(const ImFont* font, float size, std::string_view text, float width);

}  // namespace wenyuan::kiosk
