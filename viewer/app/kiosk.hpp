// The kiosk's state between frames, shared by the screens (screen_*.cpp), and the screens'
// entry points. Owned by App (app.hpp); everything here runs on the main thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/content.hpp"
#include "app/navigation.hpp"
#include "app/options.hpp"
#include "app/tour_pacer.hpp"
#include "app/ui_context.hpp"
#include "media/image_view.hpp"
#include "ui/glyphs.hpp"
#include "ui/widgets.hpp"
#include "wenyuan/search.hpp"

namespace wenyuan {
class Archive;
}

namespace wenyuan::kiosk {

class UsageRecorder;
class MediaStage;

struct SearchState {
    std::string query;
    std::string searched;  ///< the query the results are for
    std::vector<long> results;  ///< Museum::exhibits indexes
    std::size_t total = 0;
    bool all_words = true;
};

struct PinPad {
    bool open = false;
    std::string entry;
    bool wrong = false;
    int corner_taps = 0;
    double first_tap = 0;
};

struct Kiosk {
    const Archive* archive = nullptr;
    std::string archive_root;
    Museum museum;
    Config config;
    Options options;
    Navigator nav;
    Ui ui;
    SearchState search;
    PinPad pin;
    ImageView image_view;  ///< zoom and pan of the current image exhibit
    long image_view_for = -1;
    TileSets tile_sets;
    std::vector<int> row_first;  ///< exhibition screen: first card shown per section
    int home_page = 0;
    float scroll = 0;            ///< exhibition screen: vertical offset
    bool quit = false;
    bool rebuild_fonts = false;  ///< language or elder mode changed
    double rated_at = -100;      ///< when the thank-you started
    UsageRecorder* usage = nullptr;
    MediaStage* stage = nullptr;
    GlyphSet caption_glyphs, body_glyphs, display_glyphs;  ///< what the font atlas holds
    std::size_t base_exhibits = 0;  ///< exhibits beyond this were added for search hits
    float panel_scroll = 0;          ///< reading panel offset
    TourPacer tour_pacer;            ///< moves a tour on when a stop's narration ends
    /// Logs the search just left (once per query).
    void finish_search();

    /// The text in the visitor's language (English when chosen and present).
    const std::string& pick(const std::string& zh, const std::string& en) const {
        return ui.english && !en.empty() ? en : zh;
    }
    /// The exhibits of an exhibition in order (sections flattened).
    std::vector<std::size_t> order(int exhibition) const;
    /// Runs the search for search.query (kiosk reader) and maps hits to exhibits.
    void run_search();
    /// Exhibits to suggest: the first of each exhibition, then the rest.
    std::vector<long> popular(std::size_t count) const;
};

// Screens: each draws itself into ui.draw and acts on taps through nav.
void draw_home(Kiosk& k);
void draw_exhibition(Kiosk& k);
void draw_exhibit(Kiosk& k);
void draw_search(Kiosk& k);
void draw_tour(Kiosk& k);
void draw_attract(Kiosk& k);
/// Overlays in their own windows on top: the rating prompt and the admin PIN pad.
void draw_rating(Kiosk& k);
void draw_pin_pad(Kiosk& k);

// Pieces shared by screens.
/// The top-left back button; true when tapped.
bool back_button(Kiosk& k);
/// An exhibit card (thumbnail, title, caption line); true when tapped.
bool exhibit_card(Kiosk& k, const char* id, const Rect& r, const ExhibitView& exhibit);
/// The media area of an exhibit: zoomable image, model, recording, or text-only.
void draw_exhibit_media(Kiosk& k, const ExhibitView& exhibit, const Rect& area);
/// The reading panel: title, period and place, story. Returns the bottom y.
float draw_reading_panel(Kiosk& k, const ExhibitView& exhibit, const Rect& area, const std::string& lead);

}  // namespace wenyuan::kiosk
