// Built while the library has no UsageLog implementation (wenyuan/usage.hpp without its source):
// events are counted, not kept, and the kiosk says so once at start-up.
#include "app/usage.hpp"

namespace wenyuan::kiosk {

struct UsageRecorder::Impl {};

UsageRecorder::UsageRecorder(const std::filesystem::path& file) {
    problem_ = "usage log " + file.string() + ": this build's library has no usage log; events are not kept";
}

UsageRecorder::~UsageRecorder() = default;

bool UsageRecorder::enabled() const noexcept { return impl_ != nullptr; }

void UsageRecorder::record(const VisitEvent&, const Museum&) { ++recorded_; }

}  // namespace wenyuan::kiosk
