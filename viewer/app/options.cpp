#include "app/options.hpp"

#include <charconv>

namespace wenyuan::kiosk {

namespace {

bool parse_int(const std::string& text, int& out) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && ptr == end;
}

}  // namespace

const char* usage_text() {
    return "usage: wenyuan-kiosk <archive> [--windowed] [--size WxH] [--elder] [--english] [--attract]\n"
           "                     [--screenshot out.png] [--frames N] [--script events.txt]\n"
           "                     [--config FILE] [--idle SECONDS] [--stats]\n"
           "       wenyuan-kiosk --set-pin PIN [--config FILE]\n";
}

Result<Options> parse_options(const std::vector<std::string>& args) {
    Options options;
    auto bad = [](const std::string& message) { return fail(Errc::invalid_argument, "wenyuan-kiosk: " + message); };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](std::string& out) -> bool {
            if (i + 1 >= args.size()) return false;
            out = args[++i];
            return true;
        };
        std::string text;
        if (arg == "--windowed") options.windowed = true;
        else if (arg == "--elder") options.elder = true;
        else if (arg == "--english") options.english = true;
        else if (arg == "--attract") options.attract = true;
        else if (arg == "--help" || arg == "-h") options.help = true;
        else if (arg == "--stats") options.stats = true;
        else if (arg == "--screenshot") { if (!value(options.screenshot)) return bad("--screenshot needs a file name"); }
        else if (arg == "--script") { if (!value(options.script)) return bad("--script needs a file name"); }
        else if (arg == "--config") { if (!value(options.config)) return bad("--config needs a file name"); }
        else if (arg == "--set-pin") {
            if (!value(options.set_pin)) return bad("--set-pin needs a PIN");
            if (options.set_pin.size() < 4 || options.set_pin.size() > 12 ||
                options.set_pin.find_first_not_of("0123456789") != std::string::npos)
                return bad("the PIN must be 4 to 12 digits");
        } else if (arg == "--frames") {
            if (!value(text) || !parse_int(text, options.frames) || options.frames < 1) return bad("--frames needs a positive number");
        } else if (arg == "--idle") {
            int seconds = 0;
            if (!value(text) || !parse_int(text, seconds) || seconds < 1) return bad("--idle needs a positive number of seconds");
            options.idle_seconds = seconds;
        } else if (arg == "--size") {
            const auto x = value(text) ? text.find('x') : std::string::npos;
            if (x == std::string::npos || !parse_int(text.substr(0, x), options.width) ||
                !parse_int(text.substr(x + 1), options.height) || options.width < 320 || options.height < 240 ||
                options.width > 8192 || options.height > 8192)
                return bad("--size needs WIDTHxHEIGHT, for example 1280x800 (320x240 to 8192x8192)");
            options.size_given = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return bad("unknown option " + arg);
        } else if (options.archive.empty()) {
            options.archive = arg;
        } else {
            return bad("one archive only (got " + options.archive + " and " + arg + ")");
        }
    }
    if (options.help) return options;
    if (options.archive.empty() && options.set_pin.empty()) return bad("no archive given");
    if (!options.screenshot.empty()) options.windowed = true;
    return options;
}

}  // namespace wenyuan::kiosk
