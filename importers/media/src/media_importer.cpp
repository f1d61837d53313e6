// The media importer: probe, then stills (poster, contact sheet, waveform), captions, segments
// and an optional access copy. Format logic lives in the files named below; this one glues.
#include "wenyuan/media_importer.hpp"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "access_copy.hpp"
#include "embedded_captions.hpp"
#include "item_tags.hpp"
#include "probe.hpp"
#include "stills.hpp"
#include "wenyuan/media_sidecars.hpp"

namespace wenyuan {
namespace {

constexpr int kThumbnailSide = 256;
constexpr int kPreviewSide = 2048;
constexpr int kTileSide = 240;

std::string picture_json(const media::Rgb& picture, nlohmann::json extra = nlohmann::json::object()) {
    extra["width"] = picture.width;
    extra["height"] = picture.height;
    return extra.dump();
}

int option_int(const ImportOptions& options, const std::string& name, int fallback) {
    auto it = options.extra.find(name);
    if (it == options.extra.end()) return fallback;
    char* end = nullptr;
    const long value = std::strtol(it->second.c_str(), &end, 10);
    return (end && *end == '\0' && value >= 0 && value <= 100) ? static_cast<int>(value) : fallback;
}

bool is_media(std::string_view mime) {
    const std::string_view kind = kind_for_mime(mime);
    return kind == "video" || kind == "audio";
}

class MediaImporter final : public Importer {
public:
    std::string_view name() const noexcept override { return "media"; }

    int score(const Sniffed& sniffed) const noexcept override {
        if (sniffed.kind == "video" || sniffed.kind == "audio") return 60;
        if (is_media(sniffed.extension_mime)) return 40;  // misnamed: say so clearly
        return 0;
    }

    // Caption sidecars (clip.srt, clip.zh.vtt) and clip.segments.csv of a recording.
    std::vector<std::filesystem::path> companions(const std::filesystem::path& file,
                                                  std::span<const std::filesystem::path> planned) const override {
        if (!is_media(mime_for_extension(file.filename().string()))) return {};
        const std::string stem = file.stem().string();
        const std::filesystem::path prefix = file.parent_path() / (stem + ".");
        std::vector<std::filesystem::path> out;
        for (auto it = std::lower_bound(planned.begin(), planned.end(), prefix); it != planned.end(); ++it) {
            if (it->parent_path() != file.parent_path()) {
                if (it->string().rfind(prefix.string(), 0) == 0) continue;  // a subfolder named clip.x
                break;
            }
            const std::string name = it->filename().string();
            if (name.rfind(stem + ".", 0) != 0) break;
            std::string lang;
            if (caption_sidecar_lang(stem, name, lang) || name == stem + ".segments.csv") out.push_back(*it);
        }
        return out;
    }

private:
    Result<ImportOutput> do_import(ImportJob& job) const override {
        const Sniffed& sniffed = job.sniffed();
        auto input = media::open_input(job.source());
        if (!input) {
            if (!is_media(sniffed.mime)) {
                return fail(Errc::corrupt, "the name says " + sniffed.extension_mime + " but the bytes are " + sniffed.mime +
                                               ", not a recording");
            }
            return fail(std::move(input).error());
        }
        media::MediaInfo info = media::describe(input->get(), job.source());
        WENYUAN_TRY(media::check_usable(info));

        ImportOutput output;
        output.original_tech_json = media::tech_json(info);
        output.warnings = info.warnings;
        media::apply_tags(info.tags, output.item);

        if (info.main_video()) {
            WENYUAN_TRY(add_video_stills(job, *input, info, output));
        } else {
            WENYUAN_TRY(add_sound_stills(job, *input, info, output));
        }
        WENYUAN_TRY(add_captions(job, output));
        WENYUAN_TRY(add_embedded_captions(job, *input, info, output));
        add_segments(job, info, output);
        if (media::input_timed_out(input->get())) {
            return fail(Errc::limit, "gave up: reading the recording took longer than 15 minutes");
        }
        if (job.options().access_copy && info.main_video()) WENYUAN_TRY(add_access_copy(job, info, output));
        return output;
    }

    // With --access-copy: an H.264/AAC MP4 ≤ 720p, unless the original already is one.
    static Result<void> add_access_copy(ImportJob& job, const media::MediaInfo& info, ImportOutput& output) {
        auto tech = nlohmann::json::parse(output.original_tech_json, nullptr, false);
        if (const std::string reason = media::kiosk_friendly(info); !reason.empty()) {
            tech["access_copy"] = "none: " + reason;
            output.original_tech_json = tech.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return {};
        }
        auto scratch = job.scratch_dir();
        if (!scratch) return fail(std::move(scratch).error());
        const auto file = *scratch / "access.mp4";
        if (auto made = media::make_access_copy(job.source(), info, file); !made) {
            output.warnings.push_back("no access copy: " + made.error().message);
            return {};
        }
        std::string copy_tech = "{}";
        if (auto copy = media::open_input(file)) copy_tech = media::tech_json(media::describe(copy->get(), file));
        auto asset = job.store_derivative_file("access", file, "video/mp4", job.source().stem().string() + ".access.mp4",
                                               copy_tech);
        if (!asset) return fail(std::move(asset).error());
        output.derivatives.push_back(std::move(*asset));
        return {};
    }

