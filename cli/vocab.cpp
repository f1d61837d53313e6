#include <algorithm>
#include <cstdio>

#include "cli.hpp"
#include "wenyuan/fields.hpp"

namespace wenyuan::cli {

int run_vocab(const Args& args) {
    const std::string kind = args.positional.size() > 1 ? args.positional[1] : "";
    const auto& kinds = vocabulary_kinds();
    if (!kind.empty() && std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
        std::string known;
        for (const auto& name : kinds) known += " " + name;
        return report("wenyuan vocab: unknown kind '" + kind + "'; kinds are:" + known, kUsage);
    }
    auto archive = open_archive(args.positional[0], args.has("add") ? OpenMode::read_write : OpenMode::read_only);
    if (!archive) return kUsage;
    if (args.has("add")) {
        if (kind.empty()) return report("wenyuan vocab: --add needs a kind, e.g. `wenyuan vocab <archive> period --add 民国`", kUsage);
        VocabTerm term{kind, args.get("code"), args.get("add"), args.get("en"), args.get("parent"), {}, {}};
        if (args.has("years")) {
            int start = 0, end = 0;
            if (!parse_years(args.get("years"), start, end)) return report("wenyuan vocab: --years must look like 1912..1949", kUsage);
            term.start_year = start;
            term.end_year = end;
        }
        if (auto added = archive->add_vocabulary_term(term, agent()); !added) return report(added.error());
    }
    nlohmann::json out = nlohmann::json::array();
    for (const VocabTerm& term : archive->vocabulary().all()) {
        if (!kind.empty() && term.kind != kind) continue;
        if (args.json()) {
            out.push_back({{"kind", term.kind}, {"code", term.code}, {"zh", term.zh}, {"en", term.en},
                           {"parent", term.parent},
                           {"start_year", term.start_year ? nlohmann::json(*term.start_year) : nlohmann::json()},
                           {"end_year", term.end_year ? nlohmann::json(*term.end_year) : nlohmann::json()}});
        } else {
            std::printf("%-16s %-10s %s  %s", term.kind.c_str(), term.code.c_str(), term.zh.c_str(), term.en.c_str());
            if (term.start_year || term.end_year) {
                std::printf("  (%s..%s)", term.start_year ? std::to_string(*term.start_year).c_str() : "",
                            term.end_year ? std::to_string(*term.end_year).c_str() : "");
            }
            std::printf("\n");
        }
    }
    if (args.json()) print_json(out);
    return kOk;
}

int run_fields(const Args& args) {
    nlohmann::json out = nlohmann::json::array();
    for (const FieldInfo& field : item_fields()) {
        std::vector<std::string> aliases(field.aliases.begin(), field.aliases.end());
        if (args.json()) {
            out.push_back({{"name", field.name}, {"zh", field.label_zh}, {"en", field.label_en},
                           {"vocabulary", field.vocab_kind}, {"aliases", aliases}});
            continue;
        }
        std::string joined;
        for (const auto& alias : aliases) joined += (joined.empty() ? "" : ", ") + alias;
        std::printf("%-16s %-10s %-22s %s\n", std::string(field.name).c_str(), std::string(field.label_zh).c_str(),
                    std::string(field.label_en).c_str(), joined.c_str());
    }
    if (args.json()) print_json(out);
    else std::printf("\nmanifest columns also accept: file (文件, 文件名, 路径) and collection (集合, 专题库)\n");
    return kOk;
}

int run_collections(const Args& args) {
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    auto collections = archive->collections();
    if (!collections) return report(collections.error());
    nlohmann::json out = nlohmann::json::array();
    for (const Collection& collection : *collections) {
        if (args.json()) out.push_back({{"id", collection.id}, {"name", collection.name}, {"items", collection.item_count}});
        else std::printf("%-30s %zu items\n", collection.name.c_str(), collection.item_count);
    }
    if (args.json()) print_json(out);
    return kOk;
}

}  // namespace wenyuan::cli
