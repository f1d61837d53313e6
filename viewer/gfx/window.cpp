#include "gfx/window.hpp"

#include <GLFW/glfw3.h>

#include <cstdio>
#include <cstring>

#include "gfx/gl.hpp"

namespace wenyuan::kiosk {

Result<GlfwScope> GlfwScope::start() {
    glfwSetErrorCallback([](int code, const char* message) { std::fprintf(stderr, "wenyuan-kiosk: GLFW %d: %s\n", code, message); });
    if (!glfwInit()) return fail(Errc::unsupported, "wenyuan-kiosk: GLFW could not start (no display?)");
    return GlfwScope();
}

GlfwScope::~GlfwScope() {
    if (active_) glfwTerminate();
}

void Window::Destroy::operator()(GLFWwindow* window) const noexcept { glfwDestroyWindow(window); }

Window::Window(Window&&) noexcept = default;
Window& Window::operator=(Window&&) noexcept = default;
Window::~Window() = default;

Result<Window> Window::open(int width, int height, bool fullscreen, bool hidden, const char* title) {
    struct Attempt {
        int major, minor;
        bool core;
        const char* glsl;
    };
    static const Attempt attempts[] = {{3, 3, true, "#version 330 core"}, {3, 0, false, "#version 130"}, {2, 1, false, "#version 120"}};
    GLFWmonitor* monitor = fullscreen ? glfwGetPrimaryMonitor() : nullptr;
    if (monitor) {
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        width = mode->width, height = mode->height;
    }
    for (const Attempt& attempt : attempts) {
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, attempt.major);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, attempt.minor);
        if (attempt.core) {
            glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
            glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        }
        glfwWindowHint(GLFW_VISIBLE, hidden ? GLFW_FALSE : GLFW_TRUE);
        glfwWindowHint(GLFW_DECORATED, hidden ? GLFW_FALSE : GLFW_TRUE);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_FALSE);
        GLFWwindow* raw = glfwCreateWindow(width, height, title, monitor, nullptr);
        if (!raw) continue;
        Window window;
        window.window_.reset(raw);
        glfwMakeContextCurrent(raw);
        glfwSwapInterval(hidden ? 0 : 1);
        auto text = [](GLenum name) {
            const auto* value = reinterpret_cast<const char*>(glGetString(name));
            return std::string(value ? value : "?");
        };
        window.info_.version = text(GL_VERSION);
        window.info_.renderer = text(GL_RENDERER);
        for (const char* name : {"llvmpipe", "softpipe", "Software Rasterizer", "swrast"})
            if (window.info_.renderer.find(name) != std::string::npos) window.info_.software = true;
        window.info_.glsl = attempt.glsl;
        window.info_.major = attempt.major;
        window.info_.minor = attempt.minor;
        window.info_.core = attempt.core;
        GLint max_texture = 2048;
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
        window.info_.max_texture = max_texture > 0 ? max_texture : 2048;
        return window;
    }
    return fail(Errc::unsupported, "wenyuan-kiosk: no OpenGL context (tried 3.3 core, 3.0 and 2.1)");
}

void Window::framebuffer_size(int& width, int& height) const { glfwGetFramebufferSize(window_.get(), &width, &height); }

}  // namespace wenyuan::kiosk
