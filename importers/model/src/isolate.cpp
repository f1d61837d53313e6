#include "isolate.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <new>

namespace wenyuan::model {
namespace {

// The child's report: one status byte, the Errc as one byte, then the payload or message.
constexpr char kOk = 'O', kError = 'E';

std::atomic<bool> g_allocation_failed{false};  // only ever set in a child

void note_allocation_failure() {
    g_allocation_failed = true;
    std::set_new_handler(nullptr);
    throw std::bad_alloc();
}

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

[[noreturn]] void child_main(int report_fd, const std::function<Result<std::string>()>& work,
                             const IsolationLimits& limits) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Keep only the report pipe (as fd 3) and quiet standard streams.
    if (report_fd != 3) {
        ::dup2(report_fd, 3);
        report_fd = 3;
    }
    ::close_range(4, ~0u, 0);
    const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    for (int fd = 0; fd <= 2 && null_fd >= 0; ++fd) ::dup2(null_fd, fd);
    const rlimit memory{limits.memory_bytes, limits.memory_bytes};
    ::setrlimit(RLIMIT_AS, &memory);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    std::set_new_handler(note_allocation_failure);

    std::string report;
    try {
        Result<std::string> result = work();
        if (result) {
            report.reserve(result->size() + 2);
            report.push_back(kOk);
            report.push_back(0);
            report += *result;
        } else {
            Error error = std::move(result).error();
            if (g_allocation_failed) error = {Errc::limit, "the parser needed more than " + mib(limits.memory_bytes) + " of memory and was stopped"};
            report = std::string{kError, static_cast<char>(error.code)} + error.message;
        }
    } catch (const std::bad_alloc&) {
        report = std::string{kError, static_cast<char>(Errc::limit)} + "the parser needed more than " +
                 mib(limits.memory_bytes) + " of memory and was stopped";
    } catch (const std::exception& e) {
        report = std::string{kError, static_cast<char>(Errc::internal)} + "the parser failed: " + e.what();
    } catch (...) {
        report = std::string{kError, static_cast<char>(Errc::internal)} + "the parser failed with an unknown exception";
    }
    _exit(write_all(report_fd, report.data(), report.size()) ? 0 : 3);
}

std::string describe_signal(int sig) {
    const char* abbrev = sigabbrev_np(sig);
    const char* text = sigdescr_np(sig);
    return std::string("SIG") + (abbrev ? abbrev : std::to_string(sig).c_str()) + (text ? std::string(": ") + text : "");
}

}  // namespace

Result<std::string> run_isolated(const std::function<Result<std::string>()>& work, const IsolationLimits& limits,
                                 IsolationUsage* usage) {
    const auto started = std::chrono::steady_clock::now();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return fail(Errc::io, std::string("cannot create a pipe: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int err = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        return fail(Errc::io, std::string("cannot start the parser process: ") + std::strerror(err));
    }
    if (pid == 0) {
        ::close(fds[0]);
        child_main(fds[1], work, limits);
    }
    ::close(fds[1]);

    std::string report;
    bool timed_out = false;
    const auto deadline = started + limits.timeout;
    char buffer[1 << 16];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(std::min<std::int64_t>(left.count(), 1000)));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // EOF: the child finished or died
        report.append(buffer, static_cast<std::size_t>(n));
    }
    if (timed_out) ::kill(pid, SIGKILL);
    ::close(fds[0]);
    int status = 0;
    rusage used{};
    while (::wait4(pid, &status, 0, &used) < 0 && errno == EINTR) {
    }
    if (usage) {
        usage->peak_rss_bytes = static_cast<std::uint64_t>(used.ru_maxrss) * 1024;
        usage->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    if (timed_out) {
        const auto ms = limits.timeout.count();
        const std::string limit = ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
        return fail(Errc::limit, "the parser did not finish within " + limit + " and was stopped");
    }
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        if (sig == SIGKILL) return fail(Errc::limit, "the parser was killed (SIGKILL), probably for using too much memory");
        return fail(Errc::corrupt, "the parser crashed (" + describe_signal(sig) + ")");
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || report.size() < 2) {
        return fail(Errc::internal, "the parser stopped without a result (exit status " +
                                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
    }
    if (report[0] == kOk) return report.substr(2);
    return fail(static_cast<Errc>(static_cast<unsigned char>(report[1])), report.substr(2));
}

}  // namespace wenyuan::model
