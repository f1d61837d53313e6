#include <cstdio>

#include "cli.hpp"

namespace wenyuan::cli {

int run_edit(const Args& args) {
    const auto settings = args.all("set");
    const auto collections = args.all("collection");
    if (settings.empty() && collections.empty()) {
        return report("wenyuan edit: give at least one --set field=value (see `wenyuan fields`)", kUsage);
    }
    std::vector<std::pair<std::string, std::string>> changes;
    for (const std::string& setting : settings) {
        const auto eq = setting.find('=');
        if (eq == std::string::npos || eq == 0) {
            return report("wenyuan edit: --set '" + setting + "' must look like field=value", kUsage);
        }
        changes.emplace_back(setting.substr(0, eq), setting.substr(eq + 1));
    }
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;
    auto id = resolve_item(*archive, args.positional[1]);
    if (!id) return report(id.error());
    if (!changes.empty()) {
        if (auto edited = archive->edit_item(*id, changes, agent()); !edited) return report(edited.error());
    }
    for (const std::string& collection : collections) {
        if (auto added = archive->add_to_collection(*id, collection, agent()); !added) return report(added.error());
    }
    if (args.json()) {
        auto item = archive->item(*id);
        if (!item) return report(item.error());
        print_json(item_to_json(*item, archive->vocabulary()));
    } else {
        std::printf("item %lld updated\n", static_cast<long long>(*id));
    }
    return kOk;
}

int run_delete(const Args& args) {
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;
    auto id = resolve_item(*archive, args.positional[1]);
    if (!id) return report(id.error());
    if (auto deleted = archive->delete_item(*id, args.get("reason"), agent()); !deleted) return report(deleted.error());
    if (args.json()) print_json({{"deleted", *id}});
    else std::printf("item %lld withdrawn (kept with its history; its files stay in the store)\n", static_cast<long long>(*id));
    return kOk;
}

int run_relate(const Args& args) {
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;
    auto subject = resolve_item(*archive, args.positional[1]);
    auto object = resolve_item(*archive, args.positional[3]);
    if (!subject) return report(subject.error());
    if (!object) return report(object.error());
    if (auto related = archive->relate(*subject, args.positional[2], *object, agent()); !related) {
        return report(related.error());
    }
    if (args.json()) print_json({{"subject", *subject}, {"predicate", args.positional[2]}, {"object", *object}});
    return kOk;
}

}  // namespace wenyuan::cli
