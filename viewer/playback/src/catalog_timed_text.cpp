#include "kiosk/catalog_timed_text.hpp"

#include <algorithm>

namespace wenyuan::kiosk {

std::vector<TimedText> captions_from_cues(const std::vector<Cue>& cues, std::string_view lang) {
    if (cues.empty()) return {};
    const bool has_lang = !lang.empty() && std::any_of(cues.begin(), cues.end(), [&](const Cue& c) { return c.lang == lang; });
    const std::int64_t asset = cues.front().asset_id;
    std::vector<TimedText> out;
    for (const Cue& cue : cues) {
        if (has_lang ? cue.lang == lang : cue.asset_id == asset) out.push_back({cue.start, cue.end, cue.text});
    }
    return out;
}

std::vector<TimedText> chapters_from_segments(const std::vector<Segment>& segments) {
    std::vector<TimedText> out;
    out.reserve(segments.size());
    for (const Segment& segment : segments) out.push_back({segment.start, segment.end, segment.title});
    std::stable_sort(out.begin(), out.end(), [](const TimedText& a, const TimedText& b) { return a.start < b.start; });
    return out;
}

}  // namespace wenyuan::kiosk
