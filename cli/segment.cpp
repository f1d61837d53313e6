// `wenyuan segment add|list|remove`: timecoded segments of a recording (an aria, a craft step).
#include <cstdio>

#include "cli.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::cli {
namespace {

constexpr const char* kUsageText =
    "wenyuan segment: usage: wenyuan segment add <archive> <item> <start> <end> <title> [--description <text>] | "
    "list <archive> <item> | remove <archive> <segment-id>";

nlohmann::json segment_json(const Segment& segment) {
    return {{"id", segment.id},         {"item", segment.item_id},   {"start", segment.start},
            {"end", segment.end},       {"start_timecode", format_timecode(segment.start)},
            {"end_timecode", format_timecode(segment.end)}, {"title", segment.title},
            {"description", segment.description}, {"source", segment.source}};
}

int add(const Args& args) {
    if (args.positional.size() != 6) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1]);
    if (!archive) return Exit::kUsage;
    auto item = resolve_item(*archive, args.positional[2]);
    if (!item) return report(item.error());
    auto start = parse_timecode(args.positional[3]);
    auto end = parse_timecode(args.positional[4]);
    if (!start || !end) return report("wenyuan segment add: " + (!start ? start.error() : end.error()).message, Exit::kUsage);
    const SegmentDraft draft{*start, *end, args.positional[5], args.get("description"), "manual"};
    auto id = add_segment(*archive, *item, draft, agent());
    if (!id) return report(id.error());
    if (args.json()) {
        auto segments = list_segments(*archive, *item);
        if (!segments) return report(segments.error());
        for (const Segment& segment : *segments) {
            if (segment.id == *id) print_json(segment_json(segment));
        }
    } else {
        std::printf("segment %lld added to item %lld: %s–%s %s\n", static_cast<long long>(*id), static_cast<long long>(*item),
                    format_timecode(*start).c_str(), format_timecode(*end).c_str(), draft.title.c_str());
    }
    return kOk;
}

int list(const Args& args) {
    if (args.positional.size() != 3) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return Exit::kUsage;
    auto item = resolve_item(*archive, args.positional[2]);
    if (!item) return report(item.error());
    if (auto live = archive->item(*item); !live) return report(live.error());
    auto segments = list_segments(*archive, *item);
    if (!segments) return report(segments.error());
    if (args.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const Segment& segment : *segments) out.push_back(segment_json(segment));
        print_json(out);
        return kOk;
    }
    for (const Segment& segment : *segments) {
        std::printf("%6lld  %10s  %10s  %-8s  %s%s%s\n", static_cast<long long>(segment.id), format_timecode(segment.start).c_str(),
                    format_timecode(segment.end).c_str(), segment.source.c_str(), segment.title.c_str(),
                    segment.description.empty() ? "" : " — ", segment.description.c_str());
    }
    std::printf("%zu segments\n", segments->size());
    return kOk;
}

int remove(const Args& args) {
    if (args.positional.size() != 3) return report(kUsageText, Exit::kUsage);
    auto archive = open_archive(args.positional[1]);
    if (!archive) return Exit::kUsage;
    auto id = parse_id(args.positional[2]);
    if (!id) return report("wenyuan segment remove: " + id.error().message, Exit::kUsage);
    if (auto removed = remove_segment(*archive, *id, agent()); !removed) return report(removed.error());
    if (args.json()) {
        print_json({{"removed", *id}});
    } else {
        std::printf("segment %lld removed\n", static_cast<long long>(*id));
    }
    return kOk;
}

}  // namespace

int run_segment(const Args& args) {
    const std::string& action = args.positional[0];
    if (action == "add") return add(args);
    if (action == "list") return list(args);
    if (action == "remove") return remove(args);
    return report(kUsageText, Exit::kUsage);
}

}  // namespace wenyuan::cli
