// The image importer: photographs and scans of relics, documents, calligraphy and paintings.
//
// JPEG goes through libjpeg-turbo; PNG, TIFF (multi-page, 8/16-bit), BMP, WebP and JPEG 2000
// through OpenCV. For every image it stores:
//   - "thumbnail": JPEG, 256 px on the long edge;
//   - "preview": JPEG, 2048 px on the long edge (one per page of a multi-page TIFF);
//   - "tiles", for images over 4096 px: a tar holding a IIIF Image API 3.0 level-0 tile set of
//     256-px JPEG tiles (docs/image-tiles.md), built from streamed rows;
// all turned the way the EXIF orientation says. The original's technical metadata (size as
// displayed, bit depth, colour space, ICC, DPI, EXIF time, camera and GPS, a perceptual hash and
// quality measures) goes on the original asset, with warnings for blur, exposure, tiny
// resolution and a lying extension.
#pragma once

#include <memory>

#include "wenyuan/importer.hpp"

namespace wenyuan {

/// Makes the image importer (name "image"). It claims every image format it decodes, and files
/// whose extension says image but whose bytes do not, so that those fail with a clear message.
/// Creating one limits OpenCV to one thread per call: the import pipeline already runs one
/// import per core. Thread-safe: import() may run on several threads at once.
std::unique_ptr<Importer> make_image_importer();

}  // namespace wenyuan
