// MediaPlayer on clips made at test time by the ffmpeg CLI: decodes to the end, seeks within a
// frame, holds position when paused, bounded queues on a long clip, audio-only files, and
// damaged files that give an error naming the file. No GL here (Options::gl = false); the
// texture upload is tested under xvfb in gl_test.cpp. SDL_AUDIODRIVER=dummy is set by CTest.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "kiosk/media_player.hpp"
#include "media_clips.hpp"
#include "player_steps.hpp"

namespace wenyuan::kiosk {
namespace {

using namespace std::chrono_literals;
using State = MediaPlayer::State;

using test::no_gl;
using test::opened;
using test::run_until;

TEST(MediaPlayer, DecodesToTheEnd) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "片段.mp4", 2);
    for (bool device : {true, false}) {
        MediaPlayer player(no_gl(device));
        player.open(clip);
        ASSERT_TRUE(opened(player));
        ASSERT_EQ(player.state(), State::paused) << player.error();
        EXPECT_TRUE(player.has_video());
        EXPECT_TRUE(player.has_audio());
        EXPECT_NEAR(player.duration(), 2.0, 0.1);
        player.play();
        ASSERT_TRUE(run_until(player, [&] { return player.state() == State::ended; }, 8s))
            << "position " << player.position() << ", device " << device;
        EXPECT_NEAR(player.position(), 2.0, 0.15);
        EXPECT_EQ(player.picture_width(), 160);
        EXPECT_EQ(player.picture_height(), 120);
        EXPECT_NEAR(player.display_aspect(), 4.0 / 3.0, 1e-6);
        EXPECT_EQ(player.stats().frames_decoded, 20);
        EXPECT_GE(player.stats().frames_shown, 15);  // a few may be dropped on a busy machine
        EXPECT_GT(player.picture_time(), 1.8);
        player.play();  // from the end: starts again
        EXPECT_EQ(player.state(), State::playing);
        EXPECT_LT(player.position(), 0.01);
    }
}

TEST(MediaPlayer, SeekLandsWithinAFrame) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "clip.mp4", 4);
    MediaPlayer player(no_gl(false));
    player.open(clip);
    ASSERT_TRUE(opened(player));
    for (double target : {2.5, 1.0, 3.33, 0.0}) {
        player.seek(target);
        EXPECT_DOUBLE_EQ(player.position(), target);
        const long shown = player.stats().frames_shown;
        ASSERT_TRUE(run_until(player, [&] { return player.stats().frames_shown > shown; }, 5s)) << target;
        EXPECT_GE(player.picture_time(), target - 1e-3);
        EXPECT_LT(player.picture_time(), target + 0.1 + 1e-3) << "a 10 fps clip: the frame at or just after";
        EXPECT_EQ(player.state(), State::paused);
    }
}

TEST(MediaPlayer, PauseHoldsPosition) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "clip.mp4", 4);
    MediaPlayer player(no_gl());
    player.open(clip);
    ASSERT_TRUE(opened(player));
    player.play();
    ASSERT_TRUE(run_until(player, [&] { return player.position() > 0.5; }, 5s));
    player.pause();
    const double held = player.position();
    run_until(player, [] { return false; }, 300ms);
    EXPECT_EQ(player.state(), State::paused);
    EXPECT_DOUBLE_EQ(player.position(), held);
    player.play();
    ASSERT_TRUE(run_until(player, [&] { return player.position() > held + 0.2; }, 5s));
    player.stop();
    EXPECT_EQ(player.state(), State::paused);
    EXPECT_DOUBLE_EQ(player.position(), 0.0);
}

TEST(MediaPlayer, QueuesStayBoundedOnALongClip) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "long.mp4", 60);
    MediaPlayer player(no_gl(false));
    player.open(clip);
    ASSERT_TRUE(opened(player));
    player.play();
    run_until(player, [] { return false; }, 1s);
    const auto stats = player.stats();
    // Not decoded ahead: about a second played, the queue holds at most 6 pictures of 160×120.
    EXPECT_LT(stats.frames_decoded, 25);
    EXPECT_LE(stats.max_queued_bytes, 6u * 160 * 120 * 4 + 48000 * 4 * 2);
    EXPECT_EQ(player.state(), State::playing);
}

TEST(MediaPlayer, AudioOnlyNarration) {
    test::TempDir dir;
    ASSERT_TRUE(test::ffmpeg({"-f", "lavfi", "-i", "sine=frequency=330:duration=1", "-c:a", "libmp3lame",
                              (dir / "讲解.mp3").string()}));
    for (bool device : {true, false}) {
        MediaPlayer player(no_gl(device));
        player.open(dir / "讲解.mp3");
        ASSERT_TRUE(opened(player));
        ASSERT_EQ(player.state(), State::paused) << player.error();
        EXPECT_FALSE(player.has_video());
        EXPECT_TRUE(player.has_audio());
        player.play();
        ASSERT_TRUE(run_until(player, [&] { return player.state() == State::ended; }, 6s)) << player.position();
        EXPECT_NEAR(player.position(), 1.0, 0.1);
    }
}

