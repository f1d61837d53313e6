#include <cstdio>

#include "cli.hpp"
#include "text_width.hpp"
#include "wenyuan/fields.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::cli {

int run_show(const Args& args) {
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    auto id = resolve_item(*archive, args.positional[1]);
    if (!id) return report(id.error());
    auto item = archive->item(*id);
    if (!item) return report(item.error());
    auto assets = archive->assets(*id);
    auto history = archive->history(*id);
    auto collections = archive->collections_of(*id);
    auto relations = archive->relations(*id);
    auto segments = list_segments(*archive, *id);
    if (!segments) return report(segments.error());
    if (!assets || !history || !collections || !relations) {
        return report(!assets ? assets.error() : !history ? history.error() : !collections ? collections.error() : relations.error());
    }
    if (args.json()) {
        nlohmann::json out = item_to_json(*item, archive->vocabulary());
        out["assets"] = nlohmann::json::array();
        for (const Asset& asset : *assets) out["assets"].push_back(asset_to_json(asset));
        out["collections"] = *collections;
        out["relations"] = nlohmann::json::array();
        for (const Relation& relation : *relations) {
            out["relations"].push_back({{"subject", relation.subject}, {"predicate", relation.predicate}, {"object", relation.object}});
        }
        out["segments"] = nlohmann::json::array();
        for (const Segment& segment : *segments) {
            out["segments"].push_back({{"id", segment.id}, {"start", segment.start}, {"end", segment.end}, {"title", segment.title},
                                       {"description", segment.description}, {"source", segment.source}});
        }
        out["history"] = nlohmann::json::array();
        for (const FieldChange& change : *history) {
            out["history"].push_back({{"field", change.field}, {"old", change.old_value}, {"new", change.new_value},
                                      {"time", change.time}, {"agent", change.agent}});
        }
        print_json(out);
        return kOk;
    }
    std::printf("item %lld  %s\n", static_cast<long long>(item->id), item->uid.c_str());
    for (const FieldInfo& field : item_fields()) {
        if (field.name == "category") continue;
        const std::string value = get_field(*item, field);
        if (value.empty()) continue;
        std::string shown = value;
        if (field.kind == FieldKind::vocab) {
            if (const VocabTerm* term = archive->vocabulary().find(field.vocab_kind, value)) {
                shown = term->zh + (term->en.empty() ? "" : " / " + term->en) + (term->code != term->zh ? " [" + term->code + "]" : "");
            }
        }
        std::printf("  %-15s %s%s\n", std::string(field.name).c_str(), pad_display(field.label_zh, 13).c_str(), shown.c_str());
    }
    if (!collections->empty()) {
        std::printf("  collections:");
        for (const auto& name : *collections) std::printf(" %s", name.c_str());
        std::printf("\n");
    }
    for (const Relation& relation : *relations) {
        std::printf("  relation: %lld %s %lld\n", static_cast<long long>(relation.subject), relation.predicate.c_str(),
                    static_cast<long long>(relation.object));
    }
    std::printf("assets:\n");
    for (const Asset& asset : *assets) {
        std::printf("  %-10s %s  %10llu bytes  %-24s %s\n", asset.role.c_str(), asset.sha256.substr(0, 16).c_str(),
                    static_cast<unsigned long long>(asset.size), asset.mime.c_str(), asset.name.c_str());
        for (const std::string& warning : asset.warnings) std::printf("             warning: %s\n", warning.c_str());
    }
    if (!segments->empty()) std::printf("segments:\n");
    for (const Segment& segment : *segments) {
        std::printf("  %4lld  %s–%s  %s\n", static_cast<long long>(segment.id), format_timecode(segment.start).c_str(),
                    format_timecode(segment.end).c_str(), segment.title.c_str());
    }
    if (!history->empty()) {
        std::printf("history:\n");
        for (const FieldChange& change : *history) {
            std::printf("  %s  %s: '%s' -> '%s'  (%s)\n", change.time.c_str(), change.field.c_str(),
                        change.old_value.c_str(), change.new_value.c_str(), change.agent.c_str());
        }
    }
    return kOk;
}

}  // namespace wenyuan::cli
