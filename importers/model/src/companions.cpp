#include "companions.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "resolve.hpp"

namespace wenyuan::model {
namespace {

constexpr std::uintmax_t kMaxTextBytes = std::uintmax_t{512} << 20;  // read at most 512 MiB of text at once

std::string lower_extension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string read_all(const std::filesystem::path& file, std::uintmax_t limit = kMaxTextBytes) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::string data;
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || size > limit) return {};
    data.resize(static_cast<std::size_t>(size));
    in.read(data.data(), static_cast<std::streamsize>(data.size()));
    data.resize(static_cast<std::size_t>(in.gcount()));
    return data;
}

std::string trim(std::string_view text) {
    std::size_t b = 0, e = text.size();
    while (b < e && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(text[e - 1]))) --e;
    return std::string(text.substr(b, e - b));
}

class Collector {
public:
    explicit Collector(std::filesystem::path folder) : folder_(std::move(folder)) {}

    // Returns the resolved file, or nothing (and notes it as missing).
    std::optional<std::filesystem::path> add(const std::filesystem::path& folder, const std::string& reference,
                                             const std::string& role, const std::string& label) {
        auto file = resolve_reference(folder, reference);
        if (!file) {
            const std::string note = label + " " + reference;
            if (std::find(out.missing.begin(), out.missing.end(), note) == out.missing.end()) out.missing.push_back(note);
            return std::nullopt;
        }
        if (seen_.insert(*file).second) out.found.push_back({*file, role, reference});
        return file;
    }
    const std::filesystem::path& folder() const { return folder_; }
    Companions out;

private:
    std::filesystem::path folder_;
    std::set<std::filesystem::path> seen_;
};

// Each line starting with `keyword` (after blanks): the rest of the line.
template <typename F>
void for_each_keyword_line(std::string_view text, std::string_view keyword, F&& f) {
    std::size_t pos = 0;
    while ((pos = text.find(keyword, pos)) != std::string_view::npos) {
        std::size_t line_start = pos;
        while (line_start > 0 && (text[line_start - 1] == ' ' || text[line_start - 1] == '\t')) --line_start;
        const bool at_line_start = line_start == 0 || text[line_start - 1] == '\n' || text[line_start - 1] == '\r';
        const std::size_t after = pos + keyword.size();
        const bool separated = after < text.size() && (text[after] == ' ' || text[after] == '\t');
        std::size_t end = text.find('\n', after);
        if (end == std::string_view::npos) end = text.size();
        if (at_line_start && separated) f(trim(text.substr(after, end - after)));
        pos = end;
    }
}

// "-s 1 1 1 -bm 0.5 tex/a b.jpg" → "tex/a b.jpg": MTL texture options come before the name.
std::string mtl_map_name(const std::string& rest) {
    std::istringstream in(rest);
    std::vector<std::string> tokens;
    for (std::string t; in >> t;) tokens.push_back(t);
    std::size_t i = 0;
    auto is_number = [](const std::string& t) {
        char* end = nullptr;
        std::strtod(t.c_str(), &end);
        return !t.empty() && end && *end == '\0';
    };
    while (i < tokens.size() && tokens[i].size() > 1 && tokens[i][0] == '-' && !is_number(tokens[i])) {
        const std::string option = tokens[i++];
        if (option == "-o" || option == "-s" || option == "-t") {
            for (int n = 0; n < 3 && i < tokens.size() && is_number(tokens[i]); ++n) ++i;
        } else if (option == "-mm") {
            i += 2;
        } else {
            ++i;  // -blendu on, -bm 1, -clamp on, -imfchan l, -type sphere, -texres 512, -boost 2, -cc on
        }
    }
    // The name is the rest of the line as written (it may hold spaces).
    if (i >= tokens.size()) return {};
    std::size_t at = 0;
    for (std::size_t k = 0; k < i; ++k) at = rest.find(tokens[k], at) + tokens[k].size();
    return trim(std::string_view(rest).substr(at));
}

void material_library(Collector& c, const std::filesystem::path& mtl) {
    const std::string text = read_all(mtl, std::uintmax_t{64} << 20);
    const auto folder = mtl.parent_path();
    for (const char* key : {"map_Kd", "map_Ka", "map_Ks", "map_Ns", "map_d", "map_bump", "map_Bump", "bump", "disp",
                            "decal", "refl", "norm", "map_Pr", "map_Pm", "map_Ke", "map_Ps"}) {
        for_each_keyword_line(text, key, [&](const std::string& rest) {
            const std::string name = mtl_map_name(rest);
            if (!name.empty()) c.add(folder, name, "texture", "texture");
        });
    }
}