TEST(MediaPlayer, CaptionsAndChaptersFollowPosition) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "clip.mp4", 3);
    MediaPlayer player(no_gl(false));
    player.set_captions({{0.5, 1.5, "游园"}, {2.0, 2.8, "惊梦"}});
    player.set_chapters({{0, 2, "第一折"}, {2, 3, "第二折"}});
    player.open(clip);
    ASSERT_TRUE(opened(player));
    EXPECT_EQ(player.current_caption(), "");
    player.seek_chapter(1);
    EXPECT_EQ(player.current_chapter(), 1u);
    EXPECT_EQ(player.current_caption(), "惊梦");
    player.seek(1.0);
    EXPECT_EQ(player.current_caption(), "游园");
    EXPECT_EQ(player.current_chapter(), 0u);
}

TEST(MediaPlayer, DamagedFilesGiveAnErrorNamingTheFile) {
    test::TempDir dir;
    std::string garbage(40000, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = char((i * 2654435761u) >> 13);
    test::write_file(dir / "garbage.mp4", garbage);
    const auto clip = test::make_clip(dir / "whole.mp4", 2);
    const std::string bytes = test::read_file(clip);
    test::write_file(dir / "truncated.mp4", bytes.substr(0, bytes.size() / 2));  // moov at the end is lost
    test::write_file(dir / "empty.mp4", "");
    for (const char* name : {"garbage.mp4", "truncated.mp4", "empty.mp4", "missing.mp4"}) {
        MediaPlayer player(no_gl(false));
        player.open(dir / name);
        ASSERT_TRUE(opened(player)) << name;
        EXPECT_EQ(player.state(), State::error) << name;
        EXPECT_NE(player.error().find(name), std::string::npos) << player.error();
        EXPECT_EQ(player.error().find('\n'), std::string::npos);
        player.play();  // harmless
        EXPECT_FALSE(player.update());
    }
}

TEST(MediaPlayer, TruncatedStreamPlaysWhatIsThereAndEnds) {
    test::TempDir dir;
    const auto clip = test::make_clip(dir / "whole.ts", 3);
    const std::string bytes = test::read_file(clip);
    test::write_file(dir / "cut.ts", bytes.substr(0, bytes.size() / 2));
    MediaPlayer player(no_gl(false));
    player.open(dir / "cut.ts");
    ASSERT_TRUE(opened(player));
    ASSERT_NE(player.state(), State::error) << player.error();
    player.play();
    ASSERT_TRUE(run_until(player, [&] { return player.state() == State::ended; }, 8s)) << player.position();
    EXPECT_GT(player.stats().frames_shown, 3);
    EXPECT_LT(player.position(), 2.9);
}

// A child pressing everything: random play, pause, seek, chapter, stop and re-open, with frames
// in between. The player must stay responsive and end up playing to the end.
TEST(MediaPlayer, SurvivesRandomPresses) {
    test::TempDir dir;
    const auto video = test::make_clip(dir / "video.mp4", 3);
    ASSERT_TRUE(test::ffmpeg({"-f", "lavfi", "-i", "sine=frequency=330:duration=2", "-c:a", "libmp3lame",
                              (dir / "audio.mp3").string()}));
    test::write_file(dir / "broken.mp4", "not a video at all");
    const std::filesystem::path files[] = {video, dir / "audio.mp3", dir / "broken.mp4"};
    MediaPlayer player(no_gl());
    player.set_chapters({{0, 1, "一"}, {1.5, 3, "二"}});
    std::uint32_t seed = 7;
    auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
    const auto start = std::chrono::steady_clock::now();
    for (int step = 0; step < 400; ++step) {
        switch (next() % 8) {
            case 0: player.play(); break;
            case 1: player.pause(); break;
            case 2: player.toggle(); break;
            case 3: player.seek(double(next() % 4000) / 1000.0 - 0.5); break;
            case 4: player.seek_chapter(next() % 3); break;
            case 5: player.stop(); break;
            case 6: if (next() % 10 == 0) player.open(files[next() % 3]); break;
            default: break;
        }
        player.update();
        std::this_thread::sleep_for(std::chrono::milliseconds(next() % 4));
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, 30s) << "no call may block";
    player.open(video);
    ASSERT_TRUE(opened(player));
    player.seek(2.5);
    player.play();
    ASSERT_TRUE(run_until(player, [&] { return player.state() == State::ended; }, 8s)) << player.position();
    EXPECT_NEAR(player.position(), 3.0, 0.15);
}

}  // namespace
}  // namespace wenyuan::kiosk
