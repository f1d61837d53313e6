#include <sys/file.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "archive_impl.hpp"
#include "clock.hpp"
#include "exhibition/exhibition_sql.hpp"

namespace wenyuan {
namespace {

struct CatalogObject {
    std::string sha256;
    std::uint64_t size;
};

Result<std::vector<CatalogObject>> catalog_objects(const sql::Db& db) {
    auto stmt = db.prepare("SELECT sha256, size FROM objects ORDER BY sha256");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<CatalogObject> out;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.text(0), static_cast<std::uint64_t>(row.int64(1))});
    }));
    return out;
}

// Re-hashes objects on every core; problems are appended under a lock.
void check_objects(const ObjectStore& store, const std::vector<CatalogObject>& objects,
                   std::vector<VerifyProblem>& problems, const ProgressFn& progress) {
    std::atomic<std::size_t> next{0}, done{0};
    std::mutex lock;
    auto work = [&] {
        for (std::size_t i = next++; i < objects.size(); i = next++) {
            const CatalogObject& object = objects[i];
            struct stat info {};
            std::string problem;
            if (::stat(store.path_of(object.sha256).c_str(), &info) != 0) {
                problem = "missing: the catalog refers to it but the file is gone";
            } else if (static_cast<std::uint64_t>(info.st_size) != object.size) {
                problem = "damaged: size is " + std::to_string(info.st_size) + " bytes, the catalog says " +
                          std::to_string(object.size);
            } else if (auto checked = store.check(object.sha256); !checked) {
                problem = checked.error().message;
            }
            std::lock_guard guard(lock);
            if (!problem.empty()) problems.push_back({object.sha256, problem});
            ++done;
            if (progress) progress(done, objects.size());
        }
    };
    const unsigned workers = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (unsigned i = 1; i < workers; ++i) threads.emplace_back(work);
    work();
    for (auto& thread : threads) thread.join();
    std::sort(problems.begin(), problems.end(),
              [](const VerifyProblem& a, const VerifyProblem& b) { return a.object < b.object; });
}

Result<void> check_catalog(const sql::Db& db, std::vector<VerifyProblem>& problems) {
    auto integrity = db.prepare("PRAGMA integrity_check");
    if (!integrity) return fail(std::move(integrity).error());
    WENYUAN_TRY(integrity->each([&](const sql::Stmt& row) {
        if (row.text(0) != "ok") problems.push_back({"catalog", "integrity: " + row.text(0)});
    }));
    auto keys = db.prepare("PRAGMA foreign_key_check");
    if (!keys) return fail(std::move(keys).error());
    WENYUAN_TRY(keys->each([&](const sql::Stmt& row) {
        problems.push_back({"catalog", "table " + row.text(0) + " row " + row.text(1) +
                                           " refers to a missing row of " + row.text(2)});
    }));
    return {};
}

}  // namespace

Result<VerifyReport> Archive::verify(const ProgressFn& progress) {
    VerifyReport report;
    auto objects = catalog_objects(impl_->db);
    if (!objects) return fail(std::move(objects).error());
    WENYUAN_TRY(check_catalog(impl_->db, report.problems));
    WENYUAN_TRY(impl_->verify_derived(report.problems));
    WENYUAN_TRY(verify_exhibitions(impl_->db, report.problems));

    std::set<std::string> known;
    for (const CatalogObject& object : *objects) known.insert(object.sha256);
    auto stored = impl_->store.list([&](const std::filesystem::path& stray) {
        report.problems.push_back({stray.string(), "unexpected file in the object store"});
    });
    if (!stored) return fail(std::move(stored).error());
    for (const std::string& name : *stored) {
        if (!known.count(name)) report.unreferenced.push_back(name);
    }
    report.temp_files = impl_->store.leftover_temp_files().size();

    std::vector<VerifyProblem> object_problems;
    check_objects(impl_->store, *objects, object_problems, progress);
    report.problems.insert(report.problems.end(), object_problems.begin(), object_problems.end());
    report.checked = objects->size();
    report.ok = report.problems.empty();

    if (!impl_->read_only) {
        Event event{0, now_utc_iso(), "fixity_check", std::nullopt, "", default_agent("wenyuan"),
                    report.ok ? "success" : "failure",
                    "checked " + std::to_string(report.checked) + " objects, " +
                        std::to_string(report.problems.size()) + " problems, " +
                        std::to_string(report.unreferenced.size()) + " unreferenced"};
        WENYUAN_TRY(impl_->insert_event(event));
    }
    return report;
}

Result<GcReport> Archive::collect_garbage(std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("collect garbage"));
    // Every writer holds the lock shared; an exclusive lock proves no import is mid-way, so an
    // object without a catalog row really is an orphan and not one about to be recorded.
    if (::flock(impl_->lock.get(), LOCK_EX | LOCK_NB) != 0) {
        return fail(Errc::busy, impl_->root.string() +
                                    ": another wenyuan process is writing to this archive; run gc when it has finished");
    }
    struct Downgrade {
        int fd;
        ~Downgrade() { ::flock(fd, LOCK_SH); }
    } downgrade{impl_->lock.get()};

    GcReport report;
    for (const auto& temp : impl_->store.leftover_temp_files()) {
        std::error_code ec;
        if (std::filesystem::remove_all(temp, ec) > 0) ++report.temp_files_removed;
    }
    auto objects = catalog_objects(impl_->db);
    if (!objects) return fail(std::move(objects).error());
    std::set<std::string> known;
    for (const CatalogObject& object : *objects) known.insert(object.sha256);
    auto stored = impl_->store.list();
    if (!stored) return fail(std::move(stored).error());
    for (const std::string& name : *stored) {
        if (known.count(name)) continue;
        std::error_code ec;
        const auto size = std::filesystem::file_size(impl_->store.path_of(name), ec);
        WENYUAN_TRY(impl_->store.remove(name));
        ++report.objects_removed;
        report.bytes_freed += ec ? 0 : size;
    }
    WENYUAN_TRY(impl_->insert_event({0, now_utc_iso(), "gc", std::nullopt, "", std::string(agent), "success",
                                     "removed " + std::to_string(report.objects_removed) + " orphan objects (" +
                                         std::to_string(report.bytes_freed) + " bytes) and " +
                                         std::to_string(report.temp_files_removed) + " temp files"}));
    return report;
}

}  // namespace wenyuan
