// IIIF Presentation 3.0 manifests and Dublin Core records of items. Private to the library.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wenyuan/item.hpp"

namespace wenyuan::publish {

/// What one item shows: the painted resource and what supplements it.
struct Shown {
    std::string kind;  ///< "Image", "Model", "Sound" or "Video"; empty: a record without media
    std::string url, mime;
    int width = 0, height = 0;         ///< of the canvas (the full image, with tiles)
    int body_width = 0, body_height = 0;  ///< of the painted file, when it differs
    double duration = 0;
    std::string image_service;  ///< IIIF Image API base URL (level 0), when tiles exist
    struct Caption {
        std::string url, lang;
    };
    std::vector<Caption> captions;
    std::string thumbnail;
};

/// The manifest at `id` (an absolute URL) for the item. Pure.
nlohmann::json iiif_manifest(const Item& item, const Shown& shown, const std::string& id, const std::string& dc_url);

/// An oai_dc record, UTF-8 XML. Pure.
std::string dublin_core(const Item& item, const std::string& identifier, const std::string& format);

}  // namespace wenyuan::publish
