#include "bag.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

namespace wenyuan::bag {

struct Sha512::Impl {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha512::Sha512() : impl_(std::make_unique<Impl>()) { EVP_DigestInit_ex(impl_->ctx, EVP_sha512(), nullptr); }
Sha512::~Sha512() = default;
Sha512::Sha512(Sha512&&) noexcept = default;

void Sha512::update(const void* data, std::size_t size) { EVP_DigestUpdate(impl_->ctx, data, size); }

std::string Sha512::finish_hex() {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned size = 0;
    EVP_DigestFinal_ex(impl_->ctx, digest, &size);
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (unsigned i = 0; i < size; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

std::string sha512_bytes(std::string_view bytes) {
    Sha512 hash;
    hash.update(bytes.data(), bytes.size());
    return hash.finish_hex();
}

std::string format_manifest(const std::vector<std::pair<std::string, std::string>>& entries) {
    std::string out;
    for (const auto& [path, hash] : entries) out += hash + "  " + path + "\n";
    return out;
}

namespace {

bool is_hex(std::string_view text, std::size_t size) {
    if (text.size() != size) return false;
    for (char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

}  // namespace

Result<std::map<std::string, std::string>> parse_manifest(std::string_view text, std::string_view origin) {
    std::map<std::string, std::string> entries;
    std::size_t number = 0;
    for (std::string_view line : lines_of(text)) {
        ++number;
        const std::string where = std::string(origin) + ": line " + std::to_string(number) + ": ";
        if (line.empty()) continue;
        const auto space = line.find_first_of(" \t");
        if (space == std::string_view::npos) return fail(Errc::corrupt, where + "no path after the checksum");
        const std::string_view hash = line.substr(0, space);
        std::string_view path = line.substr(space);
        while (!path.empty() && (path.front() == ' ' || path.front() == '\t')) path.remove_prefix(1);
        if (!is_hex(hash, 128)) return fail(Errc::corrupt, where + "checksum is not 128 hex digits");
        if (path.empty()) return fail(Errc::corrupt, where + "empty path");
        std::string lower(hash);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (!entries.emplace(std::string(path), lower).second) {
            return fail(Errc::corrupt, where + std::string(path) + " is listed twice");
        }
    }
    return entries;
}

Result<std::multimap<std::string, std::string>> parse_bag_info(std::string_view text, std::string_view origin) {
    std::multimap<std::string, std::string> info;
    std::multimap<std::string, std::string>::iterator last = info.end();
    std::size_t number = 0;
    for (std::string_view line : lines_of(text)) {
        ++number;
        if (line.empty()) continue;
        if ((line.front() == ' ' || line.front() == '\t') && last != info.end()) {
            last->second += " " + std::string(line.substr(line.find_first_not_of(" \t")));
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) {
            return fail(Errc::corrupt, std::string(origin) + ": line " + std::to_string(number) + ": not 'Label: value'");
        }
        std::string_view value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
        last = info.emplace(std::string(line.substr(0, colon)), std::string(value));
    }
    return info;
}

Result<std::string> member_path(std::string_view name, std::string& bag_name) {
    if (name.empty()) return fail(Errc::corrupt, "empty member name");
    // Some tar tools write "./bag/…" (and "./" itself): a leading "./" is the archive's root.
    if (name == ".") return std::string();
    while (name.starts_with("./")) name.remove_prefix(2);
    if (name.empty()) return std::string();
    if (name.front() == '/') return fail(Errc::corrupt, "absolute path");
    for (char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '\\') {
            return fail(Errc::corrupt, "control character or backslash in the path");
        }
    }
    std::vector<std::string_view> parts;
    std::string_view rest = name;
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const std::string_view part = rest.substr(0, slash);
        if (part == "..") return fail(Errc::corrupt, "'..' in the path leaves the bag");
        if (part == "." || (part.empty() && slash != std::string_view::npos)) {
            return fail(Errc::corrupt, "'.' or empty component in the path");
        }
        if (!part.empty()) parts.push_back(part);
        if (slash == std::string_view::npos) break;
        rest.remove_prefix(slash + 1);
    }
    if (parts.empty()) return fail(Errc::corrupt, "empty path");
    if (bag_name.empty()) bag_name = std::string(parts.front());
    if (parts.front() != bag_name) {
        return fail(Errc::corrupt, "outside the bag folder '" + bag_name + "'");
    }
    std::string inside;
    for (std::size_t i = 1; i < parts.size(); ++i) inside += (i > 1 ? "/" : "") + std::string(parts[i]);
    return inside;
}

Result<std::string> normalise_expiry(std::string_view text) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) >= 3 && y > 1970 && m >= 1 &&
        m <= 12 && d >= 1 && d <= 31) {
        if (text.size() == 10) return std::string(text) + "T23:59:59Z";
        if (text.size() >= 20 && text[10] == 'T' && text.back() == 'Z') return std::string(text);
    }
    return fail(Errc::invalid_argument, "expiry '" + std::string(text) + "': use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
}

std::string days_from_now(int days) {
    const auto when = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[80];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return text;
}

}  // namespace wenyuan::bag
