#include "text_width.hpp"

namespace wenyuan::cli {
namespace {

// Decodes one UTF-8 sequence; returns its length (1 for malformed bytes).
std::size_t decode(std::string_view text, std::size_t at, char32_t& code) {
    const auto byte = static_cast<unsigned char>(text[at]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 6 ? 2 : (byte >> 4) == 14 ? 3 : (byte >> 3) == 30 ? 4 : 1;
    if (at + length > text.size()) length = 1;
    code = length == 1 ? byte : byte & (0x3f >> (length - 1));
    for (std::size_t i = 1; i < length; ++i) code = (code << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3f);
    return length;
}

bool is_wide(char32_t code) {
    return (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) ||
           (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) ||
           (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
           (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd);
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t used = 0;
    for (std::size_t at = 0; at < text.size();) {
        char32_t code = 0;
        at += decode(text, at, code);
        used += is_wide(code) ? 2 : 1;
    }
    return used;
}

std::string pad_display(std::string_view text, std::size_t columns) {
    const std::size_t width = display_width(text);
    return std::string(text) + std::string(width < columns ? columns - width : 1, ' ');
}

std::string truncate_display(std::string_view text, std::size_t columns) {
    std::size_t used = 0;
    for (std::size_t at = 0; at < text.size();) {
        char32_t code = 0;
        const std::size_t length = decode(text, at, code);
        const std::size_t width = is_wide(code) ? 2 : 1;
        if (code == '\n' || used + width > columns - 1) {
            bool rest_fits = code != '\n' && used + width <= columns;
            if (rest_fits && at + length == text.size()) return std::string(text);
            return std::string(text.substr(0, at)) + "…";
        }
        used += width;
        at += length;
    }
    return std::string(text);
}

}  // namespace wenyuan::cli
