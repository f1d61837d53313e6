// Pictures that a video's display matrix turns (phones record portrait video as landscape frames
// plus a rotation). Private to wenyuan_kiosk_playback.
#pragma once

#include <cstdint>
#include <vector>

struct AVStream;

namespace wenyuan::kiosk {

/// How far the stream's pictures must be turned clockwise to stand upright: 0, 90, 180 or 270
/// (as ffplay does with the display matrix). 0 without one.
int display_rotation(const AVStream* stream);

/// Tightly packed RGBA `width` × `height` turned clockwise by `clockwise` degrees (0, 90, 180,
/// 270); 90 and 270 swap the sides.
std::vector<std::uint8_t> rotate_rgba(const std::vector<std::uint8_t>& rgba, int width, int height, int clockwise);

}  // namespace wenyuan::kiosk
