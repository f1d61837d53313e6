#include <cstdio>

#include "cli.hpp"
#include "progress_bar.hpp"

namespace wenyuan::cli {

int run_verify(const Args& args) {
    // An archive that cannot be opened for writing (a copy on read-only media, another user's
    // folder) is verified read-only, without recording the fixity_check event.
    std::string read_only_note;
    auto archive = Archive::open(args.positional[0], OpenMode::read_write);
    if (!archive) {
        auto readable = Archive::open(args.positional[0], OpenMode::read_only);
        if (!readable) return report(archive.error(), kUsage);
        read_only_note = "verified read-only (" + archive.error().message + "); no fixity_check event was recorded";
        archive = std::move(readable);
    }
    const auto started = std::chrono::steady_clock::now();
    ProgressBar bar(stderr_is_terminal() && !args.json());
    auto report_ = archive->verify([&](std::uint64_t done, std::uint64_t total) {
        bar.update(done, total, std::chrono::steady_clock::now() - started, "");
    });
    bar.finish();
    if (!report_) return report(report_.error());
    if (!read_only_note.empty()) report_->notes.push_back(read_only_note);
    if (args.json()) {
        nlohmann::json problems = nlohmann::json::array();
        for (const VerifyProblem& problem : report_->problems) {
            problems.push_back({{"object", problem.object}, {"problem", problem.problem}});
        }
        print_json({{"ok", report_->ok}, {"checked", report_->checked}, {"problems", problems},
                    {"unreferenced", report_->unreferenced}, {"temp_files", report_->temp_files},
                    {"notes", report_->notes}});
    } else {
        bool index_problem = false;
        for (const VerifyProblem& problem : report_->problems) {
            print_line("error: ", problem.object + ": " + problem.problem);
            index_problem = index_problem || problem.object == "search index";
        }
        if (index_problem) std::printf("note: `wenyuan reindex` rebuilds the search index from the catalog\n");
        for (const std::string& orphan : report_->unreferenced) {
            std::printf("note: %s is not referenced by the catalog (left by an interrupted import; `wenyuan gc` removes it)\n",
                        orphan.c_str());
        }
        for (const std::string& note : report_->notes) std::printf("note: %s\n", note.c_str());
        if (report_->temp_files) {
            std::printf("note: %zu temp files from interrupted writes (`wenyuan gc` removes them)\n", report_->temp_files);
        }
        std::printf("%s: checked %zu objects, %zu problems\n", report_->ok ? "ok" : "FAILED", report_->checked,
                    report_->problems.size());
    }
    return report_->ok ? kOk : kFailed;
}

int run_gc(const Args& args) {
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;
    auto collected = archive->collect_garbage(agent());
    if (!collected) return report(collected.error());
    if (args.json()) {
        print_json({{"objects_removed", collected->objects_removed}, {"bytes_freed", collected->bytes_freed},
                    {"temp_files_removed", collected->temp_files_removed}});
    } else {
        std::printf("removed %zu orphan objects (%llu bytes) and %zu temp files\n", collected->objects_removed,
                    static_cast<unsigned long long>(collected->bytes_freed), collected->temp_files_removed);
    }
    return kOk;
}

}  // namespace wenyuan::cli
