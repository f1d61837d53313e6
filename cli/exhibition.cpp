// `wenyuan exhibition import|export|list|show|validate|remove`: exhibitions for kiosks.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "wenyuan/exhibition.hpp"

namespace wenyuan::cli {
namespace {

constexpr const char* kUsageText =
    "wenyuan exhibition: usage: wenyuan exhibition import <archive> <file.json>... | export <archive> <id> [<file.json>] | "
    "list <archive> | show <archive> <id> | validate <archive> [<file.json>...] | remove <archive> <id>";

constexpr std::uintmax_t kMaxDocumentBytes = 16u << 20;

Result<Exhibition> read_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return fail(Errc::not_found, path + ": cannot read the file (missing, or not a file)");
    if (std::filesystem::file_size(path, ec) > kMaxDocumentBytes) {
        return fail(Errc::invalid_argument, path + ": larger than 16 MiB; not an exhibition document");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Errc::not_found, path + ": cannot read the file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_exhibition(text.str(), path);
}

nlohmann::json problems_json(const std::string& origin, const std::vector<ExhibitionProblem>& problems) {
    nlohmann::json out = nlohmann::json::array();
    for (const ExhibitionProblem& p : problems) out.push_back({{"file", origin}, {"where", p.where}, {"problem", p.problem}});
    return out;
}

void print_problems(const std::string& origin, const std::vector<ExhibitionProblem>& problems) {
    for (const ExhibitionProblem& p : problems) report(origin + ": " + p.where + ": " + p.problem);
}

int import(const Args& args) {
    if (args.positional.size() < 3) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1]);
    if (!archive) return Exit::kUsage;
    int code = kOk;
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 2; i < args.positional.size(); ++i) {
        const std::string& path = args.positional[i];
        auto exhibition = read_file(path);
        if (!exhibition) {
            code = report(exhibition.error());
            continue;
        }
        auto problems = validate_exhibition(*archive, *exhibition);
        if (!problems) return report(problems.error());
        if (!problems->empty()) {
            print_problems(path, *problems);
            report(path + ": " + std::to_string(problems->size()) + " problem(s); the exhibition was not imported");
            code = kFailed;
            continue;
        }
        auto id = save_exhibition(*archive, *exhibition, agent());
        if (!id) {
            code = report(id.error());
            continue;
        }
        if (args.json()) out.push_back({{"id", exhibition->slug}, {"row", *id}, {"title", exhibition->title}, {"file", path}});
        else std::printf("exhibition %s imported: %s\n", exhibition->slug.c_str(), exhibition->title.c_str());
    }
    if (args.json()) print_json(out);
    return code;
}

int validate(const Args& args) {
    if (args.positional.size() < 2) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return Exit::kUsage;
    std::vector<std::pair<std::string, Exhibition>> todo;
    int code = kOk;
    if (args.positional.size() == 2) {
        auto list = list_exhibitions(*archive);
        if (!list) return report(list.error());
        for (const ExhibitionSummary& summary : *list) {
            auto e = load_exhibition(*archive, summary.slug);
            if (!e) return report(e.error());
            todo.emplace_back("exhibition " + summary.slug, std::move(*e));
        }
    }
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 2; i < args.positional.size(); ++i) {
        const std::string& path = args.positional[i];
        auto e = read_file(path);
        if (e) {
            todo.emplace_back(path, std::move(*e));
            continue;
        }
        code = kFailed;
        if (!args.json()) {
            report(e.error());
            continue;
        }
        // A file that cannot be read or parsed is a problem of the whole document.
        std::string problem = e.error().message;
        if (problem.rfind(path + ": ", 0) == 0) problem.erase(0, path.size() + 2);
        out.push_back({{"file", path}, {"where", ""}, {"problem", problem}});
    }
    std::size_t total = 0;
    for (auto& [origin, exhibition] : todo) {
        auto problems = validate_exhibition(*archive, exhibition);
        if (!problems) return report(problems.error());
        total += problems->size();
        if (args.json()) {
            for (auto& p : problems_json(origin, *problems)) out.push_back(std::move(p));
        } else {
            print_problems(origin, *problems);
            if (problems->empty()) std::printf("%s: ok (%s)\n", origin.c_str(), exhibition.title.c_str());
        }
    }
    if (args.json()) print_json(out);
    else if (total) std::fprintf(stderr, "wenyuan: %zu problem(s)\n", total);
    return total ? kFailed : code;
}

