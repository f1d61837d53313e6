#include "precheck.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace wenyuan::model {
namespace {

constexpr std::size_t kMaxHeader = 64 * 1024;

int type_size(const std::string& type) {
    static const std::map<std::string, int> sizes = {
        {"char", 1},  {"uchar", 1},  {"int8", 1},   {"uint8", 1},  {"short", 2},   {"ushort", 2},
        {"int16", 2}, {"uint16", 2}, {"int", 4},    {"uint", 4},   {"int32", 4},   {"uint32", 4},
        {"float", 4}, {"float32", 4}, {"double", 8}, {"float64", 8}};
    auto it = sizes.find(type);
    return it == sizes.end() ? 0 : it->second;
}

struct Element {
    std::string name;
    unsigned long long count = 0;
    unsigned long long min_bytes = 0;      // binary: the smallest entry
    unsigned long long properties = 0;     // ascii: each takes at least two characters
};

Result<void> check_ply(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string head(kMaxHeader, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.compare(0, 3, "ply") != 0) return {};  // not a PLY by its bytes: Assimp decides
    std::size_t end = head.find("end_header");
    if (end == std::string::npos) {
        return fail(Errc::corrupt, head.size() < kMaxHeader ? "the PLY header is cut off (no end_header line)"
                                                           : "the PLY header is over 64 KiB long");
    }
    std::size_t body = head.find('\n', end);
    if (body == std::string::npos) return fail(Errc::corrupt, "the PLY header is cut off after end_header");
    ++body;
    std::istringstream lines(head.substr(0, end));
    std::string format;
    std::vector<Element> elements;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        std::string keyword;
        words >> keyword;
        if (keyword == "format") {
            words >> format;
        } else if (keyword == "element") {
            Element e;
            std::string count;
            words >> e.name >> count;
            if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos || count.size() > 19) {
                return fail(Errc::corrupt, "the PLY header gives element " + e.name + " an invalid count '" + count + "'");
            }
            e.count = std::stoull(count);
            elements.push_back(e);
        } else if (keyword == "property" && !elements.empty()) {
            std::string type;
            words >> type;
            Element& e = elements.back();
            ++e.properties;
            if (type == "list") {
                std::string count_type;
                words >> count_type;
                e.min_bytes += type_size(count_type);
            } else {
                e.min_bytes += type_size(type);
            }
        }
    }
    if (format != "ascii" && format != "binary_little_endian" && format != "binary_big_endian") {
        return fail(Errc::corrupt, "the PLY header names an unknown format '" + format + "'");
    }
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Errc::io, "cannot read the file size: " + ec.message());
    const unsigned long long left = size > body ? size - body : 0;
    for (const Element& e : elements) {
        const unsigned long long per = format == "ascii" ? 2 * std::max(1ull, e.properties) : std::max(1ull, e.min_bytes);
        if (e.count > left / per + (left % per != 0)) {
            return fail(Errc::corrupt, "the header claims " + std::to_string(e.count) + " " + e.name + " entries (at least " +
                                           std::to_string(e.count * per) + " bytes) but only " + std::to_string(left) +
                                           " bytes follow it");
        }
    }
    return {};
}

}  // namespace

Result<void> precheck_model(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::ifstream in(file, std::ios::binary);
    char magic[3] = {};
    in.read(magic, 3);
    if (ext == ".ply" || std::string(magic, 3) == "ply") return check_ply(file);
    return {};
}

}  // namespace wenyuan::model
