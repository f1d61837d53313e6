#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <variant>

#include "file_walk.hpp"
#include "manifest.hpp"
#include "name_text.hpp"
#include "wenyuan/import_pipeline.hpp"

namespace wenyuan {
namespace {

struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
};

// What a worker hands to the catalog writer.
struct Finished {
    std::size_t index = 0;
    std::filesystem::path file;
    FileStamp stamp;
    std::string sha256;
    std::uint64_t bytes = 0;
    std::optional<std::string> error;  // failed
    bool skipped = false;              // already archived
    ImportOutput output;
    AssetDraft original;
    std::vector<std::string> new_objects;  // stored by this job; removed at the end if it fails
};

// A bounded queue, so that workers cannot run far ahead of the catalog writer.
class ResultQueue {
public:
    explicit ResultQueue(std::size_t capacity) : capacity_(capacity) {}
    void push(Finished item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return items_.size() < capacity_; });
        items_.push_back(std::move(item));
        not_empty_.notify_one();
    }
    Finished pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty(); });
        Finished item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_full_, not_empty_;
    std::deque<Finished> items_;
};

std::optional<FileStamp> stamp_of(const std::filesystem::path& file) {
    struct stat info {};
    if (::stat(file.c_str(), &info) != 0) return std::nullopt;
    return FileStamp{static_cast<std::uint64_t>(info.st_size),
                     static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
}

// Objects that failed jobs stored, removed when the run ends unless an item of the run uses them:
// a job that found such an object already there may be in flight, and removing it at once made
// that job's good file fail with "object … is not in the store".
class Leftovers {
public:
    void failed(const std::vector<std::string>& objects) { candidates_.insert(objects.begin(), objects.end()); }
    void used(const std::vector<AssetDraft>& assets) {
        for (const AssetDraft& asset : assets) used_.insert(asset.sha256);
    }
    void remove(const ObjectStore& store) const {
        for (const std::string& sha : candidates_) {
            if (!used_.count(sha)) (void)store.remove(sha);
        }
    }

private:
    std::set<std::string> candidates_, used_;
};

// Runs on a worker: store the original, skip known files, run the importer.
Finished process(const Archive& reader, const ImporterRegistry& registry, const ImportOptions& options,
                 std::size_t index, const std::filesystem::path& file, const ManifestRow* row) {
    Finished done;
    done.index = index;
    done.file = file;
    const std::string name = file.filename().string();
    const auto stamp = stamp_of(file);
    if (!stamp) {
        done.error = name + ": cannot read the file (" + std::strerror(errno) + ")";
        return done;
    }
    done.stamp = *stamp;
    done.bytes = stamp->size;
    if (auto seen = reader.seen_import(file.string(), stamp->size, stamp->mtime_ns); seen && *seen) {
        if (auto known = reader.item_with_original(**seen); known && *known) {
            done.sha256 = **seen;
            done.skipped = true;
            return done;
        }
    }
    auto sniffed = sniff_file(file);
    if (!sniffed) {
        done.error = sniffed.error().message;
        return done;
    }
    ImportJob job(reader.store(), file, *sniffed, options);
    if (row) job.set_hints(row->hints);
    auto stored = reader.store().put_file(file);
    if (!stored) {
        done.error = stored.error().message;
        return done;
    }
    job.record_new_object(*stored);
    done.sha256 = stored->sha256;
    if (auto known = reader.item_with_original(stored->sha256); known && *known) {
        done.skipped = true;
        return done;
    }
    const Importer* importer = registry.best_for(*sniffed);
    if (!importer) {
        done.error = name + ": no importer reads " + sniffed->mime;
        done.new_objects = job.new_objects();
        return done;
    }
    auto output = importer->import(job);
    if (!output) {
        done.error = output.error().message;
        done.new_objects = job.new_objects();
        return done;
    }
    done.output = std::move(*output);
    const NameText shown = name_as_utf8(name);
    if (!shown.note.empty()) done.output.warnings.push_back(shown.note);
    done.original = AssetDraft{"original", stored->sha256, stored->size, sniffed->mime, shown.text, "",
                               done.output.original_tech_json, done.output.warnings, std::nullopt};
    done.new_objects = job.new_objects();
    return done;
}

std::string title_from_file(const std::filesystem::path& file) {
    std::string stem = name_as_utf8(file.stem().string()).text;
    std::replace(stem.begin(), stem.end(), '_', ' ');
    return stem.empty() ? name_as_utf8(file.filename().string()).text : stem;
}

}  // namespace

