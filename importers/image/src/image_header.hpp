// What an image file's header says, read without decoding any pixels.
//
// The importer reads the header first so that it can refuse an image bomb (a small file that
// claims 100000 × 100000 pixels) before anything is allocated, choose a JPEG scaling factor,
// and record the technical metadata. The parsers are pure functions over bytes: they never read
// past the span and never trust a length field. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "wenyuan/result.hpp"

namespace wenyuan::image {

enum class Format { jpeg, png, tiff, bmp, webp, jp2, j2k, unknown };

std::string_view format_name(Format format);

struct ImageHeader {
    Format format = Format::unknown;
    std::uint32_t width = 0;   ///< as stored, before EXIF orientation
    std::uint32_t height = 0;
    int bit_depth = 0;         ///< bits per sample
    int channels = 0;          ///< samples per pixel (4 for CMYK JPEG and RGBA PNG)
    std::string colour_space;  ///< "gray", "rgb", "ycbcr", "cmyk", "ycck", "palette", "sRGB" …
    bool has_alpha = false;
    bool has_icc = false;
    bool interlaced = false;   ///< progressive JPEG or Adam7 PNG
    double dpi_x = 0, dpi_y = 0;  ///< 0 when the file does not say
    int orientation = 1;       ///< EXIF orientation 1–8 (TIFF keeps it in its own directory)
    /// The TIFF block of the EXIF data ("II*\0" or "MM\0*" …) inside the span, or empty.
    std::span<const std::byte> exif;
};

/// Reads the header of an image from its first bytes. `head` may be the whole file or its
/// beginning; when the dimensions lie beyond it the result is Errc::limit ("read more").
/// Errors: Errc::corrupt for a header that is truncated or contradicts itself,
/// Errc::unsupported for bytes of no known image format.
Result<ImageHeader> read_image_header(std::span<const std::byte> head);

}  // namespace wenyuan::image
