// Keys and typed text from GLFW, queued for the frame loop (ImGui's backend chains to these
// callbacks). Script input is merged in the same form.
#pragma once

#include <string>
#include <vector>

struct GLFWwindow;

namespace wenyuan::kiosk {

struct KeyQueue {
    std::vector<std::string> keys;  ///< "escape", "enter", "backspace", "left", "right", "up", "down", "space"
    std::string text;               ///< typed characters, UTF-8
};

/// Installs the key and char callbacks; call before ImGui_ImplGlfw_InitForOpenGL(…, true).
void install_key_callbacks(GLFWwindow* window, KeyQueue* queue);

}  // namespace wenyuan::kiosk
