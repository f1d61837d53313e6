// --stats: frame times per screen (CPU work plus glFinish, so llvmpipe's rendering counts) and
// resident memory samples, printed as JSON lines on stdout for bench_kiosk.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/navigation.hpp"

namespace wenyuan::kiosk {

const char* screen_name(Screen screen);

/// Resident set size of this process in MB (from /proc/self/statm), or 0.
double resident_mb();

/// CPU time of this process (all threads) in milliseconds.
double process_cpu_ms();

class FrameStats {
public:
    /// A frame: wall time, and CPU time of the whole process (all threads, llvmpipe's included),
    /// which stays meaningful when other programs share the cores.
    void frame(const std::string& screen, double milliseconds, double cpu_milliseconds);
    void sample_memory(long frame);
    void first_frame(double milliseconds) { first_frame_ms_ = milliseconds; }
    /// One JSON object per line: {"first_frame_ms":…}, {"screen":…,"frames":…,"mean_ms":…,"p95_ms":…,"max_ms":…},
    /// {"rss_mb":[…]}.
    std::string report() const;

private:
    std::map<std::string, std::vector<double>> times_, cpu_;
    std::vector<std::pair<long, double>> memory_;
    double first_frame_ms_ = 0;
};

}  // namespace wenyuan::kiosk
