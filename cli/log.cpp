#include <cstdio>

#include "cli.hpp"

namespace wenyuan::cli {

int run_log(const Args& args) {
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    std::optional<std::int64_t> item;
    if (args.has("item")) {
        auto id = parse_id(args.get("item"));
        if (!id) return report(id.error(), kUsage);
        item = *id;
    }
    const auto limit = number_option(args, "log", "limit", 0, kMaxCount, 0);  // 0: all
    if (!limit) return report(limit.error(), kUsage);
    auto events = archive->events(static_cast<std::size_t>(*limit), item);
    if (!events) return report(events.error());
    if (args.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const Event& event : *events) {
            out.push_back({{"id", event.id}, {"time", event.time}, {"type", event.type},
                           {"item", event.item_id ? nlohmann::json(*event.item_id) : nlohmann::json()},
                           {"object", event.object}, {"agent", event.agent}, {"outcome", event.outcome},
                           {"detail", event.detail}});
        }
        print_json(out);
        return kOk;
    }
    for (const Event& event : *events) {
        std::printf("%s  %-16s %-8s %s%s  [%s]\n", event.time.c_str(), event.type.c_str(), event.outcome.c_str(),
                    event.item_id ? ("item " + std::to_string(*event.item_id) + ": ").c_str() : "",
                    event.detail.c_str(), event.agent.c_str());
    }
    return kOk;
}

}  // namespace wenyuan::cli
