// Caption parsing: WebVTT and SRT with a BOM, CRLF, overlapping cues, markup, bad timecodes
// (warnings naming file and line), and encodings that are refused with a clear error.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "wenyuan/media_sidecars.hpp"

namespace wenyuan {
namespace {

TEST(Captions, WebVttWithBomCrlfAndMarkup) {
    const std::string text =
        "\xEF\xBB\xBFWEBVTT - 皮影戏\r\nKind: captions\r\n\r\nNOTE 这是注释\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\n"
        "intro\r\n00:00:01.000 --> 00:00:03.500 align:start position:10%\r\n<v 艺人>景阳冈上</v> <i>一只虎</i>\r\n第二行 &amp; more\r\n\r\n"
        "01:02.250 --> 01:04.000\r\n<c.yellow>短时间格式</c><00:01:03.000>\r\n";
    auto captions = parse_captions(text, "a.vtt");
    ASSERT_TRUE(captions) << captions.error().message;
    EXPECT_EQ(captions->format, "vtt");
    ASSERT_EQ(captions->cues.size(), 2u);
    EXPECT_DOUBLE_EQ(captions->cues[0].start, 1.0);
    EXPECT_DOUBLE_EQ(captions->cues[0].end, 3.5);
    EXPECT_EQ(captions->cues[0].text, "景阳冈上 一只虎\n第二行 & more");
    EXPECT_EQ(captions->cues[0].line, 10u);
    EXPECT_DOUBLE_EQ(captions->cues[1].start, 62.25);
    EXPECT_EQ(captions->cues[1].text, "短时间格式");
    EXPECT_TRUE(captions->warnings.empty());
}

TEST(Captions, SrtWithOverlapsAndBadTimecodes) {
    const std::string text =
        "1\r\n00:00:00,000 --> 00:00:04,000\r\n{\\an8}甲：开场\r\n\r\n"
        "2\r\n00:00:02,000 --> 00:00:05,000\r\n乙：同时说话\r\n\r\n"
        "3\r\n00:00:0x,000 --> 00:00:06,000\r\n坏的\r\n\r\n"
        "4\r\n00:00:09,000 --> 00:00:07,000\r\n倒着的\r\n\r\n"
        "5\r\n00:61:00,000 --> 00:62:00,000\r\n六十一分\r\n\r\n"
        "6\r\n没有时间\r\n\r\n\r\n"
        "7\r\n00:00:10,5 --> 00:00:11,25\r\n宽松的毫秒\r\n";
    auto captions = parse_captions(text, "clip.zh.srt");
    ASSERT_TRUE(captions) << captions.error().message;
    EXPECT_EQ(captions->format, "srt");
    ASSERT_EQ(captions->cues.size(), 3u);
    EXPECT_EQ(captions->cues[0].text, "甲：开场");
    EXPECT_EQ(captions->cues[1].text, "乙：同时说话");
    EXPECT_EQ(captions->overlapping, 1u);
    EXPECT_DOUBLE_EQ(captions->cues[2].start, 10.5);
    EXPECT_DOUBLE_EQ(captions->cues[2].end, 11.25);
    ASSERT_EQ(captions->warnings.size(), 4u);
    EXPECT_EQ(captions->warnings[0], "clip.zh.srt:10: bad timecode '00:00:0x,000 --> 00:00:06,000'; cue skipped");
    EXPECT_EQ(captions->warnings[1], "clip.zh.srt:14: the cue ends before it starts; cue skipped");
    EXPECT_EQ(captions->warnings[2], "clip.zh.srt:18: bad timecode '00:61:00,000 --> 00:62:00,000'; cue skipped");
    EXPECT_EQ(captions->warnings[3], "clip.zh.srt:22: no timing line ('start --> end'); block skipped");
}

TEST(Captions, LoneCrLineEnds) {
    auto captions = parse_captions("1\r00:00:01,000 --> 00:00:02,000\r旧 Mac 的换行\r", "mac.srt");
    ASSERT_TRUE(captions) << captions.error().message;
    ASSERT_EQ(captions->cues.size(), 1u);
    EXPECT_EQ(captions->cues[0].text, "旧 Mac 的换行");
}

TEST(Captions, RefusedEncodings) {
    auto gbk = parse_captions("1\n00:00:01,000 --> 00:00:02,000\n\xD6\xD0\xCE\xC4\n", "gbk.srt");
    ASSERT_FALSE(gbk);
    EXPECT_EQ(gbk.error().code, Errc::corrupt);
    EXPECT_EQ(gbk.error().message, "gbk.srt:3: not UTF-8 (GBK or another legacy encoding?); save the captions as UTF-8");
    auto utf16 = parse_captions(std::string("\xFF\xFE" "1\0\n\0", 6), "wide.srt");
    ASSERT_FALSE(utf16);
    EXPECT_EQ(utf16.error().message, "wide.srt: the captions are UTF-16; save them as UTF-8");
    auto nul = parse_captions(std::string("WEBVTT\n\n\0", 9), "nul.vtt");
    ASSERT_FALSE(nul);
    auto empty = parse_captions("WEBVTT\n\n", "empty.vtt");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().message, "empty.vtt: no caption cue could be read");
    auto all_bad = parse_captions("1\nxx --> yy\ntext\n", "bad.srt");
    ASSERT_FALSE(all_bad);
    EXPECT_EQ(all_bad.error().message, "bad.srt: no caption cue could be read (bad.srt:2: bad timecode 'xx --> yy'; cue skipped)");
}

TEST(Captions, SidecarNames) {
    std::string lang;
    EXPECT_TRUE(caption_sidecar_lang("clip", "clip.srt", lang));
    EXPECT_EQ(lang, "");
    EXPECT_TRUE(caption_sidecar_lang("clip", "clip.zh.vtt", lang));
    EXPECT_EQ(lang, "zh");
    EXPECT_TRUE(caption_sidecar_lang("clip", "clip.zh_Hant.SRT", lang));
    EXPECT_EQ(lang, "zh-Hant");
    EXPECT_TRUE(caption_sidecar_lang("京剧", "京剧.yue.srt", lang));
    EXPECT_EQ(lang, "yue");
    EXPECT_FALSE(caption_sidecar_lang("clip", "clip2.srt", lang));
    EXPECT_FALSE(caption_sidecar_lang("clip", "clip.notes.txt", lang));
    EXPECT_FALSE(caption_sidecar_lang("clip", "clip.final version.srt", lang));
    EXPECT_FALSE(caption_sidecar_lang("clip", "clip.vtt.bak", lang));
}

TEST(Captions, SidecarsOnDiskAndSegmentsCsv) {
    test::TempDir dir;
    test::write_file(dir / "v.mp4", "x");
    test::write_file(dir / "v.en.srt", "x");
    test::write_file(dir / "v.srt", "x");
    test::write_file(dir / "w.srt", "x");
    const auto sidecars = find_caption_sidecars(dir / "v.mp4");
    ASSERT_EQ(sidecars.size(), 2u);
    EXPECT_EQ(sidecars[0].lang, "en");
    EXPECT_EQ(sidecars[1].lang, "");
    EXPECT_TRUE(find_segments_csv(dir / "v.mp4").empty());
    test::write_file(dir / "v.segments.csv", "\xEF\xBB\xBFstart,end,title,description\r\n0:00,1:30.5,第一折,\"游园, 惊梦\"\r\n"
                                            "2:00,1:00,倒了,\r\n3:00,4:00,,无标题\r\n1:00:00,1:10:00,尾声,\r\n");
    ASSERT_EQ(find_segments_csv(dir / "v.mp4"), dir / "v.segments.csv");
    std::vector<std::string> warnings;
    auto segments = read_segments_csv(dir / "v.segments.csv", "csv", warnings);
    ASSERT_TRUE(segments) << segments.error().message;
    ASSERT_EQ(segments->size(), 2u);
    EXPECT_DOUBLE_EQ((*segments)[0].end, 90.5);
    EXPECT_EQ((*segments)[0].description, "游园, 惊梦");
    EXPECT_DOUBLE_EQ((*segments)[1].start, 3600);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0], "v.segments.csv:3: it ends before it starts; row skipped");
    EXPECT_EQ(warnings[1], "v.segments.csv:4: no title; row skipped");
    test::write_file(dir / "bad.csv", "from,to\n1,2\n");
    EXPECT_FALSE(read_segments_csv(dir / "bad.csv", "csv", warnings));
}

TEST(Captions, InlineSegments) {
    auto plain = parse_inline_segment("1:30-5:00 第一折 游园");
    ASSERT_TRUE(plain) << plain.error().message;
    EXPECT_DOUBLE_EQ(plain->start, 90);
    EXPECT_DOUBLE_EQ(plain->end, 300);
    EXPECT_EQ(plain->title, "第一折 游园");
    EXPECT_EQ(plain->source, "manifest");
    auto dash = parse_inline_segment("0:10–0:20\t开场");
    ASSERT_TRUE(dash);
    EXPECT_EQ(dash->title, "开场");
    EXPECT_TRUE(parse_inline_segment("10~20 x"));
    for (const char* bad : {"1:30 无结束", "1:30-5:00", "a-b 标题", "5-1 倒了", "no times at all"}) {
        EXPECT_FALSE(parse_inline_segment(bad)) << bad;
    }
}

}  // namespace
}  // namespace wenyuan
