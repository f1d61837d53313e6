#include "pixels.hpp"

#include <array>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cerr_capture.hpp"
#include "mapped_file.hpp"
#include "png_structure.hpp"

namespace wenyuan::image {
namespace {

std::string extension_for(Format format) {
    switch (format) {
    case Format::png: return ".png";
    case Format::tiff: return ".tiff";
    case Format::bmp: return ".bmp";
    case Format::webp: return ".webp";
    case Format::jp2: return ".jp2";
    case Format::j2k: return ".j2k";
    case Format::jpeg: return ".jpg";
    case Format::unknown: break;
    }
    return "";
}

}  // namespace

bool opencv_reads(Format format) {
    if (format == Format::jpeg) return true;
    // Ask the build by a round trip through memory, once per format: the file-based
    // cv::haveImageReader needs an existing file.
    static const std::array<bool, 8> readable = [] {
        std::array<bool, 8> result{};
        for (Format f : {Format::png, Format::tiff, Format::bmp, Format::webp, Format::jp2}) {
            try {
                std::vector<unsigned char> bytes;
                const cv::Mat probe(64, 64, CV_8UC3, cv::Scalar(40, 80, 120));
                result[static_cast<std::size_t>(f)] = cv::haveImageWriter("x" + extension_for(f)) &&
                                                      cv::imencode(extension_for(f), probe, bytes) &&
                                                      !cv::imdecode(bytes, cv::IMREAD_UNCHANGED).empty();
            } catch (const cv::Exception&) {
            }
        }
        result[static_cast<std::size_t>(Format::j2k)] = result[static_cast<std::size_t>(Format::jp2)];
        return result;
    }();
    return readable[static_cast<std::size_t>(format)];
}

int count_pages(const std::filesystem::path& file, Format format) {
    if (format != Format::tiff) return 1;
    try {
        return std::max<int>(1, static_cast<int>(cv::imcount(file.string(), cv::IMREAD_UNCHANGED)));
    } catch (const cv::Exception&) {
        return 1;
    }
}

cv::Mat to_display_pixels(const cv::Mat& decoded) {
    cv::Mat eight = decoded;
    if (decoded.depth() == CV_16U) {
        decoded.convertTo(eight, CV_8U, 1.0 / 257.0);
    } else if (decoded.depth() == CV_32F || decoded.depth() == CV_64F) {
        decoded.convertTo(eight, CV_8U, 255.0);
    } else if (decoded.depth() != CV_8U) {
        cv::normalize(decoded, eight, 0, 255, cv::NORM_MINMAX, CV_8U);
    }
    if (eight.channels() == 1 || eight.channels() == 3) return eight;
    if (eight.channels() == 2) {  // gray and alpha: lay over white
        cv::Mat gray(eight.rows, eight.cols, CV_8UC1);
        for (int y = 0; y < eight.rows; ++y) {
            const auto* in = eight.ptr<unsigned char>(y);
            auto* out = gray.ptr<unsigned char>(y);
            for (int x = 0; x < eight.cols; ++x, in += 2) {
                out[x] = static_cast<unsigned char>((in[0] * in[1] + 255 * (255 - in[1])) / 255);
            }
        }
        return gray;
    }
    // BGRA: lay over white.
    cv::Mat bgr(eight.rows, eight.cols, CV_8UC3);
    for (int y = 0; y < eight.rows; ++y) {
        const auto* in = eight.ptr<unsigned char>(y);
        auto* out = bgr.ptr<unsigned char>(y);
        for (int x = 0; x < eight.cols; ++x, in += 4, out += 3) {
            const unsigned alpha = in[3];
            for (int c = 0; c < 3; ++c) out[c] = static_cast<unsigned char>((in[c] * alpha + 255 * (255 - alpha)) / 255);
        }
    }
    return bgr;
}

Result<cv::Mat> decode_with_opencv(const std::filesystem::path& file, Format format, int page) {
    if (!opencv_reads(format)) {
        return fail(Errc::unsupported, std::string(format_name(format)) + " is not supported by this OpenCV build");
    }
    std::vector<unsigned char> png;
    if (format == Format::png) {
        auto mapped = MappedFile::open(file);
        if (!mapped) return fail(std::move(mapped).error());
        if (auto problem = png_structure_problem(mapped->bytes())) return fail(Errc::corrupt, "PNG data: " + *problem);
        png = png_without_ancillary_chunks(mapped->bytes());
    }
    try {
        std::vector<cv::Mat> pages;
        const int flags = cv::IMREAD_UNCHANGED | cv::IMREAD_IGNORE_ORIENTATION;
        CerrCapture opencv_says;
        if (format == Format::png) {
            cv::Mat pixels = cv::imdecode(png, flags);
            if (!pixels.empty()) pages.push_back(pixels);
        } else if (format == Format::tiff) {
            if (!cv::imreadmulti(file.string(), pages, page, 1, flags) || pages.empty()) pages.clear();
        } else {
            cv::Mat pixels = cv::imread(file.string(), flags);
            if (!pixels.empty()) pages.push_back(pixels);
        }
        if (pages.empty() || pages[0].empty()) {
            const std::string reason = opencv_says.reason();
            return fail(Errc::corrupt, std::string(format_name(format)) + " data could not be decoded" + (reason.empty() ? "" : ": " + reason));
        }
        return to_display_pixels(pages[0]);
    } catch (const cv::Exception& e) {
        return fail(Errc::corrupt, std::string(format_name(format)) + " data could not be decoded: " + e.err);
    } catch (const std::bad_alloc&) {
        return fail(Errc::limit, std::string(format_name(format)) + " image does not fit in memory");
    }
}

cv::Mat apply_orientation(const cv::Mat& pixels, int orientation) {
    cv::Mat out;
    switch (orientation) {
    case 2: cv::flip(pixels, out, 1); return out;
    case 3: cv::rotate(pixels, out, cv::ROTATE_180); return out;
    case 4: cv::flip(pixels, out, 0); return out;
    case 5: cv::transpose(pixels, out); return out;
    case 6: cv::rotate(pixels, out, cv::ROTATE_90_CLOCKWISE); return out;
    case 7: cv::rotate(pixels, out, cv::ROTATE_90_CLOCKWISE); cv::flip(out, out, 0); return out;  // transverse
    case 8: cv::rotate(pixels, out, cv::ROTATE_90_COUNTERCLOCKWISE); return out;
    default: return pixels;
    }
}

cv::Mat fit_long_edge(const cv::Mat& pixels, int long_edge) {
    const int current = std::max(pixels.cols, pixels.rows);
    if (current <= long_edge) return pixels;
    const double scale = double(long_edge) / current;
    const cv::Size size(std::max(1, int(std::lround(pixels.cols * scale))), std::max(1, int(std::lround(pixels.rows * scale))));
    cv::Mat out;
    cv::resize(pixels, out, size, 0, 0, cv::INTER_AREA);
    return out;
}

}  // namespace wenyuan::image
