// GLFW start-up and the kiosk's window with its GL context, as RAII owners. The context is the
// best the machine offers of OpenGL 3.3 core, 3.0, then 2.1: "degrade the quality, not the function".
#pragma once

#include <memory>
#include <string>

#include "wenyuan/result.hpp"

struct GLFWwindow;

namespace wenyuan::kiosk {

/// glfwInit / glfwTerminate for one scope. Only one may exist at a time.
class GlfwScope {
public:
    [[nodiscard]] static Result<GlfwScope> start();
    GlfwScope(GlfwScope&& other) noexcept : active_(std::exchange(other.active_, false)) {}
    GlfwScope& operator=(GlfwScope&&) = delete;
    ~GlfwScope();

private:
    GlfwScope() = default;
    bool active_ = true;
};

struct GlInfo {
    std::string version, renderer, glsl;  ///< glsl: the "#version …" line for ImGui's backend
    int major = 0, minor = 0;
    int max_texture = 2048;
    bool core = false;
    /// A software rasteriser (llvmpipe, softpipe, swrast): "GPU" memory is this process's memory.
    bool software = false;
};

class Window {
public:
    /// Opens the window: fullscreen on the primary monitor, or windowed at width × height (also
    /// for screenshots, hidden and undecorated). Errors: Errc::unsupported when no GL context of
    /// 2.1 or later can be made (the message says what was tried).
    [[nodiscard]] static Result<Window> open(int width, int height, bool fullscreen, bool hidden, const char* title);
    Window(Window&&) noexcept;
    Window& operator=(Window&&) noexcept;
    ~Window();

    GLFWwindow* handle() const noexcept { return window_.get(); }
    const GlInfo& gl() const noexcept { return info_; }
    void framebuffer_size(int& width, int& height) const;

private:
    struct Destroy {
        void operator()(GLFWwindow* window) const noexcept;
    };
    Window() = default;
    std::unique_ptr<GLFWwindow, Destroy> window_;
    GlInfo info_;
};

}  // namespace wenyuan::kiosk
