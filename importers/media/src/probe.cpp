#include "probe.hpp"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include <cctype>
#include <cmath>
#include <system_error>

#include <nlohmann/json.hpp>

namespace wenyuan::media {
namespace {

std::map<std::string, std::string> read_tags(const AVDictionary* dictionary) {
    std::map<std::string, std::string> tags;
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(dictionary, "", entry, AV_DICT_IGNORE_SUFFIX))) {
        std::string key = entry->key;
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        tags[key] = entry->value ? entry->value : "";
    }
    return tags;
}

double seconds(std::int64_t value, AVRational base) {
    if (value == AV_NOPTS_VALUE) return 0;
    return static_cast<double>(value) * av_q2d(base);
}

int rotation_of(const AVStream* stream) {
    std::size_t size = 0;
    const auto* matrix = reinterpret_cast<const int32_t*>(
        av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size));
    if (!matrix || size < 9 * sizeof(int32_t)) return 0;
    // av_display_rotation_get gives counter-clockwise degrees; a player turns clockwise by its negation.
    const double ccw = av_display_rotation_get(matrix);
    if (std::isnan(ccw)) return 0;
    int clockwise = static_cast<int>(std::lround(-ccw)) % 360;
    if (clockwise < 0) clockwise += 360;
    return (clockwise + 45) / 90 * 90 % 360;
}

StreamInfo stream_info(const AVStream* stream) {
    const AVCodecParameters* par = stream->codecpar;
    StreamInfo info;
    info.index = stream->index;
    const char* type = av_get_media_type_string(par->codec_type);
    info.type = type ? type : "unknown";
    info.codec = avcodec_get_name(par->codec_id);
    if (const char* profile = avcodec_profile_name(par->codec_id, par->profile)) info.profile = profile;
    info.decodable = avcodec_find_decoder(par->codec_id) != nullptr;
    info.cover_art = (stream->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
    info.bit_rate = par->bit_rate;
    info.duration = seconds(stream->duration, stream->time_base);
    info.frames = stream->nb_frames;
    info.tags = read_tags(stream->metadata);
    if (auto it = info.tags.find("language"); it != info.tags.end() && it->second != "und") info.language = it->second;
    if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
        info.width = par->width;
        info.height = par->height;
        AVRational rate = stream->avg_frame_rate.num ? stream->avg_frame_rate : stream->r_frame_rate;
        info.frame_rate = rate.den ? av_q2d(rate) : 0;
        info.rotation = rotation_of(stream);
        if (par->sample_aspect_ratio.num > 0 && par->sample_aspect_ratio.den > 0) {
            info.sample_aspect = av_q2d(par->sample_aspect_ratio);
        }
        if (const char* name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format))) info.pixel_format = name;
    } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
        info.sample_rate = par->sample_rate;
        info.channels = par->ch_layout.nb_channels;
        char layout[128] = {};
        if (par->ch_layout.order != AV_CHANNEL_ORDER_UNSPEC &&
            av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0) {
            info.channel_layout = layout;
        }
        if (const char* name = av_get_sample_fmt_name(static_cast<AVSampleFormat>(par->format))) info.sample_format = name;
    }
    return info;
}

// How far into the file the container's own index reaches: an MP4 whose sample table points past
// the end of the file is a truncated copy.
std::int64_t indexed_end(const AVFormatContext* input) {
    std::int64_t end = 0;
    for (unsigned i = 0; i < input->nb_streams; ++i) {
        AVStream* stream = input->streams[i];
        const int count = avformat_index_get_entries_count(stream);
        if (count <= 0) continue;
        if (const AVIndexEntry* last = avformat_index_get_entry(stream, count - 1); last && last->pos > 0) {
            end = std::max(end, last->pos + last->size);
        }
    }
    return end;
}

nlohmann::json stream_json(const StreamInfo& s) {
    nlohmann::json out = {{"index", s.index}, {"type", s.type}, {"codec", s.codec}};
    if (!s.profile.empty()) out["profile"] = s.profile;
    if (!s.decodable) out["decodable"] = false;
    if (s.cover_art) out["cover_art"] = true;
    if (s.type == "video") {
        out["width"] = s.width;
        out["height"] = s.height;
        if (s.frame_rate > 0) out["frame_rate"] = std::round(s.frame_rate * 1000) / 1000;
        if (s.rotation) out["rotation"] = s.rotation;
        if (s.sample_aspect != 1) out["sample_aspect"] = s.sample_aspect;
        if (!s.pixel_format.empty()) out["pixel_format"] = s.pixel_format;
    }
    if (s.type == "audio") {
        out["sample_rate"] = s.sample_rate;
        out["channels"] = s.channels;
        if (!s.channel_layout.empty()) out["channel_layout"] = s.channel_layout;
        if (!s.sample_format.empty()) out["sample_format"] = s.sample_format;
    }
    if (s.bit_rate > 0) out["bit_rate"] = s.bit_rate;
    if (s.duration > 0) out["duration"] = std::round(s.duration * 1000) / 1000;
    if (s.frames > 0) out["frames"] = s.frames;
    if (!s.language.empty()) out["language"] = s.language;
    if (!s.tags.empty()) out["tags"] = s.tags;
    return out;
}

}  // namespace

