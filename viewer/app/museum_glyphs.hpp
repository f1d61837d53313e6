// The glyphs the kiosk can show: the UI's strings in both languages and every piece of the
// museum's text. Titles go to the display set too (baked at the large title sizes).
#pragma once

#include "app/content.hpp"
#include "ui/glyphs.hpp"

namespace wenyuan::kiosk {

void collect_glyphs(const Museum& museum, GlyphSet& text, GlyphSet& display);

}  // namespace wenyuan::kiosk
