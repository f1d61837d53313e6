// The usage report as data: most and least viewed exhibits, coverage of what kiosks show,
// searches that found nothing, ratings and visits per day.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "usage_impl.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/exhibition.hpp"

namespace wenyuan {
namespace {

using ExhibitKey = std::pair<std::string, std::int64_t>;

Result<void> each_row(const sql::Db& db, std::string_view query, const std::function<void(const sql::Stmt&)>& visit,
                      std::int64_t parameter = 0, bool bind = false) {
    auto stmt = db.prepare(query);
    if (!stmt) return fail(std::move(stmt).error());
    if (bind) stmt->bind(1, parameter);
    return stmt->each(visit);
}

std::string iso_from_ms(std::int64_t ms) {
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(((ms % 1000) + 1000) % 1000));
    return text;
}

/// Exhibits the kiosks show now, with their item titles.
Result<std::map<ExhibitKey, std::string>> kiosk_exhibits(const Archive& archive) {
    auto shown = kiosk_exhibitions(archive);
    if (!shown) return fail(std::move(shown).error());
    std::map<ExhibitKey, std::string> out;
    for (const Exhibition& e : *shown) {
        for (const Section& section : e.sections) {
            for (const Exhibit& exhibit : section.exhibits) out[{e.slug, exhibit.item.id}] = "";
        }
    }
    for (auto& [key, title] : out) {
        if (auto item = archive.item(key.second)) title = item->title;
    }
    return out;
}

}  // namespace

Result<UsageSummary> summarize_usage(const UsageLog& log, const Archive* archive, const UsageSummaryOptions& options) {
    const sql::Db& db = log.impl().db;
    auto snapshot = sql::ReadTransaction::begin(db);  // one consistent view while the kiosk writes
    if (!snapshot) return fail(std::move(snapshot).error());
    UsageSummary out;

    std::optional<std::int64_t> first, last;
    const auto seen = [&](std::optional<std::int64_t> ms) {
        if (!ms) return;
        if (!first || *ms < *first) first = ms;
        if (!last || *ms > *last) last = ms;
    };
    const std::int64_t offset_ms = static_cast<std::int64_t>(options.utc_offset_minutes) * 60000;
    std::map<std::string, std::size_t> days;
    WENYUAN_TRY(each_row(db, "SELECT started_ms, ended_ms, rating FROM visits", [&](const sql::Stmt& row) {
        ++out.visits;
        seen(row.int64(0));
        seen(row.opt_int64(1));
        days[iso_from_ms(row.int64(0) + offset_ms).substr(0, 10)]++;
        if (auto rating = row.opt_int64(2); rating && *rating >= 1 && *rating <= 5) {
            out.rating_counts[static_cast<std::size_t>(*rating - 1)]++;
            ++out.ratings;
        }
    }));
    for (const auto& [date, count] : days) out.visits_per_day.push_back({date, count});
    if (out.ratings) {
        double sum = 0;
        for (std::size_t i = 0; i < 5; ++i) sum += static_cast<double>((i + 1) * out.rating_counts[i]);
        out.average_rating = sum / static_cast<double>(out.ratings);
    }

    std::map<ExhibitKey, ExhibitUsage> exhibits;
    std::size_t dwell_count = 0;
    double dwell_total = 0;
    WENYUAN_TRY(each_row(db,
                         "SELECT exhibition, item_id, count(*), avg(dwell_ms), count(dwell_ms), sum(dwell_ms), "
                         "min(opened_ms), max(opened_ms) FROM views GROUP BY exhibition, item_id",
                         [&](const sql::Stmt& row) {
                             ExhibitUsage usage{row.text(0), row.int64(1), "", static_cast<std::size_t>(row.int64(2)),
                                                row.is_null(3) ? 0.0 : row.real(3) / 1000.0};
                             out.exhibit_opens += usage.opens;
                             dwell_count += static_cast<std::size_t>(row.int64(4));
                             dwell_total += row.is_null(5) ? 0.0 : row.real(5) / 1000.0;
                             seen(row.int64(6));
                             seen(row.int64(7));
                             exhibits[{usage.exhibition, usage.item_id}] = std::move(usage);
                         }));
    if (dwell_count) out.average_dwell_seconds = dwell_total / static_cast<double>(dwell_count);

    if (archive) {
        auto shown = kiosk_exhibits(*archive);
        if (!shown) return fail(std::move(shown).error());
        out.kiosk_exhibits = shown->size();
        for (const auto& [key, title] : *shown) {
            auto found = exhibits.find(key);
            if (found == exhibits.end()) exhibits[key] = ExhibitUsage{key.first, key.second, title, 0, 0};
            else ++out.kiosk_exhibits_opened;
        }
        if (out.kiosk_exhibits) {
            out.coverage = static_cast<double>(out.kiosk_exhibits_opened) / static_cast<double>(out.kiosk_exhibits);
        }
        for (auto& [key, usage] : exhibits) {
            if (!usage.title.empty()) continue;
            if (auto item = archive->item(key.second, true)) usage.title = item->title;
        }
    }
    std::vector<ExhibitUsage> ranked;
    for (auto& [key, usage] : exhibits) ranked.push_back(std::move(usage));
    // Stable: ties stay in (exhibition, item) order.
    std::stable_sort(ranked.begin(), ranked.end(), [](const ExhibitUsage& a, const ExhibitUsage& b) { return a.opens > b.opens; });
    for (const ExhibitUsage& usage : ranked) {
        if (out.most_viewed.size() == options.top) break;
        if (usage.opens > 0) out.most_viewed.push_back(usage);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const ExhibitUsage& a, const ExhibitUsage& b) { return a.opens < b.opens; });
    for (const ExhibitUsage& usage : ranked) {
        if (out.least_viewed.size() == options.top) break;
        out.least_viewed.push_back(usage);
    }

    WENYUAN_TRY(each_row(db, "SELECT count(*), min(at_ms), max(at_ms) FROM searches", [&](const sql::Stmt& row) {
        out.searches = static_cast<std::size_t>(row.int64(0));
        seen(row.opt_int64(1));
        seen(row.opt_int64(2));
    }));
    WENYUAN_TRY(each_row(db,
                         "SELECT query, count(*) AS n FROM searches WHERE results = 0 GROUP BY query ORDER BY n DESC, query "
                         "LIMIT ?1",
                         [&](const sql::Stmt& row) {
                             out.empty_searches.push_back({row.text(0), static_cast<std::size_t>(row.int64(1))});
                         },
                         static_cast<std::int64_t>(options.top), true));
    WENYUAN_TRY(each_row(db, "SELECT count(*), count(finished_ms), min(started_ms), max(coalesce(finished_ms, started_ms)) FROM tours",
                         [&](const sql::Stmt& row) {
                             out.tours_started = static_cast<std::size_t>(row.int64(0));
                             out.tours_finished = static_cast<std::size_t>(row.int64(1));
                             seen(row.opt_int64(2));
                             seen(row.opt_int64(3));
                         }));
    if (first) out.first = iso_from_ms(*first);
    if (last) out.last = iso_from_ms(*last);
    return out;
}

}  // namespace wenyuan