    // Sidecar captions (by name, or from the manifest) as caption assets with their cues.
    static Result<void> add_captions(ImportJob& job, ImportOutput& output) {
        std::vector<CaptionSidecar> sidecars = find_caption_sidecars(job.source());
        if (auto named = job.hints().files.find("captions"); named != job.hints().files.end()) {
            for (const auto& file : named->second) {
                if (std::any_of(sidecars.begin(), sidecars.end(), [&](const auto& s) { return s.file == file; })) continue;
                // "clip.zh.srt" named in a manifest: the part before the extension is the language.
                std::string lang;
                const std::string stem = file.stem().string();
                if (const auto dot = stem.rfind('.'); dot != std::string::npos) {
                    caption_sidecar_lang(stem.substr(0, dot), file.filename().string(), lang);
                }
                sidecars.push_back({file, lang});
            }
        }
        for (const CaptionSidecar& sidecar : sidecars) {
            const std::string name = sidecar.file.filename().string();
            auto captions = read_captions(sidecar.file);
            if (!captions) {
                output.warnings.push_back("captions not attached: " + captions.error().message);
                continue;
            }
            nlohmann::json tech = {{"format", captions->format}, {"cues", captions->cues.size()}};
            if (captions->overlapping) tech["overlapping"] = captions->overlapping;
            auto asset = job.store_derivative_file("captions", sidecar.file,
                                                   captions->format == "vtt" ? "text/vtt" : "application/x-subrip", name,
                                                   tech.dump());
            if (!asset) return fail(std::move(asset).error());
            asset->lang = sidecar.lang;
            asset->derived_from_index.reset();  // a sidecar, not made from the original
            asset->warnings = captions->warnings;
            output.derivatives.push_back(std::move(*asset));
            const std::size_t asset_index = output.derivatives.size();  // the original is 0
            for (CaptionCue& cue : captions->cues) {
                output.timed.cues.push_back({asset_index, cue.start, cue.end, std::move(cue.text)});
            }
            output.warnings.insert(output.warnings.end(), captions->warnings.begin(), captions->warnings.end());
        }
        return {};
    }

    // Text subtitle streams in the container, written out as WebVTT caption assets.
    static Result<void> add_embedded_captions(ImportJob& job, media::InputPtr& input, const media::MediaInfo& info,
                                              ImportOutput& output) {
        for (media::EmbeddedCaptions& captions : media::read_embedded_captions(input.get(), info)) {
            const std::string name = job.source().stem().string() + "." + (captions.lang.empty() ? "" : captions.lang + ".") +
                                     "stream" + std::to_string(captions.stream) + ".vtt";
            nlohmann::json tech = {{"format", "vtt"}, {"cues", captions.cues.size()}, {"stream", captions.stream},
                                   {"from", captions.codec}};
            auto asset = job.store_derivative("captions", media::to_webvtt(captions.cues), "text/vtt", name, tech.dump());
            if (!asset) return fail(std::move(asset).error());
            asset->lang = captions.lang;
            output.derivatives.push_back(std::move(*asset));
            const std::size_t asset_index = output.derivatives.size();
            for (CaptionCue& cue : captions.cues) {
                output.timed.cues.push_back({asset_index, cue.start, cue.end, std::move(cue.text)});
            }
        }
        return {};
    }

    // Chapters in the file, then a segments CSV (clip.segments.csv, or the manifest's).
    static void add_segments(ImportJob& job, const media::MediaInfo& info, ImportOutput& output) {
        for (std::size_t i = 0; i < info.chapters.size(); ++i) {
            const media::ChapterInfo& chapter = info.chapters[i];
            std::string title = chapter.title;
            if (title.empty() || !media::valid_utf8(title)) title = "第" + std::to_string(i + 1) + "章";
            if (chapter.end < chapter.start || chapter.start < 0) {
                output.warnings.push_back("chapter " + std::to_string(i + 1) + " ends before it starts; left out");
                continue;
            }
            output.timed.segments.push_back({chapter.start, chapter.end, title, "", "chapter"});
        }
        std::vector<std::pair<std::filesystem::path, std::string>> csvs;
        if (auto csv = find_segments_csv(job.source()); !csv.empty()) csvs.emplace_back(csv, "csv");
        if (auto named = job.hints().files.find("segments"); named != job.hints().files.end()) {
            for (const auto& file : named->second) {
                if (std::none_of(csvs.begin(), csvs.end(), [&](const auto& c) { return c.first == file; })) {
                    csvs.emplace_back(file, "manifest");
                }
            }
        }
        if (auto inline_segments = job.hints().values.find("segments"); inline_segments != job.hints().values.end()) {
            for (const std::string& text : inline_segments->second) {
                auto segment = parse_inline_segment(text);
                if (!segment) {
                    output.warnings.push_back("manifest segment '" + text + "' left out: " + segment.error().message);
                } else {
                    output.timed.segments.push_back(std::move(*segment));
                }
            }
        }
        for (const auto& [csv, source] : csvs) {
            auto segments = read_segments_csv(csv, source, output.warnings);
            if (!segments) {
                output.warnings.push_back("segments not read: " + segments.error().message);
                continue;
            }
            for (SegmentDraft& segment : *segments) {
                if (info.duration_known && segment.start > info.duration + 0.5) {
                    output.warnings.push_back(csv.filename().string() + ": segment '" + segment.title + "' starts at " +
                                              format_timecode(segment.start) + ", after the end of the recording");
                }
                output.timed.segments.push_back(std::move(segment));
            }
        }
    }

