// Reading the back buffer into a PNG (--screenshot).
#pragma once

#include <string>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

/// Writes the current framebuffer (width × height, RGB) to `file`. Errors: Errc::io.
Result<void> write_screenshot(const std::string& file, int width, int height);

}  // namespace wenyuan::kiosk
