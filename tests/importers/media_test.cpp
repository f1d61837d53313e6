// The media importer on clips generated at test time and on the real samples in shared/data/av:
// technical metadata, poster frames that skip black, contact sheets, waveforms, captions and
// segments from sidecars and chapters, and bad input that leaves the archive as it was.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "media_clips.hpp"
#include "wenyuan/import_pipeline.hpp"
#include "wenyuan/media_importer.hpp"
#include "wenyuan/search.hpp"

namespace wenyuan {
namespace {

struct Fixture {
    test::TempDir dir;
    Archive archive = std::move(*Archive::create(dir / "archive"));
    ImporterRegistry registry;
    Fixture() {
        registry.add(make_media_importer());
        registry.add(make_any_file_importer());
    }
    ImportSummary import(const std::vector<std::filesystem::path>& inputs, const std::filesystem::path& manifest = {}) {
        ImportRequest request;
        request.inputs = inputs;
        request.manifest = manifest;
        request.agent = "test";
        request.jobs = 2;
        auto summary = import_files(archive, registry, request);
        EXPECT_TRUE(summary) << summary.error().message;
        return summary.value_or(ImportSummary{});
    }
    std::vector<Asset> assets(std::int64_t id) { return archive.assets(id).value_or(std::vector<Asset>{}); }
    const Asset* role(const std::vector<Asset>& list, std::string_view name) {
        for (const Asset& asset : list) {
            if (asset.role == name) return &asset;
        }
        return nullptr;
    }
    void expect_consistent() {
        auto report = archive.verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->ok) << (report->problems.empty() ? "" : report->problems[0].object + ": " + report->problems[0].problem);
        EXPECT_TRUE(report->unreferenced.empty()) << "a failed import left objects behind";
    }
};

nlohmann::json tech(const Asset& asset) { return nlohmann::json::parse(asset.tech_json); }

TEST(MediaImporter, ProbesGeneratedClip) {
    Fixture f;
    test::make_clip(f.dir / "in/clip.mp4", 2, {"-metadata", "title=昆曲《牡丹亭》游园", "-metadata", "artist=张继青",
                                                "-metadata", "date=1986"});
    const ImportSummary summary = f.import({f.dir / "in"});
    ASSERT_EQ(summary.imported, 1u) << (summary.failed.empty() ? "" : summary.failed[0].error);
    const std::int64_t id = summary.item_ids[0];
    auto item = f.archive.item(id);
    EXPECT_EQ(item->title, "昆曲《牡丹亭》游园");
    EXPECT_EQ(item->creator, "张继青");
    EXPECT_EQ(item->date, "1986");
    EXPECT_EQ(item->year_start, 1986);
    const auto assets = f.assets(id);
    const Asset* original = f.role(assets, "original");
    ASSERT_TRUE(original);
    const auto t = tech(*original);
    EXPECT_NEAR(t["duration"].get<double>(), 2.0, 0.1);
    EXPECT_EQ(t["width"], 160);
    EXPECT_EQ(t["height"], 120);
    EXPECT_EQ(t["video_codec"], "h264");
    EXPECT_EQ(t["audio_codec"], "aac");
    EXPECT_NEAR(t["frame_rate"].get<double>(), 10.0, 0.01);
    EXPECT_EQ(t["sample_rate"], 44100);
    EXPECT_EQ(t["channels"], 1);
    EXPECT_EQ(t["tags"]["title"], "昆曲《牡丹亭》游园");
    ASSERT_EQ(t["streams"].size(), 2u);
    EXPECT_GT(t["streams"][0]["bit_rate"].get<std::int64_t>(), 0);
    const Asset* thumbnail = f.role(assets, "thumbnail");
    const Asset* preview = f.role(assets, "preview");
    const Asset* sheet = f.role(assets, "contact_sheet");
    ASSERT_TRUE(thumbnail && preview && sheet);
    EXPECT_EQ(thumbnail->mime, "image/jpeg");
    EXPECT_EQ(tech(*thumbnail)["width"], 160);  // never enlarged
    EXPECT_EQ(tech(*preview)["height"], 120);
    EXPECT_EQ(*preview->derived_from, original->id);
    EXPECT_EQ(tech(*sheet)["frames"], 12);
    EXPECT_EQ(f.role(assets, "waveform"), nullptr);
    // The stored poster is a real JPEG.
    const std::string jpeg = test::read_file(f.archive.store().path_of(preview->sha256));
    EXPECT_EQ(jpeg.substr(0, 3), "\xFF\xD8\xFF");
    f.expect_consistent();
}

TEST(MediaImporter, PosterSkipsBlackFrames) {
    Fixture f;
    test::ffmpeg({"-f", "lavfi", "-i", "color=c=black:size=160x120:rate=10:duration=1",
                  "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=2",
                  "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0", "-c:v", "libx264", "-preset", "ultrafast",
                  "-pix_fmt", "yuv420p", (f.dir / "fade.mp4").string()});
    const ImportSummary summary = f.import({f.dir / "fade.mp4"});
    ASSERT_EQ(summary.imported, 1u);
    const auto assets = f.assets(summary.item_ids[0]);
    const Asset* preview = f.role(assets, "preview");
    ASSERT_TRUE(preview);
    const auto t = tech(*preview);
    EXPECT_GE(t["poster_time"].get<double>(), 1.0) << "the black second was not skipped";
    EXPECT_GT(t["luma_stddev"].get<double>(), 8.0);
    EXPECT_TRUE(f.assets(summary.item_ids[0])[0].warnings.empty());
}

TEST(MediaImporter, SoundOnlyGetsWaveform) {
    Fixture f;
    test::ffmpeg({"-f", "lavfi", "-i", "sine=frequency=220:duration=2", "-metadata", "title=信天游", "-c:a", "flac",
                  (f.dir / "song.flac").string()});
    const ImportSummary summary = f.import({f.dir / "song.flac"});
    ASSERT_EQ(summary.imported, 1u) << (summary.failed.empty() ? "" : summary.failed[0].error);
    EXPECT_EQ(f.archive.item(summary.item_ids[0])->title, "信天游");
    const auto assets = f.assets(summary.item_ids[0]);
    const Asset* wave = f.role(assets, "waveform");
    ASSERT_TRUE(wave);
    EXPECT_EQ(wave->mime, "image/png");
    EXPECT_EQ(test::read_file(f.archive.store().path_of(wave->sha256)).substr(1, 3), "PNG");
    EXPECT_TRUE(f.role(assets, "thumbnail"));
    EXPECT_FALSE(f.role(assets, "preview"));
    EXPECT_EQ(tech(*f.role(assets, "original"))["audio_codec"], "flac");
    f.expect_consistent();
}

TEST(MediaImporter, CoverArtIsThePreviewOfSound) {
    Fixture f;
    test::ffmpeg({"-f", "lavfi", "-i", "sine=duration=1", "-f", "lavfi", "-i", "testsrc=size=300x300:duration=1", "-frames:v", "1",
                  "-map", "0", "-map", "1", "-c:a", "libmp3lame", "-c:v", "mjpeg", "-disposition:v", "attached_pic",
                  (f.dir / "folk.mp3").string()});
    const ImportSummary summary = f.import({f.dir / "folk.mp3"});
    ASSERT_EQ(summary.imported, 1u) << (summary.failed.empty() ? "" : summary.failed[0].error);
    const auto assets = f.assets(summary.item_ids[0]);
    const auto t = tech(assets[0]);
    EXPECT_FALSE(t.contains("video_codec")) << "cover art is not a picture stream";
    EXPECT_EQ(t["streams"][1]["cover_art"], true);
    ASSERT_TRUE(f.role(assets, "waveform"));
    const Asset* preview = f.role(assets, "preview");
    ASSERT_TRUE(preview);
    EXPECT_EQ(tech(*preview)["from"], "cover art");
    EXPECT_EQ(tech(*preview)["width"], 300);
    EXPECT_EQ(tech(*f.role(assets, "thumbnail"))["width"], 256);
    f.expect_consistent();
}

TEST(MediaImporter, SidecarsChaptersAndSearch) {
    Fixture f;
    test::write_file(f.dir / "in/chapters.txt",
                     ";FFMETADATA1\ntitle=皮影戏\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=开场\n"
                     "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=武松打虎\n");
    test::make_clip(f.dir / "in/play.mp4", 2, {"-f", "ffmetadata", "-i", (f.dir / "in/chapters.txt").string(),
                                                "-map", "0", "-map", "1", "-map_metadata", "2", "-map_chapters", "2"});
    std::filesystem::remove(f.dir / "in/chapters.txt");
    test::write_file(f.dir / "in/play.zh.vtt",
                     "\xEF\xBB\xBFWEBVTT\r\n\r\n00:00.000 --> 00:01.200\r\n<v 艺人>景阳冈上一只虎</v>\r\n\r\n"
                     "00:01.200 --> 00:02.000\r\n武松醉打猛虎\r\n");
    test::write_file(f.dir / "in/play.en.srt", "1\n00:00:00,000 --> 00:00:01,000\nThe tiger on Jingyang Ridge\n\n"
                                              "2\n00:00:xx,000 --> 00:00:02,000\nbroken\n");
    test::write_file(f.dir / "in/play.segments.csv", "start,end,title,description\n0.5,1.5,打虎,高潮\n");
    const ImportSummary summary = f.import({f.dir / "in"});
    ASSERT_EQ(summary.imported, 1u) << "sidecars must not become items of their own";
    EXPECT_TRUE(summary.failed.empty());
    const std::int64_t id = summary.item_ids[0];
    const auto assets = f.assets(id);
    std::vector<const Asset*> captions;
    for (const Asset& asset : assets) {
        if (asset.role == "captions") captions.push_back(&asset);
    }
    ASSERT_EQ(captions.size(), 2u);
    EXPECT_EQ(captions[0]->lang, "en");
    EXPECT_EQ(captions[0]->mime, "application/x-subrip");
    ASSERT_EQ(captions[0]->warnings.size(), 1u);
    EXPECT_EQ(captions[0]->warnings[0], "play.en.srt:6: bad timecode '00:00:xx,000 --> 00:00:02,000'; cue skipped");
    EXPECT_EQ(captions[1]->lang, "zh");
    EXPECT_EQ(captions[1]->mime, "text/vtt");
    auto segments = list_segments(f.archive, id);
    ASSERT_TRUE(segments);
    ASSERT_EQ(segments->size(), 3u);
    EXPECT_EQ((*segments)[0].title, "开场");
    EXPECT_EQ((*segments)[0].source, "chapter");
    EXPECT_EQ((*segments)[1].title, "打虎");
    EXPECT_EQ((*segments)[1].source, "csv");
    EXPECT_EQ((*segments)[2].title, "武松打虎");
    EXPECT_DOUBLE_EQ((*segments)[2].start, 1.0);

    auto hit = search_items(f.archive, "醉打猛虎");
    ASSERT_TRUE(hit);
    ASSERT_EQ(hit->hits.size(), 1u);
    ASSERT_TRUE(hit->hits[0].moment);
    EXPECT_EQ(hit->hits[0].moment->kind, "caption");
    EXPECT_DOUBLE_EQ(hit->hits[0].moment->start_seconds, 1.2);
    EXPECT_EQ(hit->hits[0].moment->lang, "zh");
    auto tiger = search_items(f.archive, "Jingyang");
    ASSERT_TRUE(tiger && tiger->hits.size() == 1 && tiger->hits[0].moment);
    EXPECT_EQ(tiger->hits[0].moment->lang, "en");
    f.expect_consistent();

    // A second import of the folder skips the recording and still makes no items of the sidecars.
    const ImportSummary again = f.import({f.dir / "in"});
    EXPECT_EQ(again.imported, 0u);
    EXPECT_EQ(again.skipped, 1u);
}

TEST(MediaImporter, ManifestNamesCaptionsAndSegments) {
    Fixture f;
    test::make_clip(f.dir / "in/v.mp4", 1);
    test::write_file(f.dir / "in/subs/mandarin.zh.srt", "1\n00:00:00,100 --> 00:00:00,900\n剪纸的第一步：折纸\n");
    test::write_file(f.dir / "in/steps.csv", "开始,结束,标题,描述\n0,0:00.5,折纸,对折三次\n");
    test::write_file(f.dir / "in/manifest.csv",
                     "文件,名称,字幕,分段\nv.mp4,剪纸技艺,subs/mandarin.zh.srt,\"steps.csv; 0:00.5-0:01 展开, 晾干；0:01-0:00.5 倒了\"\n");
    const ImportSummary summary = f.import({f.dir / "in"}, f.dir / "in/manifest.csv");
    ASSERT_EQ(summary.imported, 1u) << (summary.failed.empty() ? "" : summary.failed[0].path + ": " + summary.failed[0].error);
    const std::int64_t id = summary.item_ids[0];
    EXPECT_EQ(f.archive.item(id)->title, "剪纸技艺");
    auto segments = list_segments(f.archive, id);
    ASSERT_TRUE(segments && segments->size() == 2);
    EXPECT_EQ((*segments)[0].source, "manifest");
    EXPECT_EQ((*segments)[0].description, "对折三次");
    EXPECT_EQ((*segments)[1].title, "展开, 晾干");  // inline in the cell
    EXPECT_DOUBLE_EQ((*segments)[1].start, 0.5);
    ASSERT_EQ(summary.warnings.size(), 1u);
    EXPECT_EQ(summary.warnings[0], "v.mp4: manifest segment '0:01-0:00.5 倒了' left out: it ends before it starts");
    auto cues = list_cues(f.archive, id);
    ASSERT_TRUE(cues && cues->size() == 1);
    EXPECT_EQ((*cues)[0].lang, "zh");
    auto hit = search_items(f.archive, "折纸");
    ASSERT_TRUE(hit && hit->hits.size() == 1 && hit->hits[0].moment);
    f.expect_consistent();
}

TEST(MediaImporter, BadInputIsReportedAndLeavesNoTrace) {
    Fixture f;
    test::make_clip(f.dir / "good.mp4", 1);
    test::write_file(f.dir / "bad/fake.mp4", "这不是视频，只是一段文字。\n");
    test::write_file(f.dir / "bad/noise.mkv", std::string(4096, '\x5a'));
    const std::string clip = test::read_file(f.dir / "good.mp4");
    test::write_file(f.dir / "bad/cut.mp4", clip.substr(0, clip.size() / 3));  // moov at the end is gone
    test::write_file(f.dir / "subs.srt", "1\n00:00:00,000 --> 00:00:01,000\nhi\n");
    test::ffmpeg({"-i", (f.dir / "subs.srt").string(), "-c:s", "mov_text", (f.dir / "bad/subtitles_only.mp4").string()});
    test::ffmpeg({"-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "0", (f.dir / "bad/empty.wav").string()});
    const ImportSummary summary = f.import({f.dir / "bad"});
    EXPECT_EQ(summary.imported, 0u);
    ASSERT_EQ(summary.failed.size(), 5u);
    std::map<std::string, std::string> errors;
    for (const ImportFailure& failure : summary.failed) {
        errors[std::filesystem::path(failure.path).filename().string()] = failure.error;
        EXPECT_EQ(failure.error.find('\n'), std::string::npos) << "one line: " << failure.error;
    }
    EXPECT_EQ(errors["fake.mp4"], "media importer: fake.mp4: the name says video/mp4 but the bytes are text/plain, not a recording");
    EXPECT_EQ(errors["cut.mp4"], "media importer: cut.mp4: not a recording FFmpeg can read (Invalid data found when processing input)");
    EXPECT_NE(errors["noise.mkv"].find("media importer: noise.mkv: "), std::string::npos) << errors["noise.mkv"];
    EXPECT_EQ(errors["subtitles_only.mp4"],
              "media importer: subtitles_only.mp4: no audio or video stream in the mov,mp4,m4a,3gp,3g2,mj2 container");
    EXPECT_NE(errors["empty.wav"].find("zero duration"), std::string::npos) << errors["empty.wav"];
    EXPECT_EQ(*f.archive.count_items(), 0u);
    f.expect_consistent();
}

TEST(MediaImporter, TruncatedFastStartClipWarns) {
    Fixture f;
    test::make_clip(f.dir / "fast.mp4", 3, {"-movflags", "+faststart"});
    const std::string clip = test::read_file(f.dir / "fast.mp4");
    test::write_file(f.dir / "in/cut.mp4", clip.substr(0, clip.size() * 2 / 3));
    const ImportSummary summary = f.import({f.dir / "in"});
    ASSERT_EQ(summary.imported + summary.failed.size(), 1u);
    if (summary.imported == 1) {
        const auto assets = f.assets(summary.item_ids[0]);
        ASSERT_FALSE(assets[0].warnings.empty());
        EXPECT_EQ(assets[0].warnings[0].rfind("truncated: the container's index reaches byte ", 0), 0u) << assets[0].warnings[0];
    }
    f.expect_consistent();
}

TEST(MediaImporter, BadCaptionsAreWarningsNotFailures) {
    Fixture f;
    test::make_clip(f.dir / "in/clip.mp4", 1);
    test::write_file(f.dir / "in/clip.zh.srt", "1\n00:00:00,000 --> 00:00:01,000\n\xD6\xD0\xCE\xC4\n");  // 中文 in GBK
    const ImportSummary summary = f.import({f.dir / "in"});
    ASSERT_EQ(summary.imported, 1u);
    ASSERT_FALSE(summary.warnings.empty());
    EXPECT_EQ(summary.warnings.back(),
              "clip.mp4: captions not attached: clip.zh.srt:3: not UTF-8 (GBK or another legacy encoding?); save the captions as UTF-8");
    for (const Asset& asset : f.assets(summary.item_ids[0])) EXPECT_NE(asset.role, "captions");
    f.expect_consistent();
}

TEST(MediaImporter, RealSamples) {
    Fixture f;
    const auto av = test::shared_data("av");
    ASSERT_TRUE(std::filesystem::is_directory(av)) << av;
    const ImportSummary summary = f.import({av / "heritage_video_DERIVED", av / "narration", av / "video/vtest.avi",
                                            av / "video/movie-hello.mpeg", av / "audio_folk_instruments/erhu.ogg"});
    EXPECT_TRUE(summary.failed.empty()) << summary.failed[0].path << ": " << summary.failed[0].error;
    bool rotated = false, narration_tags = false, embedded = false;
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets(id);
        const Asset& original = assets[0];
        const std::string_view kind = kind_for_mime(original.mime);
        if (kind != "video" && kind != "audio") continue;  // copyright notes, scripts, a stray .srt
        const auto t = tech(original);
        if (original.name == "behaim_globe_DERIVED_rotate90_displaymatrix.mp4") {
            rotated = true;
            EXPECT_EQ(t["rotation"], 270);  // turned clockwise by 270° to stand upright, as ffplay does
            EXPECT_EQ(t["width"], 720);
            EXPECT_EQ(t["height"], 1280);
            EXPECT_EQ(tech(*f.role(assets, "preview"))["height"], 1280);
        }
        if (original.name == "narration_cmn_id3v24.mp3") {
            narration_tags = true;
            EXPECT_TRUE(f.role(assets, "waveform"));
            EXPECT_FALSE(f.archive.item(id)->title.empty());
        }
        if (original.name == "behaim_globe_narrated_zh_h264_aac_movtext.mp4") {
            EXPECT_EQ(t["streams"].size(), 3u);
            EXPECT_EQ(t["streams"][2]["codec"], "mov_text");
            const Asset* captions = f.role(assets, "captions");  // the mov_text stream, as WebVTT
            ASSERT_TRUE(captions);
            EXPECT_EQ(captions->lang, "zh");
            EXPECT_EQ(captions->mime, "text/vtt");
            EXPECT_EQ(tech(*captions)["cues"], 4);
            auto cues = list_cues(f.archive, id);
            ASSERT_TRUE(cues && cues->size() == 4);
            EXPECT_EQ((*cues)[2].text, "静夜思，李白。床前明月光，疑是地上霜。");
            EXPECT_NEAR((*cues)[2].start, 18.574, 0.01);
            embedded = true;
        }
        EXPECT_TRUE(f.role(assets, "thumbnail")) << original.name;
    }
    EXPECT_TRUE(rotated);
    EXPECT_TRUE(narration_tags);
    EXPECT_TRUE(embedded);
    auto moon = search_items(f.archive, "疑是地上霜");
    ASSERT_TRUE(moon);
    EXPECT_EQ(moon->hits.size(), 3u);  // the MP4, MKV and WebM copies carry the same subtitles
    for (const SearchHit& hit : moon->hits) {
        ASSERT_TRUE(hit.moment);
        EXPECT_NEAR(hit.moment->start_seconds, 18.57, 0.05);
    }
    f.expect_consistent();
}

// Every container the issue names, made by FFmpeg's own encoders (AMR written by hand: Debian's
// FFmpeg decodes AMR but has no encoder): sniffed as audio or video and read by the media importer.
TEST(MediaImporter, EveryContainer) {
    Fixture f;
    const auto in = f.dir / "in";
    const std::vector<std::string> video = {"-f", "lavfi", "-i", "testsrc=size=96x64:rate=10:duration=1"};
    const std::vector<std::string> sound = {"-f", "lavfi", "-i", "sine=frequency=300:duration=1"};
    struct Case {
        std::string name;
        std::vector<std::string> codecs;
        bool picture;
    };
    const std::vector<Case> cases = {
        {"a.mov", {"-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"}, true},
        {"a.mkv", {"-c:v", "mpeg4", "-c:a", "flac"}, true},
        {"a.webm", {"-c:v", "libvpx", "-c:a", "libopus"}, true},
        {"a.avi", {"-c:v", "mpeg4", "-c:a", "libmp3lame"}, true},
        {"a.ts", {"-c:v", "mpeg2video", "-c:a", "mp2"}, true},
        {"a.ogv", {"-c:v", "libtheora", "-c:a", "libvorbis"}, true},
        {"b.mp3", {"-c:a", "libmp3lame"}, false},
        {"b.m4a", {"-c:a", "aac"}, false},
        {"b.aac", {"-c:a", "aac"}, false},
        {"b.wav", {"-c:a", "pcm_s16le"}, false},
        {"b.flac", {"-c:a", "flac"}, false},
        {"b.ogg", {"-c:a", "libvorbis"}, false},
        {"b.opus", {"-c:a", "libopus"}, false},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args = c.picture ? video : std::vector<std::string>{};
        args.insert(args.end(), sound.begin(), sound.end());
        args.insert(args.end(), c.codecs.begin(), c.codecs.end());
        args.push_back((in / c.name).string());
        test::ffmpeg(args);
    }
    std::string amr = "#!AMR\n";
    for (int i = 0; i < 50; ++i) amr += '\x3c' + std::string(31, '\0');  // 12.2 kb/s frames of silence
    test::write_file(in / "b.amr", amr);
    const ImportSummary summary = f.import({in});
    EXPECT_TRUE(summary.failed.empty()) << summary.failed[0].path << ": " << summary.failed[0].error;
    ASSERT_EQ(summary.imported, cases.size() + 1);
    for (std::int64_t id : summary.item_ids) {
        const auto assets = f.assets(id);
        const auto t = tech(assets[0]);
        const std::string kind(kind_for_mime(assets[0].mime));
        EXPECT_TRUE(kind == "video" || kind == "audio") << assets[0].name << " sniffed as " << assets[0].mime;
        EXPECT_NEAR(t["duration"].get<double>(), 1.0, 0.15) << assets[0].name;
        const bool picture = assets[0].name[0] == 'a';
        EXPECT_EQ(f.role(assets, picture ? "preview" : "waveform") != nullptr, true) << assets[0].name;
        EXPECT_EQ(t.contains("video_codec"), picture) << assets[0].name;
    }
    f.expect_consistent();
}

TEST(MediaImporter, AccessCopyOnlyWhenNeeded) {
    Fixture f;
    test::ffmpeg({"-f", "lavfi", "-i", "testsrc=size=320x240:rate=15:duration=1", "-f", "lavfi", "-i",
                  "sine=duration=1:sample_rate=22050", "-c:v", "mpeg4", "-c:a", "pcm_s16le", (f.dir / "in/old.avi").string()});
    test::make_clip(f.dir / "in/new.mp4", 1);
    ImportRequest request;
    request.inputs = {f.dir / "in"};
    request.agent = "test";
    request.options.access_copy = true;
    auto summary = import_files(f.archive, f.registry, request);
    ASSERT_TRUE(summary && summary->imported == 2u);
    const auto kiosk_ready = f.assets(summary->item_ids[0]);  // new.mp4
    EXPECT_FALSE(f.role(kiosk_ready, "access"));
    EXPECT_EQ(tech(kiosk_ready[0])["access_copy"], "none: already H.264/AAC MP4 at 720p or less");
    const auto old = f.assets(summary->item_ids[1]);
    const Asset* copy = f.role(old, "access");
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->mime, "video/mp4");
    const auto t = tech(*copy);
    EXPECT_EQ(t["video_codec"], "h264");
    EXPECT_EQ(t["audio_codec"], "aac");
    EXPECT_EQ(t["width"], 320);
    EXPECT_NEAR(t["duration"].get<double>(), 1.0, 0.15);
    f.expect_consistent();
}

TEST(MediaImporter, ClaimsCaptionCompanions) {
    auto importer = make_media_importer();
    const std::vector<std::filesystem::path> planned = {"/in/a.mp4", "/in/a.en.srt", "/in/a.segments.csv", "/in/a.zh-Hant.vtt",
                                                        "/in/a.notes.txt", "/in/ab.srt", "/in/b.wav", "/in/b.srt"};
    std::vector<std::filesystem::path> sorted = planned;
    std::sort(sorted.begin(), sorted.end());
    auto claimed = importer->companions("/in/a.mp4", sorted);
    std::sort(claimed.begin(), claimed.end());
    EXPECT_EQ(claimed, (std::vector<std::filesystem::path>{"/in/a.en.srt", "/in/a.segments.csv", "/in/a.zh-Hant.vtt"}));
    EXPECT_EQ(importer->companions("/in/b.wav", sorted), std::vector<std::filesystem::path>{"/in/b.srt"});
    EXPECT_TRUE(importer->companions("/in/a.notes.txt", sorted).empty());
}

}  // namespace
}  // namespace wenyuan
