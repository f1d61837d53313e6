// From the catalog's records (wenyuan/segments.hpp) to what MediaPlayer shows: caption cues of one
// language and segments as chapters.
#pragma once

#include <string_view>
#include <vector>

#include "kiosk/timed_text.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::kiosk {

/// The cues of one caption asset: those in `lang` ("zh", "en" …); with an empty `lang`, or when no
/// cue has it, those of the first caption asset listed. Pure; thread-safe.
std::vector<TimedText> captions_from_cues(const std::vector<Cue>& cues, std::string_view lang = {});

/// Segments as chapters (their titles), in start order. Pure; thread-safe.
std::vector<TimedText> chapters_from_segments(const std::vector<Segment>& segments);

}  // namespace wenyuan::kiosk
