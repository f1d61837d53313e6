#include "app/museum_glyphs.hpp"

#include "app/strings.hpp"

namespace wenyuan::kiosk {

namespace {

void add_exhibit_text(const ExhibitView& x, GlyphSet& text, GlyphSet& display) {
    display.add(x.title), display.add(x.title_en);
    text.add(x.title), text.add(x.title_en);
    for (const std::string* s : {&x.caption, &x.caption_en, &x.story, &x.story_en, &x.period, &x.place, &x.date, &x.material})
        text.add(*s);
    for (const TimedLine& cue : x.cues) text.add(cue.text);
    for (const TimedLine& chapter : x.chapters) text.add(chapter.text);
}

}  // namespace

bool add_exhibit_glyphs(const ExhibitView& exhibit, GlyphSet& text, GlyphSet& body, GlyphSet& display) {
    const std::size_t before = text.size() + body.size() + display.size();
    add_exhibit_text(exhibit, text, display);
    add_exhibit_text(exhibit, body, display);
    return text.size() + body.size() + display.size() != before;
}

void collect_glyphs(const Museum& museum, GlyphSet& text, GlyphSet& body, GlyphSet& display) {
    auto both = [&](const std::string& s) {
        text.add(s);
        display.add(s);
    };
    for (const std::string& s : all_ui_strings()) both(s);
    both(museum.name);
    both(museum.name_en);
    for (const ExhibitionView& e : museum.exhibitions) {
        both(e.title), both(e.title_en), both(e.tour_title), both(e.tour_title_en);
        text.add(e.intro), text.add(e.intro_en);
        for (const SectionView& s : e.sections) both(s.title), both(s.title_en), text.add(s.intro), text.add(s.intro_en);
        for (const TourStopView& stop : e.tour) text.add(stop.narration), text.add(stop.narration_en);
    }
    for (const ExhibitView& x : museum.exhibits) add_exhibit_text(x, text, display);
    body = text;
    for (const std::string& title : museum.other_titles) body.add(title);
}

}  // namespace wenyuan::kiosk
