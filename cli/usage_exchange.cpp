// `wenyuan usage export|merge`: a station's signed, anonymised usage summary, and the county's
// report over many stations (coverage, usage, searches that found nothing, satisfaction).
#include <cstdio>

#include "cli.hpp"
#include "wenyuan/usage_exchange.hpp"

namespace wenyuan::cli {
namespace {

nlohmann::json station_json(const StationUsage& s) {
    const UsageSummary& u = s.summary;
    nlohmann::json empty = nlohmann::json::array();
    for (const QueryCount& q : u.empty_searches) empty.push_back({{"query", q.query}, {"times", q.times}});
    return {{"station", s.station}, {"file", s.file}, {"key_id", s.key_id}, {"created", s.created},
            {"first", u.first}, {"last", u.last}, {"visits", u.visits}, {"exhibit_opens", u.exhibit_opens},
            {"average_dwell_seconds", u.average_dwell_seconds}, {"searches", u.searches},
            {"tours_started", u.tours_started}, {"tours_finished", u.tours_finished},
            {"kiosk_exhibits", u.kiosk_exhibits}, {"kiosk_exhibits_opened", u.kiosk_exhibits_opened},
            {"coverage", u.coverage ? nlohmann::json(*u.coverage) : nlohmann::json()},
            {"ratings", u.ratings}, {"rating_counts", u.rating_counts},
            {"average_rating", u.average_rating ? nlohmann::json(*u.average_rating) : nlohmann::json()},
            {"empty_searches", empty}};
}

std::string percent(const std::optional<double>& share) {
    if (!share) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%", *share * 100);
    return text;
}

std::string rating(const std::optional<double>& value) {
    if (!value) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.2f", *value);
    return text;
}

}  // namespace

int run_usage_export(const Args& args) {
    std::string output = args.get("output");
    for (std::size_t i = 2; i + 1 < args.positional.size(); ++i) {
        if (args.positional[i] == "-o") output = args.positional[i + 1];
    }
    if (output.empty()) {
        return report("wenyuan usage: usage: wenyuan usage export <usage.db> -o <file> [--archive <kiosk archive>] "
                      "[--station <name>] [--key <name>]", kUsage);
    }
    auto key = load_signing_key(wenyuan_home(), args.get("key", "publisher"));
    if (!key) return report(key.error(), kUsage);
    auto log = UsageLog::open_read_only(args.positional[1]);
    if (!log) return report(log.error(), kUsage);
    std::optional<Archive> archive;
    if (args.has("archive")) {
        auto opened = open_archive(args.get("archive"), OpenMode::read_only);
        if (!opened) return kUsage;
        archive.emplace(std::move(*opened));
    }
    UsageSummaryOptions options;
    options.top = 50;
    options.utc_offset_minutes = 480;  // China Standard Time: a county compares stations by their days
    auto summary = summarize_usage(*log, archive ? &*archive : nullptr, options);
    if (!summary) return report(summary.error());
    const std::string station = args.get("station", key->public_key.name);
    const std::string text = signed_usage_summary(*summary, station, *key);
    std::FILE* out = std::fopen(output.c_str(), "wb");
    if (!out || std::fwrite(text.data(), 1, text.size(), out) != text.size() || std::fclose(out) != 0) {
        return report(output + ": cannot write");
    }
    if (args.json()) {
        print_json({{"file", output}, {"station", station}, {"key_id", key->public_key.key_id}, {"visits", summary->visits}});
    } else {
        std::printf("%s: usage of station %s, %zu visit(s), signed by %s\n", output.c_str(), station.c_str(), summary->visits,
                    key->public_key.key_id.c_str());
    }
    return kOk;
}

int run_usage_merge(const Args& args) {
    if (args.positional.size() < 3) {
        return report("wenyuan usage: usage: wenyuan usage merge <archive> <summary>...", kUsage);
    }
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return kUsage;
    int code = kOk;
    std::vector<StationUsage> read;
    for (std::size_t i = 2; i < args.positional.size(); ++i) {
        auto station = read_usage_summary(*archive, args.positional[i]);
        if (!station) {
            code = report(station.error());  // the other files go on
            continue;
        }
        read.push_back(std::move(*station));
    }
    const UsageMerge merged = merge_usage(std::move(read));
    if (args.json()) {
        nlohmann::json stations = nlohmann::json::array();
        for (const StationUsage& s : merged.stations) stations.push_back(station_json(s));
        nlohmann::json empty = nlohmann::json::array();
        for (const QueryCount& q : merged.empty_searches) empty.push_back({{"query", q.query}, {"times", q.times}});
        print_json({{"stations", stations},
                    {"totals", {{"stations", merged.stations.size()}, {"stations_with_visits", merged.stations_with_visits},
                                {"visits", merged.visits}, {"exhibit_opens", merged.exhibit_opens},
                                {"searches", merged.searches}, {"tours_started", merged.tours_started},
                                {"tours_finished", merged.tours_finished}, {"ratings", merged.ratings},
                                {"average_rating", merged.average_rating ? nlohmann::json(*merged.average_rating) : nlohmann::json()},
                                {"average_coverage", merged.average_coverage ? nlohmann::json(*merged.average_coverage) : nlohmann::json()},
                                {"empty_searches", empty}}}});
        return code;
    }
    std::printf("%-20s %8s %8s %9s %9s %8s %7s\n", "station", "visits", "opens", "searches", "coverage", "rating", "ratings");
    for (const StationUsage& s : merged.stations) {
        const UsageSummary& u = s.summary;
        std::printf("%-20s %8zu %8zu %9zu %9s %8s %7zu\n", s.station.c_str(), u.visits, u.exhibit_opens, u.searches,
                    percent(u.coverage).c_str(), rating(u.average_rating).c_str(), u.ratings);
    }
    std::printf("%-20s %8zu %8zu %9zu %9s %8s %7zu\n", "all stations", merged.visits, merged.exhibit_opens, merged.searches,
                percent(merged.average_coverage).c_str(), rating(merged.average_rating).c_str(), merged.ratings);
    std::printf("usage rate: %zu of %zu stations had visitors\n", merged.stations_with_visits, merged.stations.size());
    std::printf("searches that found nothing:\n");
    if (merged.empty_searches.empty()) std::printf("  (none)\n");
    for (const QueryCount& q : merged.empty_searches) std::printf("  %5zu  %s\n", q.times, q.query.c_str());
    return code;
}

}  // namespace wenyuan::cli
