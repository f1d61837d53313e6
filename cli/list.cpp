#include <cstdio>

#include "cli.hpp"
#include "text_width.hpp"

namespace wenyuan::cli {

int run_list(const Args& args) {
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    ListOptions options;
    options.type = args.get("type");
    options.collection = args.get("collection");
    const auto limit = number_option(args, "list", "limit", 0, kMaxCount, 0);  // 0: all
    if (!limit) return report(limit.error(), kUsage);
    const auto offset = number_option(args, "list", "offset", 0, kMaxCount, 0);
    if (!offset) return report(offset.error(), kUsage);
    options.limit = static_cast<std::size_t>(*limit);
    options.offset = static_cast<std::size_t>(*offset);
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
