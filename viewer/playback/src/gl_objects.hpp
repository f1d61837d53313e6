// Move-only owners of GL object names (textures, buffers, vertex arrays, shaders, programs).
// Construct and destroy them on the thread whose GL context is current. Private to
// wenyuan_kiosk_playback.
#pragma once

#include <GL/gl.h>
#include <GL/glext.h>

#include <utility>

namespace wenyuan::kiosk::gl {

template <class Deleter>
class Name {
public:
    Name() = default;
    explicit Name(GLuint name) : name_(name) {}
    ~Name() { reset(); }
    Name(Name&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
    Name& operator=(Name&& other) noexcept {
        if (this != &other) {
            reset();
            name_ = std::exchange(other.name_, 0);
        }
        return *this;
    }
    Name(const Name&) = delete;
    Name& operator=(const Name&) = delete;

    GLuint get() const noexcept { return name_; }
    explicit operator bool() const noexcept { return name_ != 0; }
    void reset() noexcept {
        if (name_) Deleter::destroy(name_);
        name_ = 0;
    }

private:
    GLuint name_ = 0;
};

struct TextureDeleter {
    static void destroy(GLuint n) { glDeleteTextures(1, &n); }
};
struct BufferDeleter {
    static void destroy(GLuint n) { glDeleteBuffers(1, &n); }
};
struct VertexArrayDeleter {
    static void destroy(GLuint n) { glDeleteVertexArrays(1, &n); }
};
struct ShaderDeleter {
    static void destroy(GLuint n) { glDeleteShader(n); }
};
struct ProgramDeleter {
    static void destroy(GLuint n) { glDeleteProgram(n); }
};

using Texture = Name<TextureDeleter>;
using Buffer = Name<BufferDeleter>;
using VertexArray = Name<VertexArrayDeleter>;
using Shader = Name<ShaderDeleter>;
using Program = Name<ProgramDeleter>;

inline Texture make_texture() {
    GLuint n = 0;
    glGenTextures(1, &n);
    return Texture(n);
}
inline Buffer make_buffer() {
    GLuint n = 0;
    glGenBuffers(1, &n);
    return Buffer(n);
}
inline VertexArray make_vertex_array() {
    GLuint n = 0;
    glGenVertexArrays(1, &n);
    return VertexArray(n);
}

/// Uploads tightly packed RGBA8 pixels into `texture` (bound to GL_TEXTURE_2D), linear filtering,
/// clamped edges; reallocates when the size changes. Restores GL_UNPACK_ALIGNMENT.
void upload_rgba(GLuint texture, int width, int height, const void* pixels, bool resized, bool mipmaps = false);

}  // namespace wenyuan::kiosk::gl
