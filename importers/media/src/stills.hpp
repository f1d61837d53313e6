// Still pictures of a recording: the poster frame, a contact sheet, and a waveform for sound.
// Private to the media importer; each call decodes with its own decoder (re-entrant).
#pragma once

#include <string>
#include <vector>

#include "picture.hpp"
#include "probe.hpp"

namespace wenyuan::media {

struct Poster {
    Rgb picture;          ///< upright, at most `max_side` on its long side
    double time = 0;      ///< seconds into the recording
    LumaStats luma;
    bool blank = false;   ///< every candidate was black or uniform; the liveliest one is used
    int candidates = 0;   ///< frames looked at
};

/// The poster frame: the first frame at about 10% of the duration that is not black or blank;
/// when it is, later moments (15%, 25% … 65%) are tried, and when all are blank the one with
/// the most contrast is used. Each try seeks to the key frame before and decodes forward.
/// Errors: Errc::corrupt when no frame decodes at all.
Result<Poster> make_poster(AVFormatContext* input, const MediaInfo& info, int max_side);

/// The cover picture attached to a sound file (an album cover in an MP3 or M4A), upright and at
/// most `max_side`. Errors: Errc::not_found when there is none, Errc::corrupt when it does not decode.
Result<Rgb> decode_cover_art(AVFormatContext* input, const MediaInfo& info, int max_side);

/// `count` frames at even intervals, each the first frame after a key-frame seek, tiled in rows
/// of `columns`, each tile at most `tile_side` pixels on its long side. Frames that do not
/// decode stay dark. Errors: Errc::corrupt when none decodes.
Result<Rgb> make_contact_sheet(AVFormatContext* input, const MediaInfo& info, int count, int columns, int tile_side);

/// The sound's envelope (peak per column, mixed to mono), drawn `width` × `height`. Reads the
/// whole stream, in constant memory. Errors: Errc::corrupt when the sound does not decode.
Result<Rgb> make_waveform(AVFormatContext* input, const MediaInfo& info, int width, int height);

}  // namespace wenyuan::media
