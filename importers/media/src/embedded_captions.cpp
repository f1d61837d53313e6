#include "embedded_captions.hpp"

#include <cstdio>
#include <map>

#include "item_tags.hpp"

namespace wenyuan::media {
namespace {

struct SubtitleFreer {
    void operator()(AVSubtitle* subtitle) const noexcept {
        avsubtitle_free(subtitle);
        delete subtitle;
    }
};

// The text of an ASS event as FFmpeg gives it ("ReadOrder,Layer,Style,Name,MarginL,MarginR,
// MarginV,Effect,Text"), without override tags; \N and \n are line breaks.
std::string ass_text(const char* ass) {
    std::string_view line = ass ? ass : "";
    if (line.rfind("Dialogue:", 0) == 0) line.remove_prefix(9);
    for (int commas = 0; commas < 8 && !line.empty(); line.remove_prefix(1)) {
        if (line.front() == ',') ++commas;
        if (commas == 8) {
            line.remove_prefix(1);
            break;
        }
    }
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '{') {
            const std::size_t close = line.find('}', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == 'N' || line[i + 1] == 'n')) {
            out += '\n';
            ++i;
            continue;
        }
        if (line[i] == '\r' || (line[i] == '\n' && i + 1 == line.size())) continue;
        out += line[i];
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// ISO 639-2 codes, as containers tag streams, to the BCP 47 tags captions sidecars use.
std::string bcp47(const std::string& code) {
    static const std::map<std::string, std::string> kTwoLetter = {
        {"chi", "zh"}, {"zho", "zh"}, {"eng", "en"}, {"jpn", "ja"}, {"kor", "ko"}, {"fre", "fr"}, {"fra", "fr"},
        {"ger", "de"}, {"deu", "de"}, {"rus", "ru"}, {"spa", "es"}, {"mon", "mn"}, {"tib", "bo"}, {"bod", "bo"},
        {"uig", "ug"}, {"vie", "vi"}, {"tha", "th"}};
    auto it = kTwoLetter.find(code);
    return it == kTwoLetter.end() ? code : it->second;
}

std::string vtt_time(double seconds) {
    const long long ms = static_cast<long long>(seconds * 1000 + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
    return buffer;
}

}  // namespace

std::vector<EmbeddedCaptions> read_embedded_captions(AVFormatContext* input, const MediaInfo& info) {
    std::map<int, std::pair<EmbeddedCaptions, CodecPtr>> streams;
    for (const StreamInfo& s : info.streams) {
        if (s.type != "subtitle" || !s.decodable) continue;
        const AVCodecDescriptor* descriptor = avcodec_descriptor_get(input->streams[s.index]->codecpar->codec_id);
        if (!descriptor || !(descriptor->props & AV_CODEC_PROP_TEXT_SUB)) continue;
        const AVCodec* decoder = avcodec_find_decoder(input->streams[s.index]->codecpar->codec_id);
        CodecPtr codec(avcodec_alloc_context3(decoder));
        if (!codec || avcodec_parameters_to_context(codec.get(), input->streams[s.index]->codecpar) < 0) continue;
        codec->pkt_timebase = input->streams[s.index]->time_base;
        if (avcodec_open2(codec.get(), decoder, nullptr) < 0) continue;
        streams.emplace(s.index, std::make_pair(EmbeddedCaptions{s.index, bcp47(s.language), s.codec, {}}, std::move(codec)));
    }
    std::vector<EmbeddedCaptions> out;
    if (streams.empty()) return out;
    av_seek_frame(input, -1, 0, AVSEEK_FLAG_BACKWARD);
    PacketPtr packet(av_packet_alloc());
    if (!packet) return out;
    while (av_read_frame(input, packet.get()) >= 0) {
        auto found = streams.find(packet->stream_index);
        if (found != streams.end() && packet->pts != AV_NOPTS_VALUE) {
            const AVStream* stream = input->streams[packet->stream_index];
            std::unique_ptr<AVSubtitle, SubtitleFreer> subtitle(new AVSubtitle{});
            int got = 0;
            if (avcodec_decode_subtitle2(found->second.second.get(), subtitle.get(), &got, packet.get()) >= 0 && got) {
                std::int64_t pts = packet->pts - (stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0);
                const double at = static_cast<double>(pts) * av_q2d(stream->time_base);
                double end = at + static_cast<double>(packet->duration) * av_q2d(stream->time_base);
                if (subtitle->end_display_time > subtitle->start_display_time && subtitle->end_display_time != UINT32_MAX) {
                    end = at + subtitle->end_display_time / 1000.0;
                }
                std::string text;
                for (unsigned i = 0; i < subtitle->num_rects; ++i) {
                    const AVSubtitleRect* rect = subtitle->rects[i];
                    std::string part = rect->type == SUBTITLE_ASS ? ass_text(rect->ass) : rect->text ? rect->text : "";
                    if (part.empty()) continue;
                    text += (text.empty() ? "" : "\n") + part;
                }
                if (!text.empty() && valid_utf8(text)) {
                    found->second.first.cues.push_back({at + subtitle->start_display_time / 1000.0, std::max(end, at), text, 0});
                }
            }
        }
        av_packet_unref(packet.get());
    }
    for (auto& [index, entry] : streams) {
        if (!entry.first.cues.empty()) out.push_back(std::move(entry.first));
    }
    return out;
}

std::string to_webvtt(const std::vector<CaptionCue>& cues) {
    std::string out = "WEBVTT\n";
    for (const CaptionCue& cue : cues) {
        out += "\n" + vtt_time(cue.start) + " --> " + vtt_time(cue.end) + "\n" + cue.text + "\n";
    }
    return out;
}

}  // namespace wenyuan::media
