#include "app/frame_stats.hpp"

#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace wenyuan::kiosk {

const char* screen_name(Screen screen) {
    switch (screen) {
    case Screen::attract: return "attract";
    case Screen::home: return "home";
    case Screen::exhibition: return "exhibition";
    case Screen::exhibit: return "exhibit";
    case Screen::search: return "search";
    case Screen::tour: return "tour";
    }
    return "?";
}

double resident_mb() {
    std::ifstream statm("/proc/self/statm");
    long pages_total = 0, pages_resident = 0;
    if (!(statm >> pages_total >> pages_resident)) return 0;
    return double(pages_resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double process_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

void FrameStats::frame(const std::string& screen, double milliseconds, double cpu_milliseconds) {
    times_[screen].push_back(milliseconds);
    cpu_[screen].push_back(cpu_milliseconds);
}

void FrameStats::sample_memory(long frame) { memory_.emplace_back(frame, resident_mb()); }

std::string FrameStats::report() const {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "{\"first_frame_ms\": %.1f}\n", first_frame_ms_);
    out += line;
    for (auto [name, times] : times_) {
        if (times.size() > 2) times.erase(times.begin());  // the first frame of a run bakes fonts
        std::sort(times.begin(), times.end());
        double sum = 0;
        for (double t : times) sum += t;
        const double p95 = times[std::min(times.size() - 1, std::size_t(double(times.size()) * 0.95))];
        double cpu = 0;
        for (double t : cpu_.at(name)) cpu += t;
        std::snprintf(line, sizeof line,
                      "{\"screen\": \"%s\", \"frames\": %zu, \"mean_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f, \"cpu_mean_ms\": %.2f}\n",
                      name.c_str(), times.size(), sum / double(times.size()), p95, times.back(), cpu / double(cpu_.at(name).size()));
        out += line;
    }
    out += "{\"rss_mb\": [";
    for (std::size_t i = 0; i < memory_.size(); ++i) {
        std::snprintf(line, sizeof line, "%s[%ld, %.1f]", i ? ", " : "", memory_[i].first, memory_[i].second);
        out += line;
    }
    out += "]}\n";
    return out;
}

}  // namespace wenyuan::kiosk
