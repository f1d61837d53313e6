// `wenyuan usage report <usage.db> [--archive <archive>] [--json]`: what visitors used at a kiosk.
#include <cstdio>
#include <ctime>

#include "cli.hpp"
#include "wenyuan/usage.hpp"

namespace wenyuan::cli {
namespace {

constexpr const char* kUsageText =
    "wenyuan usage: usage: wenyuan usage report <usage.db> [--archive <archive>] [--top N] [--utc-offset <minutes>] [--json]";

/// The machine's offset from UTC now, in minutes (a kiosk's report is read where it stands).
int local_offset_minutes() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return static_cast<int>(local.tm_gmtoff / 60);
}

nlohmann::json exhibits_json(const std::vector<ExhibitUsage>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const ExhibitUsage& x : list) {
        out.push_back({{"exhibition", x.exhibition}, {"item", x.item_id}, {"title", x.title}, {"opens", x.opens},
                       {"average_dwell_seconds", x.average_dwell_seconds}});
    }
    return out;
}

nlohmann::json summary_json(const UsageSummary& s) {
    nlohmann::json out = {{"first", s.first},
                          {"last", s.last},
                          {"visits", s.visits},
                          {"exhibit_opens", s.exhibit_opens},
                          {"average_dwell_seconds", s.average_dwell_seconds},
                          {"searches", s.searches},
                          {"tours_started", s.tours_started},
                          {"tours_finished", s.tours_finished},
                          {"most_viewed", exhibits_json(s.most_viewed)},
                          {"least_viewed", exhibits_json(s.least_viewed)},
                          {"ratings", s.ratings},
                          {"rating_counts", s.rating_counts}};
    out["coverage"] = s.coverage ? nlohmann::json(*s.coverage) : nlohmann::json();
    out["kiosk_exhibits"] = s.kiosk_exhibits;
    out["kiosk_exhibits_opened"] = s.kiosk_exhibits_opened;
    out["average_rating"] = s.average_rating ? nlohmann::json(*s.average_rating) : nlohmann::json();
    out["empty_searches"] = nlohmann::json::array();
    for (const QueryCount& q : s.empty_searches) out["empty_searches"].push_back({{"query", q.query}, {"times", q.times}});
    out["visits_per_day"] = nlohmann::json::array();
    for (const DayCount& d : s.visits_per_day) out["visits_per_day"].push_back({{"date", d.date}, {"visits", d.visits}});
    return out;
}

void print_exhibits(const char* heading, const std::vector<ExhibitUsage>& list) {
    std::printf("%s\n", heading);
    if (list.empty()) std::printf("  (none)\n");
    for (const ExhibitUsage& x : list) {
        std::printf("  %5zu  %-16s item %-6lld %s", x.opens, x.exhibition.c_str(), static_cast<long long>(x.item_id), x.title.c_str());
        if (x.average_dwell_seconds > 0) std::printf("  (%.0f s on average)", x.average_dwell_seconds);
        std::printf("\n");
    }
}

void print_summary(const UsageSummary& s) {
    std::printf("period: %s .. %s\n", s.first.empty() ? "(empty log)" : s.first.c_str(), s.last.c_str());
    std::printf("visits: %zu   exhibits opened: %zu (%.0f s on average)   searches: %zu   tours: %zu started, %zu finished\n",
                s.visits, s.exhibit_opens, s.average_dwell_seconds, s.searches, s.tours_started, s.tours_finished);
    if (s.coverage) {
        std::printf("coverage: %zu of %zu kiosk exhibits opened (%.0f%%)\n", s.kiosk_exhibits_opened, s.kiosk_exhibits,
                    *s.coverage * 100);
    } else {
        std::printf("coverage: unknown (give --archive)\n");
    }
    if (s.average_rating) {
        std::printf("rating: %.2f of 5 from %zu visits (1:%zu 2:%zu 3:%zu 4:%zu 5:%zu)\n", *s.average_rating, s.ratings,
                    s.rating_counts[0], s.rating_counts[1], s.rating_counts[2], s.rating_counts[3], s.rating_counts[4]);
    } else {
        std::printf("rating: none given\n");
    }
    print_exhibits("most viewed:", s.most_viewed);
    print_exhibits("least viewed:", s.least_viewed);
    std::printf("searches that found nothing:\n");
    if (s.empty_searches.empty()) std::printf("  (none)\n");
    for (const QueryCount& q : s.empty_searches) std::printf("  %5zu  %s\n", q.times, q.query.c_str());
    std::printf("visits per day:\n");
    if (s.visits_per_day.empty()) std::printf("  (none)\n");
    for (const DayCount& d : s.visits_per_day) std::printf("  %s  %zu\n", d.date.c_str(), d.visits);
}

int report_command(const Args& args) {
    if (args.positional.size() != 2) return report(kUsageText, Exit::kUsage);
    UsageSummaryOptions options;
    options.utc_offset_minutes = local_offset_minutes();
    const auto top = number_option(args, "usage report", "top", 1, 10000, static_cast<long long>(options.top));
    if (!top) return report(top.error(), Exit::kUsage);
    options.top = static_cast<std::size_t>(*top);
    // From UTC-12:00 to UTC+14:00, the offsets clocks use.
    const auto offset = number_option(args, "usage report", "utc-offset", -720, 840, options.utc_offset_minutes);
    if (!offset) return report(offset.error(), Exit::kUsage);
    options.utc_offset_minutes = static_cast<int>(*offset);
    auto log = UsageLog::open_read_only(args.positional[1]);
    if (!log) return report(log.error(), Exit::kUsage);
    std::optional<Archive> archive;
    if (args.has("archive")) {
        auto opened = open_archive(args.get("archive"), OpenMode::read_only);
        if (!opened) return Exit::kUsage;
        archive.emplace(std::move(*opened));
    }
    auto summary = summarize_usage(*log, archive ? &*archive : nullptr, options);
    if (!summary) return report(summary.error());
    if (args.json()) print_json(summary_json(*summary));
    else print_summary(*summary);
    return kOk;
}

}  // namespace

int run_usage_export(const Args&);  // usage_exchange.cpp (issue 8)
int run_usage_merge(const Args&);

int run_usage(const Args& args) {
    if (args.positional[0] == "report") return report_command(args);
    if (args.positional[0] == "export") return run_usage_export(args);
    if (args.positional[0] == "merge") return run_usage_merge(args);
    return report(kUsageText, Exit::kUsage);
}

}  // namespace wenyuan::cli
