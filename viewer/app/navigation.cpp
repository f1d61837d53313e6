#include "app/navigation.hpp"

namespace wenyuan::kiosk {

Navigator::Navigator(Timing timing, bool start_in_attract) : timing_(timing) {
    stack_.push_back({start_in_attract ? Screen::attract : Screen::home});
}

void Navigator::leave_current() {
    const Location& current = here();
    if ((current.screen == Screen::exhibit || current.screen == Screen::tour) && current.exhibit >= 0)
        events_.push_back({VisitEvent::Kind::exhibit_viewed, current.exhibit, dwell_});
    dwell_ = 0;
}

void Navigator::opened() {
    const Location& current = here();
    if ((current.screen == Screen::exhibit || current.screen == Screen::tour) && current.exhibit >= 0)
        events_.push_back({VisitEvent::Kind::exhibit_opened, current.exhibit, 0, {}, 0, current.exhibition});
}

void Navigator::push(Location location) {
    leave_current();
    stack_.push_back(location);
    opened();
}

void Navigator::open_exhibition(int exhibition) { push({Screen::exhibition, exhibition, 0, -1}); }

void Navigator::open_exhibit(int exhibition, int position, long exhibit) {
    push({Screen::exhibit, exhibition, position, exhibit});
}

void Navigator::step_exhibit(int position, long exhibit) {
    leave_current();
    stack_.back().position = position;
    stack_.back().exhibit = exhibit;
    opened();
}

void Navigator::open_search() {
    if (here().screen == Screen::search) return;
    push({Screen::search});
}

void Navigator::start_tour(int exhibition, long first_exhibit) {
    events_.push_back({VisitEvent::Kind::tour_started, -1, 0, {}, 0, exhibition});
    push({Screen::tour, exhibition, 0, first_exhibit});
}

void Navigator::tour_step(int stop, long exhibit) {
    if (exhibit < 0) {
        const int exhibition = here().exhibition;
        back();
        events_.push_back({VisitEvent::Kind::tour_finished, -1, 0, {}, 0, exhibition});
        show_rating();
        return;
    }
    leave_current();
    stack_.back().position = stop;
    stack_.back().exhibit = exhibit;
    opened();
}

void Navigator::back() {
    if (stack_.size() <= 1) return;
    leave_current();
    stack_.pop_back();
    opened();
}

void Navigator::home() {
    leave_current();
    stack_.resize(1);
    stack_.front() = {Screen::home};
    if (visit_ >= timing_.rating_after_visit) show_rating();
}

void Navigator::show_rating() {
    if (rated_) return;
    rating_visible_ = true;
    rating_age_ = 0;
}

void Navigator::rate(int stars) {
    if (stars >= 1 && stars <= 5) events_.push_back({VisitEvent::Kind::rating, -1, 0, {}, 0, -1, stars});
    rating_visible_ = false;
    rated_ = true;
}

void Navigator::touched() {
    idle_ = 0;
    if (here().screen == Screen::attract) {
        stack_.front() = {Screen::home};
        visit_ = 0;
        rated_ = false;
    }
    if (!visiting_) {
        visiting_ = true;
        events_.push_back({VisitEvent::Kind::visit_started});
    }
}

void Navigator::tick(double seconds) {
    idle_ += seconds;
    if (here().screen == Screen::attract) return;
    visit_ += seconds;
    dwell_ += seconds;
    if (rating_visible_) {
        rating_age_ += seconds;
        if (rating_age_ >= timing_.rating_seconds) rating_visible_ = false;
    }
    if (idle_ >= timing_.idle_seconds) {
        leave_current();
        stack_.resize(1);
        stack_.front() = {Screen::attract};
        rating_visible_ = false;
        if (visiting_) events_.push_back({VisitEvent::Kind::visit_ended, -1, visit_});
        visiting_ = false;
        visit_ = 0;
    }
}

void Navigator::record_search(std::string query, std::size_t results) {
    events_.push_back({VisitEvent::Kind::search, -1, 0, std::move(query), results});
}

std::vector<VisitEvent> Navigator::take_events() {
    std::vector<VisitEvent> out;
    out.swap(events_);
    return out;
}

}  // namespace wenyuan::kiosk
