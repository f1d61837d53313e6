// Scripted input for screenshots and tests: a text file of events replayed one per frame.
//
//   # comment
//   tap X Y                 press and release at (X, Y) in window pixels
//   drag X1 Y1 X2 Y2 [N]    press at 1, move to 2 over N frames (default 10), release
//   key NAME                escape, enter, backspace, left, right, up, down, space
//   type TEXT               characters as if typed on a keyboard (the rest of the line)
//   wait N                  N frames with no input
//
// A tap takes three frames (move, press, release); the kiosk sees the pointer as a touch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

/// The input of one frame.
struct FrameInput {
    bool pointer = false;  ///< x, y are valid
    float x = 0, y = 0;
    bool down = false;
    std::vector<std::string> keys;
    std::string text;  ///< typed characters, UTF-8
};

class Script {
public:
    /// Parses a script. Errors: Errc::invalid_argument naming `origin`, the line and the problem.
    [[nodiscard]] static Result<Script> parse(std::string_view text, std::string_view origin);
    /// Reads and parses a file. Errors: Errc::not_found, Errc::invalid_argument.
    [[nodiscard]] static Result<Script> load(const std::string& path);

    Script() = default;
    /// The input for the next frame; an empty FrameInput once the script is over (the pointer
    /// stays where it was, released).
    FrameInput next();
    bool finished() const noexcept { return cursor_ >= frames_.size(); }
    std::size_t frames() const noexcept { return frames_.size(); }

private:
    std::vector<FrameInput> frames_;
    std::size_t cursor_ = 0;
    FrameInput last_;
};

}  // namespace wenyuan::kiosk
