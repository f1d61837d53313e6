// The kiosk's usage log: microseconds per recorded event through UsageLog, next to the naive
// peer a kiosk might otherwise write (sqlite3 C API, default rollback journal, synchronous=FULL,
// each statement prepared per call), and the report over the resulting log.
//
// usage: bench_usage [events, default 20000] [folder, default $TMPDIR]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "wenyuan/usage.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double micros_since(Clock::time_point start, int events) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / events;
}

/// The same mix as the UsageLog run: per "visit" of 10 events, 6 opens, 2 closes, 2 searches.
double naive(const std::filesystem::path& file, int events) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db, "PRAGMA synchronous = FULL; CREATE TABLE views(id INTEGER PRIMARY KEY, exhibition TEXT, item_id INTEGER, "
                     "opened_ms INTEGER, dwell_ms INTEGER); CREATE TABLE searches(query TEXT, results INTEGER, at_ms INTEGER)",
                 nullptr, nullptr, nullptr);
    const auto start = Clock::now();
    for (int i = 0; i < events; ++i) {
        const int kind = i % 10;
        const char* sql = kind < 6   ? "INSERT INTO views(exhibition, item_id, opened_ms) VALUES ('cunshiguan', ?1, ?1)"
                          : kind < 8 ? "UPDATE views SET dwell_ms = 1000 WHERE id = ?1"
                                     : "INSERT INTO searches VALUES ('cunshiguan', ?1, ?1)";
        sqlite3_stmt* stmt = nullptr;
        sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
        sqlite3_bind_int64(stmt, 1, i);
        sqlite3_step(stmt);
        sqlite3_finalize(stmt);
    }
    const double us = micros_since(start, events);
    sqlite3_close(db);
    return us;
}

}  // namespace

int main(int argc, char** argv) {
    const int events = argc > 1 ? std::atoi(argv[1]) : 20000;
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path dir = std::filesystem::path(argc > 2 ? argv[2] : (tmp ? tmp : "/tmp")) / "bench_usage";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);

    auto log = wenyuan::UsageLog::open(dir / "usage.db");
    if (!log) {
        std::fprintf(stderr, "bench_usage: %s\n", log.error().message.c_str());
        return 1;
    }
    auto start = Clock::now();
    std::int64_t visit = 0, view = 0;
    for (int i = 0; i < events; ++i) {
        const int kind = i % 10;
        bool ok = true;
        if (kind == 0) {
            if (visit) ok = static_cast<bool>(log->end_visit(visit));
            visit = log->begin_visit().value_or(0);
            ok = ok && visit > 0;
        } else if (kind < 6) view = log->exhibit_opened(visit, "cunshiguan", 1 + i % 40).value_or(0);
        else if (kind < 8) ok = static_cast<bool>(log->exhibit_closed(view));
        else ok = static_cast<bool>(log->searched(visit, i % 3 ? "cunshi" : "konglong", i % 3 ? 4 : 0));
        if (!ok) {
            std::fprintf(stderr, "bench_usage: event %d failed\n", i);
            return 1;
        }
    }
    const double ours = micros_since(start, events);
    start = Clock::now();
    auto summary = wenyuan::summarize_usage(*log);
    const double report_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!summary) return 1;
    const double peer = naive(dir / "naive.db", events);
    std::printf("usage log, %d events (opens, closes, searches, visits) on %s\n", events, dir.c_str());
    std::printf("  UsageLog (WAL, synchronous=NORMAL, cached statements): %8.1f us/event\n", ours);
    std::printf("  naive peer (rollback journal, synchronous=FULL, prepare per call): %8.1f us/event\n", peer);
    std::printf("  summarize_usage over %zu visits, %zu opens: %.1f ms\n", summary->visits, summary->exhibit_opens, report_ms);
    std::filesystem::remove_all(dir);
    return 0;
}
