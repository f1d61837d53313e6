// The glyphs the kiosk can show: the UI's strings in both languages and every piece of the
// museum's text. Titles go to the display set too (baked at the large title sizes).
#pragma once

#include "app/content.hpp"
#include "ui/glyphs.hpp"

namespace wenyuan::kiosk {

/// `text`: everything the museum shows; `body`: that and the titles of every public item (search
/// results); `display`: titles, for the large sizes.
void collect_glyphs(const Museum& museum, GlyphSet& text, GlyphSet& body, GlyphSet& display);
/// Adds an exhibit's text (a page opened from search); true when a code point was new.
bool add_exhibit_glyphs(const ExhibitView& exhibit, GlyphSet& text, GlyphSet& body, GlyphSet& display);

}  // namespace wenyuan::kiosk
