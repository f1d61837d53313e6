// Exhibitions stored in the catalog, re-validated for the kiosk by the library.
#include "app/content_detail.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::kiosk::detail {

namespace {

/// The recording of an audio guide's item, or empty.
std::string recording_of(const Archive& archive, const ItemRef& ref, std::vector<std::string>& notes) {
    if (ref.id == 0) return {};
    auto item = archive.item(ref.id);
    if (!item) return {};
    auto guide = make_exhibit(archive, *item, {}, notes);
    return guide ? guide->recording : std::string();
}

Result<std::size_t> exhibit_index(const Archive& archive, Museum& museum, const Exhibit& exhibit) {
    auto item = archive.item(exhibit.item.id);
    if (!item) return fail(std::move(item).error());
    auto view = make_exhibit(archive, *item, exhibit.asset, museum.notes);
    if (!view) return fail(std::move(view).error());
    if (!exhibit.caption.empty()) view->caption = exhibit.caption;
    if (!exhibit.caption_en.empty()) view->caption_en = exhibit.caption_en;
    if (!exhibit.story.empty()) view->story = exhibit.story;
    if (!exhibit.story_en.empty()) view->story_en = exhibit.story_en;
    view->audio_guide = recording_of(archive, exhibit.audio, museum.notes);
    if (exhibit.segment) {  // start the recording at the curator's segment
        auto segments = list_segments(archive, exhibit.item.id);
        if (segments)
            for (const Segment& segment : *segments)
                if (segment.id == *exhibit.segment) view->start_seconds = segment.start;
    }
    return add_exhibit(museum, std::move(*view));
}

std::string cover_of(const Archive& archive, const ItemRef& cover, std::vector<std::string>& notes) {
    if (cover.id == 0) return {};
    auto item = archive.item(cover.id);
    if (!item) return {};
    auto view = make_exhibit(archive, *item, {}, notes);
    if (!view) return {};
    return !view->preview.empty() ? view->preview : view->thumbnail;
}

}  // namespace

Result<void> exhibitions_from_catalog(const Archive& archive, Museum& museum) {
    std::vector<ExhibitionProblem> dropped;
    auto stored = kiosk_exhibitions(archive, &dropped);
    if (!stored) return fail(std::move(stored).error());
    for (const ExhibitionProblem& problem : dropped) museum.notes.push_back(problem.where + ": " + problem.problem);
    for (const Exhibition& exhibition : *stored) {
        ExhibitionView view;
        view.slug = exhibition.slug;
        view.title = exhibition.title;
        view.title_en = exhibition.title_en;
        view.intro = exhibition.intro;
        view.intro_en = exhibition.intro_en;
        view.cover = cover_of(archive, exhibition.cover, museum.notes);
        for (const Section& section : exhibition.sections) {
            SectionView out{section.title, section.title_en, section.intro, section.intro_en, {}};
            for (const Exhibit& exhibit : section.exhibits) {
                auto index = exhibit_index(archive, museum, exhibit);
                if (!index) {
                    museum.notes.push_back(exhibition.slug + ": " + index.error().message);
                    continue;
                }
                out.exhibits.push_back(*index);
                if (view.cover.empty()) {
                    const ExhibitView& shown = museum.exhibits[*index];
                    view.cover = !shown.preview.empty() ? shown.preview : shown.thumbnail;
                }
            }
            if (!out.exhibits.empty()) view.sections.push_back(std::move(out));
        }
        if (!exhibition.tours.empty()) {
            const Tour& tour = exhibition.tours.front();
            view.tour_title = tour.title;
            view.tour_title_en = tour.title_en;
            for (const TourStop& stop : tour.stops) {
                const long index = museum.find_exhibit(stop.item.id);
                if (index < 0) continue;
                view.tour.push_back({std::size_t(index), stop.narration, stop.narration_en,
                                     recording_of(archive, stop.audio, museum.notes)});
            }
        }
        if (view.tour.empty())
            for (const SectionView& section : view.sections)
                for (std::size_t index : section.exhibits) view.tour.push_back({index, museum.exhibits[index].caption, {}, {}});
        if (!view.sections.empty()) museum.exhibitions.push_back(std::move(view));
    }
    return {};
}

}  // namespace wenyuan::kiosk::detail
