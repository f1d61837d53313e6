// The model importer: picks model files, runs process_model() in an isolated child, and stores
// what it wrote together with the files the model refers to.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

#include "companions.hpp"
#include "isolate.hpp"
#include "process.hpp"
#include "wenyuan/model_importer.hpp"

namespace wenyuan {
namespace {

const std::set<std::string, std::less<>> kModelTypes = {
    "model/gltf+json", "model/gltf-binary", "model/obj",   "model/stl",   "model/x-ply",
    "model/x-fbx",     "model/vnd.collada+xml", "model/vnd.collada+zip", "model/x-3ds", "model/x-off"};

std::string mime_for(const std::filesystem::path& file, const std::string& role) {
    if (role == "material") return "model/mtl";
    if (role == "buffer") return "application/octet-stream";
    if (auto mime = mime_for_extension(file.filename().string()); !mime.empty()) return std::string(mime);
    return "application/octet-stream";
}

std::uint64_t extra_number(const ImportOptions& options, const char* key, std::uint64_t fallback) {
    auto it = options.extra.find(key);
    if (it == options.extra.end()) return fallback;
    try {
        const auto value = std::stoull(it->second);
        return value > 0 ? value : fallback;
    } catch (const std::exception&) {
        return fallback;
    }
}

class ModelImporter final : public Importer {
public:
    explicit ModelImporter(ModelImporterSettings settings) : settings_(std::move(settings)) {}

    std::string_view name() const noexcept override { return "model"; }

    int score(const Sniffed& sniffed) const noexcept override {
        if (kModelTypes.count(sniffed.mime)) return 90;
        // Models Assimp may read although we do not promise them (X3D, 3MF); never a bare .mtl.
        if (sniffed.kind == "model" && sniffed.mime != "model/mtl") return 40;
        // Claim a misnamed non-model so that it fails loudly instead of being archived quietly.
        return kModelTypes.count(sniffed.extension_mime) ? 30 : 0;
    }

    std::vector<std::filesystem::path> companions(const std::filesystem::path& file,
                                                  std::span<const std::filesystem::path>) const override {
        std::vector<std::filesystem::path> out;
        for (const auto& companion : model::find_companions(file).found) out.push_back(companion.file);
        return out;
    }

private:
    Result<ImportOutput> do_import(ImportJob& job) const override {
        const Sniffed& sniffed = job.sniffed();
        if (sniffed.kind != "model") {
            return fail(Errc::corrupt, "not a 3D model: the extension says " + sniffed.extension_mime + " but the bytes are " +
                                           sniffed.mime);
        }
        auto scratch = job.scratch_dir();
        if (!scratch) return fail(std::move(scratch).error());
        const auto out_dir = *scratch / "model";
        std::error_code ec;
        std::filesystem::create_directories(out_dir, ec);
        if (ec) return fail(Errc::io, "cannot create a scratch folder: " + ec.message());

        model::IsolationLimits limits;
        limits.timeout = settings_.timeout;
        if (job.options().extra.count("model.timeout")) {
            limits.timeout = std::chrono::seconds(extra_number(job.options(), "model.timeout", 600));
        }
        limits.memory_bytes = extra_number(job.options(), "model.memory", settings_.memory_bytes >> 20) << 20;
        const model::ProcessRequest request{job.source(), out_dir, settings_.poster, settings_.before_parse};
        auto report_text = model::run_isolated([&] { return model::process_model(request); }, limits);
        if (!report_text) return fail(std::move(report_text).error());
        const auto report = nlohmann::json::parse(*report_text, nullptr, false);
        if (report.is_discarded() || !report.is_object()) return fail(Errc::internal, "the model process sent an unreadable report");

        ImportOutput output;
        output.item.type = "other";
        output.original_tech_json = report["tech"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        for (const auto& warning : report["warnings"]) output.warnings.push_back(warning.get<std::string>());
        for (const auto& entry : report["outputs"]) {
            auto asset = job.store_derivative_file(entry["role"].get<std::string>(), out_dir / entry["file"].get<std::string>(),
                                                   entry["mime"].get<std::string>(), entry["name"].get<std::string>(),
                                                   entry["tech"].dump());
            if (!asset) return fail(std::move(asset).error());
            output.derivatives.push_back(std::move(*asset));
        }
        WENYUAN_TRY(store_companions(job, report, output));
        return output;
    }

    // The .mtl, .bin and texture files, stored untouched as assets of the item.
    static Result<void> store_companions(ImportJob& job, const nlohmann::json& report, ImportOutput& output) {
        const auto folder = job.source().parent_path();
        auto found = model::find_companions(job.source());
        std::set<std::filesystem::path> seen;
        std::vector<std::pair<std::filesystem::path, std::string>> files;
        for (const auto& companion : found.found) {
            if (seen.insert(companion.file).second) files.emplace_back(companion.file, companion.role);
        }
        for (const auto& texture : report["textures"]) {
            const std::filesystem::path file = texture.get<std::string>();
            if (seen.insert(file.lexically_normal()).second) files.emplace_back(file.lexically_normal(), "texture");
        }
        for (const auto& [file, role] : files) {
            const auto relative = file.lexically_relative(folder);
            const std::string name = relative.empty() || *relative.begin() == ".." ? file.filename().string() : relative.string();
            auto asset = job.store_derivative_file(role, file, mime_for(file, role), name, "{}");
            if (!asset) return fail(Errc::io, "cannot store " + role + " " + name + ": " + asset.error().message);
            asset->derived_from_index.reset();  // a source file in its own right, not made from the model
            output.derivatives.push_back(std::move(*asset));
        }
        for (const std::string& missing : found.missing) {
            // Missing textures are already reported by the loader; a missing .mtl or .bin is not.
            if (missing.rfind("texture ", 0) == 0) continue;
            output.warnings.push_back(missing + " is missing");
        }
        return {};
    }

    ModelImporterSettings settings_;
};

}  // namespace

std::unique_ptr<Importer> make_model_importer(ModelImporterSettings settings) {
    return std::make_unique<ModelImporter>(std::move(settings));
}

}  // namespace wenyuan
