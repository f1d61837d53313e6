#include "bagit_checker.hpp"

#include <openssl/sha.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

namespace wenyuan::test {
namespace {

std::uint64_t octal_field(const char* p, std::size_t n) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n && p[i]; ++i) {
        if (p[i] == ' ') continue;
        if (p[i] < '0' || p[i] > '7') throw std::runtime_error("bad octal field");
        v = v * 8 + static_cast<std::uint64_t>(p[i] - '0');
    }
    return v;
}

std::string cstr(const char* p, std::size_t n) { return std::string(p, strnlen(p, n)); }

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

}  // namespace

std::string sha512_hex(const std::string& bytes) {
    unsigned char digest[SHA512_DIGEST_LENGTH];
    SHA512(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
    char hex[2 * SHA512_DIGEST_LENGTH + 1];
    for (int i = 0; i < SHA512_DIGEST_LENGTH; ++i) std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return hex;
}

std::vector<TarMember> read_tar(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<TarMember> members;
    std::size_t at = 0;
    while (at + 512 <= all.size()) {
        const char* h = all.data() + at;
        bool zero = true;
        for (int i = 0; i < 512; ++i) zero = zero && h[i] == 0;
        if (zero) return members;
        unsigned sum = 0;
        for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
        if (sum != octal_field(h + 148, 8)) throw std::runtime_error("tar checksum mismatch");
        TarMember m;
        const std::string prefix = std::memcmp(h + 257, "ustar", 5) == 0 ? cstr(h + 345, 155) : "";
        m.name = prefix.empty() ? cstr(h, 100) : prefix + "/" + cstr(h, 100);
        m.type = h[156] ? h[156] : '0';
        m.link = cstr(h + 157, 100);
        const std::uint64_t size = octal_field(h + 124, 12);
        at += 512;
        if (m.type == '0' || m.type == '7') {
            if (at + size > all.size()) throw std::runtime_error("tar member truncated");
            m.data = all.substr(at, size);
            at += (size + 511) / 512 * 512;
        }
        members.push_back(std::move(m));
    }
    throw std::runtime_error("tar has no end marker");
}

void write_tar(const std::filesystem::path& file, const std::vector<TarMember>& members) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const TarMember& m : members) {
        char h[512] = {};
        std::string name = m.name, prefix;
        if (name.size() > 100) {
            const auto slash = name.rfind('/', name.size() - 2);
            prefix = name.substr(0, slash);
            name = name.substr(slash + 1);
        }
        std::memcpy(h, name.data(), std::min<std::size_t>(name.size(), 100));
        std::snprintf(h + 100, 8, "%07o", 0644);
        std::snprintf(h + 108, 8, "%07o", 0);
        std::snprintf(h + 116, 8, "%07o", 0);
        std::snprintf(h + 124, 12, "%011llo", static_cast<unsigned long long>(m.data.size()));
        std::snprintf(h + 136, 12, "%011o", 0);
        std::memset(h + 148, ' ', 8);
        h[156] = m.type;
        std::memcpy(h + 157, m.link.data(), std::min<std::size_t>(m.link.size(), 100));
        std::memcpy(h + 257, "ustar", 6);
        std::memcpy(h + 263, "00", 2);
        std::memcpy(h + 345, prefix.data(), std::min<std::size_t>(prefix.size(), 155));
        unsigned sum = 0;
        for (char c : h) sum += static_cast<unsigned char>(c);
        std::snprintf(h + 148, 8, "%06o", sum);
        out.write(h, 512);
        out.write(m.data.data(), static_cast<std::streamsize>(m.data.size()));
        const std::string pad((512 - m.data.size() % 512) % 512, '\0');
        out.write(pad.data(), static_cast<std::streamsize>(pad.size()));
    }
    const std::string end(1024, '\0');
    out.write(end.data(), static_cast<std::streamsize>(end.size()));
}

std::vector<std::string> check_bagit(const std::filesystem::path& file) {
    std::vector<std::string> problems;
    std::vector<TarMember> members;
    try {
        members = read_tar(file);
    } catch (const std::exception& e) {
        return {std::string("tar: ") + e.what()};
    }
    // RFC 8493 §4: a serialised bag unpacks to a single top-level directory.
    std::string base;
    std::map<std::string, std::string> files;  // path relative to the base directory → bytes
    for (const TarMember& m : members) {
        const auto slash = m.name.find('/');
        const std::string top = m.name.substr(0, slash);
        if (base.empty()) base = top;
        if (top != base) problems.push_back(m.name + ": not under the single base directory " + base);
        if (m.type == '5') continue;
        if (m.type != '0') problems.push_back(m.name + ": not a regular file");
        if (slash == std::string::npos) continue;
        files[m.name.substr(slash + 1)] = m.data;
    }
    // §2.1.1 bagit.txt: exactly two lines, version then encoding.
    const auto bagit = files.find("bagit.txt");
    if (bagit == files.end()) {
        problems.push_back("bagit.txt: missing");
    } else {
        const auto lines = split_lines(bagit->second);
        if (lines.size() != 2 || lines[0].rfind("BagIt-Version: ", 0) != 0 ||
            lines[1] != "Tag-File-Character-Encoding: UTF-8") {
            problems.push_back("bagit.txt: not the two required lines");
        }
    }
    // §2.1.3 payload manifests: every payload file listed, every listed file present, checksums.
    // §2.2.1 tag manifests: listed tag files present with their checksums.
    bool payload_manifest = false;
    std::set<std::string> listed_payload;
    for (const auto& [path, bytes] : files) {
        const bool tag = path.rfind("tagmanifest-", 0) == 0;
        if (!tag && path.rfind("manifest-", 0) != 0) continue;
        if (path.find('/') != std::string::npos) continue;
        if (path.substr(path.size() - 11) != "-sha512.txt") continue;  // the only algorithm this checker knows
        payload_manifest = payload_manifest || !tag;
        for (const std::string& line : split_lines(bytes)) {
            if (line.empty()) continue;
            const auto space = line.find(' ');
            if (space == std::string::npos) {
                problems.push_back(path + ": malformed line");
                continue;
            }
            const std::string sum = line.substr(0, space);
            std::string target = line.substr(space);
            target.erase(0, target.find_first_not_of(" \t"));
            if (!tag) {
                if (target.rfind("data/", 0) != 0) problems.push_back(path + ": " + target + " is not under data/");
                listed_payload.insert(target);
            }
            const auto found = files.find(target);
            if (found == files.end()) problems.push_back(path + ": " + target + " is listed but missing");
            else if (sha512_hex(found->second) != sum) problems.push_back(path + ": " + target + " checksum mismatch");
        }
    }
    if (!payload_manifest) problems.push_back("no payload manifest (manifest-sha512.txt)");
    std::uint64_t bytes = 0, count = 0;
    for (const auto& [path, data] : files) {
        if (path.rfind("data/", 0) != 0) continue;
        bytes += data.size();
        ++count;
        if (!listed_payload.count(path)) problems.push_back(path + ": payload file not in the manifest");
    }
    // §2.2.2 bag-info.txt: Payload-Oxum, if present, is octetcount.streamcount.
    const auto info = files.find("bag-info.txt");
    if (info != files.end()) {
        for (const std::string& line : split_lines(info->second)) {
            if (line.rfind("Payload-Oxum:", 0) != 0) continue;
            std::string value = line.substr(13);
            value.erase(0, value.find_first_not_of(" \t"));
            if (value != std::to_string(bytes) + "." + std::to_string(count)) problems.push_back("bag-info.txt: Payload-Oxum mismatch");
        }
    }
    return problems;
}

}  // namespace wenyuan::test