// The `keyword` lines of a file of any size, read in 4 MiB blocks (an OBJ scan can be gigabytes).
std::vector<std::string> keyword_lines(const std::filesystem::path& file, std::string_view keyword) {
    std::ifstream in(file, std::ios::binary);
    std::vector<std::string> out;
    std::string block, carry;
    constexpr std::size_t kBlock = std::size_t{4} << 20;
    while (in) {
        block.resize(kBlock);
        in.read(block.data(), static_cast<std::streamsize>(block.size()));
        block.resize(static_cast<std::size_t>(in.gcount()));
        if (block.empty()) break;
        // Scan whole lines only; the unfinished last line waits for the next block.
        std::string text = carry + block;
        const std::size_t last = text.rfind('\n');
        if (last == std::string::npos && in && text.size() < kBlock * 4) {
            carry = std::move(text);
            continue;
        }
        const std::size_t cut = (last == std::string::npos || !in) ? text.size() : last + 1;
        carry = text.substr(cut);
        text.resize(cut);
        if (text.find(keyword) != std::string::npos) {
            for_each_keyword_line(text, keyword, [&](const std::string& rest) { out.push_back(rest); });
        }
    }
    if (!carry.empty()) for_each_keyword_line(carry, keyword, [&](const std::string& rest) { out.push_back(rest); });
    return out;
}

void obj(Collector& c, const std::filesystem::path& model) {
    const std::vector<std::string> libraries = keyword_lines(model, "mtllib");
    for (const std::string& rest : libraries) {
        // Assimp reads the whole rest of the line as one name; some exporters list several.
        std::vector<std::string> names = {rest};
        if (!resolve_reference(c.folder(), rest) && rest.find(' ') != std::string::npos) {
            names.clear();
            std::istringstream in(rest);
            for (std::string t; in >> t;) names.push_back(t);
        }
        for (const std::string& name : names) {
            if (auto mtl = c.add(c.folder(), name, "material", "material library")) {
                material_library(c, *mtl);
            } else if (auto fallback = resolve_reference(c.folder(), model.stem().string() + ".mtl")) {
                // Assimp falls back to the model's own name with .mtl; so do we.
                c.out.missing.back() += " (" + fallback->filename().string() + " is used instead)";
                if (c.add(c.folder(), fallback->filename().string(), "material", "material library")) {
                    material_library(c, *fallback);
                }
            }
        }
    }
}

void gltf_json(Collector& c, const nlohmann::json& doc) {
    auto uris = [&](const char* array, const char* role) {
        if (!doc.contains(array) || !doc[array].is_array()) return;
        for (const auto& entry : doc[array]) {
            if (!entry.is_object() || !entry.contains("uri") || !entry["uri"].is_string()) continue;
            const std::string uri = entry["uri"].get<std::string>();
            if (uri.rfind("data:", 0) == 0) continue;
            c.add(c.folder(), uri, role, role);
        }
    };
    uris("buffers", "buffer");
    uris("images", "texture");
}

void gltf(Collector& c, const std::filesystem::path& model) {
    const auto doc = nlohmann::json::parse(read_all(model, std::uintmax_t{256} << 20), nullptr, false);
    if (!doc.is_discarded()) gltf_json(c, doc);
}

void glb(Collector& c, const std::filesystem::path& model) {
    std::ifstream in(model, std::ios::binary);
    unsigned char header[20] = {};
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return;
    auto u32 = [&](int at) {
        return std::uint32_t{header[at]} | std::uint32_t{header[at + 1]} << 8 | std::uint32_t{header[at + 2]} << 16 |
               std::uint32_t{header[at + 3]} << 24;
    };
    if (std::memcmp(header, "glTF", 4) != 0 || std::memcmp(header + 16, "JSON", 4) != 0) return;
    const std::uint32_t length = u32(12);
    if (length > (64u << 20)) return;
    std::string json(length, '\0');
    if (!in.read(json.data(), length)) return;
    const auto doc = nlohmann::json::parse(json, nullptr, false);
    if (!doc.is_discarded()) gltf_json(c, doc);
}

void collada(Collector& c, const std::filesystem::path& model) {
    const std::string text = read_all(model, std::uintmax_t{512} << 20);
    static const std::set<std::string> images = {".jpg", ".jpeg", ".png", ".tga", ".bmp", ".tif", ".tiff", ".dds", ".gif"};
    for (std::size_t pos = 0; (pos = text.find("<init_from>", pos)) != std::string::npos;) {
        pos += 11;
        std::size_t end = text.find('<', pos);
        if (end == std::string::npos) break;
        std::string name = trim(std::string_view(text).substr(pos, end - pos));
        if (name.empty() && text.compare(end, 5, "<ref>") == 0) {  // COLLADA 1.5
            const std::size_t ref = end + 5, ref_end = text.find('<', ref);
            if (ref_end == std::string::npos) break;
            name = trim(std::string_view(text).substr(ref, ref_end - ref));
        }
        if (images.count(lower_extension(uri_decode(name)))) c.add(c.folder(), name, "texture", "texture");
    }
}

}  // namespace

Companions find_companions(const std::filesystem::path& model) {
    Collector c(model.parent_path());
    const std::string ext = lower_extension(model);
    try {
        if (ext == ".obj") obj(c, model);
        else if (ext == ".gltf") gltf(c, model);
        else if (ext == ".glb") glb(c, model);
        else if (ext == ".dae") collada(c, model);
    } catch (const std::exception&) {
        // Out of memory or a malformed name: the model simply has no companions known in advance.
    }
    return std::move(c.out);
}

}  // namespace wenyuan::model
