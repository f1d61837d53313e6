// Running `wenyuan` in tests and reading its JSON.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace wenyuan::test {

/// Runs build/bin/wenyuan with the arguments.
inline RunResult wenyuan(std::vector<std::string> args) {
    args.insert(args.begin(), binary("wenyuan").string());
    return run(args);
}

/// Runs it and parses stdout as JSON; a parse failure fails the test with stderr shown.
inline nlohmann::json wenyuan_json(std::vector<std::string> args, int expected_exit = 0) {
    args.push_back("--json");
    const RunResult result = wenyuan(args);
    EXPECT_EQ(result.exit_code, expected_exit) << result.err;
    auto parsed = nlohmann::json::parse(result.out, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << "not JSON: " << result.out << "\nstderr: " << result.err;
    return parsed;
}

/// Starts build/bin/wenyuan with the arguments (output to /dev/null), sends it SIGKILL after
/// `delay` and waits for it; true when the kill ended it (false: it had finished before).
inline bool killed_after(const std::vector<std::string>& args, std::chrono::microseconds delay) {
    const std::string program = binary("wenyuan").string();
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/// Every line of `text` that is not empty.
inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::string line;
    for (char c : text) {
        if (c == '\n') {
            if (!line.empty()) out.push_back(line);
            line.clear();
        } else {
            line += c;
        }
    }
    if (!line.empty()) out.push_back(line);
    return out;
}

}  // namespace wenyuan::test
