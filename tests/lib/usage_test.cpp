// The kiosk's usage log: records survive a reopen (and a process killed mid-visit), reports
// compute what `wenyuan usage report` prints, and nothing personal can be stored.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "sqlite.hpp"
#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan {
namespace {

constexpr std::int64_t kDay1 = 1'763'856'000'000;  // 2025-11-23T00:00:00Z
constexpr std::int64_t kHour = 3'600'000;

struct Clock {
    std::shared_ptr<std::int64_t> ms = std::make_shared<std::int64_t>(kDay1 + 9 * kHour);
    UsageOptions options() const {
        return {[ms = ms] { return *ms; }};
    }
    void advance(std::int64_t delta) { *ms += delta; }
};

TEST(Usage, RecordsSurviveReopenAndSummarise) {
    test::TempDir dir;
    const auto file = dir / "kiosk/usage.db";
    Clock clock;
    {
        auto log = UsageLog::open(file, clock.options());
        ASSERT_TRUE(log) << log.error().message;
        auto visit = log->begin_visit();
        ASSERT_TRUE(visit);
        auto view = log->exhibit_opened(*visit, "cunshiguan", 7);
        ASSERT_TRUE(view);
        clock.advance(30'000);
        ASSERT_TRUE(log->exhibit_closed(*view));
        clock.advance(5'000);
        ASSERT_TRUE(log->exhibit_closed(*view));  // the first dwell time stays
        auto again = log->exhibit_opened(*visit, "cunshiguan", 7);
        clock.advance(10'000);
        ASSERT_TRUE(log->exhibit_closed(*again));
        ASSERT_TRUE(log->exhibit_opened(*visit, "laochang", 9));  // never closed
        ASSERT_TRUE(log->searched(*visit, "cz", 3));
        ASSERT_TRUE(log->searched(*visit, "feiji", 0));
        ASSERT_TRUE(log->searched(*visit, "feiji", 0));
        ASSERT_TRUE(log->searched(*visit, "恐龙", 0));
        auto tour = log->tour_started(*visit, "cunshiguan", "十分钟看村史");
        ASSERT_TRUE(tour);
        ASSERT_TRUE(log->tour_finished(*tour));
        ASSERT_TRUE(log->tour_started(*visit, "laochang", "老厂一圈"));
        ASSERT_TRUE(log->rate_visit(*visit, 5));
        ASSERT_TRUE(log->end_visit(*visit));
        EXPECT_EQ(log->rate_visit(*visit, 6).error().code, Errc::invalid_argument);
        EXPECT_EQ(log->rate_visit(*visit, 0).error().code, Errc::invalid_argument);
        EXPECT_EQ(log->end_visit(999).error().code, Errc::invalid_argument);
        EXPECT_EQ(log->exhibit_closed(999).error().code, Errc::invalid_argument);

        clock.advance(24 * kHour);  // the next day: two visits, one rated 2
        auto second = log->begin_visit();
        ASSERT_TRUE(log->rate_visit(*second, 2));
        auto third = log->begin_visit();
        ASSERT_TRUE(log->exhibit_opened(*third, "laochang", 9));
        ASSERT_TRUE(log->searched(*third, std::string(300, 'a') + "很长", 1));
    }
    auto log = UsageLog::open_read_only(file);
    ASSERT_TRUE(log) << log.error().message;
    EXPECT_EQ(log->begin_visit().error().code, Errc::invalid_argument);
    auto summary = summarize_usage(*log);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->visits, 3u);
    EXPECT_EQ(summary->exhibit_opens, 4u);
    EXPECT_EQ(summary->searches, 5u);
    EXPECT_EQ(summary->tours_started, 2u);
    EXPECT_EQ(summary->tours_finished, 1u);
    EXPECT_DOUBLE_EQ(summary->average_dwell_seconds, 20.0);  // 30 s and 10 s
    ASSERT_EQ(summary->most_viewed.size(), 2u);
    EXPECT_EQ(summary->most_viewed[0].exhibition, "cunshiguan");
    EXPECT_EQ(summary->most_viewed[0].item_id, 7);
    EXPECT_EQ(summary->most_viewed[0].opens, 2u);
    EXPECT_DOUBLE_EQ(summary->most_viewed[0].average_dwell_seconds, 20.0);
    EXPECT_EQ(summary->least_viewed[0].opens, 2u);  // laochang/9 and cunshiguan/7 both twice
    EXPECT_FALSE(summary->coverage);
    ASSERT_EQ(summary->empty_searches.size(), 2u);
    EXPECT_EQ(summary->empty_searches[0].query, "feiji");
    EXPECT_EQ(summary->empty_searches[0].times, 2u);
    EXPECT_EQ(summary->empty_searches[1].query, "恐龙");
    EXPECT_EQ(summary->ratings, 2u);
    ASSERT_TRUE(summary->average_rating);
    EXPECT_DOUBLE_EQ(*summary->average_rating, 3.5);
    EXPECT_EQ(summary->rating_counts[1], 1u);
    EXPECT_EQ(summary->rating_counts[4], 1u);
    ASSERT_EQ(summary->visits_per_day.size(), 2u);
    EXPECT_EQ(summary->visits_per_day[0].date, "2025-11-23");
    EXPECT_EQ(summary->visits_per_day[0].visits, 1u);
    EXPECT_EQ(summary->visits_per_day[1].date, "2025-11-24");
    EXPECT_EQ(summary->visits_per_day[1].visits, 2u);
    EXPECT_EQ(summary->first, "2025-11-23T09:00:00.000Z");
    EXPECT_EQ(summary->last, "2025-11-24T09:00:45.000Z");

    // In China (UTC+8) a visit at 20:00 UTC falls on the next day.
    UsageSummaryOptions china;
    china.utc_offset_minutes = 480;
    EXPECT_EQ(summarize_usage(*log, nullptr, china)->visits_per_day[0].date, "2025-11-23");

    // Queries are cut to 200 bytes on a character boundary.
    auto db = sql::Db::open(file, true, false);
    ASSERT_TRUE(db);
    EXPECT_EQ(*db->scalar("SELECT max(length(CAST(query AS BLOB))) FROM searches"), 200);
}

TEST(Usage, NoColumnCanHoldPersonalData) {
    test::TempDir dir;
    ASSERT_TRUE(UsageLog::open(dir / "usage.db"));
    auto db = sql::Db::open(dir / "usage.db", true, false);
    ASSERT_TRUE(db);
    auto stmt = db->prepare("SELECT m.name || '.' || p.name FROM sqlite_schema m, pragma_table_info(m.name) p "
                            "WHERE m.type = 'table' ORDER BY 1");
    ASSERT_TRUE(stmt);
    std::string columns;
    ASSERT_TRUE(stmt->each([&](const sql::Stmt& row) { columns += row.text(0) + " "; }));
    EXPECT_EQ(columns,
              "searches.at_ms searches.id searches.query searches.results searches.visit_id tours.exhibition tours.finished_ms "
              "tours.id tours.started_ms tours.tour tours.visit_id views.dwell_ms views.exhibition views.id views.item_id "
              "views.opened_ms views.visit_id visits.ended_ms visits.id visits.rating visits.started_ms ");
}

TEST(Usage, RefusesOtherFiles) {
    test::TempDir dir;
    test::write_file(dir / "junk.db", "this is not a database at all, just some text of some length");
    auto junk = UsageLog::open(dir / "junk.db");
    ASSERT_FALSE(junk);
    EXPECT_EQ(junk.error().code, Errc::corrupt);
    EXPECT_EQ(junk.error().message, (dir / "junk.db").string() + ": not a Wenyuan usage log (not an SQLite database, or a damaged one)");
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);
    auto catalog = UsageLog::open(dir / "a/catalog.db");
    ASSERT_FALSE(catalog);
    EXPECT_EQ(catalog.error().code, Errc::corrupt);
    EXPECT_EQ(UsageLog::open_read_only(dir / "none.db").error().code, Errc::not_found);
}

TEST(Usage, KilledKioskLosesNothingCommitted) {
    test::TempDir dir;
    const auto file = dir / "usage.db";
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto log = UsageLog::open(file);
        if (!log) _exit(3);
        auto visit = log->begin_visit();
        for (int i = 0; i < 500; ++i) {
            if (!log->exhibit_opened(*visit, "cunshiguan", 1 + i % 7)) _exit(4);
        }
        _exit(0);  // no destructors: like a crash, the connection is never closed
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0);
    auto log = UsageLog::open(file);
    ASSERT_TRUE(log) << log.error().message;
    auto summary = summarize_usage(*log);
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->visits, 1u);
    EXPECT_EQ(summary->exhibit_opens, 500u);
    EXPECT_EQ(summary->most_viewed.size(), 7u);
}

