// wenyuan-kiosk: the village museum kiosk. See docs/kiosk.md.
#include <malloc.h>

#include <cstdio>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/config.hpp"

int main(int argc, char** argv) {
    using namespace wenyuan::kiosk;
    // Memory that stays flat for days (docs/kiosk.md, "Memory"): buffers of 1 MB and more
    // (decoded pictures, llvmpipe's textures, video frames) are their own mappings, returned to
    // the system when freed, instead of fragments of heaps that only grow; and the decoder,
    // FFmpeg, audio and llvmpipe threads share two malloc arenas instead of one each.
    // Setting the mmap threshold also fixes the heap's trim threshold at 128 kB, and llvmpipe
    // frees its binned scene (several MB a frame for a 50k-triangle model) at the top of the
    // heap after every frame: the heap was trimmed and the next frame faulted every page in
    // again (a quarter of a model frame's CPU; docs/benchmarks.md). 16 MB stays mapped instead (enough for a 50k-triangle scene);
    // the app's malloc_trim(0) every 600 frames still returns it.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
    mallopt(M_ARENA_MAX, 2);
    auto options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::fprintf(stderr, "%s\n%s", options.error().message.c_str(), usage_text());
        return 2;
    }
    if (options->help) {
        std::fputs(usage_text(), stdout);
        return 0;
    }
    if (!options->set_pin.empty()) {
        const auto file = default_config_path(options->config);
        if (auto stored = store_pin(file, options->set_pin); !stored) {
            std::fprintf(stderr, "wenyuan-kiosk: %s\n", stored.error().message.c_str());
            return 1;
        }
        std::printf("admin PIN stored (salted PBKDF2 hash) in %s\n", file.c_str());
        return 0;
    }
    return run_kiosk(*options);
}
