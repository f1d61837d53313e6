#include "kiosk/orbit_camera.hpp"

#include <algorithm>
#include <cmath>

namespace wenyuan::kiosk {
namespace {

constexpr float kPi = 3.14159265358979f;
constexpr float kFovDeg = 30.0f;  // the poster's field of view
using Vec3 = std::array<float, 3>;

Vec3 normalized(Vec3 v) {
    const float length = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return length > 0 ? Vec3{v[0] / length, v[1] / length, v[2] / length} : v;
}
Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
float dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

}  // namespace

void OrbitCamera::frame(std::array<float, 3> centre, float radius) {
    centre_ = centre;
    radius_ = radius > 0 && std::isfinite(radius) ? radius : 1.0f;
    reset();
}

void OrbitCamera::reset() {
    azimuth_ = 35;
    elevation_ = 25;
    zoom_ = 1;
}

void OrbitCamera::orbit(float dx, float dy) {
    if (!std::isfinite(dx) || !std::isfinite(dy)) return;
    azimuth_ = std::fmod(azimuth_ - dx * 180.0f, 360.0f);
    elevation_ = std::clamp(elevation_ + dy * 90.0f, -85.0f, 85.0f);
}

void OrbitCamera::zoom(float factor) {
    if (!(factor > 0) || !std::isfinite(factor)) return;
    zoom_ = std::clamp(zoom_ * factor, 0.25f, 4.0f);
}

std::array<float, 3> OrbitCamera::eye() const {
    const float distance = radius_ / std::sin(kFovDeg / 2 * kPi / 180) * 1.02f / zoom_;
    const float az = azimuth_ * kPi / 180, el = elevation_ * kPi / 180;
    return {centre_[0] + distance * std::cos(el) * std::sin(az), centre_[1] + distance * std::sin(el),
            centre_[2] + distance * std::cos(el) * std::cos(az)};
}

std::array<float, 16> OrbitCamera::view() const {
    const Vec3 e = eye();
    const Vec3 f = normalized({centre_[0] - e[0], centre_[1] - e[1], centre_[2] - e[2]});
    const Vec3 s = normalized(cross(f, {0, 1, 0}));
    const Vec3 u = cross(s, f);
    return {s[0], u[0], -f[0], 0, s[1], u[1], -f[1], 0, s[2], u[2], -f[2], 0, -dot(s, e), -dot(u, e), dot(f, e), 1};
}

std::array<float, 16> OrbitCamera::projection(float aspect) const {
    if (!(aspect > 0)) aspect = 1;
    const float distance = radius_ / std::sin(kFovDeg / 2 * kPi / 180) * 1.02f / zoom_;
    const float near_plane = std::max(distance - radius_ * 1.5f, distance * 0.01f);
    const float far_plane = distance + radius_ * 1.5f;
    // Keep the whole model in view in narrow viewports: the fov applies to the shorter side.
    const float t = std::tan(kFovDeg / 2 * kPi / 180);
    const float half_h = aspect >= 1 ? t : t / aspect, half_w = half_h * aspect;
    std::array<float, 16> m{};
    m[0] = 1 / half_w;
    m[5] = 1 / half_h;
    m[10] = -(far_plane + near_plane) / (far_plane - near_plane);
    m[11] = -1;
    m[14] = -2 * far_plane * near_plane / (far_plane - near_plane);
    return m;
}

}  // namespace wenyuan::kiosk
