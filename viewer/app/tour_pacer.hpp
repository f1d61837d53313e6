// Paces a guided tour by its narration: when a stop's narration (the recorded audio, or the
// narration text read aloud) has finished, a short pause, then the next stop. The visitor keeps
// control: ‹ › and 结束导览 work at any time, and touching the screen during the pause restarts
// it. A stop whose narration never starts (none recorded, speech off, a file that fails) waits
// for the visitor. Pure logic: no ImGui, no GL; main thread; tested headless.
#pragma once

namespace wenyuan::kiosk {

struct TourTiming {
    double pause_seconds = 3.0;  ///< after the narration, before the next stop
    double start_seconds = 5.0;  ///< narration that has not started by then: manual pacing
};

class TourPacer {
public:
    enum class Phase { starting, narrating, pausing, manual, advanced };

    TourPacer() = default;
    explicit TourPacer(TourTiming timing) : timing_(timing) {}

    /// The stop on screen this frame. True when it differs from the last one shown (including the
    /// first stop after reset()): the caller starts the stop's narration.
    bool show(int exhibition, int stop);
    /// Once a frame after show(): `narrating` is whether narration is playing (or being
    /// synthesised) now, `seconds` the frame's length. True once, when the tour should move on.
    bool tick(bool narrating, double seconds);
    /// A touch on the tour screen: a running pause starts again.
    void touched();
    /// The tour was left: the next show() starts afresh.
    void reset();

    Phase phase() const noexcept { return phase_; }
    /// Seconds left before moving on, while pausing (for a countdown); 0 otherwise.
    double remaining() const noexcept;

private:
    TourTiming timing_;
    int exhibition_ = -1, stop_ = -1;
    Phase phase_ = Phase::manual;
    double elapsed_ = 0;
};

}  // namespace wenyuan::kiosk

#include "app/content.hpp"
#include "app/navigation.hpp"

namespace wenyuan::kiosk {

/// Moves the tour of `exhibition` on from `stop`: the next stop, or past the last one the end of
/// the tour (back to the exhibition, with the rating prompt). What 下一站 and the pacer both do.
void next_tour_stop(Navigator& nav, const ExhibitionView& exhibition, int stop);
/// Back one stop (nothing on the first).
void previous_tour_stop(Navigator& nav, const ExhibitionView& exhibition, int stop);

}  // namespace wenyuan::kiosk
