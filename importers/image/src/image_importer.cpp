#include "wenyuan/image_importer.hpp"

#include <cerrno>
#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/core/utils/logger.hpp>

#include "cerr_capture.hpp"
#include "exif.hpp"
#include "image_header.hpp"
#include "jpeg_codec.hpp"
#include "mapped_file.hpp"
#include "pixels.hpp"
#include "pyramid.hpp"
#include "quality.hpp"
#include "row_reader.hpp"

namespace wenyuan {
namespace {

using image::Format;
using image::ImageHeader;

constexpr int kThumbnailEdge = 256;
constexpr int kPreviewEdge = 2048;
constexpr int kTilesAbove = 4096;     // images with a longer edge get a tile pyramid
constexpr int kQualityViewEdge = 1024;
constexpr int kTileQuality = 80;     // tiles are seen at 1:1 or less; 85 costs 8% more time
constexpr int kMaxPagePreviews = 1000;

bool is_decoded_image_mime(std::string_view mime) {
    return mime == "image/jpeg" || mime == "image/png" || mime == "image/tiff" || mime == "image/bmp" ||
           mime == "image/webp" || mime == "image/jp2" || mime == "image/jpx" || mime == "image/x-jp2-codestream";
}

/// The header, read from a map of the whole file: a TIFF's directory may sit at its end.
Result<ImageHeader> read_header(const image::MappedFile& file) {
    auto header = image::read_image_header(file.bytes());
    if (!header && header.error().code == Errc::limit) {
        const std::string& reason = header.error().message;
        return fail(Errc::corrupt, "truncated: the file ends inside its " + reason.substr(0, reason.find(" header")) +
                                       " header");
    }
    return header;
}

std::string megapixels(std::uint64_t pixels) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f MP", pixels < 10'000'000 ? 1 : 0, pixels / 1e6);
    return text;
}

Result<void> check_dimensions(const ImageHeader& header, const ImportOptions& options) {
    if (header.width == 0 || header.height == 0) {
        return fail(Errc::corrupt, "the header says the image is " + std::to_string(header.width) + "×" +
                                       std::to_string(header.height) + " pixels");
    }
    const std::uint64_t pixels = std::uint64_t{header.width} * header.height;
    if (pixels > options.max_pixels) {
        return fail(Errc::limit, "claims " + std::to_string(header.width) + "×" + std::to_string(header.height) +
                                     " pixels (" + megapixels(pixels) + "), over the limit of " +
                                     megapixels(options.max_pixels) + "; if the image is real, raise it with --max-pixels");
    }
    return {};
}

nlohmann::json size_json(const cv::Mat& pixels) { return {{"width", pixels.cols}, {"height", pixels.rows}}; }

Result<AssetDraft> store_jpeg(ImportJob& job, const std::string& role, const std::string& name, const cv::Mat& pixels,
                              int quality, nlohmann::json tech) {
    auto jpeg = image::encode_jpeg(pixels, quality);
    if (!jpeg) return fail(std::move(jpeg).error());
    tech.update(size_json(pixels));
    return job.store_derivative(role, *jpeg, "image/jpeg", name, tech.dump());
}

/// The whole image at full size, as stored.
Result<cv::Mat> decode_whole(ImportJob& job, const ImageHeader& header, std::span<const std::byte> file) {
    if (header.format == Format::jpeg) return image::decode_jpeg(file, header, std::numeric_limits<int>::max());
    return image::decode_with_opencv(job.source(), header.format);
}

struct Decoded {
    cv::Mat base;  ///< displayed orientation, long edge at least min(2048, full) and at most 4096
    std::optional<AssetDraft> tiles;
};

/// Feeds the displayed image to a tile pyramid in bands: streamed (JPEG, TIFF, non-interlaced
/// PNG) when the pixels need no turning, else from the whole decoded image.
Result<Decoded> decode_with_tiles(ImportJob& job, const ImageHeader& header, int orientation,
                                  std::span<const std::byte> file, int display_width, int display_height) {
    auto scratch = job.scratch_dir();
    if (!scratch) return fail(std::move(scratch).error());
    const auto tar_file = *scratch / "tiles.tar";
    auto builder = image::PyramidBuilder::create(tar_file, display_width, display_height, kTilesAbove, kTileQuality);
    if (!builder) return fail(std::move(builder).error());

    if (image::can_stream(header) && orientation == 1) {
        auto reader = image::open_row_reader(job.source(), header);
        if (!reader) return fail(std::move(reader).error());
        if ((*reader)->width() != display_width || (*reader)->height() != display_height) {
            return fail(Errc::corrupt, "the image data's size disagrees with its header");
        }
        while (true) {
            auto band = (*reader)->read(image::kTileSize);
            if (!band) return fail(std::move(band).error());
            if (band->empty()) break;
            WENYUAN_TRY((*builder)->add_rows(*band));
        }
    } else {
        auto stored = decode_whole(job, header, file);
        if (!stored) return fail(std::move(stored).error());
        const cv::Mat displayed = image::apply_orientation(*stored, orientation);
        for (int y = 0; y < displayed.rows; y += image::kTileSize) {
            WENYUAN_TRY((*builder)->add_rows(displayed.rowRange(y, std::min(displayed.rows, y + image::kTileSize))));
        }
    }
    auto summary = (*builder)->finish();
    if (!summary) return fail(std::move(summary).error());
    const nlohmann::json tech = {{"width", summary->width},
                                 {"height", summary->height},
                                 {"layout", "iiif-image-3-level0"},
                                 {"tile_size", image::kTileSize},
                                 {"scale_factors", summary->scale_factors},
                                 {"tiles", summary->tiles}};
    auto tiles = job.store_derivative_file("tiles", tar_file, "application/x-tar", "tiles.tar", tech.dump());
    if (!tiles) return fail(std::move(tiles).error());
    return Decoded{std::move(summary->kept_level), std::move(*tiles)};
}

Result<Decoded> decode_small(ImportJob& job, const ImageHeader& header, int orientation,
                             std::span<const std::byte> file) {
    // Scaled DCT decoding: a 6000-px photograph decodes at 1/2, never at full size.
    auto stored = header.format == Format::jpeg
                      ? image::decode_jpeg(file, header, std::min<int>(kPreviewEdge, std::max(header.width, header.height)))
                      : image::decode_with_opencv(job.source(), header.format);
    if (!stored) return fail(std::move(stored).error());
    return Decoded{image::apply_orientation(*stored, orientation), std::nullopt};
}

nlohmann::json exif_json(const image::ExifInfo& exif) {
    nlohmann::json out = nlohmann::json::object();
    if (!exif.capture_time.empty()) out["capture_time"] = exif.capture_time;
    if (!exif.camera_make.empty()) out["camera_make"] = exif.camera_make;
    if (!exif.camera_model.empty()) out["camera_model"] = exif.camera_model;
    if (exif.latitude && exif.longitude) {
        out["gps"] = {{"latitude", *exif.latitude}, {"longitude", *exif.longitude}};
        if (exif.altitude) out["gps"]["altitude"] = *exif.altitude;
    }
    return out;
}

/// Previews of a multi-page TIFF's further pages, one page decoded at a time.
Result<void> add_page_previews(ImportJob& job, Format format, int pages, ImportOutput& output) {
    for (int page = 1; page < std::min(pages, kMaxPagePreviews); ++page) {
        auto pixels = image::decode_with_opencv(job.source(), format, page);
        if (!pixels) {
            output.warnings.push_back("page " + std::to_string(page + 1) + ": " + pixels.error().message);
            continue;
        }
        char name[32];
        std::snprintf(name, sizeof name, "page-%04d.jpg", page + 1);
        auto asset = store_jpeg(job, "preview", name, image::fit_long_edge(*pixels, kPreviewEdge), 88, {{"page", page + 1}});
        if (!asset) return fail(std::move(asset).error());
        output.derivatives.push_back(std::move(*asset));
    }
    return {};
}

double rounded(double value, double unit) { return std::round(value / unit) * unit; }

/// What the header, EXIF and the quality measures say about the original.
nlohmann::json original_tech(const ImageHeader& header, const image::ExifInfo& exif,
                             const image::QualityReport& quality) {
    nlohmann::json tech = {
        {"kind", "image"},
        {"format", image::format_name(header.format)},
        {"pixel_width", header.width},
        {"pixel_height", header.height},
        {"bit_depth", header.bit_depth},
        {"channels", header.channels},
        {"colour_space", header.colour_space},
        {"icc_profile", header.has_icc},
        {"alpha", header.has_alpha},
        {"interlaced", header.interlaced},
        {"quality",
         {{"sharpness", rounded(quality.sharpness, 0.1)},
          {"mean_luma", rounded(quality.mean_luma, 0.1)},
          {"clipped_dark", rounded(quality.clipped_dark, 0.001)},
          {"clipped_light", rounded(quality.clipped_light, 0.001)}}},
    };
    const double dpi_x = header.dpi_x > 0 ? header.dpi_x : exif.dpi_x;
    const double dpi_y = header.dpi_y > 0 ? header.dpi_y : exif.dpi_y;
    if (dpi_x > 0 && dpi_y > 0) tech["dpi"] = {rounded(dpi_x, 0.1), rounded(dpi_y, 0.1)};
    if (auto exif_facts = exif_json(exif); !exif_facts.empty()) tech["exif"] = exif_facts;
    return tech;
}

class ImageImporter final : public Importer {
public:
    std::string_view name() const noexcept override { return "image"; }