Result<InputPtr> open_input(const std::filesystem::path& file, std::chrono::seconds limit) {
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return fail(Errc::internal, "out of memory");
    auto* deadline = new Deadline{std::chrono::steady_clock::now() + limit};
    raw->interrupt_callback = {&Deadline::interrupt, deadline};
    if (int code = avformat_open_input(&raw, file.c_str(), nullptr, nullptr); code < 0) {
        delete deadline;  // avformat_open_input freed the context
        if (code == AVERROR_EXIT) return fail(Errc::limit, "gave up opening the file after " + std::to_string(limit.count()) + " s");
        return fail(Errc::corrupt, "not a recording FFmpeg can read (" + av_error_text(code) + ")");
    }
    InputPtr input(raw);
    if (int code = avformat_find_stream_info(input.get(), nullptr); code < 0) {
        return fail(Errc::corrupt, "cannot read the streams (" + av_error_text(code) + ")");
    }
    return input;
}

bool input_timed_out(const AVFormatContext* input) {
    const auto* deadline = static_cast<const Deadline*>(input->interrupt_callback.opaque);
    return deadline && deadline->passed();
}

MediaInfo describe(AVFormatContext* input, const std::filesystem::path& file) {
    MediaInfo info;
    info.container = input->iformat->name;
    if (input->iformat->long_name) info.container_long = input->iformat->long_name;
    info.duration_known = input->duration != AV_NOPTS_VALUE;
    info.duration = info.duration_known ? static_cast<double>(input->duration) / AV_TIME_BASE : 0;
    info.bit_rate = input->bit_rate;
    info.tags = read_tags(input->metadata);
    std::error_code ec;
    info.file_size = static_cast<std::int64_t>(std::filesystem::file_size(file, ec));
    for (unsigned i = 0; i < input->nb_streams; ++i) info.streams.push_back(stream_info(input->streams[i]));
    for (unsigned i = 0; i < input->nb_chapters; ++i) {
        const AVChapter* chapter = input->chapters[i];
        auto tags = read_tags(chapter->metadata);
        info.chapters.push_back({seconds(chapter->start, chapter->time_base), seconds(chapter->end, chapter->time_base),
                                 tags.count("title") ? tags["title"] : ""});
    }
    const int video = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (video >= 0 && !info.streams[static_cast<std::size_t>(video)].cover_art) info.video = video;
    if (info.video < 0) {  // best_stream may pick cover art; look for a real picture stream
        for (const StreamInfo& s : info.streams) {
            if (s.type == "video" && !s.cover_art && s.decodable) {
                info.video = s.index;
                break;
            }
        }
    }
    const int audio = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (audio >= 0) info.audio = audio;
    if (!info.duration_known) info.warnings.push_back("the container does not say how long the recording is");
    if (const std::int64_t end = indexed_end(input); info.file_size > 0 && end > info.file_size) {
        info.warnings.push_back("truncated: the container's index reaches byte " + std::to_string(end) +
                                " but the file has " + std::to_string(info.file_size));
    }
    return info;
}

Result<void> check_usable(const MediaInfo& info) {
    bool any_stream = false, decodable = false;
    for (const StreamInfo& s : info.streams) {
        if ((s.type == "video" && !s.cover_art) || s.type == "audio") {
            any_stream = true;
            decodable = decodable || s.decodable;
        }
    }
    if (!any_stream) return fail(Errc::corrupt, "no audio or video stream in the " + info.container + " container");
    if (!decodable) {
        std::string codecs;
        for (const StreamInfo& s : info.streams) codecs += (codecs.empty() ? "" : ", ") + s.codec;
        return fail(Errc::unsupported, "no stream this build can decode (" + codecs + ")");
    }
    if (info.duration_known && info.duration <= 0) {
        return fail(Errc::corrupt, "the recording has zero duration");
    }
    return {};
}

std::string tech_json(const MediaInfo& info) {
    nlohmann::json out = {{"container", info.container}};
    if (!info.container_long.empty()) out["container_long"] = info.container_long;
    if (info.duration_known) out["duration"] = std::round(info.duration * 1000) / 1000;
    if (info.bit_rate > 0) out["bit_rate"] = info.bit_rate;
    if (const StreamInfo* video = info.main_video()) {
        const bool turned = video->rotation == 90 || video->rotation == 270;
        const int display_width = static_cast<int>(std::lround(video->width * video->sample_aspect));
        out["width"] = turned ? video->height : display_width;
        out["height"] = turned ? display_width : video->height;
        out["video_codec"] = video->codec;
        if (video->frame_rate > 0) out["frame_rate"] = std::round(video->frame_rate * 1000) / 1000;
        if (video->rotation) out["rotation"] = video->rotation;
    }
    if (const StreamInfo* audio = info.main_audio()) {
        out["audio_codec"] = audio->codec;
        out["sample_rate"] = audio->sample_rate;
        out["channels"] = audio->channels;
    }
    out["streams"] = nlohmann::json::array();
    for (const StreamInfo& s : info.streams) out["streams"].push_back(stream_json(s));
    if (!info.chapters.empty()) {
        out["chapters"] = nlohmann::json::array();
        for (const ChapterInfo& c : info.chapters) {
            out["chapters"].push_back({{"start", std::round(c.start * 1000) / 1000},
                                       {"end", std::round(c.end * 1000) / 1000},
                                       {"title", c.title}});
        }
    }
    if (!info.tags.empty()) out["tags"] = info.tags;
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace wenyuan::media
