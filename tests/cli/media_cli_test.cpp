// `wenyuan import` of recordings with sidecars, `wenyuan segment add|list|remove` and the moment
// in `wenyuan search --json`, run as a user would.
#include "cli_helpers.hpp"
#include "../importers/media_clips.hpp"

namespace wenyuan {
namespace {

TEST(MediaCli, ImportSegmentsAndSearchWithTimecode) {
    test::TempDir dir;
    const std::string archive = (dir / "museum").string();
    ASSERT_EQ(test::wenyuan({"init", archive}).exit_code, 0);
    test::make_clip(dir / "in/皮影戏.mp4", 2);
    test::write_file(dir / "in/皮影戏.zh.srt", "1\n00:00:01,250 --> 00:00:02,000\n老艺人挑起皮影\n");
    const auto imported = test::wenyuan_json({"import", archive, (dir / "in").string()});
    ASSERT_EQ(imported["imported"], 1);
    const std::int64_t id = imported["items"][0];
    const std::string item = std::to_string(id);

    auto added = test::wenyuan_json({"segment", "add", archive, item, "0:00.5", "1:50", "挑皮影", "--description", "第一步"});
    EXPECT_EQ(added["title"], "挑皮影");
    EXPECT_EQ(added["start"], 0.5);
    EXPECT_EQ(added["end_timecode"], "1:50");
    const std::string segment = std::to_string(added["id"].get<std::int64_t>());
    auto listed = test::wenyuan_json({"segment", "list", archive, item});
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["description"], "第一步");
    EXPECT_EQ(listed[0]["source"], "manual");

    auto hits = test::wenyuan_json({"search", archive, "老艺人"});
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0]["moment"]["kind"], "caption");
    EXPECT_EQ(hits[0]["moment"]["start"], 1.25);
    EXPECT_EQ(hits[0]["moment"]["timecode"], "0:01.25");
    EXPECT_EQ(hits[0]["moment"]["lang"], "zh");
    const auto plain = test::wenyuan({"search", archive, "挑皮影"});
    EXPECT_NE(plain.out.find("at 0:00.5  挑皮影"), std::string::npos) << plain.out;

    // Bad times and unknown segments: one line, exit 1 or 2, nothing changes.
    const auto reversed = test::wenyuan({"segment", "add", archive, item, "2:00", "1:00", "倒了"});
    EXPECT_EQ(reversed.exit_code, 1);
    EXPECT_EQ(reversed.err, "wenyuan: item " + item + ": segment: it ends (1:00) before it starts (2:00)\n");
    const auto garbled = test::wenyuan({"segment", "add", archive, item, "1:7x", "2:00", "坏"});
    EXPECT_EQ(garbled.exit_code, 2);
    EXPECT_NE(garbled.err.find("'1:7x' is not a time"), std::string::npos) << garbled.err;
    EXPECT_EQ(test::wenyuan({"segment", "remove", archive, "999"}).exit_code, 1);
    EXPECT_EQ(test::wenyuan({"segment", "jump", archive, item}).exit_code, 2);

    auto removed = test::wenyuan_json({"segment", "remove", archive, segment});
    EXPECT_EQ(removed["removed"], added["id"]);
    EXPECT_TRUE(test::wenyuan_json({"segment", "list", archive, item}).empty());
    EXPECT_EQ(test::wenyuan({"verify", archive}).exit_code, 0);
}

}  // namespace
}  // namespace wenyuan
