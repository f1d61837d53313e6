#include <cstdio>
#include <cstdlib>

#include "cli.hpp"
#include "wenyuan/duplicates.hpp"

namespace wenyuan::cli {

int run_duplicates(const Args& args) {
    int distance = 6;
    if (args.has("distance")) {
        distance = std::atoi(args.get("distance").c_str());
        if (distance < 0 || distance > 16 || args.get("distance").find_first_not_of("0123456789") != std::string::npos) {
            return report("wenyuan duplicates: --distance must be a number of bits from 0 to 16", kUsage);
        }
    }
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;
    auto groups = find_near_duplicates(*archive, distance);
    if (!groups) return report(groups.error());
    if (args.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const DuplicateGroup& group : *groups) {
            nlohmann::json members = nlohmann::json::array();
            for (const DuplicateMember& m : group.members) {
                members.push_back({{"item", m.item_id}, {"asset", m.asset_id}, {"title", m.title}, {"name", m.name},
                                   {"phash", m.phash}, {"distance", m.distance}});
            }
            out.push_back({{"members", members}});
        }
        print_json(out);
        return kOk;
    }
    for (std::size_t g = 0; g < groups->size(); ++g) {
        std::printf("group %zu (%zu images that look alike)\n", g + 1, (*groups)[g].members.size());
        for (const DuplicateMember& m : (*groups)[g].members) {
            std::printf("  item %-6lld %-32s %s  (%d bits apart)\n", static_cast<long long>(m.item_id), m.title.c_str(),
                        m.name.c_str(), m.distance);
        }
    }
    std::printf("%zu groups of near-duplicate images\n", groups->size());
    return kOk;
}

}  // namespace wenyuan::cli
