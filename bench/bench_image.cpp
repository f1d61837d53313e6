// Image ingest against vipsthumbnail and ImageMagick, on the same generated files, in one run.
//
//   bench_image [folder] [--count N] [--no-huge]
//
// Makes N 24-megapixel JPEGs (quality 90) plus two 16-bit TIFF and two PNG scans, then times:
//   1. our thumbnail (256 px) + preview (2048 px) generation, on two threads;
//   2. vipsthumbnail making the same two sizes, two processes in parallel;
//   3. ImageMagick `convert -thumbnail` making the same two sizes, two processes in parallel;
//   4. a full `wenyuan import --jobs 2` (hashing, derivatives, 256-px tiles, catalog);
// and, unless --no-huge, the peak memory of importing one 30000 × 20000 JPEG (tile pyramid).
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <jpeglib.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "image_header.hpp"
#include "jpeg_codec.hpp"
#include "pixels.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using wenyuan::image::Format;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A photograph-like picture: smooth light, shapes and sensor noise, so that JPEG sizes are real.
cv::Mat photo_like(int width, int height, unsigned seed) {
    cv::Mat small(height / 16, width / 16, CV_8UC3);
    cv::randu(small, cv::Scalar::all(30), cv::Scalar::all(220));
    cv::Mat pixels;
    cv::resize(small, pixels, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
    std::mt19937 random(seed);
    for (int i = 0; i < 60; ++i) {
        const cv::Point centre(int(random() % unsigned(width)), int(random() % unsigned(height)));
        cv::circle(pixels, centre, int(random() % 400 + 20),
                   cv::Scalar(random() % 255, random() % 255, random() % 255), int(random() % 12 + 2));
    }
    cv::Mat noise(height, width, CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
    pixels += noise;
    return pixels;
}

// Writes a JPEG of any size row by row, never holding the whole picture.
bool write_huge_jpeg(const fs::path& file, int width, int height) {
    std::FILE* out = std::fopen(file.c_str(), "wb");
    if (!out) return false;
    jpeg_compress_struct info{};
    jpeg_error_mgr error{};
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    jpeg_stdio_dest(&info, out);
    info.image_width = JDIMENSION(width);
    info.image_height = JDIMENSION(height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 85, TRUE);
    jpeg_start_compress(&info, TRUE);
    const cv::Mat tile = photo_like(1024, 256, 7);
    std::vector<unsigned char> row(std::size_t(width) * 3);
    for (int y = 0; y < height; ++y) {
        const auto* source = tile.ptr<unsigned char>(y % tile.rows);
        for (int x = 0; x < width; ++x) {
            const int tx = (x + y / 256 * 97) % tile.cols;
            std::memcpy(&row[std::size_t(x) * 3], source + tx * 3, 3);
        }
        JSAMPROW pointer = row.data();
        jpeg_write_scanlines(&info, &pointer, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    return std::fclose(out) == 0;
}

struct Run {
    double seconds = 0;
    double cpu_seconds = 0;  // user + system of all the programs
    long peak_kb = 0;        // the largest program's peak resident set
    bool ok = true;
};

// Starts the programs together, each under /usr/bin/time (a child spawned from this large
// process would inherit its peak RSS), and waits for all of them.
Run run_parallel(const std::vector<std::vector<std::string>>& commands) {
    const auto start = Clock::now();
    std::vector<pid_t> children;
    std::vector<fs::path> reports;
    Run result;
    for (const auto& plain : commands) {
        reports.push_back(fs::temp_directory_path() / ("bench_image_time_" + std::to_string(reports.size())));
        std::vector<std::string> command = {"/usr/bin/time", "-f", "%e %U %S %M", "-o", reports.back().string()};
        command.insert(command.end(), plain.begin(), plain.end());
        std::vector<char*> argv;
        for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        pid_t pid = 0;
        if (posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) result.ok = false;
        else children.push_back(pid);
        posix_spawn_file_actions_destroy(&actions);
    }
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        result.ok = result.ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    result.seconds = seconds_since(start);
    for (const fs::path& report : reports) {
        double wall = 0, user = 0, system = 0;
        long peak = 0;
        if (std::FILE* in = std::fopen(report.c_str(), "r")) {
            // A failing program makes time write "Command exited with non-zero status N" first.
            char line[256];
            while (std::fgets(line, sizeof line, in)) std::sscanf(line, "%lf %lf %lf %ld", &wall, &user, &system, &peak);
            std::fclose(in);
        }
        result.cpu_seconds += user + system;
        result.peak_kb = std::max(result.peak_kb, peak);
        fs::remove(report);
    }
    return result;
}

// Our derivative path, as the importer runs it for images up to 4096 px: scaled decode, area
// resize, TurboJPEG encode. For other formats, OpenCV decode.
bool make_thumbnail_and_preview(const fs::path& file) {
    const std::string bytes = [&] {
        std::FILE* in = std::fopen(file.c_str(), "rb");
        std::string data(fs::file_size(file), '\0');
        const std::size_t got = std::fread(data.data(), 1, data.size(), in);
        std::fclose(in);
        data.resize(got);
        return data;
    }();
    const auto span = std::as_bytes(std::span(bytes.data(), bytes.size()));
    auto header = wenyuan::image::read_image_header(span);
    if (!header) return false;
    auto pixels = header->format == Format::jpeg ? wenyuan::image::decode_jpeg(span, *header, 2048)
                                                 : wenyuan::image::decode_with_opencv(file, header->format);
    if (!pixels) return false;
    const cv::Mat preview = wenyuan::image::fit_long_edge(*pixels, 2048);
    const cv::Mat thumbnail = wenyuan::image::fit_long_edge(preview, 256);
    return wenyuan::image::encode_jpeg(preview, 88) && wenyuan::image::encode_jpeg(thumbnail, 85);
}

struct SelfUsage {
    double cpu_seconds;
    long peak_kb;
};
SelfUsage self_usage() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto secs = [](timeval t) { return double(t.tv_sec) + t.tv_usec / 1e6; };
    return {secs(usage.ru_utime) + secs(usage.ru_stime), usage.ru_maxrss};
}

// Wall time on a shared machine depends on the neighbours; CPU time (user + system) does not,
// so both are printed, with the ratio to ours by each.
void print_row(const char* tool, double seconds, double cpu, std::size_t files, double megapixels, double ours,
               double ours_cpu, long peak_kb) {
    std::printf("%-44s %7.2f s %6.2f× %7.2f s %6.2f× %6.1f img/s %6.1f MP/s %7.0f MB\n", tool, seconds, seconds / ours,
                cpu, cpu / ours_cpu, files / seconds, megapixels / seconds, peak_kb / 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    fs::path folder = fs::temp_directory_path() / "wenyuan-bench-image";
    int count = 12;
    bool huge = true;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--count" && i + 1 < argc) count = std::atoi(argv[++i]);
        else if (arg == "--no-huge") huge = false;
        else folder = arg;
    }
    const fs::path self = fs::canonical("/proc/self/exe").parent_path();
    const fs::path inputs = folder / "in";
    fs::create_directories(inputs);

    std::vector<fs::path> files;
    double megapixels = 0;
    for (int i = 0; i < count; ++i) {
        const fs::path file = inputs / ("photo_" + std::to_string(i) + ".jpg");
        if (!fs::exists(file)) cv::imwrite(file.string(), photo_like(6000, 4000, unsigned(i)), {cv::IMWRITE_JPEG_QUALITY, 90});
        files.push_back(file);
        megapixels += 24;
    }
    for (int i = 0; i < 2; ++i) {
        const fs::path tiff = inputs / ("scan_" + std::to_string(i) + ".tif");
        const fs::path png = inputs / ("drawing_" + std::to_string(i) + ".png");
        if (!fs::exists(tiff)) {
            cv::Mat sixteen;
            photo_like(3000, 2200, 100 + unsigned(i)).convertTo(sixteen, CV_16UC3, 257.0);
            cv::imwrite(tiff.string(), sixteen, {cv::IMWRITE_TIFF_COMPRESSION, 5});
        }
        if (!fs::exists(png)) cv::imwrite(png.string(), photo_like(3000, 2200, 200 + unsigned(i)));
        files.push_back(tiff);
        files.push_back(png);
        megapixels += 2 * 6.6;
    }
    std::printf("bench_image: %zu files (%d × 24 MP JPEG q90, 2 × 16-bit LZW TIFF, 2 × PNG; %.0f MP) in %s\n\n",
                files.size(), count, megapixels, inputs.c_str());
    std::printf("%-44s %9s %7s %9s %7s %12s %11s %10s\n", "", "wall", "÷ ours", "CPU", "÷ ours", "", "", "peak RSS");

    // 1. Ours: two worker threads over the file list.
    const SelfUsage before = self_usage();
    const auto start = Clock::now();
    std::atomic<std::size_t> next{0};
    std::atomic<bool> ok{true};
    auto worker = [&] {
        for (std::size_t i; (i = next++) < files.size();) ok = make_thumbnail_and_preview(files[i]) && ok;
    };
    std::thread a(worker), b(worker);
    a.join();
    b.join();
    const double ours = seconds_since(start);
    const SelfUsage usage = self_usage();
    const double ours_cpu = usage.cpu_seconds - before.cpu_seconds;
    print_row("wenyuan thumbnail + preview (2 threads)", ours, ours_cpu, files.size(), megapixels, ours, ours_cpu,
              usage.peak_kb);
    if (!ok) std::printf("  (some files failed!)\n");

    // 2. vipsthumbnail and 3. ImageMagick, each as two processes over half the files, per size.
    auto halves = [&](const std::vector<std::string>& prefix, const std::vector<std::string>& suffix) {
        std::vector<std::vector<std::string>> commands(2, prefix);
        for (std::size_t i = 0; i < files.size(); ++i) commands[i % 2].push_back(files[i].string());
        for (auto& command : commands) command.insert(command.end(), suffix.begin(), suffix.end());
        return commands;
    };
    const fs::path vips_out = folder / "vips";
    fs::create_directories(vips_out);
    auto vips = [&](int size) {
        return run_parallel(halves({"vipsthumbnail", "-s", std::to_string(size), "-o",
                                    (vips_out / ("%s_" + std::to_string(size) + ".jpg[Q=88]")).string()},
                                   {}));
    };
    const Run vips_preview = vips(2048), vips_thumb = vips(256);
    const double vips_seconds = vips_preview.seconds + vips_thumb.seconds;
    const double vips_cpu = vips_preview.cpu_seconds + vips_thumb.cpu_seconds;
    print_row("vipsthumbnail 2048 + 256 (2 processes)", vips_seconds, vips_cpu, files.size(), megapixels, ours, ours_cpu,
              std::max(vips_preview.peak_kb, vips_thumb.peak_kb));
    if (!vips_preview.ok || !vips_thumb.ok) std::printf("  (vipsthumbnail failed or is missing: apt install libvips-tools)\n");

    const fs::path magick_out = folder / "magick";
    fs::create_directories(magick_out);
    double magick_seconds = 0, magick_cpu = 0;
    long magick_peak = 0;
    bool magick_ok = true;
    for (int size : {2048, 256}) {
        std::vector<std::vector<std::string>> commands(2);
        for (int half = 0; half < 2; ++half) {
            std::string script;
            for (std::size_t i = std::size_t(half); i < files.size(); i += 2) {
                script += "convert '" + files[i].string() + "' -thumbnail " + std::to_string(size) + "x" +
                          std::to_string(size) + " -quality 88 '" +
                          (magick_out / (files[i].stem().string() + "_" + std::to_string(size) + ".jpg")).string() + "';";
            }
            commands[std::size_t(half)] = {"sh", "-c", script};
        }
        const Run run = run_parallel(commands);
        magick_seconds += run.seconds;
        magick_cpu += run.cpu_seconds;
        magick_peak = std::max(magick_peak, run.peak_kb);
        magick_ok = magick_ok && run.ok;
    }
    print_row("ImageMagick convert -thumbnail (2 processes)", magick_seconds, magick_cpu, files.size(), megapixels, ours,
              ours_cpu, magick_peak);
    if (!magick_ok) std::printf("  (convert failed for some files: Debian's policy refuses some sizes)\n");

    // 4. A full import, with hashing, tiles and the catalog.
    const fs::path archive = folder / "archive";
    fs::remove_all(archive);
    run_parallel({{(self / "wenyuan").string(), "init", archive.string()}});
    const Run import = run_parallel(
        {{(self / "wenyuan").string(), "import", archive.string(), inputs.string(), "--jobs", "2", "--no-progress"}});
    print_row("wenyuan import --jobs 2 (full, with tiles)", import.seconds, import.cpu_seconds, files.size(), megapixels,
              ours, ours_cpu, import.peak_kb);
    if (!import.ok) std::printf("  (the import reported failures)\n");

    std::printf("\nderivatives: %.2f× vipsthumbnail's throughput by wall time, %.2f× by CPU time (target ≥ 1.5×)\n",
                vips_seconds / ours, vips_cpu / ours_cpu);
    std::printf("full import: %.2f× vipsthumbnail's throughput by wall time, %.2f× by CPU time (target ≥ 1.0×)\n",
                vips_seconds / import.seconds, vips_cpu / import.cpu_seconds);

    if (huge) {
        const fs::path big_folder = folder / "huge";
        fs::create_directories(big_folder);
        const fs::path big = big_folder / "scroll_30000x20000.jpg";
        if (!fs::exists(big)) {
            std::printf("\nwriting %s …\n", big.c_str());
            if (!write_huge_jpeg(big, 30000, 20000)) return 1;
        }
        const fs::path big_archive = folder / "huge-archive";
        fs::remove_all(big_archive);
        run_parallel({{(self / "wenyuan").string(), "init", big_archive.string()}});
        const Run run = run_parallel(
            {{(self / "wenyuan").string(), "import", big_archive.string(), big.string(), "--no-progress"}});
        std::printf("30000 × 20000 JPEG (600 MP, %.0f MB): import with tile pyramid %.1f s (%.1f s CPU), peak RSS %.0f MB "
                    "(target < 300 MB)%s\n",
                    fs::file_size(big) / 1e6, run.seconds, run.cpu_seconds, run.peak_kb / 1024.0, run.ok ? "" : " FAILED");
    }
    return ok ? 0 : 1;
}
