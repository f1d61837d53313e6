#include "model_renderer.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdio>

namespace wenyuan::kiosk {
namespace {

// Two variants: with TEXTURED defined for textured parts; without it the texture coordinates are
// not interpolated at all (llvmpipe sets up and interpolates every output of every triangle:
// about 5 % of an untextured scan's frame).
constexpr const char* kVertex = R"(
in vec3 a_position;
in vec3 a_normal;
in vec4 a_color;
uniform mat4 u_view;
uniform mat4 u_projection;
out vec3 v_normal;
out vec3 v_eye;
out vec4 v_color;
#ifdef TEXTURED
in vec2 a_uv;
out vec2 v_uv;
#endif
void main() {
    v_normal = mat3(u_view) * a_normal;
    v_eye = (u_view * vec4(a_position, 1.0)).xyz;
#ifdef TEXTURED
    v_uv = a_uv;
#endif
    v_color = a_color;
    gl_Position = u_projection * u_view * vec4(a_position, 1.0);
}
)";

// Lights are in eye space, so every view is lit alike (as on the poster). Two-sided: a normal
// that faces away from the eye is flipped, which also forgives scans with inconsistent winding.
constexpr const char* kFragment = R"(
in vec3 v_normal;
in vec3 v_eye;
in vec4 v_color;
uniform vec4 u_base;
#ifdef TEXTURED
in vec2 v_uv;
uniform sampler2D u_texture;
#endif
out vec4 frag_colour;
void main() {
    vec3 n = normalize(v_normal);
    if (dot(n, v_eye) > 0.0) n = -n;
    const vec3 key = vec3(-0.4540, 0.6053, 0.6558);
    const vec3 fill = vec3(0.8638, -0.1234, 0.4936);
    float light = 0.38 + 0.62 * max(dot(n, key), 0.0) + 0.25 * max(dot(n, fill), 0.0);
    vec4 c = u_base * v_color;
#ifdef TEXTURED
    c *= texture(u_texture, v_uv);
#endif
    frag_colour = vec4(min(c.rgb * light, vec3(1.0)), c.a);
}
)";

gl::Shader compile(GLenum type, const std::string& source, std::string& log) {
    gl::Shader shader(glCreateShader(type));
    const char* text = source.c_str();
    glShaderSource(shader.get(), 1, &text, nullptr);
    glCompileShader(shader.get());
    GLint ok = 0;
    glGetShaderiv(shader.get(), GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char buffer[512] = {};
        glGetShaderInfoLog(shader.get(), sizeof buffer, nullptr, buffer);
        log = buffer;
        return {};
    }
    return shader;
}

gl::Program link(int version, bool textured, std::string& log) {
    const std::string header =
        std::string(version >= 330 ? "#version 330 core\n" : "#version 130\n") + (textured ? "#define TEXTURED\n" : "");
    gl::Shader vs = compile(GL_VERTEX_SHADER, header + kVertex, log);
    gl::Shader fs = compile(GL_FRAGMENT_SHADER, header + kFragment, log);
    if (!vs || !fs) return {};
    gl::Program program(glCreateProgram());
    glAttachShader(program.get(), vs.get());
    glAttachShader(program.get(), fs.get());
    glBindAttribLocation(program.get(), 0, "a_position");
    glBindAttribLocation(program.get(), 1, "a_normal");
    glBindAttribLocation(program.get(), 2, "a_uv");
    glBindAttribLocation(program.get(), 3, "a_color");
    glBindFragDataLocation(program.get(), 0, "frag_colour");
    glLinkProgram(program.get());
    GLint ok = 0;
    glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char buffer[512] = {};
        glGetProgramInfoLog(program.get(), sizeof buffer, nullptr, buffer);
        log = buffer;
        return {};
    }
    return program;
}