// Coverage needs the archive: the exhibits kiosks show, and which of them were opened.
TEST(Usage, CoverageAgainstTheArchive) {
    test::TempDir dir;
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);
    std::vector<std::int64_t> ids;
    for (const char* title : {"鼎", "碗", "碑", "车床"}) {
        auto stored = archive->store().put_bytes(std::string(title) + " preview");
        ASSERT_TRUE(stored);
        Item item;
        item.title = title;
        item.type = "relic";
        item.access = Access::public_access;
        auto id = archive->add_item(item, {{"preview", stored->sha256, stored->size, "image/jpeg", "p.jpg", "", "{}", {}, std::nullopt}},
                                    {}, "test");
        ASSERT_TRUE(id);
        ids.push_back(*id);
    }
    Exhibition e;
    e.slug = "cunshiguan";
    e.title = "村史馆";
    e.sections.push_back({"一", "", "", "", {}});
    for (std::int64_t id : ids) e.sections[0].exhibits.push_back({{id, ""}, "", std::nullopt, "", "", "", "", {}});
    ASSERT_TRUE(save_exhibition(*archive, e, "test"));

    auto log = UsageLog::open(dir / "usage.db");
    ASSERT_TRUE(log);
    auto visit = log->begin_visit();
    ASSERT_TRUE(log->exhibit_opened(*visit, "cunshiguan", ids[0]));
    ASSERT_TRUE(log->exhibit_opened(*visit, "cunshiguan", ids[0]));
    ASSERT_TRUE(log->exhibit_opened(*visit, "cunshiguan", ids[2]));
    ASSERT_TRUE(log->exhibit_opened(*visit, "gone", 99));  // an exhibition removed since
    UsageSummaryOptions options;
    options.top = 3;
    auto summary = summarize_usage(*log, &*archive, options);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->kiosk_exhibits, 4u);
    EXPECT_EQ(summary->kiosk_exhibits_opened, 2u);
    ASSERT_TRUE(summary->coverage);
    EXPECT_DOUBLE_EQ(*summary->coverage, 0.5);
    ASSERT_EQ(summary->most_viewed.size(), 3u);
    EXPECT_EQ(summary->most_viewed[0].title, "鼎");
    EXPECT_EQ(summary->most_viewed[0].opens, 2u);
    ASSERT_EQ(summary->least_viewed.size(), 3u);
    EXPECT_EQ(summary->least_viewed[0].title, "碗");
    EXPECT_EQ(summary->least_viewed[0].opens, 0u);
    EXPECT_EQ(summary->least_viewed[1].title, "车床");
    EXPECT_EQ(summary->least_viewed[1].opens, 0u);
}

}  // namespace
}  // namespace wenyuan
