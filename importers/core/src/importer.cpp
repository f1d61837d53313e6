#include "wenyuan/importer.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

namespace wenyuan {
namespace {

std::string origin(const Importer& importer, const std::filesystem::path& file) {
    return std::string(importer.name()) + " importer: " + file.filename().string() + ": ";
}

}  // namespace

ImportJob::ImportJob(const ObjectStore& store, std::filesystem::path source, Sniffed sniffed,
                     const ImportOptions& options)
    : store_(store), source_(std::move(source)), sniffed_(std::move(sniffed)), options_(options) {}

ImportJob::~ImportJob() {
    if (!scratch_.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(scratch_, ec);
    }
}

Result<std::filesystem::path> ImportJob::scratch_dir() {
    if (scratch_.empty()) {
        std::error_code ec;
        auto dir = store_.root() / "tmp" / ("job-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) +
                                            "-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir, ec);
        if (ec) return fail(Errc::io, dir.string() + ": cannot create scratch folder: " + ec.message());
        scratch_ = dir;
    }
    return scratch_;
}

void ImportJob::record_new_object(const StoredObject& object) {
    if (!object.already_present) new_objects_.push_back(object.sha256);
}

namespace {

Result<AssetDraft> derivative_draft(ImportJob& job, Result<StoredObject> stored, std::string role, std::string mime,
                                   std::string name, std::string tech_json) {
    if (!stored) return fail(std::move(stored).error());
    job.record_new_object(*stored);
    return AssetDraft{std::move(role), stored->sha256, stored->size, std::move(mime), std::move(name), "",
                      std::move(tech_json), {}, std::size_t{0}};
}

}  // namespace

Result<AssetDraft> ImportJob::store_derivative(std::string role, std::string_view bytes, std::string mime,
                                               std::string name, std::string tech_json) {
    return derivative_draft(*this, store_.put_bytes(bytes), std::move(role), std::move(mime), std::move(name),
                            std::move(tech_json));
}

Result<AssetDraft> ImportJob::store_derivative_file(std::string role, const std::filesystem::path& file,
                                                    std::string mime, std::string name, std::string tech_json) {
    return derivative_draft(*this, store_.put_file(file), std::move(role), std::move(mime), std::move(name),
                            std::move(tech_json));
}

Result<ImportOutput> Importer::import(ImportJob& job) const {
    struct stat info {};
    if (::stat(job.source().c_str(), &info) != 0) {
        return fail(Errc::not_found, origin(*this, job.source()) + "cannot read the file");
    }
    if (!S_ISREG(info.st_mode)) {
        return fail(Errc::invalid_argument, origin(*this, job.source()) + "not a regular file");
    }
    if (info.st_size == 0) {
        // Never a scan, a model or a recording: most often a copy that failed.
        return fail(Errc::corrupt, origin(*this, job.source()) + "the file is empty (0 bytes)");
    }
    if (static_cast<std::uint64_t>(info.st_size) > job.options().max_file_bytes) {
        return fail(Errc::limit, origin(*this, job.source()) + "file is " + std::to_string(info.st_size) +
                                     " bytes, over the limit of " + std::to_string(job.options().max_file_bytes));
    }
    auto output = do_import(job);
    if (!output) {
        Error error = std::move(output).error();
        // Importers may already name themselves and the file; add the origin only when missing.
        if (error.message.find(job.source().filename().string()) == std::string::npos) {
            error.message = origin(*this, job.source()) + error.message;
        }
        return fail(std::move(error));
    }
    if (!job.sniffed().extension_agrees && !job.sniffed().extension_mime.empty()) {
        output->warnings.push_back("the extension says " + job.sniffed().extension_mime + " but the bytes are " +
                                   job.sniffed().mime);
    }
    return output;
}

std::vector<std::filesystem::path> Importer::companions(const std::filesystem::path&,
                                                       std::span<const std::filesystem::path>) const {
    return {};
}

std::set<std::filesystem::path> ImporterRegistry::companions(std::span<const std::filesystem::path> planned) const {
    std::set<std::filesystem::path> claimed;
    for (const auto& file : planned) {
        for (const auto& importer : importers_) {
            for (auto& companion : importer->companions(file, planned)) {
                if (companion != file) claimed.insert(std::move(companion));
            }
        }
    }
    return claimed;
}

void ImporterRegistry::add(std::unique_ptr<Importer> importer) {
    assert(importer);
    importers_.push_back(std::move(importer));
}

const Importer* ImporterRegistry::best_for(const Sniffed& sniffed) const {
    const Importer* best = nullptr;
    int best_score = 0;
    for (const auto& importer : importers_) {
        const int score = importer->score(sniffed);
        if (score > best_score) {
            best = importer.get();
            best_score = score;
        }
    }
    return best;
}

std::vector<std::string_view> ImporterRegistry::names() const {
    std::vector<std::string_view> out;
    for (const auto& importer : importers_) out.push_back(importer->name());
    return out;
}


}  // namespace wenyuan
