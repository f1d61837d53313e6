#include <cstdio>

#include "cli.hpp"
#include "text_width.hpp"
#include "wenyuan/search.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::cli {

int run_search(const Args& args) {
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    SearchOptions options;
    const auto limit = number_option(args, "search", "limit", 1, 10000, 20);
    if (!limit) return report(limit.error(), kUsage);
    options.limit = static_cast<std::size_t>(*limit);
    options.facets = args.has("facets");
    options.reader = args.has("kiosk") ? Reader::kiosk : Reader::staff;
    auto results = search_items(*archive, args.positional[1], options);
    if (!results) return report(results.error());
    for (const std::string& note : results->notes) print_line("wenyuan: search: ", note);
    if (args.json()) {
        nlohmann::json hits = nlohmann::json::array();
        for (const SearchHit& hit : results->hits) {
            hits.push_back({{"id", hit.id}, {"title", hit.title}, {"title_en", hit.title_en}, {"type", hit.type},
                            {"score", hit.score}, {"snippet", hit.snippet}, {"matched", hit.matched}});
            if (hit.moment) {
                nlohmann::json moment = {{"start", hit.moment->start_seconds}, {"end", hit.moment->end_seconds},
                                         {"timecode", format_timecode(hit.moment->start_seconds)},
                                         {"kind", hit.moment->kind}, {"text", hit.moment->text}};
                if (!hit.moment->lang.empty()) moment["lang"] = hit.moment->lang;
                if (hit.moment->segment_id) moment["segment"] = hit.moment->segment_id;
                hits.back()["moment"] = moment;
            }
        }
        if (!options.facets) {
            print_json(hits);
            return kOk;
        }
        nlohmann::json facets = nlohmann::json::object();
        for (const auto& [name, counts] : results->facets) {
            facets[name] = nlohmann::json::array();
            for (const FacetCount& facet : counts) {
                facets[name].push_back({{"value", facet.value}, {"label", facet.label}, {"count", facet.count}});
            }
        }
        print_json({{"total", results->total}, {"hits", hits}, {"facets", facets}});
        return kOk;
    }
    for (const SearchHit& hit : results->hits) {
        std::printf("%6lld  %s  %s\n", static_cast<long long>(hit.id), pad_display(truncate_display(hit.title, 30), 30).c_str(),
                    truncate_display(hit.snippet, 70).c_str());
        if (hit.moment) {
            std::printf("        at %s  %s\n", format_timecode(hit.moment->start_seconds).c_str(),
                        truncate_display(hit.moment->text, 70).c_str());
        }
    }
    std::printf("%zu of %zu matches%s\n", results->hits.size(), results->total,
                results->all_words ? "" : " (no item has all the words: these have some of them)");
    for (const auto& [name, counts] : results->facets) {
        std::printf("%s:", name.c_str());
        for (const FacetCount& facet : counts) std::printf("  %s (%zu)", facet.label.c_str(), facet.count);
        std::printf("\n");
    }
    return kOk;
}

}  // namespace wenyuan::cli