int list(const Args& args) {
    if (args.positional.size() != 2) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return Exit::kUsage;
    auto list = list_exhibitions(*archive);
    if (!list) return report(list.error());
    if (args.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const ExhibitionSummary& s : *list) {
            out.push_back({{"id", s.slug}, {"title", s.title}, {"title_en", s.title_en}, {"sections", s.sections},
                           {"exhibits", s.exhibits}, {"tours", s.tours}, {"updated_at", s.updated_at}});
        }
        print_json(out);
        return kOk;
    }
    for (const ExhibitionSummary& s : *list) {
        std::printf("%-20s %s  (%zu sections, %zu exhibits, %zu tours)\n", s.slug.c_str(), s.title.c_str(), s.sections,
                    s.exhibits, s.tours);
    }
    std::printf("%zu exhibitions\n", list->size());
    return kOk;
}

int show(const Args& args, bool to_file) {
    if (args.positional.size() != (to_file ? 4u : 3u) && !(to_file && args.positional.size() == 3)) {
        return report(kUsageText, Exit::kUsage);
    }
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return Exit::kUsage;
    auto e = load_exhibition(*archive, args.positional[2]);
    if (!e) return report(e.error());
    const std::string document = exhibition_to_json(*e);
    if (to_file && args.positional.size() == 4) {
        std::ofstream out(args.positional[3], std::ios::binary | std::ios::trunc);
        out << document;
        if (!out.flush()) return report(args.positional[3] + ": cannot write the file");
        std::printf("exhibition %s written to %s\n", e->slug.c_str(), args.positional[3].c_str());
        return kOk;
    }
    if (to_file || args.json()) {
        std::fputs(document.c_str(), stdout);
        return kOk;
    }
    std::printf("%s  %s%s%s\n", e->slug.c_str(), e->title.c_str(), e->title_en.empty() ? "" : " / ", e->title_en.c_str());
    if (!e->intro.empty()) std::printf("  %s\n", e->intro.c_str());
    for (const Section& section : e->sections) {
        std::printf("  ■ %s\n", section.title.c_str());
        for (const Exhibit& x : section.exhibits) {
            std::printf("    - item %lld%s%s%s%s\n", static_cast<long long>(x.item.id), x.item.key.empty() ? "" : " (",
                        x.item.key.c_str(), x.item.key.empty() ? "" : ")", x.caption.empty() ? "" : (" " + x.caption).c_str());
        }
    }
    for (const Tour& tour : e->tours) std::printf("  ▶ tour %s: %zu stops\n", tour.title.c_str(), tour.stops.size());
    return kOk;
}

int remove(const Args& args) {
    if (args.positional.size() != 3) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1]);
    if (!archive) return Exit::kUsage;
    if (auto removed = remove_exhibition(*archive, args.positional[2], agent()); !removed) return report(removed.error());
    std::printf("exhibition %s removed\n", args.positional[2].c_str());
    return kOk;
}

}  // namespace

int run_exhibition(const Args& args) {
    const std::string& action = args.positional[0];
    if (action == "import") return import(args);
    if (action == "export") return show(args, true);
    if (action == "list") return list(args);
    if (action == "show") return show(args, false);
    if (action == "validate") return validate(args);
    if (action == "remove") return remove(args);
    return report(kUsageText, Exit::kUsage);
}

}  // namespace wenyuan::cli
