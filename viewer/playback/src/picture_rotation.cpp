#include "picture_rotation.hpp"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/display.h>
}

#include <cmath>
#include <cstring>

namespace wenyuan::kiosk {

int display_rotation(const AVStream* stream) {
    std::size_t size = 0;
    const auto* matrix =
        reinterpret_cast<const std::int32_t*>(av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size));
    if (!matrix || size < 9 * sizeof(std::int32_t)) return 0;
    const double counter_clockwise = av_display_rotation_get(matrix);
    if (!std::isfinite(counter_clockwise)) return 0;
    int clockwise = int(std::lround(-counter_clockwise)) % 360;
    if (clockwise < 0) clockwise += 360;
    return (clockwise + 45) / 90 * 90 % 360;
}

std::vector<std::uint8_t> rotate_rgba(const std::vector<std::uint8_t>& rgba, int width, int height, int clockwise) {
    if (clockwise != 90 && clockwise != 180 && clockwise != 270) return rgba;
    std::vector<std::uint8_t> out(rgba.size());
    const int out_width = clockwise == 180 ? width : height;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            int ox = 0, oy = 0;
            if (clockwise == 90) ox = height - 1 - y, oy = x;
            if (clockwise == 180) ox = width - 1 - x, oy = height - 1 - y;
            if (clockwise == 270) ox = y, oy = width - 1 - x;
            std::memcpy(&out[(std::size_t(oy) * out_width + ox) * 4], &rgba[(std::size_t(y) * width + x) * 4], 4);
        }
    }
    return out;
}

}  // namespace wenyuan::kiosk
