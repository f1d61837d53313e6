#include "wenyuan/sniff.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace wenyuan {
namespace {

// ---------------------------------------------------------------------------------------------
// The types: kind, the more general type each is a case of, and the extensions that name it.
// An extension names the first type that lists it.

struct TypeInfo {
    std::string_view mime;
    std::string_view kind;
    std::string_view
        parent;  ///< "" or the general type: bytes of the parent may be refined by extension
    std::string_view extensions;  ///< lower case, each followed by a space
};

constexpr std::string_view kOctetStream = "application/octet-stream";
constexpr std::string_view kEmpty = "application/x-empty";
constexpr std::string_view kText = "text/plain";
constexpr std::string_view kZip = "application/zip";

constexpr TypeInfo kTypes[] = {
    {"image/jpeg", "image", "", "jpg jpeg jpe jfif "},
    {"image/png", "image", "", "png "},
    {"image/gif", "image", "", "gif "},
    {"image/tiff", "image", "", "tif tiff "},
    {"image/x-adobe-dng", "image", "image/tiff", "dng "},
    {"image/x-nikon-nef", "image", "image/tiff", "nef "},
    {"image/x-canon-cr2", "image", "image/tiff", "cr2 "},
    {"image/x-sony-arw", "image", "image/tiff", "arw "},
    {"image/bmp", "image", "", "bmp dib "},
    {"image/webp", "image", "", "webp "},
    {"image/jp2", "image", "", "jp2 "},
    {"image/jpx", "image", "", "jpx jpf "},
    {"image/jpm", "image", "", "jpm "},
    {"image/x-jp2-codestream", "image", "", "j2k j2c jpc "},
    {"image/heif", "image", "", "heif "},
    {"image/heic", "image", "image/heif", "heic "},
    {"image/avif", "image", "image/heif", "avif "},
    {"image/x-canon-cr3", "image", "", "cr3 "},
    {"image/x-tga", "image", "", "tga icb vda vst "},
    {"image/vnd.adobe.photoshop", "image", "", "psd "},
    {"image/x-exr", "image", "", "exr "},
    {"image/svg+xml", "image", "application/xml", "svg "},

    {"model/gltf+json", "model", "application/json", "gltf "},
    {"model/gltf-binary", "model", "", "glb "},
    {"model/obj", "model", kText, "obj "},
    {"model/mtl", "model", kText, "mtl "},
    {"model/stl", "model", "", "stl "},
    {"model/x-ply", "model", "", "ply "},
    {"model/x-fbx", "model", "", "fbx "},
    {"model/vnd.collada+xml", "model", "application/xml", "dae "},
    {"model/vnd.collada+zip", "model", kZip, "zae "},
    {"model/x-3ds", "model", "", "3ds "},
    {"model/x-off", "model", "", "off "},
    {"model/x3d+xml", "model", "application/xml", "x3d "},
    {"model/3mf", "model", kZip, "3mf "},

    {"video/mp4", "video", "", "mp4 f4v "},
    {"video/x-m4v", "video", "video/mp4", "m4v "},
    {"video/quicktime", "video", "video/mp4", "mov qt "},
    {"video/3gpp", "video", "video/mp4", "3gp 3gpp "},
    {"video/3gpp2", "video", "video/mp4", "3g2 "},
    {"audio/mp4", "audio", "video/mp4", "m4a m4b "},
    {"video/x-matroska", "video", "", "mkv mk3d "},
    {"video/webm", "video", "video/x-matroska", "webm "},
    {"audio/x-matroska", "audio", "video/x-matroska", "mka "},
    {"audio/webm", "audio", "video/webm", "weba "},
    {"video/x-msvideo", "video", "", "avi "},
    {"video/mpeg", "video", "", "mpg mpeg mpe m1v m2v vob "},
    {"video/mp2t", "video", "", "ts m2ts mts m2t "},
    {"video/x-flv", "video", "", "flv "},
    {"video/x-ms-asf", "video", "", "asf wmv "},
    {"application/vnd.rn-realmedia", "video", "", "rm rmvb "},
    {"application/ogg", "audio", "", "ogg ogx "},
    {"video/ogg", "video", "application/ogg", "ogv "},
    {"audio/ogg", "audio", "application/ogg", "oga spx "},
    {"audio/opus", "audio", "application/ogg", "opus "},

    {"audio/mpeg", "audio", "", "mp3 mp2 mpga "},
    {"audio/aac", "audio", "", "aac adts "},
    {"audio/flac", "audio", "", "flac "},
    {"audio/wav", "audio", "", "wav wave "},
    {"audio/aiff", "audio", "", "aif aiff aifc "},
    {"audio/amr", "audio", "", "amr "},
    {"audio/amr-wb", "audio", "", "awb "},
    {"audio/midi", "audio", "", "mid midi "},
    {"audio/x-ms-wma", "audio", "video/x-ms-asf", "wma "},

    {"text/vtt", "captions", kText, "vtt "},
    {"application/x-subrip", "captions", kText, "srt "},
    {"text/x-ssa", "captions", kText, "ass ssa "},

    {"application/pdf", "document", "", "pdf "},
    {"application/postscript", "document", "", "ps eps "},
    {"application/rtf", "document", kText, "rtf "},
    {"text/html", "document", kText, "html htm "},
    {"application/x-ole-storage", "document", "", ""},
    {"application/msword", "document", "application/x-ole-storage", "doc "},
    {"application/vnd.ms-excel", "document", "application/x-ole-storage", "xls "},
    {"application/vnd.ms-powerpoint", "document", "application/x-ole-storage", "ppt "},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document", kZip,
     "docx "},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document", kZip,
     "xlsx "},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "document", kZip,
     "pptx "},
    {"application/vnd.oasis.opendocument.text", "document", kZip, "odt "},
    {"application/vnd.oasis.opendocument.spreadsheet", "document", kZip, "ods "},
    {"application/vnd.oasis.opendocument.presentation", "document", kZip, "odp "},
    {"application/epub+zip", "document", kZip, "epub "},

    {kText, "text", "", "txt text log "},
    {"text/csv", "text", kText, "csv "},
    {"text/tab-separated-values", "text", kText, "tsv tab "},
    {"text/markdown", "text", kText, "md markdown "},
    {"application/json", "text", kText, "json "},
    {"application/xml", "text", kText, "xml "},

    {kZip, "archive", "", "zip "},
    {"application/vnd.rar", "archive", "", "rar "},
    {"application/x-7z-compressed", "archive", "", "7z "},
    {"application/gzip", "archive", "", "gz tgz "},
    {"application/x-bzip2", "archive", "", "bz2 "},
    {"application/x-xz", "archive", "", "xz "},
    {"application/x-tar", "archive", "", "tar "},

    {kOctetStream, "other", "", "bin dat "},
    {kEmpty, "other", "", ""},
};

