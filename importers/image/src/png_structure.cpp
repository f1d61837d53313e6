#include "png_structure.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace wenyuan::image {
namespace {

constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr std::uint32_t kLargestChunk = 0x7fffffffu;  // the PNG specification's limit

std::uint32_t big_endian(const std::byte* at) {
    return std::uint32_t(at[0]) << 24 | std::uint32_t(at[1]) << 16 | std::uint32_t(at[2]) << 8 | std::uint32_t(at[3]);
}

std::string printable(const std::byte* type) {
    std::string out;
    for (int i = 0; i < 4; ++i) {
        const auto c = static_cast<unsigned char>(type[i]);
        out += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ? static_cast<char>(c) : '?';
    }
    return out;
}

}  // namespace

std::optional<std::string> png_structure_problem(std::span<const std::byte> bytes) {
    if (bytes.size() < sizeof kSignature || std::memcmp(bytes.data(), kSignature, sizeof kSignature) != 0) {
        return "not a PNG signature";
    }
    std::size_t at = sizeof kSignature;
    bool header = false, data = false;
    while (true) {
        if (bytes.size() - at < 12) {
            return "truncated: the file ends at byte " + std::to_string(bytes.size()) + (data ? ", inside the image data" : "") +
                   " (no IEND chunk)";
        }
        const std::uint32_t length = big_endian(&bytes[at]);
        const std::string type = printable(&bytes[at + 4]);
        if (length > kLargestChunk) return "chunk at byte " + std::to_string(at) + " claims " + std::to_string(length) + " bytes";
        if (bytes.size() - at - 12 < length) {
            return "truncated: chunk " + type + " at byte " + std::to_string(at) + " needs " + std::to_string(length) +
                   " bytes, the file ends after " + std::to_string(bytes.size() - at - 8);
        }
        const auto* start = reinterpret_cast<const Bytef*>(&bytes[at + 4]);
        uLong crc = crc32(0L, Z_NULL, 0);
        for (std::size_t done = 0; done < std::size_t(length) + 4;) {  // zlib takes at most 4 GB at once
            const auto step = static_cast<uInt>(std::min<std::size_t>(std::size_t(length) + 4 - done, 1u << 30));
            crc = crc32(crc, start + done, step);
            done += step;
        }
        // A damaged ancillary chunk (lower-case first letter: tEXt, iCCP …) is only a warning to
        // libpng, and png_without_ancillary_chunks leaves it out anyway.
        const bool ancillary = (static_cast<unsigned char>(bytes[at + 4]) & 0x20) != 0;
        if (crc != big_endian(&bytes[at + 8 + length]) && !ancillary) {
            return "chunk " + type + " at byte " + std::to_string(at) + " is corrupt (CRC mismatch)";
        }
        if (!header && type != "IHDR") return "the first chunk is " + type + ", not IHDR";
        header = true;
        data = data || type == "IDAT";
        at += 12 + std::size_t(length);
        if (type == "IEND") return data ? std::nullopt : std::optional<std::string>("no image data (IDAT chunk)");
    }
}

std::vector<unsigned char> png_without_ancillary_chunks(std::span<const std::byte> bytes) {
    std::vector<unsigned char> out;
    out.reserve(bytes.size());
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    out.insert(out.end(), data, data + sizeof kSignature);
    for (std::size_t at = sizeof kSignature; bytes.size() - at >= 12;) {
        const std::size_t size = 12 + std::size_t(big_endian(&bytes[at]));
        const std::string type = printable(&bytes[at + 4]);
        if (type == "IHDR" || type == "PLTE" || type == "tRNS" || type == "IDAT" || type == "IEND") {
            out.insert(out.end(), data + at, data + at + size);
        }
        if (type == "IEND") break;
        at += size;
    }
    return out;
}

}  // namespace wenyuan::image
