#include "app/app.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <malloc.h>

#include <chrono>
#include <fstream>
#include <cstdio>
#include <optional>

#include "app/frame_input.hpp"
#include "app/frame_stats.hpp"
#include "app/kiosk.hpp"
#include "app/media_stage.hpp"
#include "app/content_watch.hpp"
#include "app/museum_glyphs.hpp"
#include "app/script.hpp"
#include "app/usage.hpp"
#include "gfx/font_texture.hpp"
#include "gfx/gl.hpp"
#include "gfx/screenshot.hpp"
#include "gfx/window.hpp"
#include "media/image_cache.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan::kiosk {

namespace {

using Clock = std::chrono::steady_clock;

void log(const std::string& line) { std::fprintf(stderr, "wenyuan-kiosk: %s\n", line.c_str()); }

/// ImGui context and backends for one window, shut down in reverse order.
class ImGuiSession {
public:
    ImGuiSession(GLFWwindow* window, const char* glsl) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // deterministic: no imgui.ini
        io.LogFilename = nullptr;
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init(glsl);
        // The backend's shaders now, so that its first NewFrame() does not make them and then
        // rebuild our atlas to upload it as RGBA; the font texture is ours (FontTexture).
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGuiStyle& style = ImGui::GetStyle();
        style.WindowPadding = ImVec2(0, 0);
        style.WindowBorderSize = 0;
        style.FramePadding = ImVec2(0, 0);
        style.ItemSpacing = ImVec2(0, 0);
        style.TouchExtraPadding = ImVec2(0, 0);
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
    ImGuiSession(const ImGuiSession&) = delete;
    ImGuiSession& operator=(const ImGuiSession&) = delete;
};

Result<Fonts> bake_fonts(const FontData& data, const Kiosk& k, const Metrics& metrics, int max_texture) {
    ImGuiIO& io = ImGui::GetIO();
    auto fonts = build_fonts(*io.Fonts, data, metrics, k.caption_glyphs, k.body_glyphs, k.display_glyphs, max_texture);
    if (!fonts) return fonts;
    io.FontDefault = fonts->body;
    return fonts;
}

void handle_keys(Kiosk& k, const KeyQueue& input) {
    for (const std::string& key : input.keys) {
        k.nav.touched();
        if (key == "escape") {
            k.pin.open = !k.pin.open;
            k.pin.entry.clear();
            k.pin.wrong = false;
            continue;
        }
        const Screen screen = k.nav.here().screen;
        if (k.pin.open) {
            if (key == "backspace" && !k.pin.entry.empty()) k.pin.entry.pop_back();
            continue;
        }
        if (screen == Screen::search && key == "backspace") {
            if (!k.search.query.empty()) k.search.query.pop_back();
        } else if (key == "backspace") {
            k.nav.back();
        } else if ((key == "left" || key == "right") && screen == Screen::exhibit && k.nav.here().exhibition >= 0) {
            const auto order = k.order(k.nav.here().exhibition);
            const int next = k.nav.here().position + (key == "left" ? -1 : 1);
            if (next >= 0 && next < int(order.size())) k.nav.step_exhibit(next, long(order[std::size_t(next)]));
        }
    }
    if (!input.text.empty()) {
        k.nav.touched();
        if (k.pin.open) {
            for (char c : input.text)
                if (c >= '0' && c <= '9' && k.pin.entry.size() < 12) k.pin.entry += c;
        } else if (k.nav.here().screen == Screen::search) {
            for (char c : input.text)
                if (k.search.query.size() < 40 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '))
                    k.search.query += c;
                else if (k.search.query.size() < 40 && c >= 'A' && c <= 'Z')
                    k.search.query += char(c - 'A' + 'a');
        }
    }
}

void draw_screen(Kiosk& k) {
    switch (k.nav.here().screen) {
    case Screen::attract: draw_attract(k); break;
    case Screen::home: draw_home(k); break;
    case Screen::exhibition: draw_exhibition(k); break;
    case Screen::exhibit: draw_exhibit(k); break;
    case Screen::search: draw_search(k); break;
    case Screen::tour: draw_tour(k); break;
    }
}

/// Five taps within four seconds on the bottom-left corner open the PIN pad (staff only; no
/// visitor flow needs it). Escape does the same on a keyboard.
void admin_corner(Kiosk& k) {
    const float size = k.ui.m.target;
    if (hit(k.ui, "##admin", Rect{0, k.ui.height - size, size, size})) {
        if (k.ui.time - k.pin.first_tap > 4) k.pin.corner_taps = 0, k.pin.first_tap = k.ui.time;
        if (++k.pin.corner_taps >= 5) {
            k.pin.open = true;
            k.pin.entry.clear();
            k.pin.corner_taps = 0;
        }
    }
}

}  // namespace

int run_kiosk(const Options& options) {
    const auto started = Clock::now();
    const std::filesystem::path config_file = default_config_path(options.config);
    auto config = load_config(config_file);
    if (!config) return log(config.error().message), 2;
    if (options.idle_seconds > 0) config->idle_seconds = options.idle_seconds;
    if (config->pin_hash.empty()) log("no admin PIN in " + config_file.string() + ": the PIN is 0000 (set one with --set-pin)");

    auto archive = Archive::open(options.archive, OpenMode::read_only);
    if (!archive) return log(archive.error().message), 1;
    auto museum = load_museum(*archive, config->museum_name, config->museum_name_en);
    if (!museum) return log(museum.error().message), 1;
    for (const std::string& note : museum->notes) log(note);

    auto fonts_data = FontData::open();
    if (!fonts_data) return log(fonts_data.error().message), 1;

    auto memory = [&](const char* stage) {
        if (!options.stats) return;
        std::ifstream status("/proc/self/status");
        std::string line, parts;
        while (std::getline(status, line))
            if (line.rfind("RssAnon", 0) == 0 || line.rfind("RssFile", 0) == 0) parts += " " + line.substr(0, line.size());
        log(std::string("resident after ") + stage + ": " + std::to_string(long(resident_mb())) + " MB;" + parts);
    };
    memory("the museum and the font files");
    auto glfw = GlfwScope::start();
    if (!glfw) return log(glfw.error().message), 1;
    const bool screenshot = !options.screenshot.empty();
    auto window = Window::open(options.width, options.height, !options.windowed, screenshot, "文渊 Wenyuan");
    if (!window) return log(window.error().message), 1;
    log("OpenGL " + window->gl().version + " on " + window->gl().renderer + ", max texture " +
        std::to_string(window->gl().max_texture));

    memory("the window and GL context");
    KeyQueue keys;
    install_key_callbacks(window->handle(), &keys);
    ImGuiSession session(window->handle(), window->gl().glsl.c_str());
    FontTexture font_texture;  // destroyed before the session

    std::optional<Script> script;
    if (!options.script.empty()) {
        auto loaded = Script::load(options.script);
        if (!loaded) return log(loaded.error().message), 2;
        script = std::move(*loaded);
    }

    memory("ImGui");
    ImageCache images(archive->root(), window->gl().max_texture,
                      window->gl().software ? ImageCache::kSoftwareBudget : ImageCache::kGpuBudget);
    MediaStage stage(archive->root().string(), screenshot, config->speech);
    UsageRecorder usage(config->usage_db);
    if (!usage.problem().empty()) log(usage.problem());

    memory("media, speech and the usage log");
    Kiosk k;
    k.archive = &*archive;
    k.archive_root = archive->root().string();
    k.museum = std::move(*museum);
    k.config = *config;
    k.options = options;
    k.nav = Navigator(Timing{config->idle_seconds, 10, 120}, options.attract);
    k.ui.english = options.english;
    k.ui.elder = options.elder;
    k.ui.images = &images;
    k.usage = &usage;
    k.stage = &stage;
    k.base_exhibits = k.museum.exhibits.size();
    collect_glyphs(k.museum, k.caption_glyphs, k.body_glyphs, k.display_glyphs);
    ContentWatch watch(*archive);

    int fb_w = 0, fb_h = 0;
    window->framebuffer_size(fb_w, fb_h);
    int fonts_for_w = 0, fonts_for_h = 0;
    bool fonts_for_elder = !k.ui.elder;
    int frame = 0;
    FrameStats stats;
    double last_frame_ms = 0;
    Location shown;
    double last = glfwGetTime();
    const double fixed_dt = 1.0 / 60.0;
    while (!k.quit) {
        glfwPollEvents();
        if (glfwWindowShouldClose(window->handle())) {
            if (options.windowed) break;
            glfwSetWindowShouldClose(window->handle(), GLFW_FALSE);
            k.pin.open = true;  // a fullscreen kiosk leaves only through the PIN
        }
        window->framebuffer_size(fb_w, fb_h);
        if (fb_w <= 0 || fb_h <= 0) continue;
        images.pump(screenshot);
        // Decoded pixels are freed on the main thread but were allocated in the worker's malloc
        // arena; give such memory back to the system now and then so that days of use stay flat.
        if (frame % 600 == 599) malloc_trim(0);
        stage.update(last_frame_ms);

        k.ui.width = float(fb_w), k.ui.height = float(fb_h);
        k.ui.m = Metrics::for_screen(k.ui.width, k.ui.height, k.ui.elder);
        k.ui.colours = &palette(k.ui.elder);
        if (fonts_for_w != fb_w || fonts_for_h != fb_h || fonts_for_elder != k.ui.elder || k.rebuild_fonts) {
            const auto baking = Clock::now();
            k.rebuild_fonts = false;
            auto fonts = bake_fonts(*fonts_data, k, k.ui.m, window->gl().max_texture);
            if (!fonts) return log(fonts.error().message), 1;
            // One byte a pixel on the GPU; the atlas's CPU copies are freed by upload(). Then the
            // font files' pages and the heap the rasteriser used (about 150 MB otherwise, for days).
            font_texture.upload(*ImGui::GetIO().Fonts, window->gl());
            fonts_data->release_pages();
            malloc_trim(0);
            k.ui.fonts = std::move(*fonts);
            memory("the font atlas");
            fonts_for_w = fb_w, fonts_for_h = fb_h, fonts_for_elder = k.ui.elder;
            log("font atlas " + std::to_string(k.ui.fonts.atlas_width) + " x " + std::to_string(k.ui.fonts.atlas_height) +
                ", " + std::to_string(k.ui.fonts.glyphs) + " glyphs, size factor " + std::to_string(k.ui.fonts.shrink) +
                ", baked in " +
                std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - baking).count()) + " ms");
        }

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGuiIO& io = ImGui::GetIO();
        const double now = glfwGetTime();
        double dt = screenshot ? fixed_dt : std::max(1e-4, now - last);
        last = now;
        io.DeltaTime = float(dt);
        io.DisplayFramebufferScale = ImVec2(1, 1);
        io.DisplaySize = ImVec2(float(fb_w), float(fb_h));
        if (script || screenshot) {
            const FrameInput input = script ? script->next() : FrameInput{};
            io.MousePos = input.pointer ? ImVec2(input.x, input.y) : ImVec2(-FLT_MAX, -FLT_MAX);
            io.MouseDown[0] = input.down;
            for (int i = 1; i < 5; ++i) io.MouseDown[i] = false;
            io.MouseWheel = 0;
            for (const std::string& key : input.keys) keys.keys.push_back(key);
            keys.text += input.text;
        }
        k.ui.time += dt;
        const auto frame_start = Clock::now();
        const double frame_cpu_start = options.stats ? process_cpu_ms() : 0;
        std::string drawn = screen_name(k.nav.here().screen);
        if (k.nav.here().screen == Screen::exhibit && k.nav.here().exhibit >= 0 && k.nav.here().exhibit < long(k.museum.exhibits.size())) {
            static const char* kinds[] = {"image", "model", "video", "audio", "text"};
            drawn += std::string("/") + kinds[int(k.museum.exhibits[std::size_t(k.nav.here().exhibit)].kind)];
            if (const std::size_t triangles = stage.model_triangles(); triangles > 0 && drawn == "exhibit/model")
                drawn += "@" + std::to_string(triangles) + "tri";  // which level of detail is drawn
        }
        ImGui::NewFrame();

