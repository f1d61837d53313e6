// The kiosk's behaviour over time, without a window: idle → attract loop, touches, the rating
// prompt and its timeout, tours, and the visit events for the usage log.
#include <gtest/gtest.h>

#include "app/navigation.hpp"

namespace wenyuan::kiosk {
namespace {

std::size_t count(const std::vector<VisitEvent>& events, VisitEvent::Kind kind) {
    std::size_t n = 0;
    for (const auto& e : events) n += e.kind == kind;
    return n;
}

TEST(Navigator, IdleReturnsToTheAttractLoopAndATouchLeavesIt) {
    Navigator nav(Timing{90, 10, 120});
    nav.open_exhibition(0);
    nav.open_exhibit(0, 1, 7);
    nav.tick(60);
    EXPECT_EQ(nav.here().screen, Screen::exhibit);
    nav.touched();
    nav.tick(89);
    EXPECT_EQ(nav.here().screen, Screen::exhibit);
    nav.tick(1.5);
    EXPECT_EQ(nav.here().screen, Screen::attract);
    EXPECT_EQ(nav.depth(), 1u);
    const auto events = nav.take_events();
    ASSERT_EQ(count(events, VisitEvent::Kind::exhibit_viewed), 1u);
    EXPECT_EQ(count(events, VisitEvent::Kind::visit_started), 1u);
    EXPECT_EQ(count(events, VisitEvent::Kind::exhibit_opened), 1u);
    for (const auto& e : events) {
        if (e.kind != VisitEvent::Kind::exhibit_viewed) continue;
        EXPECT_EQ(e.exhibit, 7);
        EXPECT_NEAR(e.seconds, 150.5, 1e-6);
    }
    EXPECT_EQ(count(events, VisitEvent::Kind::visit_ended), 1u);
    nav.touched();
    EXPECT_EQ(nav.here().screen, Screen::home);
}

TEST(Navigator, EveryScreenHasAWayBack) {
    Navigator nav;
    nav.open_exhibition(1);
    nav.open_exhibit(1, 0, 3);
    nav.step_exhibit(1, 4);
    EXPECT_EQ(nav.here().exhibit, 4);
    nav.back();
    EXPECT_EQ(nav.here().screen, Screen::exhibition);
    nav.open_search();
    nav.open_search();  // a second tap does not stack another search
    nav.back();
    EXPECT_EQ(nav.here().screen, Screen::exhibition);
    nav.back();
    nav.back();  // home stays home
    EXPECT_EQ(nav.here().screen, Screen::home);
    const auto events = nav.take_events();
    EXPECT_EQ(count(events, VisitEvent::Kind::exhibit_viewed), 2u);  // 3, then 4
}

TEST(Navigator, TheEndOfATourAsksForARatingThatTimesOut) {
    Navigator nav(Timing{90, 10, 120});
    nav.open_exhibition(0);
    nav.start_tour(0, 2);
    nav.tour_step(1, 5);
    nav.tour_step(2, -1);
    EXPECT_EQ(nav.here().screen, Screen::exhibition);
    EXPECT_TRUE(nav.rating_visible());
    nav.tick(9.9);
    EXPECT_TRUE(nav.rating_visible());
    nav.tick(0.2);
    EXPECT_FALSE(nav.rating_visible());
    const auto events = nav.take_events();
    EXPECT_EQ(count(events, VisitEvent::Kind::tour_finished), 1u);
    EXPECT_EQ(count(events, VisitEvent::Kind::rating), 0u);
}

TEST(Navigator, HomeAsksForARatingOnlyAfterTwoMinutesAndOnlyOnce) {
    Navigator nav(Timing{900, 10, 120});
    nav.open_exhibition(0);
    nav.tick(30);
    nav.home();
    EXPECT_FALSE(nav.rating_visible());
    nav.open_exhibition(0);
    nav.tick(100);
    nav.home();
    EXPECT_TRUE(nav.rating_visible());
    nav.rate(4);
    EXPECT_FALSE(nav.rating_visible());
    nav.open_exhibition(0);
    nav.home();
    EXPECT_FALSE(nav.rating_visible());
    const auto events = nav.take_events();
    ASSERT_EQ(count(events, VisitEvent::Kind::rating), 1u);
    for (const auto& e : events)
        if (e.kind == VisitEvent::Kind::rating) {
            EXPECT_EQ(e.rating, 4);
        }
}

TEST(Navigator, SkippingRecordsNoRating) {
    Navigator nav(Timing{900, 10, 1});
    nav.open_exhibition(0);
    nav.tick(2);
    nav.home();
    ASSERT_TRUE(nav.rating_visible());
    nav.rate(0);
    EXPECT_EQ(count(nav.take_events(), VisitEvent::Kind::rating), 0u);
}

TEST(Navigator, StartsInTheAttractLoopWhenAskedAndTimeThereIsNotAVisit) {
    Navigator nav(Timing{5, 10, 120}, true);
    EXPECT_EQ(nav.here().screen, Screen::attract);
    nav.tick(1000);
    EXPECT_EQ(nav.here().screen, Screen::attract);
    EXPECT_TRUE(nav.take_events().empty());
    nav.touched();
    EXPECT_EQ(nav.here().screen, Screen::home);
    EXPECT_EQ(nav.visit_seconds(), 0);
}

TEST(Navigator, SearchesAreRecordedWithTheirCounts) {
    Navigator nav;
    nav.open_search();
    nav.record_search("qt", 3);
    nav.record_search("xyz", 0);
    const auto events = nav.take_events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].query, "qt");
    EXPECT_EQ(events[0].results, 3u);
    EXPECT_EQ(events[1].results, 0u);
}

}  // namespace
}  // namespace wenyuan::kiosk
