// The orbit camera of the 3D exhibit: around the model's centre, Y up; reset gives the poster's
// three-quarter view (azimuth 35°, elevation 25°), framing the whole model.
#pragma once

#include <array>

namespace wenyuan::kiosk {

/// Plain value type; all members are cheap and not thread-safe.
class OrbitCamera {
public:
    /// Frames a model whose bounding sphere has this centre and radius, and resets the view.
    void frame(std::array<float, 3> centre, float radius);
    void reset();                              ///< azimuth 35°, elevation 25°, zoom 1
    /// Drag by a fraction of the viewport: dx = 1 turns 180° around Y; dy = 1 tilts 90°.
    /// Elevation stays within ±85°.
    void orbit(float dx, float dy);
    /// Multiplies the distance by 1/factor (factor > 1 zooms in), within [0.25, 4]× the framed one.
    void zoom(float factor);

    float azimuth_deg() const noexcept { return azimuth_; }
    float elevation_deg() const noexcept { return elevation_; }
    float zoom_level() const noexcept { return zoom_; }
    /// Column-major 4×4 matrices for a viewport of the given aspect (width / height).
    std::array<float, 16> view() const;
    std::array<float, 16> projection(float aspect) const;
    std::array<float, 3> eye() const;

private:
    std::array<float, 3> centre_{0, 0, 0};
    float radius_ = 1;
    float azimuth_ = 35, elevation_ = 25, zoom_ = 1;
};

}  // namespace wenyuan::kiosk
