#include "kiosk/timed_text.hpp"

#include <algorithm>
#include <cmath>

namespace wenyuan::kiosk {

void TimedTrack::set(std::vector<TimedText> entries) {
    std::erase_if(entries, [](const TimedText& e) {
        return !std::isfinite(e.start) || !std::isfinite(e.end) || e.end < e.start;
    });
    std::stable_sort(entries.begin(), entries.end(),
                     [](const TimedText& a, const TimedText& b) { return a.start < b.start; });
    entries_ = std::move(entries);
}

std::optional<std::size_t> TimedTrack::index_at(double t) const {
    // Entries starting at or before t, latest first; cues are short, so look back a few.
    auto it = std::upper_bound(entries_.begin(), entries_.end(), t,
                               [](double value, const TimedText& e) { return value < e.start; });
    for (int look = 0; it != entries_.begin() && look < 16; ++look) {
        --it;
        if (t >= it->start && t < it->end) return static_cast<std::size_t>(it - entries_.begin());
    }
    return std::nullopt;
}

std::string_view TimedTrack::text_at(double t) const {
    const auto index = index_at(t);
    return index ? std::string_view(entries_[*index].text) : std::string_view();
}

std::optional<std::size_t> TimedTrack::chapter_at(double t) const {
    auto it = std::upper_bound(entries_.begin(), entries_.end(), t,
                               [](double value, const TimedText& e) { return value < e.start; });
    if (it == entries_.begin()) return std::nullopt;
    return static_cast<std::size_t>(it - entries_.begin() - 1);
}

}  // namespace wenyuan::kiosk
