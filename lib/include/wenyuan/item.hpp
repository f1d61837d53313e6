// Catalog records: items, their assets, field history and the event log.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wenyuan {

/// Who may see an item. Only public items ever reach a kiosk or a package.
enum class Access { public_access, internal, restricted };

/// "public", "internal" or "restricted".
const char* to_string(Access access) noexcept;

/// One catalogued thing: a relic or document, an industrial site or object, an intangible-heritage
/// item or inheritor, a person, a place or a story. Codes (`type`, `relic_category`, `period` …)
/// come from the archive's vocabularies; see wenyuan/vocab.hpp and wenyuan/fields.hpp.
struct Item {
    std::int64_t id = 0;  ///< assigned by the catalog; 0 for a draft
    std::string uid;      ///< 32 hex digits, unique across archives; assigned by the catalog
    std::string key;      ///< optional manifest key, unique in the archive (exhibitions refer to it)
    std::string type = "other";
    std::string title, title_en, description, description_en;
    std::string relic_category, ich_category, period, grade, completeness, condition, acquisition;
    std::string date;  ///< as written by the cataloguer: "1958", "清光绪年间", "公元前100年"
    std::optional<int> year_start, year_end;  ///< years, negative for BCE: -100 is 100 BCE
    std::string material, dimensions, place;
    std::optional<double> latitude, longitude;
    std::string creator, source, provenance, rights, license;
    Access access = Access::internal;
    std::vector<std::string> keywords;
    std::string created_at, updated_at;  ///< ISO 8601 UTC; set by the catalog
    bool deleted = false;                ///< withdrawn: kept with its history, hidden from readers
};

/// A file attached to an item, with its role: original, thumbnail, preview, tiles, lod, poster,
/// waveform, captions, texture, sidecar …
struct Asset {
    std::int64_t id = 0;
    std::int64_t item_id = 0;
    std::string role;
    std::string sha256;
    std::uint64_t size = 0;
    std::string mime;
    std::string name;       ///< original file name, or a derivative's descriptive name
    std::string lang;       ///< BCP 47 language for captions and narrations, else empty
    std::string tech_json = "{}";   ///< technical metadata as a JSON object
    std::vector<std::string> warnings;
    std::optional<std::int64_t> derived_from;  ///< the asset this one was made from
    std::string created_at;
};

/// An asset to attach when an item is added: its bytes must already be in the object store.
struct AssetDraft {
    std::string role;
    std::string sha256;
    std::uint64_t size = 0;
    std::string mime;
    std::string name;
    std::string lang;
    std::string tech_json = "{}";
    std::vector<std::string> warnings;
    std::optional<std::size_t> derived_from_index;  ///< index of the source in the same draft list
};

/// One earlier value of one field: nothing in the catalog is overwritten.
struct FieldChange {
    std::int64_t item_id = 0;
    std::string field;
    std::string old_value;
    std::string new_value;
    std::string time;
    std::string agent;
};

/// A PREMIS-style event: ingestion, derivation, metadata_change, fixity_check, deletion,
/// migration or gc; outcome success, warning or failure.
struct Event {
    std::int64_t id = 0;
    std::string time;
    std::string type;
    std::optional<std::int64_t> item_id;
    std::string object;  ///< sha256 of the object concerned, if any
    std::string agent;
    std::string outcome;
    std::string detail;
};

}  // namespace wenyuan
