// Draws an uploaded MeshData with GL 3.3 core (GLSL 330) or GL 3.0 (GLSL 130): soft lighting
// fixed to the camera like the model importer's poster (key light from the upper left, a weaker
// fill from the right, generous ambient, two-sided). Private to wenyuan_kiosk_playback; main
// thread with the context current.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "gl_objects.hpp"
#include "glb_mesh.hpp"
#include "mesh_solid.hpp"
#include "kiosk/orbit_camera.hpp"
#include "kiosk/viewport.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

class ModelRenderer {
public:
    /// Compiles the shaders (330 core, else 130; none above `max_glsl` when it is > 0).
    /// Errors: Errc::unsupported naming the GL version.
    static Result<ModelRenderer> create(int max_glsl = 0);

    /// Replaces the drawn mesh (the CPU copy can be dropped afterwards). `cull`: the faces that
    /// cannot be seen (solid_face_cull), left out when drawing.
    void upload(const MeshData& mesh, FaceCull cull = FaceCull::none);
    void clear_mesh();
    /// Renders into `viewport`, clearing it with `background` first when asked; restores the GL
    /// state it changes.
    void draw(const Viewport& viewport, const OrbitCamera& camera, const std::array<float, 4>& background,
              bool clear) const;

    int glsl_version() const { return glsl_; }
    int max_texture_size() const { return max_texture_; }

private:
    struct Part {
        gl::VertexArray vao;
        gl::Buffer vertices, indices;
        GLsizei count = 0;
        std::array<float, 4> base_color{1, 1, 1, 1};
        int texture = -1;
        bool blend = false;
    };
    struct Shading {  ///< one shader variant and its uniforms
        gl::Program program;
        GLint u_view = -1, u_projection = -1, u_base = -1, u_texture = -1;
    };
    Shading textured_, plain_;  ///< textured parts; parts without a texture (no UVs interpolated)
    std::vector<Part> parts_;
    std::vector<gl::Texture> textures_;
    FaceCull cull_ = FaceCull::none;
    int glsl_ = 0;
    int max_texture_ = 0;
};

}  // namespace wenyuan::kiosk