const TypeInfo* find_type(std::string_view mime) {
    for (const TypeInfo& type : kTypes) {
        if (type.mime == mime) return &type;
    }
    return nullptr;
}

/// True when `general` is a strict ancestor of `specific` in kTypes (text/plain of model/obj).
bool is_ancestor(std::string_view general, std::string_view specific) {
    const TypeInfo* type = find_type(specific);
    for (int depth = 0; type && !type->parent.empty() && depth < 8; ++depth) {
        if (type->parent == general) return true;
        type = find_type(type->parent);
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Extensions.

bool is_ascii_dot_or_fullwidth_dot(std::string_view name) {
    return name.find('.') != std::string_view::npos ||
           name.find("\xEF\xBC\x8E") != std::string_view::npos;
}

/// The lower-case extension of a file name, path or bare extension, with full-width forms
/// (U+FF01-U+FF5E, as Chinese input methods type them) folded to ASCII. Empty if implausible.
std::string extension_of(std::string_view name) {
    if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos)
        name.remove_prefix(slash + 1);
    std::string folded;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto byte = [&](std::size_t k) {
            return k < name.size() ? static_cast<unsigned char>(name[k]) : 0u;
        };
        const unsigned code = ((byte(i + 1) & 0x3Fu) << 6) | (byte(i + 2) & 0x3Fu);
        if (byte(i) == 0xEF && (byte(i + 1) & 0xC0) == 0x80 && (byte(i + 2) & 0xC0) == 0x80 &&
            code >= 0xF01 && code <= 0xF5E) {
            folded += static_cast<char>(code - 0xF01 + 0x21);  // U+FF01 is '!'
            i += 2;
        } else {
            folded += name[i];
        }
    }
    if (const auto dot = folded.find_last_of('.'); dot != std::string::npos)
        folded.erase(0, dot + 1);
    if (folded.empty() || folded.size() > 12) return {};
    for (char& c : folded) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return folded;
}

