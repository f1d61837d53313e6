// A one-line progress bar for terminals: "[#####-----] 120/1000  12.3 files/s  ETA 1m10s  name".
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace wenyuan::cli {

class ProgressBar {
public:
    /// Draws on stderr only when `enabled` (a terminal); redraws at most 10 times a second.
    explicit ProgressBar(bool enabled) : enabled_(enabled) {}
    ~ProgressBar() { finish(); }
    void update(std::size_t done, std::size_t total, std::chrono::steady_clock::duration elapsed,
                const std::string& current);
    /// Ends the line.
    void finish();

private:
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point last_{};
};

/// "1m10s", "42s", "2h03m".
std::string format_duration(double seconds);

}  // namespace wenyuan::cli
