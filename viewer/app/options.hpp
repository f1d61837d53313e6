// The kiosk's command line:
//   wenyuan-kiosk <archive> [--windowed] [--size WxH] [--elder] [--english] [--attract]
//                 [--screenshot out.png --frames N [--script events.txt]] [--config FILE]
//                 [--idle SECONDS] [--stats]
//   wenyuan-kiosk --set-pin PIN [--config FILE]
#pragma once

#include <string>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

struct Options {
    std::string archive;
    bool windowed = false;
    int width = 1280, height = 800;
    bool size_given = false;
    bool elder = false;
    bool english = false;
    bool attract = false;  ///< start in the attract loop
    std::string screenshot;  ///< write this PNG after `frames` frames and quit
    int frames = 30;
    std::string script;
    std::string config;  ///< empty: the default (see config.hpp)
    double idle_seconds = -1;  ///< < 0: from the config
    std::string set_pin;       ///< store this admin PIN (hashed) in the config and quit
    bool help = false;
    bool stats = false;  ///< print frame times per screen and resident memory (bench_kiosk)
};

/// Parses argv. Errors: Errc::invalid_argument with a one-line message.
Result<Options> parse_options(const std::vector<std::string>& args);

const char* usage_text();

}  // namespace wenyuan::kiosk
