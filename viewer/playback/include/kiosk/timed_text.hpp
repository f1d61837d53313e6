// Captions and chapters of a recording, as the catalog gives them (wenyuan/segments.hpp): the
// app passes them to MediaPlayer (or keeps a TimedText of its own) and asks what is current.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::kiosk {

/// A caption cue or a chapter: seconds from the start of the recording, start ≤ end.
struct TimedText {
    double start = 0;
    double end = 0;
    std::string text;  ///< the cue's text, or the chapter's title
};

/// Cues or chapters sorted by start, answering "what is shown at time t" in O(log n).
/// Overlapping cues are allowed (the latest-starting one that covers t wins). Entries with a
/// non-finite time or end < start are dropped. Thread safety: const members may be called
/// concurrently; set() needs exclusive access.
class TimedTrack {
public:
    TimedTrack() = default;
    explicit TimedTrack(std::vector<TimedText> entries) { set(std::move(entries)); }

    void set(std::vector<TimedText> entries);
    const std::vector<TimedText>& entries() const noexcept { return entries_; }
    bool empty() const noexcept { return entries_.empty(); }

    /// The index of the entry shown at `t` (start ≤ t < end), or nullopt.
    std::optional<std::size_t> index_at(double t) const;
    /// Its text, or "" when nothing is shown at `t`.
    std::string_view text_at(double t) const;
    /// For chapters: the index of the last entry that starts at or before `t` (chapters cover
    /// the time up to the next one even when their `end` is earlier), or nullopt before the first.
    std::optional<std::size_t> chapter_at(double t) const;

private:
    std::vector<TimedText> entries_;
};

}  // namespace wenyuan::kiosk
