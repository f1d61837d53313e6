// Until the library's UsageLog (wenyuan/usage.hpp) is in this tree, events are counted only.
#include "app/usage.hpp"

namespace wenyuan::kiosk {

struct UsageRecorder::Impl {};

UsageRecorder::UsageRecorder(const std::filesystem::path& file) {
    problem_ = "usage log " + file.string() + ": this build has no usage log (wenyuan/usage.hpp); events are not kept";
}

UsageRecorder::~UsageRecorder() = default;

bool UsageRecorder::enabled() const noexcept { return impl_ != nullptr; }

void UsageRecorder::record(const VisitEvent&, const Museum&) { ++recorded_; }

}  // namespace wenyuan::kiosk
