// Tours that move on with their narration, driven frame by frame as the tour screen drives them:
// the narration plays, ends, a pause, the next stop; the visitor's ‹ › and touches; the end of the
// tour with the rating prompt. No window: TourPacer and Navigator are pure logic.
#include <gtest/gtest.h>

#include <vector>

#include "app/tour_pacer.hpp"

namespace wenyuan::kiosk {
namespace {

constexpr double kFrame = 1.0 / 60;

ExhibitionView three_stops() {
    ExhibitionView e;
    for (std::size_t exhibit : {4u, 9u, 2u}) e.tour.push_back({exhibit, "讲解", {}, {}});
    return e;
}

/// The tour screen's loop: each frame shows the current stop (starting its narration, which
/// lasts `narration_seconds[stop]`; 0 = none), ticks the pacer and moves on when it says so.
struct TourRun {
    Navigator nav;
    TourPacer pacer;
    ExhibitionView exhibition = three_stops();
    std::vector<double> narration_seconds;
    double narration_left = 0;

    void frame() {
        nav.tick(kFrame);
        if (nav.here().screen != Screen::tour) {
            pacer.reset();
            return;
        }
        const int stop = nav.here().position;
        if (pacer.show(0, stop)) narration_left = narration_seconds[std::size_t(stop)];
        narration_left -= kFrame;
        if (pacer.tick(narration_left > 0, kFrame)) next_tour_stop(nav, exhibition, stop);
    }
    void run(double seconds) {
        for (double t = 0; t < seconds; t += kFrame) frame();
    }
};

TEST(TourPacer, ATourMovesOnWithItsNarrationAndEndsWithTheRating) {
    TourRun tour;
    tour.narration_seconds = {4, 6, 2};
    tour.nav.open_exhibition(0);
    tour.nav.start_tour(0, 4);
    tour.run(4 + 2.9);  // narration, then most of the pause
    EXPECT_EQ(tour.nav.here().position, 0);
    EXPECT_EQ(tour.pacer.phase(), TourPacer::Phase::pausing);
    tour.run(0.2);
    EXPECT_EQ(tour.nav.here().position, 1);
    EXPECT_EQ(tour.nav.here().exhibit, 9);
    tour.run(6 + 3.1);
    EXPECT_EQ(tour.nav.here().exhibit, 2);
    EXPECT_FALSE(tour.nav.rating_visible());
    tour.run(2 + 3.1);
    EXPECT_EQ(tour.nav.here().screen, Screen::exhibition);  // the end: back where it began
    EXPECT_TRUE(tour.nav.rating_visible());
    std::size_t finished = 0;
    for (const VisitEvent& e : tour.nav.take_events()) finished += e.kind == VisitEvent::Kind::tour_finished;
    EXPECT_EQ(finished, 1u);
}

TEST(TourPacer, TheVisitorKeepsControl) {
    TourRun tour;
    tour.narration_seconds = {4, 4, 4};
    tour.nav.start_tour(0, 4);
    tour.run(1);
    next_tour_stop(tour.nav, tour.exhibition, 0);  // 下一站 during the narration
    tour.run(1);
    EXPECT_EQ(tour.nav.here().position, 1);
    EXPECT_EQ(tour.pacer.phase(), TourPacer::Phase::narrating);  // stop 1's narration started afresh
    previous_tour_stop(tour.nav, tour.exhibition, 1);             // 上一站
    tour.run(4 + 2);
    EXPECT_EQ(tour.nav.here().position, 0);
    tour.pacer.touched();  // a touch during the pause starts it again
    tour.run(2.5);
    EXPECT_EQ(tour.nav.here().position, 0);
    tour.run(1);
    EXPECT_EQ(tour.nav.here().position, 1);
    tour.nav.back();  // 返回 stops the tour: no rating
    tour.run(10);
    EXPECT_EQ(tour.nav.here().screen, Screen::home);
    EXPECT_FALSE(tour.nav.rating_visible());
    EXPECT_EQ(tour.pacer.phase(), TourPacer::Phase::manual);
}

TEST(TourPacer, AStopWithoutNarrationWaitsForTheVisitor) {
    TourRun tour;
    tour.narration_seconds = {0, 3, 3};
    tour.nav.start_tour(0, 4);
    tour.run(60);
    EXPECT_EQ(tour.nav.here().position, 0);
    EXPECT_EQ(tour.pacer.phase(), TourPacer::Phase::manual);
    EXPECT_DOUBLE_EQ(tour.pacer.remaining(), 0.0);
    next_tour_stop(tour.nav, tour.exhibition, 0);
    tour.run(3 + 3.1);
    EXPECT_EQ(tour.nav.here().position, 2);
}

TEST(TourPacer, ReturningToTheSameStopStartsItsNarrationAgain) {
    TourPacer pacer;
    EXPECT_TRUE(pacer.show(1, 0));
    EXPECT_FALSE(pacer.show(1, 0));
    EXPECT_TRUE(pacer.show(1, 1));
    EXPECT_TRUE(pacer.show(2, 1));  // another exhibition's tour
    pacer.reset();
    EXPECT_TRUE(pacer.show(2, 1));
    EXPECT_FALSE(pacer.tick(true, 1));
    EXPECT_FALSE(pacer.tick(false, 1));  // the narration ended: the pause begins
    EXPECT_FALSE(pacer.tick(false, 1));
    EXPECT_NEAR(pacer.remaining(), 2.0, 1e-9);
    EXPECT_FALSE(pacer.tick(true, 0.1));  // replayed: narrating again, no pause
    EXPECT_EQ(pacer.phase(), TourPacer::Phase::narrating);
}

}  // namespace
}  // namespace wenyuan::kiosk
