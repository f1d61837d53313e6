#include "app/script.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace wenyuan::kiosk {

namespace {

Result<void> bad_line(std::string_view origin, int line, const std::string& problem) {
    return fail(Errc::invalid_argument, std::string(origin) + ":" + std::to_string(line) + ": " + problem);
}

}  // namespace

Result<Script> Script::parse(std::string_view text, std::string_view origin) {
    static const std::set<std::string> known_keys = {"escape", "enter", "backspace", "left", "right", "up", "down", "space"};
    Script script;
    std::istringstream lines{std::string(text)};
    std::string line;
    int number = 0;
    auto at = [](float x, float y, bool down) {
        FrameInput input;
        input.pointer = true;
        input.x = x, input.y = y, input.down = down;
        return input;
    };
    while (std::getline(lines, line)) {
        ++number;
        if (const auto hash = line.find('#'); hash != std::string::npos && line.rfind("type", 0) != 0) line.erase(hash);
        std::istringstream words(line);
        std::string verb;
        if (!(words >> verb)) continue;
        if (verb == "tap") {
            float x = 0, y = 0;
            if (!(words >> x >> y)) { WENYUAN_TRY(bad_line(origin, number, "tap needs X Y")); }
            script.frames_.push_back(at(x, y, false));
            script.frames_.push_back(at(x, y, true));
            script.frames_.push_back(at(x, y, false));
        } else if (verb == "drag") {
            float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
            int steps = 10;
            if (!(words >> x1 >> y1 >> x2 >> y2)) { WENYUAN_TRY(bad_line(origin, number, "drag needs X1 Y1 X2 Y2 [frames]")); }
            if (!(words >> steps)) steps = 10;
            if (steps < 1 || steps > 10000) { WENYUAN_TRY(bad_line(origin, number, "drag frames must be 1 to 10000")); }
            script.frames_.push_back(at(x1, y1, false));
            for (int i = 0; i <= steps; ++i) {
                const float t = float(i) / float(steps);
                script.frames_.push_back(at(x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, true));
            }
            script.frames_.push_back(at(x2, y2, false));
        } else if (verb == "key") {
            std::string name;
            if (!(words >> name) || !known_keys.count(name)) {
                WENYUAN_TRY(bad_line(origin, number, "key needs one of escape, enter, backspace, left, right, up, down, space"));
            }
            FrameInput input;
            input.keys.push_back(name);
            script.frames_.push_back(input);
            script.frames_.emplace_back();
        } else if (verb == "type") {
            std::string rest;
            std::getline(words, rest);
            if (!rest.empty() && rest.front() == ' ') rest.erase(0, 1);
            FrameInput input;
            input.text = rest;
            script.frames_.push_back(input);
            script.frames_.emplace_back();
        } else if (verb == "wait") {
            long frames = 0;
            if (!(words >> frames) || frames < 0 || frames > 1000000) { WENYUAN_TRY(bad_line(origin, number, "wait needs a frame count (0 to 1000000)")); }
            script.frames_.insert(script.frames_.end(), std::size_t(frames), FrameInput{});
        } else {
            WENYUAN_TRY(bad_line(origin, number, "unknown event '" + verb + "' (tap, drag, key, type, wait)"));
        }
    }
    return script;
}

Result<Script> Script::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Errc::not_found, path + ": cannot open the script");
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

FrameInput Script::next() {
    if (cursor_ >= frames_.size()) {
        FrameInput idle = last_;
        idle.down = false;
        idle.keys.clear();
        idle.text.clear();
        return idle;
    }
    FrameInput input = frames_[cursor_++];
    if (!input.pointer) {
        input.pointer = last_.pointer;
        input.x = last_.x, input.y = last_.y;
        input.down = false;
    }
    last_ = input;
    return input;
}

}  // namespace wenyuan::kiosk
