// The access copy: an H.264/AAC MP4 at 720p or less that a weak kiosk decodes smoothly, made
// only when the original is not one already. Private to the media importer; re-entrant.
#pragma once

#include <filesystem>
#include <string>

#include "probe.hpp"

namespace wenyuan::media {

/// Why the original needs no access copy ("already H.264/AAC MP4 at 720p or less", 8-bit 4:2:0,
/// at most 8 Mb/s and 30 fps), or empty when it needs one. Sound-only recordings need none.
std::string kiosk_friendly(const MediaInfo& info);

/// Transcodes the main picture and sound streams of `source` to `out` (H.264 by libx264, CRF 23,
/// yuv420p, fitted into 1280×720; AAC stereo 128 kb/s; MP4 with the index at the front). Reads
/// and writes as it goes, so memory does not grow with the length. Errors: Errc::unsupported (no
/// H.264 or AAC encoder in this FFmpeg), Errc::corrupt, Errc::io.
Result<void> make_access_copy(const std::filesystem::path& source, const MediaInfo& info, const std::filesystem::path& out);

}  // namespace wenyuan::media
