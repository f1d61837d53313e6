// Segments and caption cues: round trips through a reopened catalog, validation that changes
// nothing, search hits that carry their timecode, and verify's index check.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/search.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan {
namespace {

// An item with an original and a caption asset, stored for real.
std::int64_t add_recording(Archive& archive, const TimedRecords& timed) {
    auto video = archive.store().put_bytes("not really a video, but bytes in the store");
    auto captions = archive.store().put_bytes("WEBVTT\n\n00:01.000 --> 00:04.000\n这段唱腔叫二黄慢板\n");
    EXPECT_TRUE(video && captions);
    Item item;
    item.title = "京剧《空城计》选段";
    item.type = "ich";
    item.access = Access::public_access;
    std::vector<AssetDraft> assets = {
        {"original", video->sha256, video->size, "video/mp4", "kongcheng.mp4", "", "{}", {}, std::nullopt},
        {"captions", captions->sha256, captions->size, "text/vtt", "kongcheng.zh.vtt", "zh", "{}", {}, std::size_t{0}},
    };
    auto id = add_item_with_timed(archive, item, assets, {}, timed, "test");
    EXPECT_TRUE(id) << id.error().message;
    return id.value_or(0);
}

TimedRecords sample_timed() {
    TimedRecords timed;
    timed.segments = {{95.5, 310, "第二场 诸葛亮唱段", "我本是卧龙岗散淡的人", "chapter"},
                      {0, 95.5, "开场锣鼓", "", "csv"}};
    timed.cues = {{1, 1.0, 4.0, "这段唱腔叫二黄慢板"}, {1, 4.0, 8.25, "司马懿兵临城下"}, {1, 8.25, 12, "Zhuge Liang plays the zither"}};
    return timed;
}

TEST(Segments, RoundTripSurvivesReopen) {
    test::TempDir dir;
    std::int64_t id = 0;
    {
        auto archive = Archive::create(dir / "a");
        ASSERT_TRUE(archive);
        id = add_recording(*archive, sample_timed());
        auto added = add_segment(*archive, id, {42.25, 60, "空城计 · 城楼", "", "manual"}, "test");
        ASSERT_TRUE(added) << added.error().message;
    }
    auto archive = Archive::open(dir / "a");
    ASSERT_TRUE(archive);
    auto segments = list_segments(*archive, id);
    ASSERT_TRUE(segments);
    ASSERT_EQ(segments->size(), 3u);
    EXPECT_EQ((*segments)[0].title, "开场锣鼓");  // by start time
    EXPECT_EQ((*segments)[0].source, "csv");
    EXPECT_DOUBLE_EQ((*segments)[1].start, 42.25);
    EXPECT_EQ((*segments)[2].description, "我本是卧龙岗散淡的人");
    EXPECT_DOUBLE_EQ((*segments)[2].start, 95.5);
    EXPECT_DOUBLE_EQ((*segments)[2].end, 310);
    auto cues = list_cues(*archive, id);
    ASSERT_TRUE(cues);
    ASSERT_EQ(cues->size(), 3u);
    EXPECT_EQ((*cues)[1].text, "司马懿兵临城下");
    EXPECT_EQ((*cues)[1].lang, "zh");
    EXPECT_DOUBLE_EQ((*cues)[1].end, 8.25);

    ASSERT_TRUE(remove_segment(*archive, (*segments)[1].id, "test"));
    EXPECT_EQ(list_segments(*archive, id)->size(), 2u);
    auto again = remove_segment(*archive, (*segments)[1].id, "test");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, Errc::not_found);
    auto events = archive->events(0, id);
    ASSERT_TRUE(events);
    EXPECT_NE((*events)[0].detail.find("removed: 0:42.25–1:00 空城计 · 城楼"), std::string::npos) << (*events)[0].detail;
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
}

TEST(Segments, BadSegmentsChangeNothing) {
    test::TempDir dir;
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);
    const std::int64_t id = add_recording(*archive, {});
    auto reversed = add_segment(*archive, id, {20, 10, "倒了", "", "manual"}, "test");
    ASSERT_FALSE(reversed);
    EXPECT_EQ(reversed.error().message, "item 1: segment: it ends (0:10) before it starts (0:20)");
    EXPECT_FALSE(add_segment(*archive, id, {-1, 10, "负数", "", "manual"}, "test"));
    EXPECT_FALSE(add_segment(*archive, id, {1, 10, "", "", "manual"}, "test"));
    auto missing = add_segment(*archive, 99, {1, 10, "无此条目", "", "manual"}, "test");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::not_found);
    EXPECT_TRUE(list_segments(*archive, id)->empty());
    // A bad segment among a new item's records: no item at all.
    TimedRecords bad;
    bad.segments = {{5, 1, "倒了", "", "csv"}};
    auto none = add_item_with_timed(*archive, Item{.title = "x"}, {}, {}, bad, "test");
    ASSERT_FALSE(none);
    EXPECT_EQ(*archive->count_items(), 1u);
}

