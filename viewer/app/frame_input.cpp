#include "app/frame_input.hpp"

#include <GLFW/glfw3.h>

namespace wenyuan::kiosk {

namespace {

KeyQueue* g_queue = nullptr;  // GLFW callbacks carry no context; one window per process

void on_key(GLFWwindow*, int key, int, int action, int) {
    if (!g_queue || (action != GLFW_PRESS && action != GLFW_REPEAT)) return;
    switch (key) {
    case GLFW_KEY_ESCAPE: g_queue->keys.emplace_back("escape"); break;
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: g_queue->keys.emplace_back("enter"); break;
    case GLFW_KEY_BACKSPACE: g_queue->keys.emplace_back("backspace"); break;
    case GLFW_KEY_LEFT: g_queue->keys.emplace_back("left"); break;
    case GLFW_KEY_RIGHT: g_queue->keys.emplace_back("right"); break;
    case GLFW_KEY_UP: g_queue->keys.emplace_back("up"); break;
    case GLFW_KEY_DOWN: g_queue->keys.emplace_back("down"); break;
    default: break;
    }
}

void on_char(GLFWwindow*, unsigned int c) {
    if (!g_queue || c < 0x20 || c > 0x7E) return;  // pinyin and digits are ASCII
    g_queue->text += static_cast<char>(c);
}

}  // namespace

void install_key_callbacks(GLFWwindow* window, KeyQueue* queue) {
    g_queue = queue;
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
}

}  // namespace wenyuan::kiosk