    int score(const Sniffed& sniffed) const noexcept override {
        // Images it cannot decode (GIF, HEIC, PSD, camera raw …) are archived with a warning
        // that says so, rather than silently by the fallback importer.
        if (sniffed.kind == "image") return is_decoded_image_mime(sniffed.mime) ? 90 : 20;
        // Claim a misnamed non-image so that it fails loudly instead of being archived quietly.
        return is_decoded_image_mime(sniffed.extension_mime) ? 50 : 0;
    }

private:
    Result<ImportOutput> do_import(ImportJob& job) const override {
        const Sniffed& sniffed = job.sniffed();
        if (sniffed.mime == "application/x-empty") return fail(Errc::corrupt, "the file is empty (0 bytes)");
        if (sniffed.kind != "image") {
            return fail(Errc::corrupt, "not an image: the extension says " + sniffed.extension_mime +
                                           " but the bytes are " + sniffed.mime);
        }
        if (!is_decoded_image_mime(sniffed.mime)) return archive_undecoded(sniffed);
        try {
            return import_image(job);
        } catch (const cv::Exception& e) {
            return fail(Errc::corrupt, "image could not be processed: " + e.err);
        } catch (const std::bad_alloc&) {
            return fail(Errc::limit, "image does not fit in memory");
        } catch (const std::filesystem::filesystem_error& e) {
            return fail(Errc::io, e.what());
        }
    }

