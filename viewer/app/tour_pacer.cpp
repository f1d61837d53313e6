#include "app/tour_pacer.hpp"

#include <algorithm>

namespace wenyuan::kiosk {

bool TourPacer::show(int exhibition, int stop) {
    if (exhibition == exhibition_ && stop == stop_) return false;
    exhibition_ = exhibition;
    stop_ = stop;
    phase_ = Phase::starting;
    elapsed_ = 0;
    return true;
}

bool TourPacer::tick(bool narrating, double seconds) {
    elapsed_ += seconds;
    switch (phase_) {
    case Phase::starting:
        if (narrating) phase_ = Phase::narrating, elapsed_ = 0;
        else if (elapsed_ >= timing_.start_seconds) phase_ = Phase::manual;
        return false;
    case Phase::narrating:
        if (!narrating) phase_ = Phase::pausing, elapsed_ = 0;
        return false;
    case Phase::pausing:
        if (narrating) {  // started again (the visitor replayed it)
            phase_ = Phase::narrating, elapsed_ = 0;
            return false;
        }
        if (elapsed_ < timing_.pause_seconds) return false;
        phase_ = Phase::advanced;
        return true;
    case Phase::manual:
    case Phase::advanced: return false;
    }
    return false;
}

void TourPacer::touched() {
    if (phase_ == Phase::pausing) elapsed_ = 0;
}

void TourPacer::reset() {
    exhibition_ = stop_ = -1;
    phase_ = Phase::manual;
    elapsed_ = 0;
}

double TourPacer::remaining() const noexcept {
    return phase_ == Phase::pausing ? std::max(0.0, timing_.pause_seconds - elapsed_) : 0.0;
}

}  // namespace wenyuan::kiosk

namespace wenyuan::kiosk {

void next_tour_stop(Navigator& nav, const ExhibitionView& exhibition, int stop) {
    const std::size_t next = std::size_t(std::max(0, stop + 1));
    nav.tour_step(int(next), next < exhibition.tour.size() ? long(exhibition.tour[next].exhibit) : -1);
}

void previous_tour_stop(Navigator& nav, const ExhibitionView& exhibition, int stop) {
    if (stop <= 0 || std::size_t(stop) > exhibition.tour.size()) return;
    nav.tour_step(stop - 1, long(exhibition.tour[std::size_t(stop - 1)].exhibit));
}

}  // namespace wenyuan::kiosk