std::string_view mime_for_ext(std::string_view ext) {
    if (ext.empty() || ext.find(' ') != std::string_view::npos) return {};
    for (const TypeInfo& type : kTypes) {
        for (std::size_t at = type.extensions.find(ext); at != std::string_view::npos;
             at = type.extensions.find(ext, at + 1)) {
            const bool starts = at == 0 || type.extensions[at - 1] == ' ';
            if (starts && type.extensions[at + ext.size()] == ' ') return type.mime;
        }
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Reading the head safely: every accessor checks bounds.

class Bytes {
  public:
    explicit Bytes(std::span<const std::byte> bytes) : bytes_(bytes) {}
    std::size_t size() const { return bytes_.size(); }
    /// The byte at i, or 0x100 (equal to no byte) past the end.
    unsigned at(std::size_t i) const {
        return i < size() ? std::to_integer<unsigned>(bytes_[i]) : 0x100u;
    }
    std::uint32_t u16le(std::size_t i) const {
        return i + 2 <= size() ? at(i) | at(i + 1) << 8 : 0;
    }
    std::uint32_t u32le(std::size_t i) const {
        return i + 4 <= size() ? u16le(i) | u16le(i + 2) << 16 : 0;
    }
    std::uint32_t u32be(std::size_t i) const {
        return i + 4 <= size() ? at(i) << 24 | at(i + 1) << 16 | at(i + 2) << 8 | at(i + 3) : 0;
    }
    std::string_view text() const { return {reinterpret_cast<const char*>(bytes_.data()), size()}; }
    /// Up to `count` bytes from i, as text (fewer near the end, empty past it).
    std::string_view text(std::size_t i, std::size_t count) const {
        return i <= size() ? text().substr(i, count) : std::string_view();
    }
    bool has(std::size_t i, std::string_view signature) const {
        return text(i, signature.size()) == signature;
    }

  private:
    std::span<const std::byte> bytes_;
};

bool has_at(std::string_view text, std::size_t i, std::string_view prefix) {
    return i <= text.size() && text.substr(i).starts_with(prefix);
}

struct Probe {
    Bytes bytes;
    std::string_view extension_mime;
    std::optional<std::uint64_t> file_size;
};

using Detector = std::string_view (*)(const Probe&);

// ---------------------------------------------------------------------------------------------
// Fixed signatures.

struct Signature {
    std::size_t offset;
    std::string_view bytes;
    std::string_view mime;
};

using namespace std::string_view_literals;

constexpr Signature kSignatures[] = {
    {0, "\xFF\xD8\xFF"sv, "image/jpeg"},
    {0, "\x89PNG\r\n\x1A\n"sv, "image/png"},
    {0, "GIF87a"sv, "image/gif"},
    {0, "GIF89a"sv, "image/gif"},
    {0, "II*\0"sv, "image/tiff"},
    {0, "MM\0*"sv, "image/tiff"},
    {0, "II+\0"sv, "image/tiff"},  // BigTIFF
    {0, "MM\0+"sv, "image/tiff"},
    {0, "\xFF\x4F\xFF\x51"sv, "image/x-jp2-codestream"},
    {0, "8BPS"sv, "image/vnd.adobe.photoshop"},
    {0, "v/1\x01"sv, "image/x-exr"},
    {0, "%PDF-"sv, "application/pdf"},
    {0, "%!PS"sv, "application/postscript"},
    {0, "{\\rtf"sv, "application/rtf"},
    {0, "Rar!\x1A\x07"sv, "application/vnd.rar"},
    {0, "7z\xBC\xAF\x27\x1C"sv, "application/x-7z-compressed"},
    {0, "\x1F\x8B\x08"sv, "application/gzip"},
    {0, "\3757zXZ\0"sv, "application/x-xz"},
    {257, "ustar"sv, "application/x-tar"},
    {0, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv, "application/x-ole-storage"},
    {0, "PK\x05\x06"sv, kZip},  // an empty archive
    {0, "PK\x07\x08"sv, kZip},  // a spanned one
    {0, "fLaC"sv, "audio/flac"},
    {0, "#!AMR\n"sv, "audio/amr"},
    {0, "#!AMR-WB\n"sv, "audio/amr-wb"},
    {0, "MThd\0\0\0\x06"sv, "audio/midi"},
    {0, "\x30\x26\xB2\x75\x8E\x66\xCF\x11\xA6\xD9\x00\xAA\x00\x62\xCE\x6C"sv, "video/x-ms-asf"},
    {0, "FLV\x01"sv, "video/x-flv"},
    {0, ".RMF"sv, "application/vnd.rn-realmedia"},
    {0, "\0\0\x01\xBA"sv, "video/mpeg"},  // program stream pack header
    {0, "\0\0\x01\xB3"sv, "video/mpeg"},  // elementary stream sequence header
    {0, "Kaydara FBX Binary  \0"sv, "model/x-fbx"},
    {0, "; FBX"sv, "model/x-fbx"},
};

std::string_view by_signature(const Probe& probe) {
    for (const Signature& signature : kSignatures) {
        if (probe.bytes.has(signature.offset, signature.bytes)) return signature.mime;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------
// Containers whose signature needs a second look.

std::string_view riff(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (b.has(0, "FORM") && (b.has(8, "AIFF") || b.has(8, "AIFC"))) return "audio/aiff";
    if (!b.has(0, "RIFF") && !b.has(0, "RF64") && !b.has(0, "RIFX")) return {};
    if (b.has(8, "WAVE")) return "audio/wav";
    if (b.has(8, "AVI ") || b.has(8, "AVIX")) return "video/x-msvideo";
    if (b.has(8, "WEBP")) return "image/webp";
    if (b.has(8, "CDXA")) return "video/mpeg";  // a Video CD's .dat
    if (b.has(8, "RMID")) return "audio/midi";
    return {};
}

std::string_view iso_brand(std::string_view brand) {
    static constexpr std::pair<std::string_view, std::string_view> kBrands[] = {
        {"qt  ", "video/quicktime"}, {"M4A ", "audio/mp4"},   {"M4B ", "audio/mp4"},
        {"M4P ", "audio/mp4"},       {"M4V ", "video/x-m4v"}, {"M4VH", "video/x-m4v"},
        {"M4VP", "video/x-m4v"},     {"heic", "image/heic"},  {"heix", "image/heic"},
        {"hevc", "image/heic"},      {"hevx", "image/heic"},  {"heim", "image/heic"},
        {"heis", "image/heic"},      {"avif", "image/avif"},  {"avis", "image/avif"},
        {"mif1", "image/heif"},      {"msf1", "image/heif"},  {"crx ", "image/x-canon-cr3"},
    };
    for (const auto& [name, mime] : kBrands) {
        if (brand == name) return mime;
    }
    if (brand.starts_with("3g2")) return "video/3gpp2";
    for (std::string_view prefix : {"3gp", "3ge", "3gg", "3gr", "3gs"}) {
        if (brand.starts_with(prefix)) return "video/3gpp";
    }
    return {};
}

std::string_view iso_media(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (b.has(0, "\0\0\0\x0CjP  \r\n\x87\n"sv)) {  // JPEG 2000 signature box, then its ftyp
        if (b.has(20, "jpx ")) return "image/jpx";
        if (b.has(20, "jpm ")) return "image/jpm";
        return "image/jp2";
    }
    if (!b.has(4, "ftyp")) {
        // QuickTime before ftyp: the file starts with a top-level atom.
        for (std::string_view atom : {"moov", "mdat", "wide", "free", "skip", "pnot"}) {
            if (b.has(4, atom) && b.u32be(0) >= 8) return "video/quicktime";
        }
        return {};
    }
    const std::string_view major = iso_brand(b.text(8, 4));
    if (major != "image/heif") return major.empty() ? "video/mp4" : major;
    // A HEIF file says what its pictures are in the compatible brands.
    const std::size_t end = std::min<std::size_t>(b.u32be(0), 256);
    for (std::size_t at = 16; at + 4 <= end; at += 4) {
        const std::string_view compatible = iso_brand(b.text(at, 4));
        if (compatible == "image/avif" || compatible == "image/heic") return compatible;
    }
    return major;
}

/// The EBML DocType decides between WebM and Matroska.
std::string_view matroska(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (!b.has(0, "\x1A\x45\xDF\xA3")) return {};
    for (std::size_t at = 4; at + 3 < std::min<std::size_t>(b.size(), 128); ++at) {
        if (b.at(at) != 0x42 || b.at(at + 1) != 0x82) continue;
        const unsigned lead = b.at(at + 2);
        if (lead < 0x80) continue;  // only a one-byte size is plausible for a DocType
        const std::string_view doc_type = b.text(at + 3, lead & 0x7F);
        if (doc_type == "webm") return "video/webm";
        if (doc_type == "matroska") return "video/x-matroska";
        return {};
    }
    return "video/x-matroska";  // DocType absent: Matroska is the default
}

/// Ogg: the first packets of the beginning-of-stream pages name the codecs.
std::string_view ogg(const Probe& probe) {
    const Bytes& b = probe.bytes;
    bool video = false, vorbis = false, opus = false, other_audio = false;
    std::size_t page = 0;
    for (int pages = 0; pages < 32 && b.has(page, "OggS") && (b.at(page + 5) & 0x02); ++pages) {
        const std::size_t segments = b.at(page + 26);
        if (segments > 255) break;
        std::size_t body = 0;
        for (std::size_t s = 0; s < segments; ++s) body += b.at(page + 27 + s) & 0xFF;
        const std::size_t packet = page + 27 + segments;
        video = video || b.has(packet, "\x80theora") || b.has(packet, "\200daala") ||
                b.has(packet, "BBCD\0"sv);
        vorbis = vorbis || b.has(packet, "\x01vorbis");
        opus = opus || b.has(packet, "OpusHead");
        other_audio = other_audio || b.has(packet, "\177FLAC") || b.has(packet, "Speex   ");
        page = packet + body;
    }
    if (!b.has(0, "OggS")) return {};
    if (video) return "video/ogg";
    if (opus && !vorbis && !other_audio) return "audio/opus";
    if (vorbis || opus || other_audio) return "audio/ogg";
    return "application/ogg";
}

/// ZIP: the first entries tell OOXML, ODF/EPUB ("mimetype" stored first), COLLADA and 3MF apart.
std::string_view zip(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (!b.has(0, "PK\x03\x04")) return {};
    bool ooxml = false;
    std::string_view office;
    std::size_t entry = 0;
    for (int entries = 0; entries < 256 && b.has(entry, "PK\x03\x04"); ++entries) {
        const std::uint32_t flags = b.u16le(entry + 6), method = b.u16le(entry + 8);
        const std::uint64_t packed = b.u32le(entry + 18);
        const std::size_t name_size = b.u16le(entry + 26), extra_size = b.u16le(entry + 28);
        const std::string_view name = b.text(entry + 30, name_size);
        if (name.size() < name_size) break;
        const std::size_t data = entry + 30 + name_size + extra_size;
        if (entries == 0 && name == "mimetype" && method == 0) {
            const std::string_view declared = b.text(data, std::min<std::uint64_t>(packed, 80));
            const TypeInfo* type = find_type(declared);
            if (type && type->parent == kZip) return type->mime;
        }
        if (name.size() > 4 && (name.ends_with(".dae") || name.ends_with(".DAE")))
            return "model/vnd.collada+zip";
        if (name == "3D/3dmodel.model") return "model/3mf";
        ooxml = ooxml || name == "[Content_Types].xml";
        if (name.starts_with("word/"))
            office = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (name.starts_with("xl/"))
            office = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        if (name.starts_with("ppt/"))
            office = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
        if ((flags & 0x08) || packed == 0xFFFFFFFF) break;  // sizes follow the data: cannot skip it
        entry = data + packed;
    }
    return ooxml && !office.empty() ? office : kZip;
}

std::string_view bitmap(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (!b.has(0, "BM") || b.size() < 18) return {};
    for (std::uint32_t header : {12u, 40u, 52u, 56u, 64u, 108u, 124u}) {
        if (b.u32le(14) == header && b.u32le(10) >= 14 + header) return "image/bmp";
    }
    return {};
}

std::string_view gltf_binary(const Probe& probe) {
    const std::uint32_t version = probe.bytes.u32le(4);
    return probe.bytes.has(0, "glTF") && (version == 1 || version == 2) ? "model/gltf-binary" : "";
}

std::string_view ply(const Probe& probe) {
    const std::string_view text = probe.bytes.text(0, 512);
    if (!text.starts_with("ply\n") && !text.starts_with("ply\r\n") && !text.starts_with("ply\r"))
        return {};
    for (std::string_view format : {"ascii", "binary_little_endian", "binary_big_endian"}) {
        const auto at = text.find(format);
        if (at != std::string_view::npos && at >= 7 && text.substr(at - 7, 7) == "format ")
            return "model/x-ply";
    }
    return {};
}

/// OFF, COFF, NOFF, STOFF, 4OFF …: the first word is OFF with optional prefix letters, then
/// numbers (the counts) or a comment.
std::string_view off(const Probe& probe) {
    const std::string_view text = probe.bytes.text(0, 256);
    const auto end = text.find_first_of(" \t\r\n");
    if (end == std::string_view::npos || end < 3 || end > 8) return {};
    const std::string_view word = text.substr(0, end);
    const auto next = text.find_first_not_of(" \t\r\n", end);
    const bool ok = word.ends_with("OFF") &&
                    word.substr(0, end - 3).find_first_not_of("STCN4n") == std::string_view::npos &&
                    next != std::string_view::npos &&
                    (std::isdigit(static_cast<unsigned char>(text[next])) || text[next] == '#' ||
                     text.substr(next).starts_with("BINARY"));
    return ok ? "model/x-off" : "";
}

// ---------------------------------------------------------------------------------------------
// Streams without a container: MPEG audio frames, ADTS, transport streams.

/// Length of the MPEG-1/2/2.5 audio frame whose header is at i, or 0 if there is none.
std::size_t mpeg_audio_frame(const Bytes& b, std::size_t i) {
    const unsigned h1 = b.at(i + 1), h2 = b.at(i + 2), h3 = b.at(i + 3);
    if (b.at(i) != 0xFF || h3 > 0xFF || (h1 & 0xE0) != 0xE0) return 0;
    const unsigned version = (h1 >> 3) & 3,
                   layer = (h1 >> 1) & 3;  // version 3 = MPEG-1; layer 3 = I
    const unsigned bitrate_index = h2 >> 4, rate_index = (h2 >> 2) & 3, padding = (h2 >> 1) & 1;
    if (version == 1 || layer == 0 || bitrate_index == 0 || bitrate_index == 15 ||
        rate_index == 3 || (h3 & 3) == 2) {
        return 0;
    }
    static constexpr unsigned kKbps[5][15] = {
        {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},  // MPEG-1 layer I
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},     // MPEG-1 layer II
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},      // MPEG-1 layer III
        {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},     // MPEG-2 layer I
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},  // MPEG-2 layers II, III
    };
    static constexpr unsigned kRates[3] = {44100, 48000, 32000};
    const bool mpeg1 = version == 3;
    const unsigned table = mpeg1 ? 3 - layer : (layer == 3 ? 3 : 4);
    const unsigned bitrate = kKbps[table][bitrate_index] * 1000;
    const unsigned rate = kRates[rate_index] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
    if (layer == 3) return (12 * bitrate / rate + padding) * 4;
    return (layer == 1 && !mpeg1 ? 72 : 144) * bitrate / rate + padding;
}

/// Length of the AAC ADTS frame whose header is at i, or 0.
std::size_t adts_frame(const Bytes& b, std::size_t i) {
    if (b.at(i) != 0xFF || (b.at(i + 1) & 0xF6) != 0xF0 || ((b.at(i + 2) >> 2) & 0xF) > 12 ||
        i + 7 > b.size()) {
        return 0;
    }
    const std::size_t length = (b.at(i + 3) & 3) << 11 | b.at(i + 4) << 3 | b.at(i + 5) >> 5;
    return length >= 7 ? length : 0;
}

/// A frame at `start`, and another right after it unless the head ends first (then the
/// extension must agree).
bool frames_at(const Probe& probe, std::size_t start,
               std::size_t (*frame)(const Bytes&, std::size_t), std::string_view mime) {
    const std::size_t first = frame(probe.bytes, start);
    if (first == 0) return false;
    if (start + first + 4 > probe.bytes.size()) return probe.extension_mime == mime;
    return frame(probe.bytes, start + first) != 0;
}

std::string_view audio_frames(const Probe& probe) {
    if (frames_at(probe, 0, mpeg_audio_frame, "audio/mpeg")) return "audio/mpeg";
    if (frames_at(probe, 0, adts_frame, "audio/aac")) return "audio/aac";
    return {};
}

/// ID3v2 tags precede MP3 mostly, but also AAC and FLAC.
std::string_view id3(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (!b.has(0, "ID3") || b.at(3) < 2 || b.at(3) > 4) return {};
    std::size_t size = 0;
    for (std::size_t i = 6; i < 10; ++i) {
        if (b.at(i) >= 0x80) return {};
        size = size << 7 | b.at(i);
    }
    const std::size_t after = 10 + size + ((b.at(5) & 0x10) ? 10 : 0);
    if (b.has(after, "fLaC")) return "audio/flac";
    if (adts_frame(b, after) != 0) return "audio/aac";
    return "audio/mpeg";
}

bool sync_bytes_every(const Bytes& b, std::size_t first, std::size_t stride) {
    std::size_t count = 0;
    for (std::size_t at = first; at < b.size() && count < 8; at += stride, ++count) {
        if (b.at(at) != 0x47) return false;
    }
    return count >= 3;
}

std::string_view transport_stream(const Probe& probe) {
    const bool ts = sync_bytes_every(probe.bytes, 0, 188) || sync_bytes_every(probe.bytes, 4, 192);
    return ts ? "video/mp2t" : "";
}

// ---------------------------------------------------------------------------------------------
// Weak binary formats, checked after everything with a real signature.

/// 3DS: a main chunk 0x4D4D whose first sub-chunk is the version, the editor or keyframes.
std::string_view three_ds(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (b.u16le(0) != 0x4D4D || b.size() < 16) return {};
    const std::uint32_t length = b.u32le(2), sub_id = b.u16le(6), sub_length = b.u32le(8);
    const bool sub_ok = sub_id == 0x0002 || sub_id == 0x3D3D || sub_id == 0xB000;
    const bool fits = !probe.file_size || length <= *probe.file_size;
    return sub_ok && fits && length >= 16 && sub_length >= 6 && sub_length <= length - 6
               ? "model/x-3ds"
               : "";
}

/// Binary STL: an 80-byte header, a triangle count, 50 bytes a triangle; the size must match.
std::string_view binary_stl(const Probe& probe) {
    if (!probe.file_size || probe.bytes.size() < 84) return {};
    return 84 + 50 * std::uint64_t{probe.bytes.u32le(80)} == *probe.file_size ? "model/stl" : "";
}

/// TGA has no magic number: named .tga, its header must make sense.
std::string_view targa(const Probe& probe) {
    const Bytes& b = probe.bytes;
    if (probe.extension_mime != "image/x-tga" || b.size() < 18) return {};
    const unsigned map_type = b.at(1), image_type = b.at(2), map_bits = b.at(7), depth = b.at(16);
    const bool mapped = image_type == 1 || image_type == 9;
    const bool type_ok = image_type == 1 || image_type == 2 || image_type == 3 || image_type == 9 ||
                         image_type == 10 || image_type == 11;
    const bool map_ok = mapped ? map_type == 1 && (map_bits == 15 || map_bits == 16 ||
                                                   map_bits == 24 || map_bits == 32)
                               : map_type <= 1;
    const bool depth_ok = depth == 8 || depth == 15 || depth == 16 || depth == 24 || depth == 32;
    return type_ok && map_ok && depth_ok && b.u16le(12) > 0 && b.u16le(14) > 0 ? "image/x-tga" : "";
}

// ---------------------------------------------------------------------------------------------
// Text formats.

/// Text: no control bytes other than tab, line ends, form feed, Ctrl-Z and escape (ANSI colours).
bool is_text(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f' &&
            byte != '\v' && byte != 0x1A && byte != 0x1B) {
            return false;
        }
    }
    return true;
}