TEST(Segments, AnOriginalArchivedAlreadyIsNotAddedAgain) {
    test::TempDir dir;
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);
    const std::int64_t first = add_recording(*archive, sample_timed());
    auto original = [&](std::string_view bytes, const std::string& name) {
        auto stored = archive->store().put_bytes(bytes);
        EXPECT_TRUE(stored);
        return std::vector<AssetDraft>{{"original", stored->sha256, stored->size, "text/plain", name, "", "{}", {}, std::nullopt}};
    };
    const auto same = original("not really a video, but bytes in the store", "copy.mp4");
    auto again = add_item_unless_archived(*archive, Item{.title = "copy"}, same, {}, {}, "test");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_FALSE(*again);
    EXPECT_EQ(*archive->count_items(), 1u);

    auto added = add_item_unless_archived(*archive, Item{.title = "other"}, original("other bytes", "other.txt"), {}, {}, "test");
    ASSERT_TRUE(added) << added.error().message;
    ASSERT_TRUE(*added);
    EXPECT_EQ(archive->item(**added)->title, "other");

    // A deleted item's original may be archived again.
    ASSERT_TRUE(archive->delete_item(first, "a duplicate", "test"));
    auto readded = add_item_unless_archived(*archive, Item{.title = "copy"}, same, {}, {}, "test");
    ASSERT_TRUE(readded) << readded.error().message;
    EXPECT_TRUE(*readded);

    auto no_original = add_item_unless_archived(*archive, Item{.title = "x"}, {}, {}, {}, "test");
    ASSERT_FALSE(no_original);
    EXPECT_EQ(no_original.error().code, Errc::invalid_argument);
    EXPECT_EQ(*archive->count_items(), 2u);
}

TEST(Segments, SearchFindsCaptionLineWithTimecode) {
    test::TempDir dir;
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);
    const std::int64_t id = add_recording(*archive, sample_timed());
    auto results = search_items(*archive, "司马懿");
    ASSERT_TRUE(results);
    ASSERT_EQ(results->hits.size(), 1u);
    const SearchHit& hit = results->hits[0];
    EXPECT_EQ(hit.id, id);
    ASSERT_TRUE(hit.moment);
    EXPECT_EQ(hit.moment->kind, "caption");
    EXPECT_DOUBLE_EQ(hit.moment->start_seconds, 4.0);
    EXPECT_DOUBLE_EQ(hit.moment->end_seconds, 8.25);
    EXPECT_EQ(hit.moment->text, "司马懿兵临城下");
    EXPECT_EQ(hit.moment->lang, "zh");
    EXPECT_NE(hit.snippet.find("[司马懿]"), std::string::npos) << hit.snippet;

    // A segment (traditional characters fold to simplified), its description, English words.
    auto aria = search_items(*archive, "諸葛亮");
    ASSERT_TRUE(aria);
    ASSERT_EQ(aria->hits.size(), 1u);
    ASSERT_TRUE(aria->hits[0].moment);
    EXPECT_EQ(aria->hits[0].moment->kind, "segment");
    EXPECT_EQ(aria->hits[0].moment->text, "第二场 诸葛亮唱段");
    EXPECT_DOUBLE_EQ(aria->hits[0].moment->start_seconds, 95.5);
    auto dragon = search_items(*archive, "卧龙岗");
    ASSERT_TRUE(dragon && dragon->hits.size() == 1 && dragon->hits[0].moment);
    EXPECT_EQ(dragon->hits[0].moment->text, "第二场 诸葛亮唱段");
    auto zither = search_items(*archive, "zither");
    ASSERT_TRUE(zither && zither->hits.size() == 1 && zither->hits[0].moment);
    EXPECT_DOUBLE_EQ(zither->hits[0].moment->start_seconds, 8.25);

    // A word only in the title: a hit without a moment.
    auto title = search_items(*archive, "空城计");
    ASSERT_TRUE(title && title->hits.size() == 1);
    EXPECT_FALSE(title->hits[0].moment);

    // Segments added later are searchable at once; removed ones are gone from the index.
    auto added = add_segment(*archive, id, {400, 420, "谢幕", "演员谢幕", "manual"}, "test");
    ASSERT_TRUE(added);
    auto bow = search_items(*archive, "谢幕");
    ASSERT_TRUE(bow && bow->hits.size() == 1 && bow->hits[0].moment);
    EXPECT_EQ(bow->hits[0].moment->segment_id, *added);
    ASSERT_TRUE(remove_segment(*archive, *added, "test"));
    EXPECT_TRUE(search_items(*archive, "谢幕")->hits.empty());
    // Edits keep the timed text in the index.
    ASSERT_TRUE(archive->edit_item(id, {{"title", "空城计"}}, "test"));
    EXPECT_EQ(search_items(*archive, "司马懿")->hits.size(), 1u);
    auto report = archive->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].problem);
}

TEST(Segments, Timecodes) {
    EXPECT_EQ(format_timecode(0), "0:00");
    EXPECT_EQ(format_timecode(65.5), "1:05.5");
    EXPECT_EQ(format_timecode(3723.25), "1:02:03.25");
    EXPECT_DOUBLE_EQ(*parse_timecode("1:02:03.5"), 3723.5);
    EXPECT_DOUBLE_EQ(*parse_timecode("02:03"), 123);
    EXPECT_DOUBLE_EQ(*parse_timecode("123.25"), 123.25);
    EXPECT_DOUBLE_EQ(*parse_timecode("00:01:02,500"), 62.5);
    for (const char* bad : {"", "1:60", "a", "1::2", "1:2:3:4", "-5", "1.5:10", "1e5"}) {
        EXPECT_FALSE(parse_timecode(bad)) << bad;
    }
}

}  // namespace
}  // namespace wenyuan
