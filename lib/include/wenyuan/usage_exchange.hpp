// Usage flowing back up: a kiosk station's usage summary (wenyuan/usage.hpp) as a signed,
// anonymised file, and the county's merge of many stations into one evaluation report (coverage,
// usage, searches that found nothing, satisfaction). Format in docs/packages.md, "Usage flows back".
//
// The file holds aggregates only: counts, dwell averages, ratings, per-day visit counts and the
// text of searches that found nothing. No visit, time of a single event or device id leaves the
// station.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/keys.hpp"
#include "wenyuan/result.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan {

/// The signed file's text: {"format": "wenyuan-usage-summary/1", "payload": "<JSON text of the
/// station, creation time and summary>", "key_id", "signature"} where the Ed25519 signature covers
/// the payload's exact bytes. Pure; thread-safe.
std::string signed_usage_summary(const UsageSummary& summary, std::string_view station, const SigningKey& key);

struct StationUsage {
    std::string file;     ///< where it was read from
    std::string station;  ///< as the station named itself
    std::string key_id, key_name, created;
    UsageSummary summary;
};

/// Reads a summary file and checks its signature against the archive's trusted keys.
/// Errors: Errc::not_found, Errc::corrupt (not a summary, or the signature does not match; the
/// message names the file), Errc::invalid_argument (signed by a key the archive does not trust).
Result<StationUsage> read_usage_summary(const Archive& archive, const std::filesystem::path& file);

/// The county's view: every station, and totals over them.
struct UsageMerge {
    std::vector<StationUsage> stations;  ///< in the order given; a later file from the same station replaces an earlier one
    std::size_t visits = 0, exhibit_opens = 0, searches = 0, tours_started = 0, tours_finished = 0, ratings = 0;
    std::optional<double> average_rating;       ///< over every rating of every station
    std::optional<double> average_coverage;     ///< mean of the stations' coverage, where known
    std::size_t stations_with_visits = 0;       ///< usage rate: stations that had any visit
    std::vector<QueryCount> empty_searches;     ///< summed over stations, most frequent first
};

/// Merges station summaries. Pure; thread-safe.
UsageMerge merge_usage(std::vector<StationUsage> stations);

}  // namespace wenyuan