std::size_t skip_space(std::string_view text, std::size_t at) {
    while (at < text.size() &&
           (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n'))
        ++at;
    return at;
}

/// The lines of `text`, without their line ends, up to `limit` lines.
template <class Visit>
void for_each_line(std::string_view text, std::size_t limit, Visit visit) {
    for (std::size_t start = 0, count = 0; start < text.size() && count < limit; ++count) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (!visit(line)) return;
        start = end + 1;
    }
}

bool is_srt(std::string_view text) {
    int state = 0;  // 0: before the cue number, 1: after it, 2: found the timing line
    for_each_line(text, 8, [&](std::string_view line) {
        if (state == 0 && line.empty()) return true;
        if (state == 0) {
            state = line.find_first_of("0123456789") != std::string_view::npos &&
                            line.find_first_not_of("0123456789 ") == std::string_view::npos
                        ? 1
                        : -1;
            return state == 1;
        }
        state = line.find("-->") != std::string_view::npos && !line.empty() && line[0] >= '0' &&
                        line[0] <= '9'
                    ? 2
                    : -1;
        return false;
    });
    return state == 2;
}

/// The root element of an XML document decides its type.
std::string_view xml(std::string_view text) {
    std::size_t at = 0;
    for (int parts = 0; parts < 64; ++parts) {
        at = skip_space(text, at);
        std::string_view close;
        if (has_at(text, at, "<?"))
            close = "?>";
        else if (has_at(text, at, "<!--"))
            close = "-->";
        else if (has_at(text, at, "<!DOCTYPE") || has_at(text, at, "<!doctype"))
            close = ">";
        else
            break;
        if (close == ">" && (has_at(text, at + 10, "html") || has_at(text, at + 10, "HTML")))
            return "text/html";
        const auto end = text.find(close, at + 2);
        if (end == std::string_view::npos) return at > 0 ? "application/xml" : "";
        at = end + close.size();
    }
    if (!has_at(text, at, "<")) return at > 0 && at == text.size() ? "application/xml" : "";
    std::string_view name = text.substr(at + 1, 64);
    name = name.substr(0, name.find_first_of(" \t\r\n>/"));
    if (const auto colon = name.find(':'); colon != std::string_view::npos)
        name.remove_prefix(colon + 1);
    const auto first = static_cast<unsigned char>(name.empty() ? ' ' : name[0]);
    if (!std::isalpha(first) && first != '_' && first < 0x80) return {};
    if (name == "COLLADA") return "model/vnd.collada+xml";
    if (name == "svg") return "image/svg+xml";
    if (name == "X3D") return "model/x3d+xml";
    if (name == "html" || name == "HTML") return "text/html";
    return "application/xml";
}

std::string_view json(std::string_view text) {
    const std::size_t at = skip_space(text, 1);
    if (text[0] == '{' && at < text.size() && text[at] != '"' && text[at] != '}') return {};
    for (auto asset = text.find("\"asset\""); asset != std::string_view::npos;
         asset = text.find("\"asset\"", asset + 1)) {
        if (text.substr(asset, 400).find("\"version\"") != std::string_view::npos)
            return "model/gltf+json";
    }
    return "application/json";
}

bool is_one_of(std::string_view word, std::string_view list) {
    for (std::size_t start = 0; start < list.size();) {
        const auto end = std::min(list.find(' ', start), list.size());
        if (list.substr(start, end - start) == word) return true;
        start = end + 1;
    }
    return false;
}

/// OBJ and MTL: nearly every line starts with one of their keywords.
std::string_view obj_or_mtl(std::string_view text) {
    static constexpr std::string_view kObj =
        "v vt vn vp f l p g o s mtllib usemtl cstype deg curv curv2 surf parm end";
    static constexpr std::string_view kMtl =
        "newmtl Ka Kd Ks Ke Ns Ni Tr Tf d illum sharpness bump disp decal refl Pr Pm Ps Pc Pcr "
        "aniso anisor norm";
    std::size_t obj = 0, geometry = 0, mtl = 0, materials = 0, other = 0;
    for_each_line(text, 4000, [&](std::string_view line) {
        const std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string_view::npos || line[start] == '#') return true;
        std::string_view word = line.substr(start);
        word = word.substr(0, word.find_first_of(" \t"));
        if (is_one_of(word, kObj)) {
            ++obj;
            geometry += word == "v" || word == "f" ? 1 : 0;
        } else if (is_one_of(word, kMtl) || word.starts_with("map_")) {
            ++mtl;
            materials += word == "newmtl" ? 1 : 0;
        } else {
            ++other;
        }
        return true;
    });
    const std::size_t lines = obj + mtl + other;
    if (materials > 0 && mtl * 10 >= lines * 9) return "model/mtl";
    if (geometry > 0 && obj * 10 >= lines * 9) return "model/obj";
    return {};
}

