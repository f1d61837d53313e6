// wenyuan-kiosk: the village museum kiosk. See docs/kiosk.md.
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/config.hpp"

int main(int argc, char** argv) {
    using namespace wenyuan::kiosk;
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