Result<ImportSummary> import_files(Archive& archive, const ImporterRegistry& registry,
                                   const ImportRequest& request) {
    if (archive.read_only()) return fail(Errc::invalid_argument, "import: the archive is open read-only");
    ImportSummary summary;
    std::optional<Manifest> manifest;
    if (!request.manifest.empty()) {
        auto read = read_manifest(request.manifest, archive.vocabulary());
        if (!read) return fail(std::move(read).error());
        manifest = std::move(*read);
        summary.failed = manifest->errors;
        summary.warnings = manifest->warnings;
    }
    Item defaults;
    if (auto set = set_field(defaults, *find_field("access"), request.default_access, archive.vocabulary()); !set) {
        return fail(Errc::invalid_argument, "import: --access " + set.error().message);
    }

    // Plan: every file under the inputs, or the manifest's rows when no inputs are given.
    std::set<std::filesystem::path> skip = {archive.root()};
    if (manifest) {
        skip.insert(std::filesystem::absolute(request.manifest).lexically_normal());
        skip.insert(manifest->rejected.begin(), manifest->rejected.end());
    }
    std::vector<std::filesystem::path> files;
    if (request.inputs.empty() && manifest) {
        std::vector<const ManifestRow*> rows;
        for (const auto& [path, row] : manifest->rows) rows.push_back(&row);
        std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->line < b->line; });
        const std::set<std::filesystem::path> archive_folder = {archive.root()};
        for (const ManifestRow* row : rows) {
            if (auto refused = in_skipped_folder(row->file, archive_folder)) {
                summary.failed.push_back({request.manifest.filename().string() + ":" + std::to_string(row->line), *refused});
            } else {
                files.push_back(row->file);
            }
        }
    } else {
        files = walk_inputs(request.inputs, skip, summary.failed);
    }
    refuse_keys_folder(files, summary.failed);
    // Companions (captions beside a video, textures beside a model) are read with their file,
    // not imported as items of their own.
    std::set<std::filesystem::path> companions = registry.companions(files);
    if (manifest) {
        for (const auto& [path, row] : manifest->rows) {
            for (const auto& [column, paths] : row.hints.files) companions.insert(paths.begin(), paths.end());
        }
    }
    // A companion named on its own on the command line is imported as asked.
    for (const auto& input : request.inputs) companions.erase(std::filesystem::absolute(input).lexically_normal());
    if (!companions.empty()) {
        std::erase_if(files, [&](const std::filesystem::path& file) {
            return companions.count(file) && !(manifest && manifest->rows.count(file));
        });
    }

    std::vector<Archive> readers;
    const unsigned jobs = std::max(1u, request.jobs ? request.jobs : std::thread::hardware_concurrency());
    for (unsigned i = 0; i < jobs; ++i) {
        auto extra = Archive::open(archive.root(), OpenMode::read_only);
        if (!extra) return fail(std::move(extra).error());
        readers.push_back(std::move(*extra));
    }

    ResultQueue queue(2 * jobs);
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < jobs; ++w) {
        workers.emplace_back([&, w] {
            for (std::size_t i = next++; i < files.size(); i = next++) {
                const ManifestRow* row = nullptr;
                if (manifest) {
                    if (auto found = manifest->rows.find(files[i].lexically_normal()); found != manifest->rows.end()) row = &found->second;
                }
                queue.push(process(readers[w], registry, request.options, i, files[i], row));
            }
        });
    }

    const auto started = std::chrono::steady_clock::now();
    ImportProgress progress;
    progress.total = files.size();
    // Results are committed in plan order, so item ids follow the sorted file list whatever the
    // workers' timing; out-of-order results wait in `pending`, bounded by the jobs in flight.
    std::map<std::size_t, Finished> pending;
    Leftovers leftovers;
    for (std::size_t committed = 0; committed < files.size();) {
        while (!pending.count(committed)) {
            Finished arrived = queue.pop();
            pending.emplace(arrived.index, std::move(arrived));
        }
        Finished done = std::move(pending.at(committed));
        pending.erase(committed);
        ++committed;
        const std::string shown = done.file.string();
        if (done.error) {
            summary.failed.push_back({shown, *done.error});
            leftovers.failed(done.new_objects);
        } else if (done.skipped) {
            ++summary.skipped;
            (void)archive.remember_import(done.file.string(), done.stamp.size, done.stamp.mtime_ns, done.sha256);
        } else {
            Item item = done.output.item;
            if (item.title.empty()) item.title = title_from_file(done.file);
            if (item.type.empty()) item.type = "other";
            item.access = defaults.access;
            std::vector<std::string> collections;
            if (!request.collection.empty()) collections.push_back(request.collection);
            if (manifest) {
                if (auto row = manifest->rows.find(done.file.lexically_normal()); row != manifest->rows.end()) {
                    apply_manifest_row(item, row->second, archive.vocabulary());
                    collections.insert(collections.end(), row->second.collections.begin(), row->second.collections.end());
                }
            }
            std::vector<AssetDraft> assets = {done.original};
            assets.insert(assets.end(), done.output.derivatives.begin(), done.output.derivatives.end());
            // Skipped when, since the worker looked, an item got the same original: an earlier
            // file of this run or another process (whose item may use this job's new objects:
            // they stay for `gc`). Checked in the write transaction, so no file is archived twice.
            auto id = add_item_unless_archived(archive, item, assets, collections, done.output.timed, request.agent);
            if (!id) {
                leftovers.failed(done.new_objects);
                summary.failed.push_back({shown, id.error().message});
            } else {
                if (!*id) {
                    ++summary.skipped;
                } else {
                    leftovers.used(assets);
                    ++summary.imported;
                    summary.item_ids.push_back(**id);
                    for (const std::string& warning : done.output.warnings) {
                        summary.warnings.push_back(done.file.filename().string() + ": " + warning);
                    }
                }
                (void)archive.remember_import(done.file.string(), done.stamp.size, done.stamp.mtime_ns, done.sha256);
            }
        }
        progress.done = committed;
        progress.bytes_done += done.bytes;
        progress.elapsed = std::chrono::steady_clock::now() - started;
        progress.current = shown;
        if (request.on_progress) request.on_progress(progress);
    }
    for (auto& worker : workers) worker.join();
    leftovers.remove(archive.store());
    return summary;
}

}  // namespace wenyuan
