// bench_kiosk [items=10000] [loops=20] [model-triangles=0] [--minutes M] [--archive DIR] [--log FILE]
//
// The kiosk on Mesa llvmpipe at 1280 × 800, with the kiosk test archive plus `items` generated
// public catalogue records (search results and glyphs come from all of them):
//   1. cold start: a fresh wenyuan-kiosk process to its first home frame (5 runs);
//   2. frame time per screen (CPU + glFinish), each screen held for 120 frames;
//   3. resident memory over `loops` scripted visits (home → exhibition → exhibits → search →
//      tour → idle → attract loop), sampled every 600 frames: it must stay flat;
//   4. with model-triangles > 0 (2000000 for issue 7's case; the import takes a while, so it is
//      optional): a generated scan of that many triangles (tests/importers/model_fixtures.cpp) is
//      imported with `wenyuan import`, put in an exhibition of its own, and opened in the kiosk;
//      its frame time per level of detail drawn ("exhibit/model@<triangles>tri"), target < 33 ms.
// Targets from issue 7: first frame < 1.0 s, frames < 16 ms, memory < 300 MB and flat. The peer
// is the issue's own measurement: the ImGui demo at about 100 FPS (10 ms) on the same llvmpipe.
// --minutes M replaces parts 1–4 with one visit loop that runs for M minutes of wall-clock time,
// its memory sampled from outside every 10 s (kiosk_memory_loop.hpp; --log FILE keeps every
// sample). --archive DIR builds the archive there once and reuses it (it is not deleted).
// Without $DISPLAY it re-runs itself under xvfb-run.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "kiosk_memory_loop.hpp"
#include "search_corpus.hpp"
#include "model_fixtures.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/search.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Run {
    int status = -1;
    std::string out;
    double seconds = 0;
};

Run run(const std::vector<std::string>& argv) {
    Run result;
    const fs::path out = fs::temp_directory_path() / ("bench_kiosk_" + std::to_string(getpid()) + ".out");
    const auto start = Clock::now();
    const pid_t pid = wenyuan::bench::spawn(argv, out.string());
    int status = 0;
    waitpid(pid, &status, 0);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(out);
    std::ostringstream text;
    text << in.rdbuf();
    result.out = text.str();
    fs::remove(out);
    return result;
}

double number_after(const std::string& text, const std::string& key, std::size_t from = 0) {
    const auto at = text.find("\"" + key + "\": ", from);
    return at == std::string::npos ? -1 : std::atof(text.c_str() + at + key.size() + 4);
}

// Taps at 1280 × 800 on the kiosk test archive (see tests/viewer/render_test.cpp).
const char* kVisit =
    "tap 338 400\nwait 120\n"                                     // exhibition 村史馆
    "tap 172 740\nwait 10\ntap 788 575\ntap 788 575\ntap 788 575\nwait 110\n"  // the map, zoomed (tiles)
    "tap 90 56\nwait 5\ntap 90 56\nwait 5\n"                      // back, back: home
    "tap 942 400\nwait 10\ntap 406 483\nwait 120\n"               // 老厂记忆 → the 3D model
    "tap 1236 437\nwait 120\n"                                    // next: the clip
    "tap 90 56\nwait 5\ntap 90 56\nwait 5\n"
    "tap 640 735\nwait 5\ntap 580 544\ntap 1058 544\ntap 879 682\ntap 640 613\nwait 110\n"  // search "tong"
    "tap 90 56\nwait 5\n"
    "tap 338 400\nwait 5\ntap 160 245\nwait 120\ntap 1130 740\nwait 60\ntap 1130 740\nwait 30\n"  // the tour to its end
    "tap 640 517\nwait 10\n"                                      // skip the rating
    "tap 90 56\nwait 5\n";

void print_load(const char* what) {
    double load[1] = {0};
    getloadavg(load, 1);
    std::printf("%s, load average %.1f on %ld cores\n", what, load[0], sysconf(_SC_NPROCESSORS_ONLN));
}