// Restores what draw() changes, in reverse, when it leaves scope.
struct SavedState {
    GLint viewport[4] = {}, scissor[4] = {}, program = 0, vao = 0, texture = 0, active = 0, array_buffer = 0;
    GLint cull_mode = GL_BACK, front_face = GL_CCW;
    GLboolean scissor_test = 0, depth_test = 0, blend = 0, cull = 0, depth_mask = 1;
    GLfloat clear_colour[4] = {};
    SavedState() {
        glGetIntegerv(GL_VIEWPORT, viewport);
        glGetIntegerv(GL_SCISSOR_BOX, scissor);
        glGetIntegerv(GL_CURRENT_PROGRAM, &program);
        glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
        glGetIntegerv(GL_ACTIVE_TEXTURE, &active);
        glActiveTexture(GL_TEXTURE0);
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture);
        glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &array_buffer);
        glGetFloatv(GL_COLOR_CLEAR_VALUE, clear_colour);
        glGetBooleanv(GL_DEPTH_WRITEMASK, &depth_mask);
        glGetIntegerv(GL_CULL_FACE_MODE, &cull_mode);
        glGetIntegerv(GL_FRONT_FACE, &front_face);
        scissor_test = glIsEnabled(GL_SCISSOR_TEST);
        depth_test = glIsEnabled(GL_DEPTH_TEST);
        blend = glIsEnabled(GL_BLEND);
        cull = glIsEnabled(GL_CULL_FACE);
    }
    ~SavedState() {
        auto set = [](GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); };
        set(GL_SCISSOR_TEST, scissor_test);
        set(GL_DEPTH_TEST, depth_test);
        set(GL_BLEND, blend);
        set(GL_CULL_FACE, cull);
        glCullFace(GLenum(cull_mode));
        glFrontFace(GLenum(front_face));
        glDepthMask(depth_mask);
        glClearColor(clear_colour[0], clear_colour[1], clear_colour[2], clear_colour[3]);
        glBindBuffer(GL_ARRAY_BUFFER, GLuint(array_buffer));
        glBindTexture(GL_TEXTURE_2D, GLuint(texture));
        glActiveTexture(GLenum(active));
        glBindVertexArray(GLuint(vao));
        glUseProgram(GLuint(program));
        glScissor(scissor[0], scissor[1], scissor[2], scissor[3]);
        glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
    }
};

}  // namespace

Result<ModelRenderer> ModelRenderer::create(int max_glsl) {
    ModelRenderer renderer;
    const char* glsl = reinterpret_cast<const char*>(glGetString(GL_SHADING_LANGUAGE_VERSION));
    const char* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    if (!glsl || !version) return fail(Errc::unsupported, "model view: no current GL context");
    int major = 0, minor = 0;
    std::sscanf(glsl, "%d.%d", &major, &minor);
    const int available = max_glsl > 0 ? std::min(major * 100 + minor, max_glsl) : major * 100 + minor;
    std::string log;
    for (int candidate : {330, 130}) {
        if (candidate > available) continue;
        renderer.textured_.program = link(candidate, true, log);
        if (renderer.textured_.program) renderer.plain_.program = link(candidate, false, log);
        if (renderer.textured_.program && renderer.plain_.program) {
            renderer.glsl_ = candidate;
            break;
        }
    }
    if (!renderer.textured_.program || !renderer.plain_.program) {
        return fail(Errc::unsupported, std::string("model view: GL ") + version + " (GLSL " + glsl +
                                           ") cannot run the model shader: " + (log.empty() ? "GLSL 1.30 or newer is needed" : log));
    }
    for (Shading* shading : {&renderer.textured_, &renderer.plain_}) {
        const GLuint p = shading->program.get();
        shading->u_view = glGetUniformLocation(p, "u_view");
        shading->u_projection = glGetUniformLocation(p, "u_projection");
        shading->u_base = glGetUniformLocation(p, "u_base");
        shading->u_texture = glGetUniformLocation(p, "u_texture");
    }
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &renderer.max_texture_);
    return renderer;
}

void ModelRenderer::clear_mesh() {
    parts_.clear();
    cull_ = FaceCull::none;
    textures_.clear();
}

