// Running `wenyuan` in tests and reading its JSON.
#pragma once

#include <gtest/gtest.h>

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
