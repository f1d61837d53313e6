// A hidden GLFW window with a GL 3.3 core context (3.0 as a fallback) and an offscreen
// framebuffer of a given size to render into and read back. For the GL tests (under xvfb-run on
// Mesa llvmpipe) and the benchmark.
#pragma once

#include <GLFW/glfw3.h>
#include <GL/glext.h>

#include <array>
#include <cstdlib>
#include <cstdint>
#include <string>
#include <vector>

namespace wenyuan::test {

class GlWindow {
public:
    /// Creates the window and framebuffer; ok() is false (and why() says why) when no display.
    GlWindow(int width, int height) : width_(width), height_(height) {
        if (!glfwInit()) {
            why_ = "glfwInit failed (no display?)";
            return;
        }
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        if (!gl30()) window_ = glfwCreateWindow(width, height, "test", nullptr, nullptr);
        if (!window_) {
            glfwDefaultWindowHints();
            glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
            glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
            window_ = glfwCreateWindow(width, height, "test", nullptr, nullptr);
        }
        if (!window_) {
            why_ = "no GL 3.x context";
            return;
        }
        glfwMakeContextCurrent(window_);
        glfwSwapInterval(0);
        glGenFramebuffers(1, &fbo_);
        glGenRenderbuffers(2, rbo_);
        glBindRenderbuffer(GL_RENDERBUFFER, rbo_[0]);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
        glBindRenderbuffer(GL_RENDERBUFFER, rbo_[1]);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rbo_[0]);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, rbo_[1]);
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) why_ = "incomplete framebuffer";
        glViewport(0, 0, width, height);
    }
    ~GlWindow() {
        if (window_) {
            glDeleteFramebuffers(1, &fbo_);
            glDeleteRenderbuffers(2, rbo_);
            glfwDestroyWindow(window_);
        }
        glfwTerminate();
    }
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    bool ok() const { return window_ && why_.empty(); }
    /// WENYUAN_TEST_GL=3.0 asks for a GL 3.0 context (the kiosk's low end) instead of 3.3 core.
    static bool gl30() {
        const char* version = std::getenv("WENYUAN_TEST_GL");
        return version && std::string(version) == "3.0";
    }
    const std::string& why() const { return why_; }
    std::string renderer() const {
        const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
        return name ? name : "";
    }

    void clear(float r, float g, float b) {
        glClearColor(r, g, b, 1);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    }
    /// RGBA8 rows bottom to top (GL's order).
    std::vector<std::uint8_t> pixels() const {
        std::vector<std::uint8_t> out(std::size_t(width_) * height_ * 4);
        glPixelStorei(GL_PACK_ALIGNMENT, 1);
        glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, out.data());
        return out;
    }
    static std::array<int, 3> at(const std::vector<std::uint8_t>& pixels, int width, int x, int y) {
        const std::size_t i = (std::size_t(y) * width + x) * 4;
        return {pixels[i], pixels[i + 1], pixels[i + 2]};
    }
    void finish() const { glFinish(); }

private:
    int width_, height_;
    GLFWwindow* window_ = nullptr;
    GLuint fbo_ = 0, rbo_[2] = {0, 0};
    std::string why_;
};

}  // namespace wenyuan::test