    static Result<void> store_jpeg(ImportJob& job, ImportOutput& output, const media::Rgb& picture, const char* role,
                                   const std::string& name, nlohmann::json tech) {
        auto jpeg = media::encode_jpeg(picture);
        if (!jpeg) return fail(std::move(jpeg).error());
        auto asset = job.store_derivative(role, *jpeg, "image/jpeg", name, picture_json(picture, std::move(tech)));
        if (!asset) return fail(std::move(asset).error());
        output.derivatives.push_back(std::move(*asset));
        return {};
    }

    static Result<void> add_video_stills(ImportJob& job, media::InputPtr& input, const media::MediaInfo& info,
                                         ImportOutput& output) {
        const std::string stem = job.source().stem().string();
        auto poster = media::make_poster(input.get(), info, kPreviewSide);
        if (!poster) return fail(std::move(poster).error());
        nlohmann::json about = {{"poster_time", std::round(poster->time * 1000) / 1000},
                                {"luma_mean", std::round(poster->luma.mean * 10) / 10},
                                {"luma_stddev", std::round(poster->luma.stddev * 10) / 10}};
        if (poster->blank) output.warnings.push_back("every frame looked at is black or blank; the poster is the liveliest of them");
        auto thumbnail = media::scale_rgb(poster->picture, kThumbnailSide);
        if (!thumbnail) return fail(std::move(thumbnail).error());
        WENYUAN_TRY(store_jpeg(job, output, *thumbnail, "thumbnail", stem + ".thumbnail.jpg", about));
        WENYUAN_TRY(store_jpeg(job, output, poster->picture, "preview", stem + ".preview.jpg", about));
        if (const int frames = option_int(job.options(), "contact-sheet-frames", 12); frames > 0) {
            const int columns = frames <= 4 ? frames : frames <= 9 ? 3 : 4;
            auto sheet = media::make_contact_sheet(input.get(), info, frames, columns, kTileSide);
            if (!sheet) {
                output.warnings.push_back("no contact sheet: " + sheet.error().message);
            } else {
                WENYUAN_TRY(store_jpeg(job, output, *sheet, "contact_sheet", stem + ".contact.jpg",
                                       {{"frames", frames}, {"columns", columns}}));
            }
        }
        return {};
    }

    static Result<void> add_sound_stills(ImportJob& job, media::InputPtr& input, const media::MediaInfo& info,
                                         ImportOutput& output) {
        const std::string stem = job.source().stem().string();
        auto wave = media::make_waveform(input.get(), info, 1200, 240);
        if (!wave) return fail(std::move(wave).error());
        auto png = media::encode_png(*wave);
        if (!png) return fail(std::move(png).error());
        auto asset = job.store_derivative("waveform", *png, "image/png", stem + ".waveform.png", picture_json(*wave));
        if (!asset) return fail(std::move(asset).error());
        output.derivatives.push_back(std::move(*asset));
        // The album cover, when the file has one, shows better on a kiosk than the waveform.
        auto cover = media::decode_cover_art(input.get(), info, kPreviewSide);
        if (!cover && cover.error().code != Errc::not_found) output.warnings.push_back(cover.error().message);
        if (cover) WENYUAN_TRY(store_jpeg(job, output, *cover, "preview", stem + ".cover.jpg", {{"from", "cover art"}}));
        auto thumbnail = media::scale_rgb(cover ? *cover : *wave, kThumbnailSide);
        if (!thumbnail) return fail(std::move(thumbnail).error());
        return store_jpeg(job, output, *thumbnail, "thumbnail", stem + ".thumbnail.jpg",
                          {{"from", cover ? "cover art" : "waveform"}});
    }
};

}  // namespace

std::unique_ptr<Importer> make_media_importer() {
    // FFmpeg logs to stderr by default; the importer reports problems itself, as one line per file.
    av_log_set_level(AV_LOG_QUIET);
    return std::make_unique<MediaImporter>();
}

}  // namespace wenyuan
