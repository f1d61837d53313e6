// Every item reference of an exhibition, for packaging. Private to the library.
#pragma once

#include "wenyuan/exhibition.hpp"

namespace wenyuan::package {

/// Calls `visit(ItemRef&)` for the cover, every exhibit's item and audio guide and every tour
/// stop's item and recorded narration that is set.
template <class Visit>
void for_each_ref(Exhibition& e, Visit&& visit) {
    if (!e.cover.empty()) visit(e.cover);
    for (Section& section : e.sections) {
        for (Exhibit& exhibit : section.exhibits) {
            if (!exhibit.item.empty()) visit(exhibit.item);
            if (!exhibit.audio.empty()) visit(exhibit.audio);
        }
    }
    for (Tour& tour : e.tours) {
        for (TourStop& stop : tour.stops) {
            if (!stop.item.empty()) visit(stop.item);
            if (!stop.audio.empty()) visit(stop.audio);
        }
    }
}

}  // namespace wenyuan::package