        if (io.MouseClicked[0]) k.nav.touched();
        handle_keys(k, keys);
        keys = {};
        const Screen before = k.nav.here().screen;
        k.nav.tick(dt);
        if (before != Screen::attract && k.nav.here().screen == Screen::attract) {
            k.search = {};
            k.museum.exhibits.resize(k.base_exhibits);  // pages made for search hits
        }
        // A package applied meanwhile: new exhibitions (and the glyphs they need) while idle.
        if (auto fresh = watch.poll(*archive, k.nav.here().screen == Screen::attract, k.ui.time, config->museum_name,
                                    config->museum_name_en)) {
            log("package generation " + std::to_string(watch.generation()) + ": the exhibitions were reloaded");
            for (const std::string& note : fresh->notes) log(note);
            k.museum = std::move(*fresh);
            k.base_exhibits = k.museum.exhibits.size();
            k.home_page = 0, k.image_view_for = -1, k.row_first.clear();
            k.caption_glyphs = {}, k.body_glyphs = {}, k.display_glyphs = {};
            collect_glyphs(k.museum, k.caption_glyphs, k.body_glyphs, k.display_glyphs);
            k.rebuild_fonts = true;
        } else if (const std::string problem = watch.take_problem(); !problem.empty()) {
            log("checking for new content: " + problem);
        }

