#include <cstdio>
#include <cstdlib>

#include "cli.hpp"
#include "importers.hpp"
#include "progress_bar.hpp"
#include "wenyuan/import_pipeline.hpp"

namespace wenyuan::cli {
namespace {

struct ImporterOption {
    const char* name;
    long long min, max;
    const char* meaning;
};

// The importers' own settings (ImportOptions::extra) that `--option name=value` may set.
constexpr ImporterOption kImporterOptions[] = {
    {"contact-sheet-frames", 0, 100, "frames on a recording's contact sheet (0: none)"},
    {"model.timeout", 1, 86400, "seconds a 3D model may take to parse and process"},
    {"model.memory", 256, 1 << 20, "MiB of memory the 3D model process may use"},
};

Result<void> add_importer_option(ImportOptions& options, const std::string& text) {
    const auto equals = text.find('=');
    const std::string name = text.substr(0, equals);
    std::string known;
    for (const ImporterOption& option : kImporterOptions) {
        known += std::string(known.empty() ? "" : ", ") + option.name;
        if (name != option.name) continue;
        const std::string value = equals == std::string::npos ? "" : text.substr(equals + 1);
        char* end = nullptr;
        const long long number = std::strtoll(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || number < option.min || number > option.max) {
            return fail(Errc::invalid_argument, "wenyuan import: --option " + name + " must be a whole number from " +
                                                    std::to_string(option.min) + " to " + std::to_string(option.max) +
                                                    " (" + option.meaning + ")");
        }
        options.extra[name] = value;
        return {};
    }
    return fail(Errc::invalid_argument, "wenyuan import: unknown --option '" + name + "'; known: " + known);
}

}  // namespace

int run_import(const Args& args) {
    if (args.positional.size() < 2 && !args.has("manifest")) {
        return report("wenyuan import: name files or folders to import, or a --manifest", kUsage);
    }
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;

    ImportRequest request;
    request.inputs.assign(args.positional.begin() + 1, args.positional.end());
    request.manifest = args.get("manifest");
    request.collection = args.get("collection");
    request.default_access = args.get("access", "internal");
    request.agent = agent();
    request.options.access_copy = args.has("access-copy");
    const auto jobs = number_option(args, "import", "jobs", 1, 256, 0);  // 0: one per core
    if (!jobs) return report(jobs.error(), kUsage);
    request.jobs = static_cast<unsigned>(*jobs);
    const auto pixels = number_option(args, "import", "max-pixels", 1, kMaxCount,
                                      static_cast<long long>(request.options.max_pixels));
    if (!pixels) return report(pixels.error(), kUsage);
    request.options.max_pixels = static_cast<std::uint64_t>(*pixels);
    for (const std::string& option : args.all("option")) {
        if (auto added = add_importer_option(request.options, option); !added) return report(added.error(), kUsage);
    }
    ProgressBar bar(stderr_is_terminal() && !args.has("no-progress"));
    request.on_progress = [&](const ImportProgress& progress) {
        bar.update(progress.done, progress.total, progress.elapsed, progress.current);
    };

    const ImporterRegistry registry = make_registry();
    auto summary = import_files(*archive, registry, request);
    bar.finish();
    if (!summary) return report(summary.error());

    for (const ImportFailure& failure : summary->failed) print_line("error: ", failure.path + ": " + failure.error);
    for (const std::string& warning : summary->warnings) print_line("warning: ", warning);
    if (args.json()) {
        nlohmann::json failed = nlohmann::json::array();
        for (const ImportFailure& failure : summary->failed) failed.push_back({{"path", failure.path}, {"error", failure.error}});
        print_json({{"imported", summary->imported}, {"skipped", summary->skipped}, {"failed", failed},
                    {"items", summary->item_ids}, {"warnings", summary->warnings}});
    } else {
        std::printf("imported %zu, skipped %zu (already archived), failed %zu\n", summary->imported,
                    summary->skipped, summary->failed.size());
    }
    return summary->failed.empty() ? kOk : kFailed;
}

}  // namespace wenyuan::cli
