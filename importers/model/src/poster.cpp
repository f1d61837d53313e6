#include "poster.hpp"

#include "osmesa_api.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>

namespace wenyuan::model {
namespace {

struct ContextDeleter {
    const OsMesaApi* gl;
    void operator()(osmesa_context* context) const noexcept { gl->OSMesaDestroyContext(context); }
};
using Context = std::unique_ptr<osmesa_context, ContextDeleter>;

using Vec3 = std::array<double, 3>;

Vec3 normalized(Vec3 v) {
    const double length = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    return {v[0] / length, v[1] / length, v[2] / length};
}

Vec3 cross(const Vec3& a, const Vec3& b) {
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

// A column-major look-at matrix, as gluLookAt makes.
std::array<GLdouble, 16> look_at(const Vec3& eye, const Vec3& centre, const Vec3& up) {
    const Vec3 f = normalized({centre[0] - eye[0], centre[1] - eye[1], centre[2] - eye[2]});
    const Vec3 s = normalized(cross(f, up));
    const Vec3 u = cross(s, f);
    return {s[0], u[0], -f[0], 0, s[1], u[1], -f[1], 0, s[2], u[2], -f[2], 0,
            -dot(s, eye), -dot(u, eye), dot(f, eye), 1};
}

void set_light(const OsMesaApi& gl, GLenum light, const std::array<GLfloat, 4>& direction, GLfloat diffuse) {
    const GLfloat colour[4] = {diffuse, diffuse, diffuse, 1};
    const GLfloat none[4] = {0, 0, 0, 1};
    gl.glEnable(light);
    gl.glLightfv(light, GL_POSITION, direction.data());
    gl.glLightfv(light, GL_DIFFUSE, colour);
    gl.glLightfv(light, GL_SPECULAR, none);
    gl.glLightfv(light, GL_AMBIENT, none);
}

std::vector<GLuint> upload_textures(const OsMesaApi& gl, const std::vector<PreparedTexture>& textures) {
    std::vector<GLuint> names(textures.size(), 0);
    for (std::size_t i = 0; i < textures.size(); ++i) {
        const Image& image = textures[i].pixels;
        if (image.pixels.empty()) continue;
        gl.glGenTextures(1, &names[i]);
        gl.glBindTexture(GL_TEXTURE_2D, names[i]);
        gl.glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        gl.glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
        gl.glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        gl.glTexParameteri(GL_TEXTURE_2D, GL_GENERATE_MIPMAP, GL_TRUE);
        gl.glTexImage2D(GL_TEXTURE_2D, 0, image.channels == 4 ? GL_RGBA : GL_RGB, image.width, image.height, 0,
                     image.channels == 4 ? GL_RGBA : GL_RGB, GL_UNSIGNED_BYTE, image.pixels.data());
    }
    return names;
}

void draw(const OsMesaApi& gl, const Primitive& p, const Material& material, GLuint texture) {
    gl.glEnableClientState(GL_VERTEX_ARRAY);
    gl.glVertexPointer(3, GL_FLOAT, 0, p.positions.data());
    if (!p.normals.empty()) {
        gl.glEnableClientState(GL_NORMAL_ARRAY);
        gl.glNormalPointer(GL_FLOAT, 0, p.normals.data());
    } else {
        gl.glDisableClientState(GL_NORMAL_ARRAY);
        gl.glNormal3f(0, 0, 1);
    }
    // Vertex colours are multiplied by the material colour in glTF; fixed-function GL takes one of
    // them, so a model with vertex colours shows those.
    gl.glColor4f(material.base_color[0], material.base_color[1], material.base_color[2], material.base_color[3]);
    if (!p.colors.empty()) {
        gl.glEnableClientState(GL_COLOR_ARRAY);
        gl.glColorPointer(4, GL_UNSIGNED_BYTE, 0, p.colors.data());
    } else {
        gl.glDisableClientState(GL_COLOR_ARRAY);
    }
    if (texture && !p.uvs.empty()) {
        gl.glEnable(GL_TEXTURE_2D);
        gl.glBindTexture(GL_TEXTURE_2D, texture);
        gl.glEnableClientState(GL_TEXTURE_COORD_ARRAY);
        gl.glTexCoordPointer(2, GL_FLOAT, 0, p.uvs.data());
    } else {
        gl.glDisable(GL_TEXTURE_2D);
        gl.glDisableClientState(GL_TEXTURE_COORD_ARRAY);
    }
    gl.glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(p.indices.size()), GL_UNSIGNED_INT, p.indices.data());
}

}  // namespace

Result<Image> render_poster(const std::vector<Primitive>& primitives, const std::vector<Material>& materials,
                            const std::vector<PreparedTexture>& textures, const PosterSettings& settings) {
    const auto api = osmesa_api();
    if (!api) return fail(api.error().code, api.error().message);
    const OsMesaApi& gl = **api;
    const int side = settings.size * std::max(1, settings.supersample);
    Context context(gl.OSMesaCreateContextExt(OSMESA_RGBA, 24, 0, 0, nullptr), ContextDeleter{&gl});
    if (!context) return fail(Errc::internal, "cannot create an OSMesa context for the poster");
    Image frame{side, side, 4, std::vector<std::uint8_t>(std::size_t(side) * side * 4)};
    if (!gl.OSMesaMakeCurrent(context.get(), frame.pixels.data(), GL_UNSIGNED_BYTE, side, side)) {
        return fail(Errc::internal, "cannot bind the OSMesa frame for the poster");
    }
    gl.OSMesaPixelStore(OSMESA_Y_UP, 0);  // rows top to bottom, as images are stored

    gl.glViewport(0, 0, side, side);
    gl.glClearColor(0.92f, 0.92f, 0.90f, 1.0f);
    gl.glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    gl.glEnable(GL_DEPTH_TEST);

    // Framing: the bounding sphere of the box fills the view, seen from the front right and above.
    const Box box = bounds_of(primitives);
    const Vec3 centre = {(box.min[0] + box.max[0]) / 2.0, (box.min[1] + box.max[1]) / 2.0, (box.min[2] + box.max[2]) / 2.0};
    double radius = 0;
    for (int k = 0; k < 3; ++k) radius += std::pow((box.max[k] - box.min[k]) / 2.0, 2);
    radius = std::max(std::sqrt(radius), 1e-6);
    const double fov = 30.0 * M_PI / 180.0;
    const double distance = radius / std::sin(fov / 2) * 1.02;
    const double azimuth = 35.0 * M_PI / 180.0, elevation = 25.0 * M_PI / 180.0;
    const Vec3 eye = {centre[0] + distance * std::cos(elevation) * std::sin(azimuth),
                      centre[1] + distance * std::sin(elevation),
                      centre[2] + distance * std::cos(elevation) * std::cos(azimuth)};
    const double near_plane = std::max(distance - radius * 1.1, distance * 1e-3), far_plane = distance + radius * 1.1;
    const double half = std::tan(fov / 2) * near_plane;
    gl.glMatrixMode(GL_PROJECTION);
    gl.glLoadIdentity();
    gl.glFrustum(-half, half, -half, half, near_plane, far_plane);
    gl.glMatrixMode(GL_MODELVIEW);
    const auto view = look_at(eye, centre, {0, 1, 0});
    gl.glLoadMatrixd(view.data());

    // Soft lighting: a key light from the upper left front, a weaker fill from the right, and a
    // generous ambient term; lights are fixed to the camera so every poster is lit alike.
    gl.glPushMatrix();
    gl.glLoadIdentity();
    gl.glEnable(GL_LIGHTING);
    const GLfloat ambient[4] = {0.38f, 0.38f, 0.38f, 1};
    gl.glLightModelfv(GL_LIGHT_MODEL_AMBIENT, ambient);
    gl.glLightModeli(GL_LIGHT_MODEL_TWO_SIDE, GL_TRUE);  // scans often have inconsistent winding
    set_light(gl, GL_LIGHT0, {-0.45f, 0.6f, 0.65f, 0}, 0.62f);
    set_light(gl, GL_LIGHT1, {0.7f, -0.1f, 0.4f, 0}, 0.25f);
    gl.glPopMatrix();
    gl.glEnable(GL_NORMALIZE);
    gl.glEnable(GL_COLOR_MATERIAL);
    gl.glColorMaterial(GL_FRONT_AND_BACK, GL_AMBIENT_AND_DIFFUSE);
    gl.glShadeModel(GL_SMOOTH);
    gl.glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_MODULATE);

    const std::vector<GLuint> names = upload_textures(gl, textures);
    for (const Primitive& p : primitives) {
        if (p.indices.empty()) continue;
        const Material fallback;
        const Material& material = p.material < materials.size() ? materials[p.material] : fallback;
        const GLuint texture = material.texture >= 0 && std::size_t(material.texture) < names.size() ? names[material.texture] : 0;
        draw(gl, p, material, texture);
    }
    gl.glFinish();
    if (!names.empty()) gl.glDeleteTextures(static_cast<GLsizei>(names.size()), names.data());

    Image rgb{side, side, 3, std::vector<std::uint8_t>(std::size_t(side) * side * 3)};
    for (std::size_t i = 0, n = std::size_t(side) * side; i < n; ++i) {
        std::copy_n(&frame.pixels[4 * i], 3, &rgb.pixels[3 * i]);
    }
    return fit_within(rgb, settings.size);
}

}  // namespace wenyuan::model
