// Where the visitor is, and the kiosk's behaviour over time: the screen stack (every screen has a
// way back), the idle timeout to the attract loop, the rating prompt and its 10-second timeout,
// and the visit events that go to the usage log. Pure logic: no ImGui, no GL; tested headless.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace wenyuan::kiosk {

enum class Screen { attract, home, exhibition, exhibit, search, tour };

struct Location {
    Screen screen = Screen::home;
    int exhibition = -1;  ///< index into Museum::exhibitions, -1 for none
    int position = 0;     ///< exhibit: position in the exhibition's order; tour: stop number
    long exhibit = -1;    ///< exhibit and tour: index into Museum::exhibits
};

/// Something the usage log should hear about.
struct VisitEvent {
    enum class Kind {
        visit_started,   ///< the first touch after the attract loop (or after start-up)
        exhibit_opened,  ///< exhibit, exhibition
        exhibit_viewed,  ///< the exhibit was left: exhibit, seconds (dwell)
        search,          ///< query, results
        tour_started,    ///< exhibition
        tour_finished,   ///< exhibition
        rating,          ///< rating
        visit_ended,     ///< seconds (the visit's length)
    } kind;
    long exhibit = -1;        ///< exhibit_opened, exhibit_viewed
    double seconds = 0;       ///< exhibit_viewed: dwell
    std::string query;        ///< search
    std::size_t results = 0;  ///< search
    int exhibition = -1;      ///< exhibit_opened (-1: from search), tour_started, tour_finished
    int rating = 0;           ///< rating: 1–5
};

struct Timing {
    double idle_seconds = 90;         ///< to the attract loop
    double rating_seconds = 10;       ///< the rating prompt disappears after this
    double rating_after_visit = 120;  ///< home asks for a rating after this much visiting
};

class Navigator {
public:
    explicit Navigator(Timing timing = {}, bool start_in_attract = false);

    const Location& here() const noexcept { return stack_.back(); }
    std::size_t depth() const noexcept { return stack_.size(); }

    void open_exhibition(int exhibition);
    /// `exhibit` is the Museum::exhibits index; `position` its place in the exhibition's order.
    void open_exhibit(int exhibition, int position, long exhibit);
    /// Previous / next within the exhibition: replaces the current exhibit (back still goes up).
    void step_exhibit(int position, long exhibit);
    void open_search();
    void start_tour(int exhibition, long first_exhibit);
    /// Next tour stop, or the end of the tour (`exhibit` < 0): back to the exhibition and a rating.
    void tour_step(int stop, long exhibit);
    /// One level up; from home, nothing.
    void back();
    /// Straight home; asks for a rating when the visit has lasted long enough.
    void home();

    /// A touch anywhere: resets the idle timer; in the attract loop, starts a visit at home.
    void touched();
    /// Advances time: dwell, idle timeout (→ attract loop, with the visit ended) and the rating timeout.
    void tick(double seconds);

    bool rating_visible() const noexcept { return rating_visible_; }
    /// The visitor's answer (1–5), or 0 for "skip".
    void rate(int stars);

    double idle() const noexcept { return idle_; }
    double visit_seconds() const noexcept { return visit_; }

    /// Events since the last call.
    std::vector<VisitEvent> take_events();
    void record_search(std::string query, std::size_t results);

private:
    void leave_current();
    void opened();  ///< records the exhibit now shown, if any
    void push(Location location);
    void show_rating();

    Timing timing_;
    std::vector<Location> stack_;
    std::vector<VisitEvent> events_;
    double idle_ = 0, visit_ = 0, dwell_ = 0, rating_age_ = 0;
    bool rating_visible_ = false, rated_ = false, visiting_ = false;
};

}  // namespace wenyuan::kiosk
