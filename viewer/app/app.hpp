// The kiosk application: window, ImGui, fonts, the frame loop, input (touch, keys or a script),
// screenshots, and the hand-off of visit events to the usage log.
#pragma once

#include "app/options.hpp"

namespace wenyuan::kiosk {

/// Runs the kiosk until the admin quits (or, with --screenshot, until the PNG is written).
/// Returns the process exit code; errors are printed as one line on stderr.
int run_kiosk(const Options& options);

}  // namespace wenyuan::kiosk
