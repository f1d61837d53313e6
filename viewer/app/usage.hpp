// The visit events (navigation.hpp) going to the usage log: exhibits opened with their dwell,
// searches with their result counts, tours finished and ratings. No personal data: no query is
// tied to a person. The log is the library's UsageLog (wenyuan/usage.hpp), a file of its own.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/content.hpp"
#include "app/navigation.hpp"

namespace wenyuan::kiosk {

class UsageRecorder {
public:
    /// Opens (creating) the usage log at `file`. A log that cannot be opened is reported once in
    /// `problem` and the kiosk runs without it.
    explicit UsageRecorder(const std::filesystem::path& file);
    ~UsageRecorder();
    UsageRecorder(const UsageRecorder&) = delete;
    UsageRecorder& operator=(const UsageRecorder&) = delete;

    void record(const VisitEvent& event, const Museum& museum);
    bool enabled() const noexcept;
    const std::string& problem() const noexcept { return problem_; }
    std::size_t recorded() const noexcept { return recorded_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::string problem_;
    std::size_t recorded_ = 0;
};

}  // namespace wenyuan::kiosk
