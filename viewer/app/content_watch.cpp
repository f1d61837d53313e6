#include "app/content_watch.hpp"

#include "wenyuan/package.hpp"

namespace wenyuan::kiosk {

ContentWatch::ContentWatch(const Archive& archive, double period_seconds) : period_(period_seconds) {
    seen_ = package_generation(archive).value_or(0);
}

std::optional<Museum> ContentWatch::poll(const Archive& archive, bool idle, double now, const std::string& name,
                                         const std::string& name_en) {
    const bool became_idle = idle && !was_idle_;
    was_idle_ = idle;
    if (!idle || (!became_idle && now < next_)) return std::nullopt;
    next_ = now + period_;
    auto generation = package_generation(archive);
    if (!generation) {
        problem_ = generation.error().message;
        return std::nullopt;
    }
    if (*generation == seen_) return std::nullopt;
    auto museum = load_museum(archive, name, name_en);
    if (!museum) {
        problem_ = museum.error().message;
        return std::nullopt;
    }
    seen_ = *generation;
    return std::move(*museum);
}

}  // namespace wenyuan::kiosk
