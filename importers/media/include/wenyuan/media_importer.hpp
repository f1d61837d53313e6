// The media importer: recordings of intangible heritage (opera, folk song, storytelling, craft
// steps, festivals, inheritors' interviews) in any container and codec FFmpeg reads — MP4/MOV,
// MKV, WebM, AVI, MPEG-PS/TS, MP3, AAC/M4A, WAV, FLAC, Ogg/Opus, AMR.
//
// For each file it records the technical metadata of the original (duration, streams, codecs,
// resolution, frame rate, rotation, sample rate, channels, bit rates, chapters, tags), and makes
// derivatives: a poster frame (as `thumbnail` 256 px and `preview` ≤ 2048 px JPEG, black and
// blank frames skipped), a `contact_sheet` JPEG, a `waveform` PNG for sound-only items, and with
// ImportOptions::access_copy an `access` H.264/AAC MP4 ≤ 720p when the original is not already
// kiosk-friendly. WebVTT/SRT sidecars (clip.srt, clip.zh.vtt, clip.en.srt) become `captions`
// assets with their language, and so do text subtitle streams inside the file (mov_text, WebVTT,
// SRT/ASS, written out as WebVTT); their cues are indexed for search with timecodes; embedded
// chapters and a segments CSV (clip.segments.csv, or a manifest's `segments` column) become the
// item's segments.
//
// Options (ImportOptions::extra): "contact-sheet-frames" (default 12, 0 for none).
//
// Errors are one line naming the file: "media importer: clip.mp4: not a recording FFmpeg can
// read (Invalid data found when processing input)". Thread safety: re-entrant.
#pragma once

#include <memory>

#include "wenyuan/importer.hpp"

namespace wenyuan {

/// The media importer (name "media"): scores 60 for audio and video, 40 for files whose name
/// says audio or video but whose bytes do not (to report them clearly instead of archiving them
/// as something else). Creating it sets FFmpeg's log level to quiet for the whole process: the
/// importer reports problems itself, one line per file.
std::unique_ptr<Importer> make_media_importer();

}  // namespace wenyuan
