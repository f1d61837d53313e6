#include "image_header.hpp"

#include <cstring>
#include <string_view>

namespace wenyuan::image {
namespace {

using Bytes = std::span<const std::byte>;

std::uint32_t be16(Bytes b, std::size_t at) {
    return (std::to_integer<std::uint32_t>(b[at]) << 8) | std::to_integer<std::uint32_t>(b[at + 1]);
}
std::uint32_t be32(Bytes b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le16(Bytes b, std::size_t at) {
    return std::to_integer<std::uint32_t>(b[at]) | (std::to_integer<std::uint32_t>(b[at + 1]) << 8);
}
std::uint32_t le32(Bytes b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

bool starts_with(Bytes b, std::size_t at, std::string_view text) {
    return at + text.size() <= b.size() && std::memcmp(b.data() + at, text.data(), text.size()) == 0;
}

Unexpected truncated(std::string_view format) {
    return fail(Errc::limit, std::string(format) + " header lies beyond the bytes read");
}

bool is_start_of_frame(std::uint32_t marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Result<ImageHeader> read_jpeg(Bytes b) {
    ImageHeader header;
    header.format = Format::jpeg;
    int adobe_transform = -1;
    std::size_t at = 2;
    while (true) {
        while (at < b.size() && b[at] == std::byte{0xFF}) ++at;  // fill bytes
        if (at + 3 > b.size()) return truncated("JPEG");
        const std::uint32_t marker = std::to_integer<std::uint32_t>(b[at]);
        ++at;
        if (marker == 0xD9 || marker == 0xDA) return fail(Errc::corrupt, "JPEG has no frame header before its data");
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // markers without length
        const std::uint32_t length = be16(b, at);
        if (length < 2) return fail(Errc::corrupt, "JPEG segment with a length under 2");
        if (at + length > b.size()) return truncated("JPEG");
        const Bytes body = b.subspan(at + 2, length - 2);
        if (is_start_of_frame(marker)) {
            if (body.size() < 6) return fail(Errc::corrupt, "JPEG frame header is too short");
            header.bit_depth = std::to_integer<int>(body[0]);
            header.height = be16(body, 1);
            header.width = be16(body, 3);
            header.channels = std::to_integer<int>(body[5]);
            header.interlaced = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
            break;
        }
        if (marker == 0xE0 && starts_with(body, 0, std::string_view("JFIF\0", 5)) && body.size() >= 12) {
            const std::uint32_t units = std::to_integer<std::uint32_t>(body[7]);
            const double scale = units == 1 ? 1.0 : units == 2 ? 2.54 : 0.0;
            header.dpi_x = be16(body, 8) * scale;
            header.dpi_y = be16(body, 10) * scale;
        } else if (marker == 0xE1 && starts_with(body, 0, std::string_view("Exif\0\0", 6)) && header.exif.empty()) {
            header.exif = body.subspan(6);
        } else if (marker == 0xE2 && starts_with(body, 0, std::string_view("ICC_PROFILE\0", 12))) {
            header.has_icc = true;
        } else if (marker == 0xEE && starts_with(body, 0, "Adobe") && body.size() >= 12) {
            adobe_transform = std::to_integer<int>(body[11]);
        }
        at += length;
    }
    switch (header.channels) {
    case 1: header.colour_space = "gray"; break;
    case 3: header.colour_space = adobe_transform == 0 ? "rgb" : "ycbcr"; break;
    case 4: header.colour_space = adobe_transform == 2 ? "ycck" : "cmyk"; break;
    default: return fail(Errc::corrupt, "JPEG with " + std::to_string(header.channels) + " components");
    }
    return header;
}

Result<ImageHeader> read_png(Bytes b) {
    ImageHeader header;
    header.format = Format::png;
    if (b.size() < 33) return truncated("PNG");
    if (!starts_with(b, 12, "IHDR")) return fail(Errc::corrupt, "PNG does not start with its IHDR chunk");
    header.width = be32(b, 16);
    header.height = be32(b, 20);
    header.bit_depth = std::to_integer<int>(b[24]);
    const int colour_type = std::to_integer<int>(b[25]);
    header.interlaced = b[28] != std::byte{0};
    switch (colour_type) {
    case 0: header.colour_space = "gray"; header.channels = 1; break;
    case 2: header.colour_space = "rgb"; header.channels = 3; break;
    case 3: header.colour_space = "palette"; header.channels = 3; break;
    case 4: header.colour_space = "gray"; header.channels = 2; header.has_alpha = true; break;
    case 6: header.colour_space = "rgb"; header.channels = 4; header.has_alpha = true; break;
    default: return fail(Errc::corrupt, "PNG colour type " + std::to_string(colour_type) + " does not exist");
    }
    // The chunks before the image data carry the colour profile, density and EXIF.
    for (std::size_t at = 33; at + 12 <= b.size();) {
        const std::uint32_t length = be32(b, at);
        if (length > b.size() - at - 12) break;
        const Bytes body = b.subspan(at + 8, length);
        if (starts_with(b, at + 4, "IDAT") || starts_with(b, at + 4, "IEND")) break;
        if (starts_with(b, at + 4, "iCCP")) header.has_icc = true;
        if (starts_with(b, at + 4, "sRGB")) header.colour_space = header.colour_space == "gray" ? "gray" : "sRGB";
        if (starts_with(b, at + 4, "tRNS")) header.has_alpha = true;
        if (starts_with(b, at + 4, "eXIf")) header.exif = body;
        if (starts_with(b, at + 4, "pHYs") && length >= 9 && body[8] == std::byte{1}) {
            header.dpi_x = be32(body, 0) * 0.0254;
            header.dpi_y = be32(body, 4) * 0.0254;
        }
        at += 12 + length;
    }
    return header;
}

struct TiffReader {
    Bytes b;
    bool little = true;
    bool big = false;  // BigTIFF: 8-byte offsets and counts
    std::uint32_t u16(std::size_t at) const { return little ? le16(b, at) : be16(b, at); }
    std::uint32_t u32(std::size_t at) const { return little ? le32(b, at) : be32(b, at); }
    std::uint64_t offset(std::size_t at) const {
        if (!big) return u32(at);
        const std::uint64_t low = u32(at), high = u32(at + 4);
        return little ? (high << 32 | low) : (low << 32 | high);
    }
};

Result<ImageHeader> read_tiff(Bytes b) {
    ImageHeader header;
    header.format = Format::tiff;
    if (b.size() < 16) return truncated("TIFF");
    TiffReader tiff{b, b[0] == std::byte{'I'}, false};
    tiff.big = tiff.u16(2) == 43;
    const std::uint64_t first = tiff.big ? tiff.offset(8) : tiff.u32(4);
    const std::size_t entry_size = tiff.big ? 20 : 12;
    const std::size_t count_size = tiff.big ? 8 : 2;
    if (first > b.size() || count_size > b.size() - first) return truncated("TIFF");
    const std::uint64_t entries = tiff.big ? tiff.offset(first) : tiff.u16(first);
    if (entries == 0) return fail(Errc::corrupt, "TIFF has an empty first directory");
    if (entries > (b.size() - first - count_size) / entry_size) return truncated("TIFF");
    header.channels = 1;
    int photometric = -1;
    std::uint32_t resolution_unit = 2;
    double x_resolution = 0, y_resolution = 0;
    for (std::uint64_t i = 0; i < entries; ++i) {
        const std::size_t at = first + count_size + i * entry_size;
        const std::uint32_t tag = tiff.u16(at), type = tiff.u16(at + 2);
        const std::size_t value_at = at + (tiff.big ? 12 : 8);
        const std::uint64_t count = tiff.big ? tiff.offset(at + 4) : tiff.u32(at + 4);
        // A value wider than the field sits at an offset; only its first element is read.
        std::size_t first_at = value_at;
        if (type == 3 && count * 2 > (tiff.big ? 8u : 4u)) {
            const std::uint64_t where = tiff.offset(value_at);
            first_at = where <= b.size() - 2 ? static_cast<std::size_t>(where) : b.size();
        }
        const std::uint32_t value = first_at + 4 > b.size() ? 0 : type == 3 ? tiff.u16(first_at) : tiff.u32(first_at);
        auto rational = [&]() -> double {
            const std::uint64_t where = tiff.offset(value_at);
            if (type != 5 || where > b.size() - 8) return 0;
            const std::uint32_t denominator = tiff.u32(where + 4);
            return denominator == 0 ? 0 : double(tiff.u32(where)) / denominator;
        };
        switch (tag) {
        case 256: header.width = value; break;
        case 257: header.height = value; break;
        case 258: header.bit_depth = int(value); break;  // the first sample's; they agree in practice
        case 262: photometric = int(value); break;
        case 274: header.orientation = value >= 1 && value <= 8 ? int(value) : 1; break;
        case 277: header.channels = int(value); break;
        case 282: x_resolution = rational(); break;
        case 283: y_resolution = rational(); break;
        case 296: resolution_unit = value; break;
        case 338: header.has_alpha = true; break;  // ExtraSamples
        case 34675: header.has_icc = true; break;
        default: break;
        }
    }
    if (header.bit_depth == 0) header.bit_depth = 1;
    const double scale = resolution_unit == 2 ? 1.0 : resolution_unit == 3 ? 2.54 : 0.0;
    header.dpi_x = x_resolution * scale;
    header.dpi_y = y_resolution * scale;
    switch (photometric) {
    case 0: case 1: header.colour_space = "gray"; break;
    case 2: header.colour_space = "rgb"; break;
    case 3: header.colour_space = "palette"; break;
    case 5: header.colour_space = "cmyk"; break;
    case 6: header.colour_space = "ycbcr"; break;
    case 8: header.colour_space = "lab"; break;
    default: header.colour_space = "unknown"; break;
    }
    header.exif = b;  // a TIFF file is itself the TIFF block that EXIF parsers read
    return header;
}

Result<ImageHeader> read_bmp(Bytes b) {
    ImageHeader header;
    header.format = Format::bmp;
    if (b.size() < 26) return truncated("BMP");
    const std::uint32_t dib_size = le32(b, 14);
    if (dib_size == 12) {  // OS/2 BITMAPCOREHEADER
        header.width = le16(b, 18);
        header.height = le16(b, 20);
        header.bit_depth = int(le16(b, 24));
    } else {
        if (b.size() < 30) return truncated("BMP");
        const auto width = static_cast<std::int32_t>(le32(b, 18));
        const auto height = static_cast<std::int32_t>(le32(b, 22));
        if (width < 0) return fail(Errc::corrupt, "BMP with a negative width");
        header.width = std::uint32_t(width);
        header.height = height < 0 ? std::uint32_t(-static_cast<std::int64_t>(height)) : std::uint32_t(height);
        header.bit_depth = int(le16(b, 28));
        if (dib_size >= 40 && b.size() >= 46) {
            header.dpi_x = le32(b, 38) * 0.0254;
            header.dpi_y = le32(b, 42) * 0.0254;
        }
    }
    header.channels = header.bit_depth == 32 ? 4 : 3;
    header.has_alpha = header.bit_depth == 32;
    header.colour_space = header.bit_depth <= 8 ? "palette" : "rgb";
    header.bit_depth = 8;
    return header;
}

Result<ImageHeader> read_webp(Bytes b) {
    ImageHeader header;
    header.format = Format::webp;
    header.bit_depth = 8;
    header.colour_space = "rgb";
    header.channels = 3;
    if (b.size() < 32) return truncated("WebP");
    if (starts_with(b, 12, "VP8X")) {
        const std::uint32_t flags = std::to_integer<std::uint32_t>(b[20]);
        header.has_icc = flags & 0x20;
        header.has_alpha = flags & 0x10;
        header.width = 1 + (le32(b, 24) & 0xFFFFFF);
        header.height = 1 + (le32(b, 27) & 0xFFFFFF);
        for (std::size_t at = 30; at + 8 <= b.size();) {  // look for an EXIF chunk
            const std::uint32_t length = le32(b, at + 4);
            if (length > b.size() - at - 8) break;
            if (starts_with(b, at, "EXIF")) header.exif = b.subspan(at + 8, length);
            at += 8 + length + (length & 1);
        }
    } else if (starts_with(b, 12, "VP8L")) {
        if (b[20] != std::byte{0x2F}) return fail(Errc::corrupt, "WebP lossless stream without its signature");
        const std::uint32_t bits = le32(b, 21);
        header.width = 1 + (bits & 0x3FFF);
        header.height = 1 + ((bits >> 14) & 0x3FFF);
        header.has_alpha = (bits >> 28) & 1;
    } else if (starts_with(b, 12, "VP8 ")) {
        if (!starts_with(b, 23, "\x9D\x01\x2A")) return fail(Errc::corrupt, "WebP frame without its start code");
        header.width = le16(b, 26) & 0x3FFF;
        header.height = le16(b, 28) & 0x3FFF;
    } else {
        return fail(Errc::corrupt, "WebP without a VP8, VP8L or VP8X chunk");
    }
    if (header.has_alpha) header.channels = 4;
    return header;
}

Result<ImageHeader> read_j2k_codestream(Bytes b, ImageHeader header) {
    // SOC (FF4F), then SIZ (FF51): Lsiz Rsiz Xsiz Ysiz XOsiz YOsiz … Csiz, then Ssiz per component.
    if (b.size() < 42) return truncated("JPEG 2000");
    if (!starts_with(b, 2, "\xFF\x51")) return fail(Errc::corrupt, "JPEG 2000 codestream without its SIZ marker");
    const std::uint32_t x = be32(b, 8), y = be32(b, 12), x0 = be32(b, 16), y0 = be32(b, 20);
    if (x0 > x || y0 > y) return fail(Errc::corrupt, "JPEG 2000 image offset beyond its size");
    header.width = x - x0;
    header.height = y - y0;
    header.channels = int(be16(b, 40));
    if (b.size() > 42) header.bit_depth = (std::to_integer<int>(b[42]) & 0x7F) + 1;
    header.colour_space = header.channels >= 3 ? "rgb" : "gray";
    return header;
}

Result<ImageHeader> read_jp2(Bytes b) {
    ImageHeader header;
    header.format = Format::jp2;
    // Boxes: length (4), type (4). The image header box sits inside the jp2h super box.
    for (std::size_t at = 0; at + 8 <= b.size();) {
        std::uint64_t length = be32(b, at);
        std::size_t body = at + 8;
        if (length == 1) {
            if (at + 16 > b.size()) break;
            length = (std::uint64_t(be32(b, at + 8)) << 32) | be32(b, at + 12);
            body = at + 16;
        }
        if (starts_with(b, at + 4, "jp2h")) {
            at = body;  // descend
            continue;
        }
        if (starts_with(b, at + 4, "colr")) header.has_icc = body + 3 <= b.size() && b[body] == std::byte{2};
        if (starts_with(b, at + 4, "ihdr")) {
            if (body + 14 > b.size()) return truncated("JPEG 2000");
            header.height = be32(b, body);
            header.width = be32(b, body + 4);
            header.channels = int(be16(b, body + 8));
            header.bit_depth = (std::to_integer<int>(b[body + 10]) & 0x7F) + 1;
            header.colour_space = header.channels >= 3 ? "rgb" : "gray";
            return header;
        }
        if (starts_with(b, at + 4, "jp2c")) return read_j2k_codestream(b.subspan(body), header);
        if (length < 8 || length > b.size() - at) break;
        at += length;
    }
    return truncated("JPEG 2000");
}

}  // namespace

std::string_view format_name(Format format) {
    switch (format) {
    case Format::jpeg: return "JPEG";
    case Format::png: return "PNG";
    case Format::tiff: return "TIFF";
    case Format::bmp: return "BMP";
    case Format::webp: return "WebP";
    case Format::jp2: return "JPEG 2000";
    case Format::j2k: return "JPEG 2000 codestream";
    case Format::unknown: break;
    }
    return "unknown";
}

Result<ImageHeader> read_image_header(std::span<const std::byte> head) {
    if (head.size() >= 3 && starts_with(head, 0, "\xFF\xD8\xFF")) return read_jpeg(head);
    if (starts_with(head, 0, "\x89PNG\r\n\x1A\n")) return read_png(head);
    if (starts_with(head, 0, std::string_view("II*\0", 4)) || starts_with(head, 0, std::string_view("MM\0*", 4)) ||
        starts_with(head, 0, std::string_view("II+\0", 4)) || starts_with(head, 0, std::string_view("MM\0+", 4))) {
        return read_tiff(head);
    }
    if (starts_with(head, 0, "BM")) return read_bmp(head);
    if (starts_with(head, 0, "RIFF") && starts_with(head, 8, "WEBP")) return read_webp(head);
    if (starts_with(head, 0, std::string_view("\0\0\0\x0CjP  ", 8))) return read_jp2(head);
    if (starts_with(head, 0, "\xFF\x4F\xFF\x51")) {
        ImageHeader header;
        header.format = Format::j2k;
        return read_j2k_codestream(head, header);
    }
    return fail(Errc::unsupported, "not an image format this importer reads");
}

}  // namespace wenyuan::image