/// Without an extension, lines with the same number of commas (or tabs) make a table.
std::string_view table_text(std::string_view text) {
    for (const char delimiter : {',', '\t'}) {
        std::ptrdiff_t columns = -1;
        std::size_t lines = 0;
        for_each_line(text, 20, [&](std::string_view line) {
            if (line.empty()) return true;
            const auto count = std::count(line.begin(), line.end(), delimiter);
            if (columns < 0) columns = count;
            if (count != columns) columns = 0;
            lines += 1;
            return columns > 0;
        });
        if (columns > 0 && lines >= 2)
            return delimiter == ',' ? "text/csv" : "text/tab-separated-values";
    }
    return {};
}

std::string_view text_format(const Probe& probe) {
    std::string_view text = probe.bytes.text();
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF"))
        return kText;  // UTF-16 or UTF-32
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (!is_text(text)) return {};
    // Judge complete lines only, unless the head is the whole file.
    const bool whole = probe.file_size && *probe.file_size == probe.bytes.size();
    if (const auto last = text.rfind('\n'); !whole && last != std::string_view::npos)
        text = text.substr(0, last + 1);
    const std::string_view body = text.substr(std::min(skip_space(text, 0), text.size()));
    if (body.starts_with("WEBVTT") &&
        (body.size() == 6 || std::string_view(" \t\r\n").find(body[6]) != std::string_view::npos)) {
        return "text/vtt";
    }
    if (body.starts_with("[Script Info]")) return "text/x-ssa";
    if (is_srt(body)) return "application/x-subrip";
    if (body.starts_with("<")) {
        if (const auto type = xml(body); !type.empty()) return type;
    }
    if (body.starts_with("{") || body.starts_with("[")) {
        if (const auto type = json(body); !type.empty()) return type;
    }
    if ((body.starts_with("solid ") || body.starts_with("solid\n") ||
         body.starts_with("solid\r")) &&
        (body.find("facet") != std::string_view::npos ||
         body.find("endsolid") != std::string_view::npos)) {
        return "model/stl";
    }
    if (const auto type = obj_or_mtl(body); !type.empty()) return type;
    if (probe.extension_mime.empty()) {
        if (const auto type = table_text(body); !type.empty()) return type;
    }
    return kText;
}

