// bench_model: the 3D importer against `assimp info` on the same files.
//
// usage: bench_model [segments=1000] [folder=$TMPDIR]
// Needs /usr/bin/time (Debian package `time`) and `assimp` (assimp-utils).
// Generates (with our own code) a binary PLY scan of 2 × segments × segments triangles with
// vertex colours (2 M at the default) and a textured OBJ (a 300 × 300 grid, 180 k triangles, with
// a 4096 px JPEG). For each it prints, in the same run:
//   - `assimp info` wall time and peak RSS (run under `timeout 600`), the anchor;
//   - our full import with `wenyuan import` (parse, canonical GLB, all LODs, poster, storing):
//     wall time, peak RSS of the import and its isolated child, and the ratio to `assimp info`;
//   - the stages of process_model() in this process, and LOD throughput (input triangles/s).
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "assimp_load.hpp"
#include "lod.hpp"
#include "model_fixtures.hpp"
#include "normalise.hpp"
#include "process.hpp"

extern char** environ;

namespace {

struct Run {
    double seconds = 0;
    double peak_mib = 0;
    int status = -1;
};

// Runs argv with stdout/stderr on /dev/null under /usr/bin/time, which reports the peak RSS of
// the command (and the children it waited for). The time process is small, so the peak is the
// command's own: a process spawned straight from this one would count this one's pages too,
// because Linux carries the high-water mark across exec.
Run run(const std::vector<std::string>& command, const std::filesystem::path& folder) {
    const auto rss_file = folder / "peak_rss.txt";
    std::vector<std::string> args = {"/usr/bin/time", "-f", "%M", "-o", rss_file.string()};
    args.insert(args.end(), command.begin(), command.end());
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    Run result;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) return result;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
    }
    posix_spawn_file_actions_destroy(&actions);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream in(rss_file);
    std::string line, last;
    while (std::getline(in, line)) {
        if (!line.empty()) last = line;  // "Command exited with non-zero status 1" may come first
    }
    result.peak_mib = last.empty() ? 0 : std::atof(last.c_str()) / 1024.0;
    return result;
}

void compare(const std::string& label, const std::filesystem::path& model, const std::filesystem::path& folder,
             const std::filesystem::path& wenyuan) {
    std::printf("\n%s (%s, %.1f MB)\n", label.c_str(), model.filename().c_str(),
                double(std::filesystem::file_size(model)) / 1e6);
    const Run assimp = run({"timeout", "600", "assimp", "info", model.string()}, folder);
    std::printf("  %-46s %8.2f s  peak %7.0f MiB%s\n", "assimp info (anchor)", assimp.seconds, assimp.peak_mib,
                assimp.status ? "  (failed)" : "");
    const auto archive = folder / ("archive-" + model.stem().string());
    std::filesystem::remove_all(archive);
    run({wenyuan.string(), "init", archive.string()}, folder);
    const Run ours = run({"timeout", "600", wenyuan.string(), "import", archive.string(), model.string(), "--jobs", "1",
                          "--no-progress"},
                         folder);
    std::printf("  %-46s %8.2f s  peak %7.0f MiB%s  = %.2f x assimp info\n", "wenyuan import (parse+GLB+LODs+poster+store)",
                ours.seconds, ours.peak_mib, ours.status ? "  (failed)" : "", ours.seconds / assimp.seconds);
}

void stages(const std::filesystem::path& model, const std::filesystem::path& folder) {
    const auto out = folder / ("stages-" + model.stem().string());
    std::filesystem::remove_all(out);
    std::filesystem::create_directories(out);
    const auto start = std::chrono::steady_clock::now();
    auto report = wenyuan::model::process_model({model, out, true, {}});
    const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!report) {
        std::printf("  process_model failed: %s\n", report.error().message.c_str());
        return;
    }
    const auto json = nlohmann::json::parse(*report);
    std::printf("  process_model in-process: %.2f s =", total);
    for (const auto& [stage, seconds] : json["seconds"].items()) std::printf(" %s %.2f", stage.c_str(), seconds.get<double>());
    std::printf("\n  levels:");
    for (const auto& level : json["tech"]["lods"]) {
        std::printf(" %s %lld tris (err %.4f%%, %s);", level["target"].get<std::string>().c_str(),
                    level["triangles"].get<long long>(), 100 * level["error"].get<double>(),
                    level["method"].get<std::string>().c_str());
    }
    std::printf("\n");
}

void lod_throughput(const std::filesystem::path& model) {
    auto loaded = wenyuan::model::load_with_assimp(model);
    if (!loaded) return;
    wenyuan::model::normalise(*loaded);
    const auto start = std::chrono::steady_clock::now();
    const auto levels = wenyuan::model::build_lods(*loaded);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t input = 0;
    for (std::size_t i = 0; i + 1 < levels.size(); ++i) input += levels[i].triangles;
    std::printf("  LOD build: %zu levels in %.2f s: %.2f M full-model triangles/s (%.2f M triangles/s over every "
                "level's input)\n",
                levels.size(), seconds, double(loaded->triangle_count()) / seconds / 1e6, double(input) / seconds / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
    const int segments = argc > 1 ? std::atoi(argv[1]) : 1000;
    const char* tmp = std::getenv("TMPDIR");
    const auto folder = std::filesystem::path(argc > 2 ? argv[2] : (tmp ? tmp : "/tmp")) /
                        ("wenyuan-bench-model-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto wenyuan = std::filesystem::path(WENYUAN_BINARY_DIR) / "bin/wenyuan";

    const auto scan = folder / "scan.ply";
    const std::size_t scan_triangles = wenyuan::test::write_scan_ply(scan, segments, segments + 1);
    const auto textured = folder / "textured";
    wenyuan::test::write_textured_obj(textured, "kiln", "textures/kiln_4k.jpg", 300, 4096);
    std::printf("bench_model: files in %s; %d cores\n", folder.c_str(), int(sysconf(_SC_NPROCESSORS_ONLN)));

    compare("binary PLY scan, " + std::to_string(scan_triangles) + " triangles, vertex colours", scan, folder, wenyuan);
    stages(scan, folder);
    lod_throughput(scan);
    compare("textured OBJ, 180000 triangles, 4096 px JPEG", textured / "kiln.obj", folder, wenyuan);
    stages(textured / "kiln.obj", folder);
    lod_throughput(textured / "kiln.obj");
    std::filesystem::remove_all(folder);
    return 0;
}
