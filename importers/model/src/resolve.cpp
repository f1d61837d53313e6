#include "resolve.hpp"

#include <algorithm>
#include <cctype>
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

}  // namespace wenyuan::model
