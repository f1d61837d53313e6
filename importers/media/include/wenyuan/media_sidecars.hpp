// Files that come with a recording: WebVTT and SRT captions, and a segments CSV.
// Pure functions over bytes and names (sidecar lookup only lists a folder); thread-safe.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan {

struct CaptionCue {
    double start = 0, end = 0;  ///< seconds
    std::string text;           ///< plain text: tags (<i>, <v Speaker>, {\an8}) removed, lines joined by "\n"
    std::size_t line = 0;       ///< line of the timing in the file
};

struct Captions {
    std::string format;  ///< "vtt" or "srt"
    std::vector<CaptionCue> cues;  ///< in file order; overlapping cues are kept (two speakers)
    std::size_t overlapping = 0;   ///< cues that start before the previous one ends
    /// Loadable-but-imperfect: "clip.srt:12: bad timecode '00:01:xx,000'; cue skipped".
    std::vector<std::string> warnings;
};

/// Parses WebVTT (text starts with "WEBVTT") or SRT (anything else) captions. `name` starts
/// every message. A UTF-8 byte-order mark is skipped; CRLF, LF and CR line ends are read alike.
/// A cue with a bad timecode, or ending before it starts, is skipped with a warning naming the
/// line. Errors (Errc::corrupt): text that is not UTF-8 (UTF-16 and GBK named as such), NUL bytes,
/// a file with no usable cue.
Result<Captions> parse_captions(std::string_view bytes, std::string_view name);

/// Reads and parses a captions file (at most 64 MiB). Errors: as parse_captions, Errc::io,
/// Errc::limit.
Result<Captions> read_captions(const std::filesystem::path& file);

/// One captions file next to a recording, with the language its name gives.
struct CaptionSidecar {
    std::filesystem::path file;
    std::string lang;  ///< "zh" for clip.zh.vtt, "zh-Hant" for clip.zh-Hant.srt, "" for clip.srt
};

/// The language part of a sidecar's name for a recording with `stem`: "clip.zh.vtt" → "zh".
/// Empty when the name is just "<stem>.vtt"; false when the file is not a caption sidecar of
/// that stem (another stem, another extension, or a middle part that is not a language tag).
bool caption_sidecar_lang(std::string_view stem, std::string_view file_name, std::string& lang);

/// Caption sidecars (<stem>.vtt, <stem>.srt, <stem>.<lang>.vtt|srt) in the recording's folder,
/// sorted by name. Never fails: an unreadable folder gives none.
std::vector<CaptionSidecar> find_caption_sidecars(const std::filesystem::path& recording);

/// The segments CSV next to a recording: "<stem>.segments.csv", if it exists; else empty.
std::filesystem::path find_segments_csv(const std::filesystem::path& recording);

/// Reads a segments CSV: columns start, end, title, description (or 开始, 结束, 标题, 描述); times
/// as seconds, m:ss or h:mm:ss.mmm. Rows with bad times or no title are skipped with a warning
/// naming the line. `source` is recorded on each segment. Errors: an unreadable file, no
/// start/end/title columns.
Result<std::vector<SegmentDraft>> read_segments_csv(const std::filesystem::path& csv, std::string_view source,
                                                    std::vector<std::string>& warnings);

/// A segment written inline in a manifest cell: "1:30-5:00 第一折 游园" (an en dash or "~" also
/// separates the times; the rest is the title). Its source is "manifest".
/// Errors: Errc::invalid_argument when the times or the title are missing or bad.
Result<SegmentDraft> parse_inline_segment(std::string_view text);

}  // namespace wenyuan