void ModelRenderer::upload(const MeshData& mesh, FaceCull cull) {
    clear_mesh();
    cull_ = cull;
    GLint vao_before = 0, buffer_before = 0;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao_before);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &buffer_before);
    for (const MeshImage& image : mesh.images) {
        textures_.push_back(gl::make_texture());
        gl::upload_rgba(textures_.back().get(), image.width, image.height, image.rgba.data(), true, true);
    }
    for (const MeshPart& source : mesh.parts) {
        Part part;
        part.vao = gl::make_vertex_array();
        part.vertices = gl::make_buffer();
        part.indices = gl::make_buffer();
        glBindVertexArray(part.vao.get());
        glBindBuffer(GL_ARRAY_BUFFER, part.vertices.get());
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(source.vertices.size() * sizeof(MeshVertex)), source.vertices.data(),
                     GL_STATIC_DRAW);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, part.indices.get());
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(source.indices.size() * sizeof(std::uint32_t)),
                     source.indices.data(), GL_STATIC_DRAW);
        const auto stride = GLsizei(sizeof(MeshVertex));
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(MeshVertex, position)));
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(MeshVertex, normal)));
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(MeshVertex, uv)));
        glEnableVertexAttribArray(3);
        glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(MeshVertex, color)));
        part.count = GLsizei(source.indices.size());
        part.base_color = source.base_color;
        part.texture = source.image;
        part.blend = source.blend;
        parts_.push_back(std::move(part));
    }
    glBindVertexArray(GLuint(vao_before));
    glBindBuffer(GL_ARRAY_BUFFER, GLuint(buffer_before));
}

void ModelRenderer::draw(const Viewport& viewport, const OrbitCamera& camera, const std::array<float, 4>& background,
                         bool clear) const {
    if (viewport.width <= 0 || viewport.height <= 0) return;
    const SavedState saved;
    glViewport(viewport.x, viewport.y, viewport.width, viewport.height);
    glScissor(viewport.x, viewport.y, viewport.width, viewport.height);
    glEnable(GL_SCISSOR_TEST);
    glDepthMask(GL_TRUE);
    if (clear) {
        glClearColor(background[0], background[1], background[2], background[3]);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    } else {
        glClear(GL_DEPTH_BUFFER_BIT);
    }
    if (parts_.empty()) return;
    glEnable(GL_DEPTH_TEST);
    // A solid's faces turned away are hidden behind its front anyway: leave them out (on llvmpipe
    // they cost as much as the visible ones). Others are drawn two-sided.
    if (cull_ == FaceCull::none) {
        glDisable(GL_CULL_FACE);
    } else {
        glEnable(GL_CULL_FACE);
        glFrontFace(GL_CCW);
        glCullFace(cull_ == FaceCull::back ? GL_BACK : GL_FRONT);
    }
    const auto view = camera.view();
    const auto projection = camera.projection(float(viewport.width) / float(viewport.height));
    for (const Shading* shading : {&textured_, &plain_}) {
        glUseProgram(shading->program.get());
        glUniformMatrix4fv(shading->u_view, 1, GL_FALSE, view.data());
        glUniformMatrix4fv(shading->u_projection, 1, GL_FALSE, projection.data());
        if (shading->u_texture >= 0) glUniform1i(shading->u_texture, 0);
    }
    // Opaque parts first, then blended ones without depth writes.
    for (int pass = 0; pass < 2; ++pass) {
        for (const Part& part : parts_) {
            if (part.blend != (pass == 1)) continue;
            if (part.blend) {
                glEnable(GL_BLEND);
                glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
                glDepthMask(GL_FALSE);
            } else {
                glDisable(GL_BLEND);
                glDepthMask(GL_TRUE);
            }
            const bool textured = part.texture >= 0 && std::size_t(part.texture) < textures_.size();
            const Shading& shading = textured ? textured_ : plain_;
            glUseProgram(shading.program.get());
            glUniform4fv(shading.u_base, 1, part.base_color.data());
            glBindTexture(GL_TEXTURE_2D, textured ? textures_[std::size_t(part.texture)].get() : 0);
            glBindVertexArray(part.vao.get());
            glDrawElements(GL_TRIANGLES, part.count, GL_UNSIGNED_INT, nullptr);
        }
    }
}

}  // namespace wenyuan::kiosk
