#include "resolve.hpp"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

namespace wenyuan::model {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

// Walks `relative` component by component from `folder`, matching each name case-insensitively
// (ASCII letters only) when the exact name is not there.
std::optional<std::filesystem::path> case_insensitive(const std::filesystem::path& folder,
                                                      const std::filesystem::path& relative) {
    std::filesystem::path current = folder;
    for (const auto& part : relative) {
        const std::string name = part.string();
        if (name.empty() || name == ".") continue;
        std::error_code ec;
        if (name == ".." || std::filesystem::exists(current / part, ec)) {
            current /= part;
            continue;
        }
        const std::string wanted = lower(name);
        std::optional<std::filesystem::path> match;
        for (std::filesystem::directory_iterator it(current, ec), end; !ec && it != end; it.increment(ec)) {
            if (lower(it->path().filename().string()) == wanted) {
                match = it->path();
                break;
            }
        }
        if (!match) return std::nullopt;
        current = *match;
    }
    return is_file(current) ? std::optional(current) : std::nullopt;
}

std::optional<std::filesystem::path> try_reference(const std::filesystem::path& folder, std::string text) {
    std::replace(text.begin(), text.end(), '\\', '/');
    if (text.empty()) return std::nullopt;
    const std::filesystem::path path(text);
    if (path.is_absolute()) {
        if (is_file(path)) return path;
        return std::nullopt;
    }
    // "C:/scans/vase.jpg" is relative on POSIX but is an absolute Windows path: only its name can help.
    if (text.size() > 2 && text[1] == ':') return std::nullopt;
    if (is_file(folder / path)) return (folder / path).lexically_normal();
    if (auto found = case_insensitive(folder, path)) return found->lexically_normal();
    return std::nullopt;
}

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (int k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
        }
        i += length;
    }
    return true;
}

struct IconvCloser {
    void operator()(void* cd) const noexcept { iconv_close(static_cast<iconv_t>(cd)); }
};

// Chinese Windows tools write MTL and OBJ names in GBK; the file system holds UTF-8.
std::optional<std::string> gb18030_to_utf8(std::string_view text) {
    iconv_t raw = iconv_open("UTF-8", "GB18030");
    if (raw == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::unique_ptr<void, IconvCloser> cd(raw);
    std::string in(text), out(text.size() * 2 + 4, '\0');
    char* src = in.data();
    char* dst = out.data();
    std::size_t src_left = in.size(), dst_left = out.size();
    if (iconv(raw, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) return std::nullopt;
    out.resize(out.size() - dst_left);
    return out;
}

// True when `file` lies inside `root` (both absolute and lexically normal).
bool inside(const std::filesystem::path& file, const std::filesystem::path& root) {
    const auto relative = file.lexically_normal().lexically_relative(root.lexically_normal());
    return !relative.empty() && *relative.begin() != "..";
}

std::optional<std::filesystem::path> resolve_any(const std::filesystem::path& folder, std::string text);

}  // namespace

std::string uri_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

std::optional<std::filesystem::path> resolve_reference(const std::filesystem::path& folder,
                                                       std::string_view reference) {
    std::string text(reference);
    if (!valid_utf8(text)) {
        if (auto converted = gb18030_to_utf8(text)) text = *converted;
    }
    auto found = resolve_any(folder, std::move(text));
    // A model may share a textures folder with its neighbours, but may not reach further: a
    // hostile file naming /etc/passwd or ../../../home as a texture gets nothing.
    const auto root = folder.has_parent_path() ? folder.parent_path() : folder;
    if (found && !inside(*found, root)) return std::nullopt;
    return found;
}

namespace {

std::optional<std::filesystem::path> resolve_any(const std::filesystem::path& folder, std::string text) {
    // Trim whitespace and quotes that exporters leave around names.
    while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) || text.back() == '"')) text.pop_back();
    std::size_t start = 0;
    while (start < text.size() && (std::isspace(static_cast<unsigned char>(text[start])) || text[start] == '"')) ++start;
    text.erase(0, start);
    if (text.empty() || text[0] == '*') return std::nullopt;  // embedded ("*0")
    if (text.rfind("file://", 0) == 0) text = text.substr(7);
    if (auto found = try_reference(folder, text)) return found;
    if (text.find('%') != std::string::npos) {
        if (auto found = try_reference(folder, uri_decode(text))) return found;
    }
    std::string name = text;
    std::replace(name.begin(), name.end(), '\\', '/');
    name = std::filesystem::path(name).filename().string();
    if (!name.empty() && name != text) return try_reference(folder, name);
    return std::nullopt;
}

}  // namespace

}  // namespace wenyuan::model
