// Every string the kiosk's own interface shows, in Chinese and English.
#pragma once

#include <string>
#include <vector>

namespace wenyuan::kiosk {

enum class Text {
    search, back, home, start_tour, previous, next, large_text, elder_mode, language,
    touch_to_begin, touch_to_begin_en, rating_question, skip, thank_you, type_pinyin, popular,
    found, no_all_words, clear, del, space, tour, stop_of, end_tour, read_aloud, stop_reading,
    period, place, material, date, unavailable, admin_pin, exit, cancel, wrong_pin, model_3d,
    video, audio, loading, exhibits_count, halls, zoom_in, zoom_out, reset, play, pause, no_media,
    count_
};

/// The string in the chosen language. Format strings use printf's %d / %s.
const char* tr(Text text, bool english);

/// Both languages of every string: for the font's glyph ranges.
std::vector<std::string> all_ui_strings();

}  // namespace wenyuan::kiosk
