// Text subtitle streams inside a container (mov_text in MP4, WebVTT in WebM, SRT/ASS in MKV),
// read out as caption cues. Private to the media importer; re-entrant.
#pragma once

#include <string>
#include <vector>

#include "probe.hpp"
#include "wenyuan/media_sidecars.hpp"

namespace wenyuan::media {

struct EmbeddedCaptions {
    int stream = 0;        ///< the stream index
    std::string lang;      ///< the stream's language tag, if any
    std::string codec;     ///< "mov_text", "webvtt", "subrip", "ass"
    std::vector<CaptionCue> cues;
};

/// Every text subtitle stream of the file with its cues (bitmap subtitles are left out). Reads
/// the packets of the whole file once, in constant memory apart from the cues' text. Streams
/// whose decoder fails give no entry.
std::vector<EmbeddedCaptions> read_embedded_captions(AVFormatContext* input, const MediaInfo& info);

/// The cues as a WebVTT file.
std::string to_webvtt(const std::vector<CaptionCue>& cues);

}  // namespace wenyuan::media
