// Running untrusted parsing in a child process, so that a crash, a hang or a huge allocation in
// a third-party parser (Assimp's record: assimp#4234, #4770, #5729, #4048, #6423 …) becomes an
// error instead of taking the import down.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "wenyuan/result.hpp"

namespace wenyuan::model {

struct IsolationLimits {
    std::chrono::milliseconds timeout{std::chrono::minutes(10)};  ///< wall-clock time, then SIGKILL
    std::uint64_t memory_bytes = std::uint64_t{6} << 30;           ///< address space (RLIMIT_AS)
};

/// What the child used, for logs and benchmarks.
struct IsolationUsage {
    std::uint64_t peak_rss_bytes = 0;  ///< the child's maximum resident set size
    double seconds = 0;                ///< wall-clock time from fork to reaping the child
};

/// Runs `work` in a forked child process with the limits applied, and returns the bytes it
/// produced or the error it returned. The child starts with every file descriptor above stderr
/// closed and stdin/stdout/stderr on /dev/null (so parser chatter never reaches the CLI's output),
/// has no core dumps, and is killed if the calling thread goes away.
///
/// Errors (one line, without the file name, which the caller adds):
/// - the work's own error, unchanged;
/// - Errc::corrupt "the parser crashed (SIGSEGV: segmentation fault)" when the child dies of a signal;
/// - Errc::limit "the parser needed more than 512 MiB of memory and was stopped";
/// - Errc::limit "the parser did not finish within 30 s and was stopped";
/// - Errc::io when the process cannot be created.
///
/// Thread safety: may be called from several threads at once. The child is a fork of a possibly
/// multi-threaded process, so `work` should avoid locks that other threads of the parent may hold
/// (a lock held at fork time stays locked forever in the child; the timeout then ends it).
Result<std::string> run_isolated(const std::function<Result<std::string>()>& work, const IsolationLimits& limits,
                                 IsolationUsage* usage = nullptr);

}  // namespace wenyuan::model