    static ImportOutput archive_undecoded(const Sniffed& sniffed) {
        ImportOutput output;
        output.original_tech_json = nlohmann::json{{"kind", "image"}, {"mime", sniffed.mime}}.dump();
        output.warnings.push_back("archived without thumbnail or preview: " + sniffed.mime +
                                  " is not decoded by this build (it decodes JPEG, PNG, TIFF, BMP, WebP and "
                                  "JPEG 2000); convert a copy to TIFF or PNG and import that too");
        return output;
    }

    Result<ImportOutput> import_image(ImportJob& job) const {
        auto mapped = image::MappedFile::open(job.source());
        if (!mapped) return fail(std::move(mapped).error());
        auto header = read_header(*mapped);
        if (!header) return fail(std::move(header).error());
        WENYUAN_TRY(check_dimensions(*header, job.options()));
        if (header->format != Format::jpeg && !image::opencv_reads(header->format)) {
            return fail(Errc::unsupported, std::string(image::format_name(header->format)) +
                                               " is not supported by this build's OpenCV; convert it to TIFF or PNG");
        }
        const image::ExifInfo exif = image::read_exif(header->exif);
        const int orientation = header->format == Format::tiff ? header->orientation : exif.orientation;
        const bool transposed = image::orientation_transposes(orientation);
        const int display_width = static_cast<int>(transposed ? header->height : header->width);
        const int display_height = static_cast<int>(transposed ? header->width : header->height);

        const bool tiled = std::max(display_width, display_height) > kTilesAbove;
        auto decoded = tiled ? decode_with_tiles(job, *header, orientation, mapped->bytes(), display_width, display_height)
                             : decode_small(job, *header, orientation, mapped->bytes());
        if (!decoded) return fail(std::move(decoded).error());

        ImportOutput output;
        const cv::Mat preview = image::fit_long_edge(decoded->base, kPreviewEdge);
        const cv::Mat thumbnail = image::fit_long_edge(preview, kThumbnailEdge);
        auto thumbnail_asset = store_jpeg(job, "thumbnail", "thumbnail.jpg", thumbnail, 85, nlohmann::json::object());
        if (!thumbnail_asset) return fail(std::move(thumbnail_asset).error());
        output.derivatives.push_back(std::move(*thumbnail_asset));
        auto preview_asset = store_jpeg(job, "preview", "preview.jpg", preview, 88, nlohmann::json::object());
        if (!preview_asset) return fail(std::move(preview_asset).error());
        output.derivatives.push_back(std::move(*preview_asset));
        if (decoded->tiles) output.derivatives.push_back(std::move(*decoded->tiles));

        const int pages = image::count_pages(job.source(), header->format);
        WENYUAN_TRY(add_page_previews(job, header->format, pages, output));

        const image::QualityReport quality =
            image::assess_quality(image::fit_long_edge(preview, kQualityViewEdge), display_width, display_height);
        output.warnings.insert(output.warnings.end(), quality.warnings.begin(), quality.warnings.end());
        nlohmann::json tech = original_tech(*header, exif, quality);
        tech.update({{"mime", job.sniffed().mime},
                     {"width", display_width},
                     {"height", display_height},
                     {"orientation", orientation},
                     {"pages", pages},
                     {"phash", image::hash_hex(image::perceptual_hash(thumbnail))}});
        output.original_tech_json = tech.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return output;
    }
};

}  // namespace

std::unique_ptr<Importer> make_image_importer() {
    cv::setNumThreads(1);
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);  // errors come back as Results
    image::route_cerr_once();  // and so do imread's failures, which OpenCV prints to std::cerr
    return std::make_unique<ImageImporter>();
}

}  // namespace wenyuan
