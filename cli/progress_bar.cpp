#include "progress_bar.hpp"

#include <cstdio>

#include "cli.hpp"

namespace wenyuan::cli {

std::string format_duration(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char text[32];
    if (s >= 3600) std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else if (s >= 60) std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
    else std::snprintf(text, sizeof text, "%lds", s);
    return text;
}

void ProgressBar::update(std::size_t done, std::size_t total, std::chrono::steady_clock::duration elapsed,
                         const std::string& current) {
    if (!enabled_ || total == 0) return;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    drawn_ = true;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const std::string eta = rate > 0 ? format_duration(static_cast<double>(total - done) / rate) : "?";
    constexpr int width = 24;
    const int filled = static_cast<int>(width * done / total);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '-');
    // The end of the path (the file's name), from a character boundary, on one line.
    std::string name = one_line(current);
    if (name.size() > 30) {
        std::size_t from = name.size() - 29;
        while (from < name.size() && (static_cast<unsigned char>(name[from]) & 0xC0) == 0x80) ++from;
        name = "…" + name.substr(from);
    }
    std::fprintf(stderr, "\r[%s] %zu/%zu  %.1f files/s  ETA %s  %s\033[K", bar.c_str(), done, total, rate,
                 eta.c_str(), name.c_str());
    std::fflush(stderr);
}

void ProgressBar::finish() {
    if (enabled_ && drawn_) std::fputc('\n', stderr);
    drawn_ = false;
}

}  // namespace wenyuan::cli
