// What a file is, by its first bytes: the type the importers are chosen by.
//
// The bytes decide. The extension is only a hint where the bytes are ambiguous: text formats
// (a CSV and a plain text look alike), ZIP-based formats (.zae, .docx), ISO media brands that fit
// audio and video (.m4a), TIFF-based raw photos (.dng), and TGA, which has no magic number. When
// the extension names another type than the bytes, `extension_agrees` is false and importers
// report a misnamed file.
//
// All functions are pure and thread-safe; sniff_file only reads the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "wenyuan/result.hpp"

namespace wenyuan {

struct Sniffed {
    /// The media type the bytes show, such as "image/png", "model/gltf-binary", "text/csv".
    /// "application/x-empty" for no bytes, "application/octet-stream" when unknown.
    std::string mime;
    /// One of "image", "model", "video", "audio", "text", "captions", "document", "archive",
    /// "other".
    std::string kind;
    /// False when the extension names a type that the bytes are not (a PNG named .jpg, text named
    /// .jpg, an empty .jpg). True when the extension is unknown or absent, or names the same type
    /// or a more general one (.zip for a .docx, .txt for a CSV, .xml for COLLADA, .ogg for Theora).
    bool extension_agrees = true;
    /// The type the extension alone implies; empty for an unknown or absent extension.
    std::string extension_mime;
};

/// How many leading bytes sniff_file reads and sniff_bytes looks at, at most.
inline constexpr std::size_t kSniffBytes = 64 * 1024;

/// Sniffs the first bytes of a file. `head` is the start of the file (any length; more than
/// kSniffBytes is ignored; empty means an empty file). `filename_or_extension` is a file name or
/// path ("青铜器.JPG", "a/b.tar.gz"), an extension with or without its dot (".jpg", "jpg") or
/// empty; it is compared case-insensitively, full-width letters and dots (．ＪＰＧ) included.
/// `file_size`, when known, is the whole file's size; it lets binary STL be recognised by its
/// size arithmetic (84 + 50 × triangles). Never fails: unknown bytes give
/// "application/octet-stream".
Sniffed sniff_bytes(std::span<const std::byte> head, std::string_view filename_or_extension,
                    std::optional<std::uint64_t> file_size = std::nullopt);

/// Reads the first kSniffBytes of a regular file and sniffs them with its name and size.
/// Errors: Errc::not_found (no such file), Errc::invalid_argument (a folder), Errc::unsupported
/// (a FIFO, socket or device, which is never opened), Errc::io (cannot be opened or read).
/// Messages read "sniff: <path>: <reason>".
Result<Sniffed> sniff_file(const std::filesystem::path& file);

/// The type an extension implies, as in Sniffed::extension_mime: "image/jpeg" for "photo.JPG",
/// ".jpg" or "jpg"; empty when unknown.
std::string_view mime_for_extension(std::string_view filename_or_extension);

/// The kind for a media type, as in Sniffed::kind; "other" for types this file does not know.
std::string_view kind_for_mime(std::string_view mime);

}  // namespace wenyuan