        // Media stop when the visitor leaves them (and on the way to the attract loop).
        const Location& now_at = k.nav.here();
        if (now_at.screen != shown.screen || now_at.exhibit != shown.exhibit) {
            if (now_at.screen != Screen::exhibit && now_at.screen != Screen::tour) stage.reset();
            else {
                stage.speak({});
                const long e = now_at.exhibit;
                stage.release_except(e >= 0 && e < long(k.museum.exhibits.size()) ? k.museum.exhibits[std::size_t(e)].item_id : 0);
            }
            if (now_at.screen != Screen::tour) k.tour_pacer.reset();
            shown = now_at;
        }
        if (io.MouseClicked[0] && now_at.screen == Screen::tour) k.tour_pacer.touched();

        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("##kiosk", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoBringToFrontOnFocus |
                         ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
        k.ui.draw = ImGui::GetWindowDrawList();
        k.ui.pressed_any = false;
        draw_screen(k);
        admin_corner(k);
        ImGui::End();
        if (k.nav.rating_visible() || k.ui.time - k.rated_at < 2.0) draw_rating(k);
        if (k.pin.open) draw_pin_pad(k);
        images.drop_stale_requests();

        for (const VisitEvent& event : k.nav.take_events()) usage.record(event, k.museum);

        ImGui::Render();
        glViewport(0, 0, fb_w, fb_h);
        const ImU32 ground = k.ui.colours->ground;
        glClearColor(float(ground & 255) / 255.0f, float((ground >> 8) & 255) / 255.0f, float((ground >> 16) & 255) / 255.0f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        // A shown model's level of detail follows whole frames (ModelView::draw): the GPU's work
        // is part of them, and on llvmpipe most of it happens after the draw calls. glFinish
        // costs nothing there (the swap waits for the same work); vsync stays outside the time.
        if (options.stats || stage.model_triangles() > 0) glFinish();
        last_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count();
        if (options.stats) {
            stats.frame(drawn, last_frame_ms, process_cpu_ms() - frame_cpu_start);
            if (frame % 600 == 1) stats.sample_memory(frame);
        }
        if (frame == 1) {
            glFinish();
            const double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
            stats.first_frame(ms);
            log("first frame after " + std::to_string(long(ms)) + " ms");
        }
        if (screenshot && frame >= options.frames && (!script || script->finished())) {
            if (auto written = write_screenshot(options.screenshot, fb_w, fb_h); !written)
                return log(written.error().message), 1;
            break;
        }
        glfwSwapBuffers(window->handle());
    }
    for (const VisitEvent& event : k.nav.take_events()) usage.record(event, k.museum);
    if (options.stats) {
        stats.sample_memory(frame);
        std::fputs(stats.report().c_str(), stdout);
    }
    return 0;
}

}  // namespace wenyuan::kiosk
