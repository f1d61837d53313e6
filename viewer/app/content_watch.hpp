// New content without a restart: when a package is applied to the archive (wenyuan package
// apply, from another process), the kiosk notices the archive's package generation changed the
// next time it is idle and loads its museum again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "app/content.hpp"

namespace wenyuan::kiosk {

class ContentWatch {
public:
    /// Remembers the archive's current package generation (0 when it cannot be read).
    explicit ContentWatch(const Archive& archive, double period_seconds = 30);

    /// Only while `idle` (the attract loop), at most once per period (the first call after
    /// becoming idle checks at once): when the package generation changed, loads the museum again
    /// with these names and returns it. nullopt when not due, unchanged, or when the check or the
    /// load failed (the reason in take_problem(); the kiosk keeps showing what it has and tries
    /// again next period). One thread, as Archive.
    std::optional<Museum> poll(const Archive& archive, bool idle, double now, const std::string& name,
                               const std::string& name_en);

    std::int64_t generation() const noexcept { return seen_; }
    /// Why the last check failed, once (empty when it did not).
    std::string take_problem() { return std::exchange(problem_, {}); }

private:
    std::int64_t seen_ = 0;
    double period_ = 30;
    double next_ = 0;
    bool was_idle_ = false;
    std::string problem_;
};

}  // namespace wenyuan::kiosk
