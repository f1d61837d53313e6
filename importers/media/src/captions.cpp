// WebVTT and SRT captions: the cues' times and plain text.
#include <algorithm>
#include <cctype>
#include <fstream>

#include "item_tags.hpp"
#include "wenyuan/media_sidecars.hpp"

namespace wenyuan {
namespace {

constexpr std::size_t kMaxCaptionBytes = std::size_t{64} << 20;

// "00:01:02.500", "01:02.500" (WebVTT), "00:01:02,500" (SRT); 1–3 fraction digits tolerated.
bool parse_cue_time(std::string_view text, double& seconds) {
    std::vector<long> parts;
    std::size_t at = 0;
    long fraction = 0, scale = 1;
    bool in_fraction = false;
    long current = 0;
    int digits = 0;
    for (; at < text.size(); ++at) {
        const char c = text[at];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            if (++digits > 9) return false;
            if (in_fraction) {
                if (scale >= 1000) return false;
                fraction = fraction * 10 + (c - '0');
                scale *= 10;
            } else {
                current = current * 10 + (c - '0');
            }
        } else if (c == ':' && !in_fraction && digits > 0) {
            parts.push_back(current);
            current = 0;
            digits = 0;
        } else if ((c == '.' || c == ',') && !in_fraction && digits > 0) {
            parts.push_back(current);
            in_fraction = true;
            digits = 0;
        } else {
            return false;
        }
    }
    if (!in_fraction || scale == 1 || parts.size() < 2 || parts.size() > 3) return false;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        if (parts[i] >= 60) return false;
    }
    double total = 0;
    for (long part : parts) total = total * 60 + static_cast<double>(part);
    seconds = total + static_cast<double>(fraction) / static_cast<double>(scale);
    return true;
}

std::string trim(std::string_view text) {
    std::size_t from = 0, to = text.size();
    while (from < to && (text[from] == ' ' || text[from] == '\t')) ++from;
    while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t')) --to;
    return std::string(text.substr(from, to - from));
}

// Cue text without markup: <i>, <v Speaker>, <c.class>, <00:00:01.000>, {\an8}; entities decoded.
std::string plain_text(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '<') {
            const std::size_t close = text.find('>', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (c == '{' && i + 1 < text.size() && text[i + 1] == '\\') {
            const std::size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                i = close;
                continue;
            }
        }
        if (c == '&') {
            static constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", " "}, {"&lrm;", ""}, {"&rlm;", ""}};
            bool replaced = false;
            for (const auto& [entity, value] : kEntities) {
                if (text.substr(i, entity.size()) == entity) {
                    out += value;
                    i += entity.size() - 1;
                    replaced = true;
                    break;
                }
            }
            if (replaced) continue;
        }
        out += c;
    }
    return trim(out);
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
            lines.push_back(text.substr(start, i - start));
            if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
            start = i + 1;
        }
    }
    return lines;
}

Result<void> check_encoding(std::string_view bytes, const std::string& name) {
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        return fail(Errc::corrupt, name + ": the captions are UTF-16; save them as UTF-8");
    }
    if (bytes.find('\0') != std::string_view::npos) {
        return fail(Errc::corrupt, name + ": NUL bytes: not a text file; save the captions as UTF-8");
    }
    if (!media::valid_utf8(bytes)) {
        // Find the first bad line for the message.
        std::size_t line = 1, start = 0;
        for (std::size_t i = 0; i <= bytes.size(); ++i) {
            if (i == bytes.size() || bytes[i] == '\n') {
                if (!media::valid_utf8(bytes.substr(start, i - start))) break;
                ++line;
                start = i + 1;
            }
        }
        return fail(Errc::corrupt, name + ":" + std::to_string(line) +
                                       ": not UTF-8 (GBK or another legacy encoding?); save the captions as UTF-8");
    }
    return {};
}

}  // namespace

Result<Captions> parse_captions(std::string_view bytes, std::string_view name_view) {
    const std::string name(name_view);
    WENYUAN_TRY(check_encoding(bytes, name));
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    Captions captions;
    const auto lines = split_lines(bytes);
    std::size_t i = 0;
    const bool vtt = !lines.empty() && lines[0].substr(0, 6) == "WEBVTT";
    captions.format = vtt ? "vtt" : "srt";
    if (vtt) {
        while (i < lines.size() && !trim(lines[i]).empty()) ++i;  // the header block
    }
    double previous_end = -1;
    while (i < lines.size()) {
        while (i < lines.size() && trim(lines[i]).empty()) ++i;
        if (i >= lines.size()) break;
        // One block: up to the next blank line.
        const std::size_t block = i;
        std::size_t end = i;
        while (end < lines.size() && !trim(lines[end]).empty()) ++end;
        i = end;
        const std::string first = trim(lines[block]);
        if (vtt && (first.rfind("NOTE", 0) == 0 || first == "STYLE" || first == "REGION")) continue;
        std::size_t timing = block;
        if (lines[timing].find("-->") == std::string_view::npos && timing + 1 < end) ++timing;  // a cue identifier
        const std::string_view timing_line = lines[timing];
        const std::size_t arrow = timing_line.find("-->");
        const std::string where = name + ":" + std::to_string(timing + 1);
        if (arrow == std::string_view::npos) {
            captions.warnings.push_back(where + ": no timing line ('start --> end'); block skipped");
            continue;
        }
        const std::string from = trim(timing_line.substr(0, arrow));
        std::string to = trim(timing_line.substr(arrow + 3));
        if (const auto space = to.find_first_of(" \t"); space != std::string::npos) to.resize(space);  // VTT settings
        CaptionCue cue;
        cue.line = timing + 1;
        if (!parse_cue_time(from, cue.start) || !parse_cue_time(to, cue.end)) {
            captions.warnings.push_back(where + ": bad timecode '" + trim(timing_line) + "'; cue skipped");
            continue;
        }
        if (cue.end < cue.start) {
            captions.warnings.push_back(where + ": the cue ends before it starts; cue skipped");
            continue;
        }
        for (std::size_t k = timing + 1; k < end; ++k) {
            const std::string text = plain_text(lines[k]);
            if (text.empty()) continue;
            if (!cue.text.empty()) cue.text += '\n';
            cue.text += text;
        }
        if (cue.text.empty()) continue;
        if (cue.start < previous_end) ++captions.overlapping;
        previous_end = std::max(previous_end, cue.end);
        captions.cues.push_back(std::move(cue));
    }
    if (captions.cues.empty()) {
        return fail(Errc::corrupt, name + ": no caption cue could be read" +
                                       (captions.warnings.empty() ? std::string() : " (" + captions.warnings.front() + ")"));
    }
    return captions;
}

Result<Captions> read_captions(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Errc::io, name + ": cannot read the captions (" + ec.message() + ")");
    if (size > kMaxCaptionBytes) return fail(Errc::limit, name + ": " + std::to_string(size) + " bytes is too large for captions");
    std::ifstream in(file, std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        return fail(Errc::io, name + ": cannot read the captions");
    }
    return parse_captions(bytes, name);
}

}  // namespace wenyuan
