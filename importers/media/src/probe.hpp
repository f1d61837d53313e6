// Probing a recording with libavformat: container, streams, codecs, chapters and tags.
// Private to the media importer; re-entrant (every call has its own contexts).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "av_handles.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::media {

struct StreamInfo {
    int index = 0;
    std::string type;  ///< "video", "audio", "subtitle", "data", "attachment"
    std::string codec;  ///< FFmpeg's short codec name: "h264", "aac", "mov_text"
    std::string profile;
    bool decodable = false;    ///< this build has a decoder for it
    bool cover_art = false;    ///< a still picture attached to an audio file
    int width = 0, height = 0;  ///< coded size
    double frame_rate = 0;     ///< frames per second (average, else nominal)
    int rotation = 0;          ///< clockwise degrees to display upright: 0, 90, 180, 270
    double sample_aspect = 1;  ///< pixel width / height
    std::string pixel_format;
    int sample_rate = 0, channels = 0;
    std::string channel_layout, sample_format;
    std::int64_t bit_rate = 0;
    double duration = 0;     ///< seconds, 0 when unknown
    std::int64_t frames = 0;  ///< as the container says, 0 when unknown
    std::string language;
    std::map<std::string, std::string> tags;
};

struct ChapterInfo {
    double start = 0, end = 0;  ///< seconds
    std::string title;
};

struct MediaInfo {
    std::string container, container_long;
    double duration = 0;  ///< seconds, 0 when unknown
    bool duration_known = false;
    std::int64_t bit_rate = 0;
    std::int64_t file_size = 0;
    std::map<std::string, std::string> tags;  ///< container tags, keys lower case
    std::vector<StreamInfo> streams;
    std::vector<ChapterInfo> chapters;
    int video = -1;  ///< index in `streams` of the main picture stream (not cover art), or -1
    int audio = -1;  ///< index in `streams` of the main sound stream, or -1
    std::vector<std::string> warnings;

    const StreamInfo* main_video() const { return video < 0 ? nullptr : &streams[static_cast<std::size_t>(video)]; }
    const StreamInfo* main_audio() const { return audio < 0 ? nullptr : &streams[static_cast<std::size_t>(audio)]; }
};

/// Opens a file with libavformat and reads enough packets to know its streams. Every read and
/// seek on the input fails once `limit` has passed since the open (a stalled disk or network
/// mount cannot hold a worker for ever); `input_timed_out` tells whether that happened.
/// Errors: Errc::corrupt ("not a recording FFmpeg can read: <reason>"), Errc::limit.
Result<InputPtr> open_input(const std::filesystem::path& file,
                            std::chrono::seconds limit = std::chrono::seconds(900));

/// True when the input's time limit has passed (its reads stopped early).
bool input_timed_out(const AVFormatContext* input);

/// What the opened file holds. Adds warnings for a container index that points past the end of
/// the file (a truncated copy) and an unknown duration.
MediaInfo describe(AVFormatContext* input, const std::filesystem::path& file);

/// Checks that the recording is usable: some decodable audio or video stream, a duration that
/// is not zero. Errors: Errc::corrupt, Errc::unsupported, with a one-line reason.
Result<void> check_usable(const MediaInfo& info);

/// The technical metadata of the original as a JSON object (UTF-8, invalid bytes replaced).
std::string tech_json(const MediaInfo& info);

}  // namespace wenyuan::media