// Part 4: a scan of `triangles` triangles imported, shown in an exhibition of its own (the third
// card on home), opened and orbited in the kiosk for 240 frames.
bool big_model(const std::string& kiosk, const fs::path& dir, std::size_t triangles) {
    const std::string wenyuan = std::string(WENYUAN_BINARY_DIR) + "/bin/wenyuan";
    const std::string archive = (dir / "archive").string();
    const int segments = std::max(2, int(std::ceil(std::sqrt(double(triangles) / 2))));
    const fs::path sources = dir / "model";
    fs::create_directories(sources);
    const std::size_t made = wenyuan::test::write_scan_ply(sources / "scan.ply", segments, segments);
    std::ofstream(sources / "manifest.csv") << "file,key,title,title_en,access\n"
                                               "scan.ply,T-SCAN,三维扫描铜像,Scanned bronze figure,public\n";
    std::ofstream(sources / "scan.json")
        << R"({"id": "saomiao", "title": "三维扫描", "title_en": "Scans", "intro": "一件两百万面的扫描模型。",
              "intro_en": "A scan of two million triangles.", "cover": "T-SCAN",
              "sections": [{"title": "扫描", "exhibits": [{"item": "T-SCAN"}]}]})";
    const auto start = Clock::now();
    Run imported = run({wenyuan, "import", archive, "--manifest", (sources / "manifest.csv").string(), "--no-progress"});
    const double import_s = std::chrono::duration<double>(Clock::now() - start).count();
    Run shown = run({wenyuan, "exhibition", "import", archive, (sources / "scan.json").string()});
    if (imported.status != 0 || shown.status != 0) {
        std::fprintf(stderr, "bench_kiosk: importing the %zu-triangle scan failed (%d, %d)\n", made, imported.status, shown.status);
        return false;
    }
    std::printf("\n%zu-triangle scan imported (GLB, levels of detail, poster) in %.1f s\n", made, import_s);
    // Home now has three cards: the third (x 1042) is the scan's exhibition; its first card is the scan.
    const fs::path script = dir / "model.txt";
    std::ofstream(script) << "tap 1042 400\nwait 10\ntap 172 483\nwait 30\ndrag 400 400 700 420 120\nwait 90\n";
    Run frames = run({kiosk, archive, "--screenshot", (dir / "model.png").string(), "--size", "1280x800", "--frames", "1",
                      "--script", script.string(), "--stats", "--config", (dir / "kiosk.conf").string(), "--idle", "3600"});
    print_load("the scan in the kiosk (exhibit/model@N: frames drawn at the level of N triangles)   target < 33 ms");
    std::istringstream lines(frames.out);
    std::string line;
    while (std::getline(lines, line))
        if (line.find("exhibit/model") != std::string::npos) std::printf("  %s\n", line.c_str());
    return frames.status == 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> positional;
    double minutes = 0;
    std::string keep, log;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--minutes" && i + 1 < argc) minutes = std::atof(argv[++i]);
        else if (a == "--archive" && i + 1 < argc) keep = argv[++i];
        else if (a == "--log" && i + 1 < argc) log = argv[++i];
        else if (a.rfind("--", 0) == 0) return std::fprintf(stderr, "usage: bench_kiosk [items] [loops] [model-triangles] [--minutes M] [--archive DIR] [--log FILE]\n"), 2;
        else positional.push_back(a);
    }
    const std::size_t items = positional.size() > 0 ? std::strtoul(positional[0].c_str(), nullptr, 10) : 10000;
    const int loops = positional.size() > 1 ? std::atoi(positional[1].c_str()) : 20;
    const std::size_t model_triangles = positional.size() > 2 ? std::strtoul(positional[2].c_str(), nullptr, 10) : 0;
    if (!std::getenv("DISPLAY")) {
        std::vector<std::string> again = {"xvfb-run", "-a", "-s", "-screen 0 1280x800x24"};
        for (int i = 0; i < argc; ++i) again.push_back(argv[i]);
        setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
        std::vector<char*> args;
        for (std::string& a : again) args.push_back(a.data());
        args.push_back(nullptr);
        execvp(args[0], args.data());
        std::fprintf(stderr, "bench_kiosk: no $DISPLAY and no xvfb-run\n");
        return 1;
    }
    const std::string kiosk = std::string(WENYUAN_BINARY_DIR) + "/bin/wenyuan-kiosk";
    const fs::path dir = keep.empty() ? fs::temp_directory_path() / ("bench_kiosk_" + std::to_string(getpid())) : fs::path(keep);
    if (keep.empty()) fs::remove_all(dir);
    const bool reused = fs::exists(dir / "archive");
    if (!reused) {
        fs::create_directories(dir);
        fs::copy(KIOSK_ARCHIVE, dir / "archive", fs::copy_options::recursive);
        auto archive = wenyuan::Archive::open(dir / "archive");
        if (!archive) return std::fprintf(stderr, "bench_kiosk: %s\n", archive.error().message.c_str()), 1;
        wenyuan::bench::CorpusGenerator generator(7);
        std::vector<wenyuan::Item> records;
        for (std::size_t i = 0; i < items; ++i) {
            records.push_back(generator.next());
            records.back().access = wenyuan::Access::public_access;
        }
        if (auto added = archive->add_items(records, "bench_kiosk"); !added)
            return std::fprintf(stderr, "bench_kiosk: %s\n", added.error().message.c_str()), 1;
        (void)wenyuan::optimize_search_index(*archive);
    }
    {
        auto archive = wenyuan::Archive::open(dir / "archive", wenyuan::OpenMode::read_only);
        if (!archive) return std::fprintf(stderr, "bench_kiosk: %s\n", archive.error().message.c_str()), 1;
        auto count = archive->count_items(wenyuan::Reader::kiosk);
        std::printf("archive: %zu public items (the kiosk test archive + %s generated records)\n", count ? *count : 0,
                    reused ? "reused" : std::to_string(items).c_str());
    }
    const std::string archive = (dir / "archive").string();
    const std::string config = (dir / "kiosk.conf").string();
    const std::string png = (dir / "frame.png").string();

    if (minutes > 0) {
        // A visit takes about 1,450 frames; at no more than 300 frames a second (far above
        // llvmpipe's pace) the script outlasts the run, which stops the kiosk after `minutes`.
        const fs::path loop = dir / "long_loop.txt";
        {
            std::ofstream out(loop);
            for (int i = 0, n = int(minutes * 60 / 5) + 1; i < n; ++i) out << kVisit << "wait 330\ntap 640 400\nwait 5\n";
        }
        std::printf("\nresident memory over a %.0f-minute visit loop (every visit ends in the attract loop), load average "
                    "at start %s   target < 300 MB, flat\n", minutes, [] {
                        static char text[16];
                        double load[1] = {0};
                        getloadavg(load, 1);
                        std::snprintf(text, sizeof text, "%.1f", load[0]);
                        return text;
                    }());
        const int status = wenyuan::bench::run_memory_loop({kiosk, archive, "--screenshot", png, "--size", "1280x800", "--frames", "1",
                                                            "--script", loop.string(), "--config", config, "--idle", "5"},
                                                           minutes, minutes >= 30 ? 5 : 1, log);
        if (keep.empty()) fs::remove_all(dir);
        return status;
    }

    // 1. Cold start.
    std::vector<double> walls, firsts;
    for (int i = 0; i < 5; ++i) {
        Run r = run({kiosk, archive, "--screenshot", png, "--size", "1280x800", "--frames", "1", "--stats", "--config", config});
        if (r.status != 0) return std::fprintf(stderr, "bench_kiosk: the kiosk failed (%d)\n", r.status), 1;
        walls.push_back(r.seconds * 1000);
        firsts.push_back(number_after(r.out, "first_frame_ms"));
    }
    std::sort(walls.begin(), walls.end());
    std::sort(firsts.begin(), firsts.end());
    std::printf("\ncold start to the first home frame (5 runs): in-process median %.0f ms (max %.0f); whole process "
                "incl. exit median %.0f ms (max %.0f)   target < 1000 ms\n",
                firsts[2], firsts[4], walls[2], walls[4]);

    // 2. Frame time per screen.
    const fs::path visit = dir / "visit.txt";
    std::ofstream(visit) << kVisit << "wait 120\n";  // ends at home
    Run screens = run({kiosk, archive, "--screenshot", png, "--size", "1280x800", "--frames", "1", "--script", visit.string(),
                       "--stats", "--config", config, "--idle", "3600"});
    double load[1] = {0};
    getloadavg(load, 1);
    std::printf("\nframe time per screen, llvmpipe 1280x800 (wall: CPU work + glFinish; cpu: all threads' CPU time), "
                "load average %.1f on %ld cores   target < 16 ms; peer: ImGui demo ~10 ms\n",
                load[0], sysconf(_SC_NPROCESSORS_ONLN));
    std::istringstream lines(screens.out);
    std::string line;
    while (std::getline(lines, line))
        if (line.find("\"screen\"") != std::string::npos) std::printf("  %s\n", line.c_str());

    // 3. Memory over a visit loop, ending in the attract loop every time (--idle 5).
    const fs::path loop = dir / "loop.txt";
    {
        std::ofstream out(loop);
        for (int i = 0; i < loops; ++i) out << kVisit << "wait 330\ntap 640 400\nwait 5\n";
    }
    Run memory = run({kiosk, archive, "--screenshot", png, "--size", "1280x800", "--frames", "1", "--script", loop.string(),
                      "--stats", "--config", config, "--idle", "5"});
    const auto at = memory.out.find("\"rss_mb\"");
    std::printf("\nresident memory over %d scripted visits ([frame, MB], every 600 frames)   target < 300 MB, flat\n  %s\n", loops,
                at == std::string::npos ? "(no samples)" : memory.out.substr(at).c_str());
    if (model_triangles > 0 && !big_model(kiosk, dir, model_triangles)) return 1;
    if (keep.empty()) fs::remove_all(dir);
    return 0;
}
