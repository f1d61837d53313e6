// Exhibitions: what a kiosk shows. An exhibition has a title, an introduction, a cover and its
// languages; sections (halls) hold ordered exhibits; a tour is an ordered path of exhibits with a
// narration each. Curators write an exhibition as JSON (format in docs/exhibitions.md) that refers
// to items by id or by manifest key; the catalog stores it (schema version 5) with every reference
// resolved to an id, and only after validation found nothing wrong.
//
// Thread safety: the functions that take an Archive use it like its own members do, so one
// thread at a time per Archive; parse_exhibition and exhibition_to_json are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

/// An item named by id, or by manifest key as the curator wrote it. Resolved refs have both.
struct ItemRef {
    std::int64_t id = 0;  ///< 0 while unresolved
    std::string key;      ///< the manifest key, if the curator used one
    bool empty() const noexcept { return id == 0 && key.empty(); }
};

struct Exhibit {
    ItemRef item;
    /// The asset role to show ("preview", "tiles", "lod", "original", "poster" …). Empty: the
    /// kiosk picks, as exhibit_asset() does (the model, the recording, else the image).
    std::string asset;
    std::optional<std::int64_t> segment;  ///< a segment of a recording to start at, if any
    std::string caption, caption_en;
    std::string story, story_en;  ///< empty: the item's description is the story
    ItemRef audio;                ///< optional audio guide: an item whose original is a recording
};

struct Section {
    std::string title, title_en;
    std::string intro, intro_en;
    std::vector<Exhibit> exhibits;
};

struct TourStop {
    ItemRef item;  ///< must be an exhibit of the same exhibition
    std::string narration, narration_en;
    ItemRef audio;  ///< optional recorded narration
};

struct Tour {
    std::string title, title_en;
    std::vector<TourStop> stops;
};

struct Exhibition {
    std::int64_t id = 0;  ///< catalog row id; 0 for a draft
    std::string slug;     ///< the curator's id: letters, digits, '-' and '_' ("cunshiguan")
    std::string title, title_en;
    std::string intro, intro_en;
    ItemRef cover;                        ///< an item with an image (thumbnail/preview)
    std::vector<std::string> languages;   ///< "zh", optionally "en"
    std::vector<Section> sections;
    std::vector<Tour> tours;
    std::string updated_at;  ///< set by the catalog
};

struct ExhibitionSummary {
    std::int64_t id = 0;
    std::string slug;
    std::string title, title_en;
    std::size_t sections = 0, exhibits = 0, tours = 0;
    std::string updated_at;
};

/// One thing wrong with an exhibition: `where` is a path into the document
/// ("sections[1].exhibits[3].item"), `problem` one line naming the item.
struct ExhibitionProblem {
    std::string where;
    std::string problem;
};

/// Parses an exhibition document. `origin` (a file name) starts every error message.
/// Errors: Errc::invalid_argument for malformed JSON, unknown fields, wrong types or a missing
/// slug/title (the message names the origin and the path). Pure; thread-safe.
Result<Exhibition> parse_exhibition(std::string_view json, std::string_view origin);

/// The document as a curator would write it (indented JSON, UTF-8), refs as keys where the item
/// has one and as ids otherwise. parse_exhibition(to_json(e)) gives e back. Pure; thread-safe.
std::string exhibition_to_json(const Exhibition& exhibition);

/// Checks every reference against the catalog: unknown or deleted items, items that are not
/// public, missing asset roles, asset objects missing from the store, audio guides that are not
/// recordings, segments of other items, tour stops that are not exhibits, empty sections.
/// Resolves keys to ids in `exhibition` as it goes. Returns every problem found (empty: fine).
/// Errors: Errc::io only. Works on read-only archives; one thread at a time, as Archive.
Result<std::vector<ExhibitionProblem>> validate_exhibition(const Archive& archive, Exhibition& exhibition);

/// Validates and stores the exhibition (replacing one with the same slug) in one transaction,
/// with a metadata_change event. Returns its id. Errors: Errc::invalid_argument listing the
/// problems when validation finds any (nothing is stored), Errc::io.
Result<std::int64_t> save_exhibition(Archive& archive, Exhibition exhibition, std::string_view agent);

/// Stored exhibitions by title. Errors: Errc::io.
Result<std::vector<ExhibitionSummary>> list_exhibitions(const Archive& archive);

/// One stored exhibition, by slug or by id ("12"). Errors: Errc::not_found, Errc::io.
Result<Exhibition> load_exhibition(const Archive& archive, std::string_view slug_or_id);

/// Removes a stored exhibition, with a metadata_change event. Errors: Errc::not_found, Errc::io.
Result<void> remove_exhibition(Archive& archive, std::string_view slug_or_id, std::string_view agent);

/// What a kiosk may show: every stored exhibition, re-validated against the catalog as it is now,
/// with any exhibit, tour stop, audio guide or cover that became invalid since it was saved
/// (an item withdrawn or made internal, an object lost) taken out and reported in `dropped`; a
/// segment that no longer exists only loses the exhibit its starting point.
/// Sections left empty are dropped; exhibitions left empty are dropped.
/// Errors: Errc::io. Works on read-only archives.
Result<std::vector<Exhibition>> kiosk_exhibitions(const Archive& archive,
                                                  std::vector<ExhibitionProblem>* dropped = nullptr);

/// The asset a kiosk shows for an exhibit: the one it names, or else the model, then the
/// recording (the access copy, then the original), then the image (tiles, preview, poster,
/// thumbnail, an image original); always one whose object is in the store.
/// Errors: Errc::not_found (no such asset, or nothing showable), Errc::io. One thread at a time, as Archive.
Result<Asset> exhibit_asset(const Archive& archive, const Exhibit& exhibit);

}  // namespace wenyuan
