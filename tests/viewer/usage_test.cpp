// A scripted visit through the Navigator, recorded by the kiosk's UsageRecorder into a real
// usage.db, then read back with the library's summary.
#include <gtest/gtest.h>

#include "app/navigation.hpp"
#include "app/usage.hpp"
#include "test_support.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan::kiosk {
namespace {

TEST(KioskUsage, AVisitIsRecordedThroughTheLibrarysUsageLog) {
    test::TempDir dir;
    Museum museum;
    museum.exhibitions.push_back({"cunshiguan", "村史馆", "", "", "", "", {}, "十分钟导览", "", {}});
    for (std::int64_t id : {11, 12, 13}) {
        ExhibitView view;
        view.item_id = id;
        museum.exhibits.push_back(view);
    }
    {
        UsageRecorder usage(dir / "usage.db");
        ASSERT_TRUE(usage.enabled()) << usage.problem();
        Navigator nav(Timing{90, 10, 120}, true);
        nav.touched();  // leaves the attract loop: a visit starts
        nav.open_exhibition(0);
        nav.open_exhibit(0, 0, 0);
        nav.tick(12);
        nav.step_exhibit(1, 1);
        nav.tick(3);
        nav.back();
        nav.start_tour(0, 0);
        nav.tour_step(1, 2);
        nav.tour_step(2, -1);
        nav.rate(5);
        nav.open_search();
        nav.record_search("qt", 2);
        nav.record_search("zzz", 0);
        nav.tick(91);  // idle: the visit ends
        for (const VisitEvent& event : nav.take_events()) usage.record(event, museum);
    }
    auto log = UsageLog::open_read_only(dir / "usage.db");
    ASSERT_TRUE(log) << log.error().message;
    auto summary = summarize_usage(*log);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->visits, 1u);
    EXPECT_EQ(summary->exhibit_opens, 4u);  // 11, 12, then the tour's 11 and 13
    EXPECT_EQ(summary->searches, 2u);
    EXPECT_EQ(summary->tours_started, 1u);
    EXPECT_EQ(summary->tours_finished, 1u);
    ASSERT_FALSE(summary->most_viewed.empty());
    EXPECT_EQ(summary->most_viewed.front().item_id, 11);
    EXPECT_EQ(summary->most_viewed.front().exhibition, "cunshiguan");
}

TEST(KioskUsage, AnUnwritableLogIsReportedAndTheKioskGoesOn) {
    UsageRecorder usage("/proc/no/such/usage.db");
    EXPECT_FALSE(usage.enabled());
    EXPECT_NE(usage.problem().find("usage log"), std::string::npos);
    usage.record({VisitEvent::Kind::visit_started}, Museum{});
    EXPECT_EQ(usage.recorded(), 1u);
}

}  // namespace
}  // namespace wenyuan::kiosk
