// bench_media: probe plus poster frame per file, ours (libavformat/libavcodec in process: open,
// probe, seek to 10%, decode, skip blank frames, scale, JPEG) against the ffmpeg CLI doing the
// same job (`ffprobe -show_format -show_streams` plus `ffmpeg -ss <10%> -i <file> -frames:v 1
// poster.jpg`), on the same generated 1–10 minute videos in the same run. Prints the medians of
// three runs, the ratio (target ≤ 1.2×) and peak memory.
//
// Usage: bench_media [minutes=1,2,5,10] [folder=$TMPDIR/wenyuan-bench-media]
// The videos (640×360, 25 fps, H.264 + AAC, made by ffmpeg from lavfi testsrc2 with film-grain noise,
// so that they have a camera's bit rate, and sine) are kept
// in the folder and reused by later runs.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "picture.hpp"
#include "probe.hpp"
#include "stills.hpp"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

int run(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) return -1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

long peak_kib(int who) {
    rusage usage{};
    getrusage(who, &usage);
    return usage.ru_maxrss;
}

std::filesystem::path make_video(const std::filesystem::path& folder, int minutes) {
    const auto file = folder / ("testsrc_" + std::to_string(minutes) + "min.mp4");
    if (std::filesystem::exists(file)) return file;
    const std::string seconds = std::to_string(minutes * 60);
    std::printf("generating %s ...\n", file.filename().c_str());
    std::fflush(stdout);
    const auto partial = folder / ("partial_" + file.filename().string());
    if (run({"ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=" + seconds,
             "-f", "lavfi", "-i", "sine=frequency=330:duration=" + seconds, "-vf", "noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "veryfast",
             "-g", "250", "-pix_fmt", "yuv420p", "-c:a", "aac", partial.string()}) != 0) {
        std::fprintf(stderr, "bench_media: ffmpeg could not make %s (is the ffmpeg package installed?)\n", file.c_str());
        std::exit(1);
    }
    std::filesystem::rename(partial, file);
    return file;
}

// Ours: what the importer does for the original's metadata and its preview, minus the store.
double ours(const std::filesystem::path& file, const std::filesystem::path& out) {
    const auto start = Clock::now();
    auto input = wenyuan::media::open_input(file);
    if (!input) {
        std::fprintf(stderr, "bench_media: %s\n", input.error().message.c_str());
        std::exit(1);
    }
    const auto info = wenyuan::media::describe(input->get(), file);
    const std::string json = wenyuan::media::tech_json(info);
    auto poster = wenyuan::media::make_poster(input->get(), info, 2048);
    if (!poster) {
        std::fprintf(stderr, "bench_media: %s\n", poster.error().message.c_str());
        std::exit(1);
    }
    auto jpeg = wenyuan::media::encode_jpeg(poster->picture);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (jpeg) {
        if (std::FILE* f = std::fopen(out.c_str(), "wb")) {
            std::fwrite(jpeg->data(), 1, jpeg->size(), f);
            std::fclose(f);
        }
    }
    return seconds + 0 * static_cast<double>(json.size());
}

double peer(const std::filesystem::path& file, double at, const std::filesystem::path& out) {
    const auto start = Clock::now();
    if (run({"sh", "-c", "ffprobe -v error -show_format -show_streams \"$0\" > /dev/null", file.string()}) != 0 ||
        run({"ffmpeg", "-nostdin", "-v", "error", "-y", "-ss", std::to_string(at), "-i", file.string(), "-frames:v", "1",
             out.string()}) != 0) {
        std::fprintf(stderr, "bench_media: the ffmpeg CLI failed on %s\n", file.c_str());
        std::exit(1);
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> minutes = {1, 2, 5, 10};
    if (argc > 1) {
        minutes.clear();
        std::stringstream list(argv[1]);
        for (std::string part; std::getline(list, part, ',');) minutes.push_back(std::atoi(part.c_str()));
    }
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path folder = argc > 2 ? std::filesystem::path(argv[2])
                                                  : std::filesystem::path(tmp ? tmp : "/tmp") / "wenyuan-bench-media";
    std::filesystem::create_directories(folder);
    av_log_set_level(AV_LOG_QUIET);

    std::vector<std::filesystem::path> files;
    for (int m : minutes) files.push_back(make_video(folder, m));
    const long base_kib = peak_kib(RUSAGE_SELF);
    std::printf("\nprobe + poster per file (median of 3, warm cache); peer: ffprobe + ffmpeg -ss <10%%> -frames:v 1\n");
    std::printf("%-22s %10s %10s %10s %9s %14s %14s\n", "file", "MiB", "ours s", "peer s", "ratio", "our peak MiB",
                "peer peak MiB");
    for (const auto& file : files) {
        const double mib = static_cast<double>(std::filesystem::file_size(file)) / (1 << 20);
        auto input = wenyuan::media::open_input(file);
        const double duration = input ? wenyuan::media::describe(input->get(), file).duration : 0;
        input = wenyuan::media::open_input(file);  // drop the first one
        (void)ours(file, folder / "ours.jpg");    // warm the cache
        std::vector<double> our_times, peer_times;
        for (int i = 0; i < 3; ++i) {
            our_times.push_back(ours(file, folder / "ours.jpg"));
            peer_times.push_back(peer(file, duration * 0.10, folder / "peer.jpg"));
        }
        const double a = median(our_times), b = median(peer_times);
        std::printf("%-22s %10.1f %10.3f %10.3f %8.2fx %14.1f %14.1f\n", file.filename().c_str(), mib, a, b, a / b,
                    peak_kib(RUSAGE_SELF) / 1024.0, peak_kib(RUSAGE_CHILDREN) / 1024.0);
        std::fflush(stdout);
    }
    std::printf("our peak before the first file: %.1f MiB (the peak after each file is cumulative: flat means\n"
                "memory does not grow with the length of the recording)\n", base_kib / 1024.0);
    return 0;
}
