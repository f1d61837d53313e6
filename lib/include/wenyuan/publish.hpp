// A static, standards-based export of an archive's public content that any web server can host
// and that researchers and other platforms can harvest (docs/packages.md, "Publishing"):
//
//   <out>/collection.json                 IIIF Presentation 3.0 Collection of every manifest
//   <out>/items/<uid>/manifest.json       IIIF Presentation 3.0 Manifest of one item
//   <out>/items/<uid>/dc.xml              Dublin Core (oai_dc) record of the item
//   <out>/iiif/<uid>/info.json, …         IIIF Image API 3.0 level-0 tiles (images with tiles)
//   <out>/files/<sha256>.<ext>            previews, GLB models, recordings, WebVTT captions
#pragma once

#include <filesystem>
#include <string>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

struct PublishOptions {
    std::filesystem::path out;  ///< created if missing; files already there are overwritten
    /// The URL the folder will be served at, ending in '/'. IIIF ids must be absolute URIs.
    std::string base_url = "http://localhost/";
};

struct PublishReport {
    std::size_t items = 0, images = 0, tiled_images = 0, models = 0, recordings = 0, captions = 0;
    std::uint64_t bytes = 0;
};

/// Writes the export of every public, undeleted item. Nothing internal or restricted is written.
/// Errors: Errc::io (the output cannot be written), Errc::corrupt (a tiles tar is damaged; the
/// message names the item). Read-only on the archive; one thread at a time, as Archive.
Result<PublishReport> publish_static(const Archive& archive, const PublishOptions& options);

}  // namespace wenyuan
