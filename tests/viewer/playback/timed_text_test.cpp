// Captions and chapters: what is shown when.
#include <gtest/gtest.h>

#include <cmath>

#include "kiosk/catalog_timed_text.hpp"
#include "kiosk/timed_text.hpp"

namespace wenyuan::kiosk {
namespace {

TEST(TimedTrack, CaptionAtTime) {
    TimedTrack track({{2.0, 3.5, "第二句"}, {0.5, 1.5, "第一句"}, {4, 5, "第三句"}});
    EXPECT_EQ(track.text_at(0.2), "");
    EXPECT_EQ(track.text_at(0.5), "第一句");
    EXPECT_EQ(track.text_at(1.49), "第一句");
    EXPECT_EQ(track.text_at(1.5), "");  // end is exclusive
    EXPECT_EQ(track.text_at(3.0), "第二句");
    EXPECT_EQ(track.text_at(4.99), "第三句");
    EXPECT_EQ(track.text_at(9), "");
}

TEST(TimedTrack, OverlapsAndBadEntries) {
    TimedTrack track({{0, 10, "长"}, {2, 3, "短"}, {5, 4, "倒"}, {NAN, 1, "坏"}});
    EXPECT_EQ(track.entries().size(), 2u);
    EXPECT_EQ(track.text_at(2.5), "短");
    EXPECT_EQ(track.text_at(3.5), "长");
}

TEST(TimedTrack, ChaptersCoverUntilTheNext) {
    TimedTrack chapters({{0, 1, "开场"}, {10, 11, "游园"}, {30, 31, "惊梦"}});
    EXPECT_EQ(chapters.chapter_at(5), 0u);
    EXPECT_EQ(chapters.chapter_at(10), 1u);
    EXPECT_EQ(chapters.chapter_at(100), 2u);
    TimedTrack late({{3, 4, "a"}});
    EXPECT_FALSE(late.chapter_at(1).has_value());
}

TEST(TimedTrack, FromCatalogRecords) {
    std::vector<Cue> cues = {{1, 9, 5, "zh", 0.0, 1.0, "游园"}, {2, 9, 6, "en", 0.0, 1.0, "The garden"},
                             {3, 9, 5, "zh", 1.0, 2.0, "惊梦"}};
    auto zh = captions_from_cues(cues, "zh");
    ASSERT_EQ(zh.size(), 2u);
    EXPECT_EQ(zh[1].text, "惊梦");
    auto en = captions_from_cues(cues, "en");
    ASSERT_EQ(en.size(), 1u);
    EXPECT_EQ(en[0].text, "The garden");
    EXPECT_EQ(captions_from_cues(cues, "fr").size(), 2u);  // no French: the first asset's
    EXPECT_EQ(captions_from_cues(cues).size(), 2u);
    Segment late, early;
    late.start = 30, late.end = 40, late.title = "惊梦";
    early.start = 0, early.end = 30, early.title = "游园";
    auto chapters = chapters_from_segments({late, early});
    ASSERT_EQ(chapters.size(), 2u);
    EXPECT_EQ(chapters[0].text, "游园");
    EXPECT_EQ(TimedTrack(chapters).chapter_at(35), 1u);
}

}  // namespace
}  // namespace wenyuan::kiosk
