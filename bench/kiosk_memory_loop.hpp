// The kiosk's memory over a wall-clock duration, for bench_kiosk --minutes M: runs one kiosk
// process on a long visit script and samples its resident memory from /proc every few seconds,
// from outside (the kiosk itself records nothing, so the measurement adds no memory).
#pragma once

#include <string>
#include <vector>

namespace wenyuan::bench {

/// Starts `argv` (searched in $PATH) in a child process with stdout to `stdout_file` and stderr
/// to /dev/null; returns its pid (negative when fork failed). Flushes stdout first.
int spawn(const std::vector<std::string>& argv, const std::string& stdout_file = "/dev/null");

/// Starts `argv` (a wenyuan-kiosk command line whose script outlasts `minutes`), samples
/// /proc/<pid>/status (VmRSS, RssAnon, RssFile) every 10 s, prints a sample at the start, every
/// `print_every` minutes and at the end, stops the process after `minutes`, and prints a verdict:
/// the maximum, the last sample and the growth from the first quarter of the run to the last.
/// `log` (if not empty) receives every sample as a line. Returns 0, or 1 when the kiosk could not
/// run or ended early. Single-threaded; blocks for `minutes`.
int run_memory_loop(const std::vector<std::string>& argv, double minutes, double print_every, const std::string& log);

}  // namespace wenyuan::bench
