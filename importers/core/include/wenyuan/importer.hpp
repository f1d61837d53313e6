// The importer interface that the image, 3D and media importers plug into.
//
// An importer turns one source file into catalog metadata and derivative assets. The pipeline
// (wenyuan/import_pipeline.hpp) stores the original, picks the importer with the best score for
// the file's sniffed type, calls Importer::import on a worker thread, and records the result in
// one catalog transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/item.hpp"
#include "wenyuan/result.hpp"
#include "wenyuan/segments.hpp"
#include "wenyuan/sniff.hpp"
#include "wenyuan/store.hpp"

namespace wenyuan {

/// Settings shared by every importer in one run.
struct ImportOptions {
    std::uint64_t max_file_bytes = std::uint64_t{1} << 40;  ///< refuse larger files (1 TiB)
    std::uint64_t max_pixels = 1'000'000'000;              ///< image bombs: refuse larger claims
    bool access_copy = false;                               ///< media: make an H.264 access copy
    /// Importer-specific settings from the command line (`wenyuan import --option name=value`).
    std::map<std::string, std::string> extra;
};

/// What a manifest row gives an importer beyond catalog fields, by column.
struct ManifestHints {
    /// Files to read with this one: "captions" (字幕), "segments" (分段, 章节); absolute paths.
    std::map<std::string, std::vector<std::filesystem::path>> files;
    /// Values that name no file: "segments" holds inline segments such as "1:30-5:00 第一折".
    std::map<std::string, std::vector<std::string>> values;
};

/// One file being imported, as an importer sees it. Not thread-safe: each job belongs to one
/// worker thread. Objects stored through it are removed again if the import fails.
class ImportJob {
public:
    ImportJob(const ObjectStore& store, std::filesystem::path source, Sniffed sniffed,
              const ImportOptions& options);
    ~ImportJob();
    ImportJob(const ImportJob&) = delete;
    ImportJob& operator=(const ImportJob&) = delete;

    /// The file to read. It is never modified.
    const std::filesystem::path& source() const noexcept { return source_; }
    const Sniffed& sniffed() const noexcept { return sniffed_; }
    const ImportOptions& options() const noexcept { return options_; }

    /// What the manifest row of this file says beyond catalog fields (see ManifestHints).
    const ManifestHints& hints() const noexcept { return hints_; }
    void set_hints(ManifestHints hints) { hints_ = std::move(hints); }

    /// A private scratch folder, created on first use and removed with the job.
    Result<std::filesystem::path> scratch_dir();

    /// Stores derivative bytes and returns the asset to attach (derived from the original).
    /// Errors: Errc::io.
    Result<AssetDraft> store_derivative(std::string role, std::string_view bytes, std::string mime,
                                        std::string name, std::string tech_json = "{}");
    /// The same for a derivative written to a file (for example in scratch_dir()).
    Result<AssetDraft> store_derivative_file(std::string role, const std::filesystem::path& file,
                                             std::string mime, std::string name,
                                             std::string tech_json = "{}");

    /// Objects this job wrote that were not in the store before; the pipeline removes them when
    /// the import fails, so a failure leaves the archive as it was.
    const std::vector<std::string>& new_objects() const noexcept { return new_objects_; }
    void record_new_object(const StoredObject& object);

private:
    const ObjectStore& store_;
    std::filesystem::path source_;
    Sniffed sniffed_;
    const ImportOptions& options_;
    ManifestHints hints_;
    std::filesystem::path scratch_;
    std::vector<std::string> new_objects_;
};

/// What an importer found in a file.
struct ImportOutput {
    /// Metadata read from the file (embedded title, date, place …). The pipeline lays the
    /// manifest row over it; the title falls back to the file name.
    Item item;
    /// Technical metadata of the original, as a JSON object ("{}" when there is none).
    std::string original_tech_json = "{}";
    /// Derivatives (thumbnail, preview, tiles …), each derived from the original.
    std::vector<AssetDraft> derivatives;
    /// Loadable-but-imperfect findings: blur, a lying extension, a missing texture.
    std::vector<std::string> warnings;
    /// Segments and caption cues of a recording, recorded in the item's transaction. A cue's
    /// asset_index counts the original as 0, so derivatives[i] is i + 1.
    TimedRecords timed;
};

/// Base class of every importer (Magnum's AbstractImporter pattern): the public import() does
/// the shared checks, do_import() holds only format logic.
///
/// Thread safety: import() is called concurrently from worker threads; implementations must be
/// re-entrant (keep per-call state in locals or the job).
class Importer {
public:
    virtual ~Importer() = default;

    /// A short stable name: "any", "image", "model", "media".
    virtual std::string_view name() const noexcept = 0;

    /// How well this importer reads a file of this type, 0 (not at all) to 100 (its own format).
    virtual int score(const Sniffed& sniffed) const noexcept = 0;

    /// Companion files: those among `planned` (the sorted, absolute paths of one import) that
    /// belong to `file` rather than being items of their own — captions beside a video, an .mtl
    /// and textures beside an .obj. The pipeline leaves them out of the plan; the importer reads
    /// them itself when it imports `file`. Decided by names (and at most a cheap read of `file`),
    /// before sniffing: an importer answers for the files it would import. Default: none.
    /// Thread safety: called concurrently, like import().
    virtual std::vector<std::filesystem::path> companions(const std::filesystem::path& file,
                                                          std::span<const std::filesystem::path> planned) const;

    /// Checks the file (exists, regular, not empty, within max_file_bytes), then calls do_import().
    /// Errors are one line that names the file: "image importer: scan_0042.tif: truncated strip".
    Result<ImportOutput> import(ImportJob& job) const;

private:
    virtual Result<ImportOutput> do_import(ImportJob& job) const = 0;
};

/// The importers known to a program, registered explicitly in main() (no static self-registration).
class ImporterRegistry {
public:
    void add(std::unique_ptr<Importer> importer);
    /// The importer with the highest score for the file; ties go to the one registered first.
    /// nullptr only when no importer scores above 0 (never, once the fallback is registered).
    const Importer* best_for(const Sniffed& sniffed) const;
    std::vector<std::string_view> names() const;
    /// Every file of `planned` (sorted, absolute) that some importer claims as a companion of
    /// another planned file (see Importer::companions).
    std::set<std::filesystem::path> companions(std::span<const std::filesystem::path> planned) const;

private:
    std::vector<std::unique_ptr<Importer>> importers_;
};

/// The fallback that archives any file as an item with the right MIME type (score 1).
std::unique_ptr<Importer> make_any_file_importer();

}  // namespace wenyuan