/// A binary file named .stl whose size is not known.
std::string_view named_stl(const Probe& probe) {
    return probe.extension_mime == "model/stl" && probe.bytes.size() >= 84 ? "model/stl" : "";
}

// In order: real signatures first (ISO media before the rest: an ftyp box may be 442 bytes long,
// which looks like an MPEG-PS pack header), then weak binary checks, then text, then hints.
constexpr Detector kDetectors[] = {
    iso_media,    by_signature, riff,        matroska, ogg,         zip,
    id3,          bitmap,       gltf_binary, ply,      off,         transport_stream,
    audio_frames, three_ds,     binary_stl,  targa,    text_format, named_stl,
};

}  // namespace

std::string_view mime_for_extension(std::string_view filename_or_extension) {
    return mime_for_ext(extension_of(filename_or_extension));
}

std::string_view kind_for_mime(std::string_view mime) {
    const TypeInfo* type = find_type(mime);
    return type ? type->kind : "other";
}

Sniffed sniff_bytes(std::span<const std::byte> head, std::string_view filename_or_extension,
                    std::optional<std::uint64_t> file_size) {
    if (head.size() > kSniffBytes) head = head.first(kSniffBytes);
    const std::string_view extension_mime = mime_for_extension(filename_or_extension);
    const Probe probe{Bytes(head), extension_mime, file_size};
    std::string_view mime = head.empty() ? kEmpty : kOctetStream;
    for (std::size_t i = 0; i < std::size(kDetectors) && !head.empty(); ++i) {
        if (const std::string_view found = kDetectors[i](probe); !found.empty()) {
            mime = found;
            break;
        }
    }
    // Where the bytes only show a general type, the extension may say which case of it this is.
    if (!extension_mime.empty() && is_ancestor(mime, extension_mime)) mime = extension_mime;
    Sniffed sniffed;
    sniffed.mime = std::string(mime);
    sniffed.kind = std::string(kind_for_mime(mime));
    sniffed.extension_mime = std::string(extension_mime);
    sniffed.extension_agrees = extension_mime.empty() || extension_mime == mime ||
                               extension_mime == kOctetStream || is_ancestor(extension_mime, mime);
    return sniffed;
}

Result<Sniffed> sniff_file(const std::filesystem::path& file) {
    const std::string origin = "sniff: " + file.string() + ": ";
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        return fail(Errc::not_found, origin + "no such file");
    if (ec) return fail(Errc::io, origin + ec.message());
    if (std::filesystem::is_directory(status))
        return fail(Errc::invalid_argument, origin + "a folder, not a file");
    if (!std::filesystem::is_regular_file(status)) {
        return fail(Errc::unsupported, origin + "not a regular file (a device, pipe or socket)");
    }
    const std::uint64_t size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Errc::io, origin + ec.message());
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(Errc::io, origin + "cannot open: " + std::strerror(errno));
    std::vector<char> head(kSniffBytes);
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    if (in.bad()) return fail(Errc::io, origin + "cannot read: " + std::strerror(errno));
    const auto got = static_cast<std::size_t>(in.gcount());
    const std::string name = file.filename().string();
    return sniff_bytes(std::as_bytes(std::span(head.data(), got)),
                       is_ascii_dot_or_fullwidth_dot(name) ? name : "",
                       got < size ? size : std::uint64_t{got});
}

}  // namespace wenyuan
