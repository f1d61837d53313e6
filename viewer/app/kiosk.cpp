#include "app/kiosk.hpp"

#include <cstdio>

#include "app/content_detail.hpp"
#include "app/museum_glyphs.hpp"
#include "wenyuan/archive.hpp"

namespace wenyuan::kiosk {

std::vector<std::size_t> Kiosk::order(int exhibition) const {
    std::vector<std::size_t> out;
    if (exhibition < 0 || exhibition >= int(museum.exhibitions.size())) return out;
    for (const SectionView& section : museum.exhibitions[std::size_t(exhibition)].sections)
        out.insert(out.end(), section.exhibits.begin(), section.exhibits.end());
    return out;
}

void Kiosk::run_search() {
    search.searched = search.query;
    search.results.clear();
    search.total = 0;
    search.all_words = true;
    if (search.query.find_first_not_of(' ') == std::string::npos) return;
    SearchOptions search_options;
    search_options.reader = Reader::kiosk;
    search_options.limit = 24;
    auto found = search_items(*archive, search.query, search_options);
    if (!found) {
        std::fprintf(stderr, "wenyuan-kiosk: search '%s': %s\n", search.query.c_str(), found.error().message.c_str());
        return;
    }
    search.total = found->total;
    search.all_words = found->all_words;
    for (const SearchHit& hit : found->hits) {
        long index = museum.find_exhibit(hit.id);
        if (index < 0) {
            // A public item that no exhibition shows: it gets an exhibit page of its own.
            auto item = archive->item(hit.id);
            if (!item) continue;
            auto view = detail::make_exhibit(*archive, *item, {}, museum.notes);
            if (!view) continue;
            if (hit.moment) view->start_seconds = hit.moment->start_seconds;
            // Its story and details may use characters the atlas lacks: rebuild it.
            if (add_exhibit_glyphs(*view, caption_glyphs, body_glyphs, display_glyphs)) rebuild_fonts = true;
            index = long(detail::add_exhibit(museum, std::move(*view)));
        }
        search.results.push_back(index);
    }
}

void Kiosk::finish_search() {
    if (!search.searched.empty()) nav.record_search(search.searched, search.total);
    search = {};
}

std::vector<long> Kiosk::popular(std::size_t count) const {
    std::vector<long> out;
    for (std::size_t round = 0; out.size() < count; ++round) {
        bool any = false;
        for (std::size_t e = 0; e < museum.exhibitions.size() && out.size() < count; ++e) {
            const auto list = order(int(e));
            if (round < list.size()) {
                out.push_back(long(list[round]));
                any = true;
            }
        }
        if (!any) break;
    }
    return out;
}

}  // namespace wenyuan::kiosk
