// Usage logging for kiosks (资源使用率、满意度): what visitors open, how long they stay, what they
// search for and whether they liked it. The log is its own SQLite file (`usage.db`), apart from the
// archive, which a kiosk opens read-only. It records no personal data: no names, no faces, no
// device ids; a visit is a number, a time and an optional 1–5 rating. Format: docs/usage.md.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan {

class Archive;

struct UsageOptions {
    /// Milliseconds since 1970-01-01 UTC; empty: the system clock. Tests and replays set it.
    std::function<std::int64_t()> now_ms;
};

/// A kiosk's usage log.
///
/// Cheap and crash-safe: WAL journal with synchronous=NORMAL (a crash of the kiosk, or of the
/// machine, loses at most the last few records and never damages the file), statements prepared
/// once, one small autocommitted insert or update per call (tens of microseconds).
///
/// Thread safety: one thread at a time per UsageLog. Move-only; closing happens in the destructor.
/// Several processes may open the same file (SQLite's WAL serialises writers).
class UsageLog {
public:
    /// Opens `file`, creating it (and its folder) when missing. Errors: Errc::io (cannot create or
    /// write), Errc::corrupt (not a usage log), Errc::version (written by a newer Wenyuan).
    [[nodiscard]] static Result<UsageLog> open(const std::filesystem::path& file, UsageOptions options = {});
    /// Opens an existing log for reports; never writes. Errors: Errc::not_found, as open().
    [[nodiscard]] static Result<UsageLog> open_read_only(const std::filesystem::path& file);

    UsageLog(UsageLog&&) noexcept;
    UsageLog& operator=(UsageLog&&) noexcept;
    ~UsageLog();

    const std::filesystem::path& path() const noexcept;

    // Every recording call below fails only with Errc::io (disk full, file gone) or
    // Errc::invalid_argument (a read-only log, an unknown id, a rating outside 1–5). A kiosk should
    // log such an error and go on: usage logging must never stop the visitor.

    /// A visitor starts (the first touch after the attract loop). Returns the visit id.
    Result<std::int64_t> begin_visit();
    /// The visit ends (idle timeout, or the visitor says goodbye). Ending twice keeps the first end.
    Result<void> end_visit(std::int64_t visit);
    /// The visitor's 1–5 satisfaction rating for the visit (the last one given counts).
    Result<void> rate_visit(std::int64_t visit, int rating);

    /// An exhibit was opened: the exhibition's id (slug) and the exhibit's item id. Returns a
    /// view id for exhibit_closed(). `visit` 0: outside any visit (the attract loop does not count).
    Result<std::int64_t> exhibit_opened(std::int64_t visit, std::string_view exhibition, std::int64_t item_id);
    /// The exhibit was left: the dwell time is the time since it was opened. Closing twice keeps
    /// the first dwell time. A view never closed (a crash) has no dwell time and is still an open.
    Result<void> exhibit_closed(std::int64_t view);

    /// A search as typed (pinyin, initials or characters, at most 200 bytes kept) and how many
    /// results it found. Kiosks log a search when the visitor pauses or opens a result, not per key.
    Result<void> searched(std::int64_t visit, std::string_view query, std::size_t results);

    /// A tour was started; returns a tour run id for tour_finished().
    Result<std::int64_t> tour_started(std::int64_t visit, std::string_view exhibition, std::string_view tour_title);
    /// The tour reached its last stop.
    Result<void> tour_finished(std::int64_t tour_run);

    struct Impl;
    /// For the library's own modules (reports); not part of the stable API.
    const Impl& impl() const noexcept { return *impl_; }

private:
    explicit UsageLog(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// One exhibit (an item shown in an exhibition) with how often it was opened.
struct ExhibitUsage {
    std::string exhibition;  ///< the exhibition's id (slug)
    std::int64_t item_id = 0;
    std::string title;        ///< the item's title, when an archive was given
    std::size_t opens = 0;
    double average_dwell_seconds = 0;  ///< over the opens with a dwell time; 0 when none
};

struct QueryCount {
    std::string query;
    std::size_t times = 0;
};

struct DayCount {
    std::string date;  ///< YYYY-MM-DD in the report's time zone
    std::size_t visits = 0;
};

struct UsageSummaryOptions {
    std::size_t top = 10;            ///< length of the most/least viewed and empty-search lists
    int utc_offset_minutes = 0;      ///< for visits per day; China is +480
};

/// What `wenyuan usage report` prints, as data (issue 8's export/merge reuses it).
struct UsageSummary {
    std::string first, last;  ///< ISO 8601 UTC of the first and last record; empty for an empty log
    std::size_t visits = 0, exhibit_opens = 0, searches = 0, tours_started = 0, tours_finished = 0;
    double average_dwell_seconds = 0;
    /// Most opened first (ties by exhibition, item). With an archive, exhibits that kiosks show
    /// but were never opened come first in least_viewed with 0 opens.
    std::vector<ExhibitUsage> most_viewed, least_viewed;
    /// With an archive: the exhibits kiosks show now (kiosk_exhibitions()), how many of them were
    /// ever opened, and the share. Without: all zero and `coverage` empty.
    std::size_t kiosk_exhibits = 0, kiosk_exhibits_opened = 0;
    std::optional<double> coverage;
    std::vector<QueryCount> empty_searches;  ///< searches that found nothing, most frequent first
    std::size_t ratings = 0;
    std::optional<double> average_rating;
    std::array<std::size_t, 5> rating_counts{};  ///< how many 1s … 5s
    std::vector<DayCount> visits_per_day;        ///< oldest first, days without visits left out
};

/// Summarises a log; `archive` (optional, may be read-only) adds titles and coverage.
/// Errors: Errc::io. Reads only; one thread at a time per log and archive.
Result<UsageSummary> summarize_usage(const UsageLog& log, const Archive* archive = nullptr,
                                     const UsageSummaryOptions& options = {});

}  // namespace wenyuan
