// Usage flowing back: signed station summaries, refused when altered or from an unknown key, and
// merged into a county report.
#include <gtest/gtest.h>

#include "package_fixture.hpp"
#include "wenyuan/usage_exchange.hpp"

namespace wenyuan::test {
namespace {

UsageSummary station_log(const std::filesystem::path& file, int visits, int rating, const std::string& empty_query) {
    std::int64_t now = 1'790'000'000'000;
    UsageOptions options;
    options.now_ms = [&now] { return now += 1000; };
    auto log = UsageLog::open(file, options);
    EXPECT_TRUE(log) << log.error().message;
    for (int v = 0; v < visits; ++v) {
        auto visit = log->begin_visit();
        auto view = log->exhibit_opened(*visit, "cunshiguan", 1 + v % 2);
        EXPECT_TRUE(log->exhibit_closed(*view));
        EXPECT_TRUE(log->searched(*visit, empty_query, 0));
        EXPECT_TRUE(log->searched(*visit, "laozhaopian", 3));
        EXPECT_TRUE(log->rate_visit(*visit, rating));
        EXPECT_TRUE(log->end_visit(*visit));
    }
    auto summary = summarize_usage(*log);
    EXPECT_TRUE(summary) << summary.error().message;
    return *summary;
}

TEST(UsageExchange, SignedSummariesMergeIntoACountyReport) {
    TempDir dir;
    auto county = Archive::create(dir / "county");
    ASSERT_TRUE(county);
    auto east = generate_key(dir / "home", "dongcun");
    auto west = generate_key(dir / "home", "xicun");
    ASSERT_TRUE(east && west);
    ASSERT_TRUE(trust_key(*county, east->public_key, "test"));
    ASSERT_TRUE(trust_key(*county, west->public_key, "test"));

    write_file(dir / "east.json", signed_usage_summary(station_log(dir / "east.db", 3, 5, "taoci"), "东村文化站", *east));
    write_file(dir / "west.json", signed_usage_summary(station_log(dir / "west.db", 1, 2, "taoci"), "西村农家书屋", *west));
    const std::string text = read_file(dir / "east.json");
    EXPECT_EQ(text.find("begin_visit"), std::string::npos);

    auto a = read_usage_summary(*county, dir / "east.json");
    ASSERT_TRUE(a) << a.error().message;
    EXPECT_EQ(a->station, "东村文化站");
    EXPECT_EQ(a->summary.visits, 3u);
    auto b = read_usage_summary(*county, dir / "west.json");
    ASSERT_TRUE(b) << b.error().message;

    const UsageMerge merged = merge_usage({*a, *b});
    ASSERT_EQ(merged.stations.size(), 2u);
    EXPECT_EQ(merged.visits, 4u);
    EXPECT_EQ(merged.ratings, 4u);
    ASSERT_TRUE(merged.average_rating);
    EXPECT_DOUBLE_EQ(*merged.average_rating, (3 * 5 + 2) / 4.0);
    ASSERT_EQ(merged.empty_searches.size(), 1u);
    EXPECT_EQ(merged.empty_searches[0].query, "taoci");
    EXPECT_EQ(merged.empty_searches[0].times, 4u);
    EXPECT_EQ(merged.stations_with_visits, 2u);

    // Altered after signing: refused, naming the file.
    std::string altered = text;
    const auto at = altered.find("\\\"visits\\\":3");
    ASSERT_NE(at, std::string::npos) << text;
    altered.replace(at, 12, "\\\"visits\\\":9");
    write_file(dir / "altered.json", altered);
    auto refused = read_usage_summary(*county, dir / "altered.json");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("altered.json: the signature does not match"), std::string::npos)
        << refused.error().message;

    // From a station the county does not know.
    auto stranger = generate_key(dir / "home", "stranger");
    ASSERT_TRUE(stranger);
    write_file(dir / "stranger.json", signed_usage_summary(station_log(dir / "s.db", 1, 1, "x"), "?", *stranger));
    auto unknown = read_usage_summary(*county, dir / "stranger.json");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, Errc::invalid_argument);
}

}  // namespace
}  // namespace wenyuan::test
