#include <cstdio>
#include <cstdlib>

#include "cli.hpp"
#include "text_width.hpp"

namespace wenyuan::cli {

int run_list(const Args& args) {
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    ListOptions options;
    options.type = args.get("type");
    options.collection = args.get("collection");
    options.limit = static_cast<std::size_t>(std::atoll(args.get("limit", "0").c_str()));
    options.offset = static_cast<std::size_t>(std::atoll(args.get("offset", "0").c_str()));
    options.reader = args.has("kiosk") ? Reader::kiosk : Reader::staff;
    auto items = archive->list_items(options);
    if (!items) return report(items.error());
    if (args.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const Item& item : *items) out.push_back(item_to_json(item, archive->vocabulary()));
        print_json(out);
        return kOk;
    }
    std::printf("%6s  %-18s  %-10s  %s\n", "id", "type", "access", "title");
    for (const Item& item : *items) {
        std::printf("%6lld  %-18s  %-10s  %s\n", static_cast<long long>(item.id), item.type.c_str(),
                    to_string(item.access), truncate_display(item.title, 60).c_str());
    }
    std::printf("%zu items\n", items->size());
    return kOk;
}

}  // namespace wenyuan::cli
