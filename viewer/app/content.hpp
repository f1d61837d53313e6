// What the kiosk shows, flattened from the archive once at start-up: exhibitions with their
// sections, exhibits and tours, each exhibit with the object hashes of the assets the screens
// need. Screens read only this; they never query the catalog while drawing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan {
class Archive;
}

namespace wenyuan::kiosk {

enum class MediaKind { image, model, video, audio, text };

/// A caption cue of a recording, in seconds.
struct TimedLine {
    double start = 0, end = 0;
    std::string text;
};

/// A level of detail of a model: its object and the numbers from its tech JSON.
struct LodRef {
    std::string sha256;
    std::size_t triangles = 0;
    int max_texture = 2048;
};

/// One exhibit as the screens use it. Hash fields are empty when the asset is absent.
struct ExhibitView {
    std::int64_t item_id = 0;
    std::string key;
    std::string title, title_en;
    std::string caption, caption_en;
    std::string story, story_en;
    std::string period, place, date, material;
    std::string type;  ///< the item type code ("relic", "ich" …)
    MediaKind kind = MediaKind::text;
    std::string thumbnail, preview, tiles, model, recording, captions, poster, audio_guide;
    std::vector<LodRef> lods;       ///< as stored (level 0 first)
    int width = 0, height = 0;      ///< of the image as displayed, if known
    double start_seconds = 0;       ///< segment start for recordings
    std::vector<TimedLine> cues;    ///< captions of a recording (the first language found)
    std::vector<TimedLine> chapters;  ///< segments of a recording (text: the title), by start
};

struct SectionView {
    std::string title, title_en;
    std::string intro, intro_en;
    std::vector<std::size_t> exhibits;  ///< indexes into Museum::exhibits
};

struct TourStopView {
    std::size_t exhibit = 0;  ///< index into Museum::exhibits
    std::string narration, narration_en;
    std::string audio;  ///< recorded narration object, if any
};

struct ExhibitionView {
    std::string slug;
    std::string title, title_en;
    std::string intro, intro_en;
    std::string cover;  ///< object hash of the cover image (preview or thumbnail)
    std::vector<SectionView> sections;
    std::string tour_title, tour_title_en;
    std::vector<TourStopView> tour;  ///< the first tour; empty: the exhibits in order
};

struct Museum {
    std::string name, name_en;
    std::vector<ExhibitView> exhibits;  ///< every exhibit of every exhibition, deduplicated by item
    std::vector<ExhibitionView> exhibitions;
    std::vector<std::string> notes;     ///< what was dropped or fell back, for the log
    /// Titles of every public item (search results can show any of them): for the glyph ranges.
    std::vector<std::string> other_titles;

    /// Index of the exhibit showing this item, or -1.
    long find_exhibit(std::int64_t item_id) const;
};

/// Loads the museum from an archive opened read-only. Exhibitions come from the catalog's stored
/// exhibitions; an archive without any gets one exhibition per collection of public items (with
/// sections by item type), so that any archive can be shown. Items whose assets are missing from
/// the store keep their place (the screen shows a placeholder); the problem goes to `notes`.
/// Errors: Errc::io from the catalog. One thread, as Archive.
Result<Museum> load_museum(const Archive& archive, std::string name, std::string name_en);

/// Chinese label for an item type code ("relic" → "文物").
std::string type_label(const std::string& type, bool english);

}  // namespace wenyuan::kiosk
