// Test clips made at test time with the ffmpeg CLI (lavfi testsrc and sine, FFmpeg's own
// encoders): short and small, so that tests stay fast.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace wenyuan::test {

/// Runs ffmpeg with `args` (after "-v error -y"); fails the test with ffmpeg's stderr if it fails.
inline bool ffmpeg(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"ffmpeg", "-nostdin", "-v", "error", "-y"};
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {  // make the output's folder
        if (args[i + 1].find('/') != std::string::npos && i + 2 == args.size()) {
            std::filesystem::create_directories(std::filesystem::path(args[i + 1]).parent_path());
        }
    }
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult result = run(argv);
    EXPECT_EQ(result.exit_code, 0) << "ffmpeg failed (is the Debian package ffmpeg installed?): " << result.err;
    return result.exit_code == 0;
}

/// A 160×120, 10 fps H.264/AAC clip with a test pattern and a tone, `seconds` long.
inline std::filesystem::path make_clip(const std::filesystem::path& out, int seconds = 2,
                                       const std::vector<std::string>& extra = {}) {
    std::filesystem::create_directories(out.parent_path());
    const std::string d = std::to_string(seconds);
    std::vector<std::string> args = {"-f", "lavfi", "-i", "testsrc=size=160x120:rate=10:duration=" + d,
                                     "-f", "lavfi", "-i", "sine=frequency=440:duration=" + d};
    args.insert(args.end(), extra.begin(), extra.end());
    for (const char* arg : {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"}) args.emplace_back(arg);
    args.push_back(out.string());
    ffmpeg(args);
    return out;
}

}  // namespace wenyuan::test
