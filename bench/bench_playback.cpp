// bench_playback: the kiosk's playback components on this machine (run it under xvfb-run for
// Mesa llvmpipe, as the kiosk's tests do).
//
// usage: xvfb-run -a -s "-screen 0 1280x800x24" bench_playback [segments=1000] [folder=$TMPDIR]
//
// 1. ModelView at 1280×800: a bumpy-sphere scan of 2 × segments × segments triangles (2 M at the
//    default; tests/importers/model_fixtures.cpp) goes through the model importer's own
//    process_model(), which writes the canonical GLB and its `lod` levels. For each level: load
//    time (parse on the worker + GL upload) and frame time (draw + glFinish, the camera orbiting),
//    mean and 95th percentile over 60 frames. Then the level ModelView chooses by the default
//    budget, and where the frame-time governor settles after 150 frames.
// 2. MediaPlayer's decoder on a 10 s 1280×720 30 fps H.264/AAC clip (made with the ffmpeg CLI),
//    decoding as fast as it can into RGBA pictures, against `ffmpeg -f null` (decode only) and
//    `ffmpeg -pix_fmt rgba -f null` (decode and convert, like ours), both single runs.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "gl_window.hpp"
#include "kiosk/model_view.hpp"
#include "media_decoder.hpp"
#include "model_fixtures.hpp"
#include "process.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using wenyuan::kiosk::LodAsset;
using wenyuan::kiosk::ModelView;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

bool wait_ready(ModelView& view) {
    const auto until = Clock::now() + std::chrono::minutes(5);
    while (Clock::now() < until) {
        view.update();
        if (view.state() == ModelView::State::ready) return true;
        if (view.state() == ModelView::State::error) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

// Frame times (ms) of `frames` draws at 1280×800, orbiting.
std::vector<double> frame_times(ModelView& view, int frames, bool adapt) {
    std::vector<double> out;
    double last = 0;
    for (int i = 0; i < frames; ++i) {
        const auto start = Clock::now();
        view.camera().orbit(0.01f, 0);
        view.update();
        view.draw({0, 0, 1280, 800}, adapt ? last : 0);
        glFinish();
        last = since(start) * 1000;
        out.push_back(last);
    }
    return out;
}

void print_times(const char* label, std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms) sum += v;
    const double mean = sum / double(ms.size());
    std::printf("%s frame %.1f ms mean (%.0f fps), p95 %.1f ms\n", label, mean, 1000 / mean, ms[ms.size() * 95 / 100]);
}

void bench_model(int segments, const std::filesystem::path& folder) {
    const auto ply = folder / "scan.ply";
    const std::size_t triangles = wenyuan::test::write_scan_ply(ply, segments, segments);
    const auto out = folder / "levels";
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    auto start = Clock::now();
    auto report = wenyuan::model::process_model({ply, out, false, {}});
    if (!report) {
        std::printf("process_model failed: %s\n", report.error().message.c_str());
        return;
    }
    std::printf("model: %zu triangles; importer made its GLB and levels in %.1f s\n", triangles, since(start));
    std::vector<LodAsset> levels;
    const auto parsed = nlohmann::json::parse(*report);
    for (const auto& output : parsed["outputs"]) {
        if (output["role"] != "lod") continue;
        levels.push_back({out / output["file"].get<std::string>(), output["tech"]["triangles"].get<std::size_t>(),
                          output["tech"].value("max_texture", 2048)});
    }
    wenyuan::test::GlWindow window(1280, 800);
    if (!window.ok()) {
        std::printf("no GL: %s (run under xvfb-run)\n", window.why().c_str());
        return;
    }
    for (const LodAsset& level : levels) {
        ModelView view;
        start = Clock::now();
        view.load_file(level.file);
        if (!wait_ready(view)) {
            std::printf("level %s failed: %s\n", level.file.filename().c_str(), view.error().c_str());
            continue;
        }
        const double load = since(start);
        frame_times(view, 3, false);  // warm up
        char label[160];
        std::snprintf(label, sizeof label, "level %-8zu triangles: load %.2f s,", level.triangles, load);
        print_times(label, frame_times(view, 60, false));
        if (&level == &levels.front()) std::printf("GL: %s\n", view.gl_info().c_str());
    }
    ModelView view;
    view.load(levels);
    if (!wait_ready(view)) return;
    std::printf("ModelView's choice by the renderer's triangle budget and GL_MAX_TEXTURE_SIZE: level %d (%zu triangles)\n",
                view.current_level(), view.triangles());
    ModelView::Options options;
    options.budget.max_triangles = SIZE_MAX;  // start at the full model, let frame time decide
    ModelView adaptive(options);
    adaptive.load(levels);
    if (!wait_ready(adaptive)) return;
    const int first = adaptive.current_level();
    for (int round = 0; round < 5; ++round) frame_times(adaptive, 30, true);
    std::printf("frame-time governor: from level %d to level %d (%zu triangles);", first, adaptive.current_level(),
                adaptive.triangles());
    print_times("", frame_times(adaptive, 30, false));
}

double run_seconds(const std::string& command) {
    const auto start = Clock::now();
    const int rc = std::system(command.c_str());
    return rc == 0 ? since(start) : -1;
}

void bench_video(const std::filesystem::path& folder) {
    const auto clip = folder / "720p.mp4";
    const std::string make = "ffmpeg -nostdin -v error -y -f lavfi -i testsrc2=size=1280x720:rate=30:duration=10 -f lavfi "
                             "-i sine=frequency=440:duration=10 -c:v libx264 -preset veryfast -pix_fmt yuv420p -c:a aac '" +
                             clip.string() + "'";
    if (std::system(make.c_str()) != 0) {
        std::printf("ffmpeg could not make the clip\n");
        return;
    }
    const int frames = 300;
    const double peer = run_seconds("ffmpeg -nostdin -v error -threads 2 -i '" + clip.string() + "' -f null -");
    const double peer_rgba =
        run_seconds("ffmpeg -nostdin -v error -threads 2 -i '" + clip.string() + "' -pix_fmt rgba -f null -");
    wenyuan::kiosk::MediaDecoder::Limits limits;
    const auto start = Clock::now();
    wenyuan::kiosk::MediaDecoder decoder(clip, limits, nullptr);
    long got = 0;
    while (!decoder.finished(0) || !decoder.queue_empty(0)) {
        if (decoder.phase() == wenyuan::kiosk::MediaDecoder::Phase::failed) {
            std::printf("decoder failed: %s\n", decoder.error().c_str());
            return;
        }
        if (decoder.pop_due(0, 0, true)) {
            ++got;
        } else {
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    }
    const double ours = since(start);
    std::printf("video 1280x720 30 fps, %d frames: ours (decode + RGBA, 2 threads) %.2f s = %.0f fps (%ld pictures); "
                "ffmpeg -f null %.2f s = %.0f fps; ffmpeg -pix_fmt rgba -f null %.2f s = %.0f fps\n",
                frames, ours, got / ours, got, peer, frames / peer, peer_rgba, frames / peer_rgba);
}

}  // namespace

int main(int argc, char** argv) {
    const int segments = argc > 1 ? std::atoi(argv[1]) : 1000;
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path folder =
        argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::path(tmp ? tmp : "/tmp") / "bench_playback";
    std::filesystem::create_directories(folder);
    bench_video(folder);
    bench_model(segments, folder);
    return 0;
}
