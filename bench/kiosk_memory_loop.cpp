#include "kiosk_memory_loop.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace wenyuan::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Sample {
    double minutes = 0;
    double rss = 0, anon = 0, file = 0;  // MB
};

/// The kiosk's memory now, from /proc/<pid>/status; false once the process is gone.
bool sample(pid_t pid, double minutes, Sample& out) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    out = {minutes, 0, 0, 0};
    bool any = false;
    while (std::getline(status, line)) {
        std::istringstream words(line);
        std::string key;
        double kb = 0;
        words >> key >> kb;
        if (key == "VmRSS:") out.rss = kb / 1024, any = true;
        else if (key == "RssAnon:") out.anon = kb / 1024;
        else if (key == "RssFile:") out.file = kb / 1024;
    }
    return any && out.rss > 0;
}

std::string format(const Sample& s) {
    char line[160];
    std::snprintf(line, sizeof line, "%6.1f min  rss %6.1f MB  (anon %6.1f, file %5.1f)", s.minutes, s.rss, s.anon, s.file);
    return line;
}

double mean_rss(const std::vector<Sample>& samples, double from, double to) {
    double sum = 0;
    int n = 0;
    for (const Sample& s : samples)
        if (s.minutes >= from && s.minutes <= to) sum += s.rss, ++n;
    return n ? sum / n : 0;
}

}  // namespace

int spawn(const std::vector<std::string>& argv, const std::string& stdout_file) {
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        if (!freopen(stdout_file.c_str(), "w", stdout)) _exit(127);
        if (!freopen("/dev/null", "w", stderr)) _exit(127);
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    return pid;
}

int run_memory_loop(const std::vector<std::string>& argv, double minutes, double print_every, const std::string& log) {
    const auto start = Clock::now();
    const pid_t pid = spawn(argv);
    if (pid < 0) return std::fprintf(stderr, "bench_kiosk: fork failed\n"), 1;
    std::ofstream all;
    if (!log.empty()) all.open(log);
    std::vector<Sample> samples;
    double next_print = 0;
    bool ended = false;
    for (;;) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count() / 60.0;
        if (elapsed >= minutes) break;
        Sample s;
        if (waitpid(pid, nullptr, WNOHANG) == pid || !sample(pid, elapsed, s)) {
            ended = true;
            break;
        }
        // The first samples are start-up (fonts baking); "start" is the first after 10 s.
        if (elapsed >= 10.0 / 60.0) {
            samples.push_back(s);
            if (all) all << format(s) << '\n' << std::flush;
            if (elapsed >= next_print) {
                std::printf("  %s\n", format(s).c_str());
                std::fflush(stdout);
                next_print = (std::floor(elapsed / print_every) + 1) * print_every;
            }
        }
        std::this_thread::sleep_for(std::chrono::seconds(10));
    }
    if (!ended) {
        Sample s;
        const double elapsed = std::chrono::duration<double>(Clock::now() - start).count() / 60.0;
        if (sample(pid, elapsed, s)) {
            samples.push_back(s);
            if (all) all << format(s) << '\n';
            std::printf("  %s   (end)\n", format(s).c_str());
        }
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    if (samples.empty()) return std::fprintf(stderr, "bench_kiosk: the kiosk ended before the first sample\n"), 1;
    const double span = samples.back().minutes - samples.front().minutes;
    const double first = mean_rss(samples, samples.front().minutes, samples.front().minutes + span / 4);
    const double last_quarter = mean_rss(samples, samples.back().minutes - span / 4, samples.back().minutes);
    double max = 0, max_at = 0;
    for (const Sample& s : samples)
        if (s.rss > max) max = s.rss, max_at = s.minutes;
    std::printf("verdict: %.1f min, %zu samples; max %.1f MB (at %.1f min), last %.1f MB; first quarter mean %.1f MB, "
                "last quarter mean %.1f MB, growth %+.1f MB   target < 300 MB, flat%s\n",
                samples.back().minutes, samples.size(), max, max_at, samples.back().rss, first, last_quarter,
                last_quarter - first, ended ? "   (the kiosk ENDED EARLY: its script ran out or it crashed)" : "");
    return ended ? 1 : 0;
}

}  // namespace wenyuan::bench
