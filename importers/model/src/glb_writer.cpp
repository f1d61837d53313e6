#include "glb_writer.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <limits>

namespace wenyuan::model {
namespace {

constexpr int kFloat = 5126, kUnsignedByte = 5121, kUnsignedShort = 5123, kUnsignedInt = 5125;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;

class Builder {
public:
    nlohmann::json doc = nlohmann::json::object();
    std::string bin;

    // Appends bytes as a new bufferView (4-byte aligned) and returns its index.
    int view(const void* data, std::size_t size, int target) {
        while (bin.size() % 4) bin.push_back('\0');
        nlohmann::json v = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", size}};
        if (target) v["target"] = target;
        bin.append(static_cast<const char*>(data), size);
        doc["bufferViews"].push_back(std::move(v));
        return static_cast<int>(doc["bufferViews"].size() - 1);
    }

    int accessor(int buffer_view, int component, std::size_t count, const char* type, bool normalized = false) {
        nlohmann::json a = {{"bufferView", buffer_view}, {"componentType", component}, {"count", count}, {"type", type}};
        if (normalized) a["normalized"] = true;
        doc["accessors"].push_back(std::move(a));
        return static_cast<int>(doc["accessors"].size() - 1);
    }
};

std::vector<float> unit_normals(const std::vector<float>& normals, std::size_t vertices) {
    std::vector<float> out(vertices * 3);
    for (std::size_t i = 0; i < vertices; ++i) {
        float x = 0, y = 0, z = 0;
        if (normals.size() >= 3 * (i + 1)) x = normals[3 * i], y = normals[3 * i + 1], z = normals[3 * i + 2];
        const float length = std::sqrt(x * x + y * y + z * z);
        if (!(length > 1e-12f) || !std::isfinite(length)) {
            x = 0, y = 0, z = 1;
        } else {
            x /= length, y /= length, z /= length;
        }
        out[3 * i] = x, out[3 * i + 1] = y, out[3 * i + 2] = z;
    }
    return out;
}

void add_primitive(Builder& b, const Primitive& p, bool small_indices, nlohmann::json& primitives) {
    const std::size_t n = p.vertex_count();
    nlohmann::json attributes;
    const Box box = bounds_of(p);
    int position = b.accessor(b.view(p.positions.data(), p.positions.size() * sizeof(float), kArrayBuffer), kFloat, n,
                              "VEC3");
    b.doc["accessors"][position]["min"] = box.min;
    b.doc["accessors"][position]["max"] = box.max;
    attributes["POSITION"] = position;
    const auto normals = unit_normals(p.normals, n);
    attributes["NORMAL"] = b.accessor(b.view(normals.data(), normals.size() * sizeof(float), kArrayBuffer), kFloat, n, "VEC3");
    if (!p.uvs.empty()) {
        attributes["TEXCOORD_0"] = b.accessor(b.view(p.uvs.data(), p.uvs.size() * sizeof(float), kArrayBuffer), kFloat, n, "VEC2");
    }
    if (!p.colors.empty()) {
        attributes["COLOR_0"] = b.accessor(b.view(p.colors.data(), p.colors.size(), kArrayBuffer), kUnsignedByte, n, "VEC4", true);
    }
    int indices;
    if (small_indices) {
        std::vector<std::uint16_t> narrow(p.indices.begin(), p.indices.end());
        indices = b.accessor(b.view(narrow.data(), narrow.size() * 2, kElementArrayBuffer), kUnsignedShort,
                             narrow.size(), "SCALAR");
    } else {
        indices = b.accessor(b.view(p.indices.data(), p.indices.size() * 4, kElementArrayBuffer), kUnsignedInt,
                             p.indices.size(), "SCALAR");
    }
    primitives.push_back({{"attributes", attributes}, {"indices", indices}, {"material", p.material}, {"mode", 4}});
}

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

std::string write_glb(const GlbInput& input) {
    Builder b;
    b.doc["asset"] = {{"version", "2.0"}, {"generator", "Wenyuan model importer"}};
    if (!input.units.empty()) b.doc["asset"]["extras"] = {{"units", input.units}};
    b.doc["scene"] = 0;
    b.doc["scenes"] = nlohmann::json::array({{{"nodes", {0}}}});
    b.doc["nodes"] = nlohmann::json::array({{{"mesh", 0}, {"name", input.name}}});
    b.doc["bufferViews"] = nlohmann::json::array();
    b.doc["accessors"] = nlohmann::json::array();

    // Images and textures: one glTF texture per usable source texture.
    std::vector<int> texture_index(input.images.size(), -1);
    for (std::size_t i = 0; i < input.images.size(); ++i) {
        const EncodedImage* image = input.images[i];
        if (!image || image->bytes.empty()) continue;
        const int view = b.view(image->bytes.data(), image->bytes.size(), 0);
        b.doc["images"].push_back({{"bufferView", view}, {"mimeType", image->mime}});
        b.doc["textures"].push_back({{"source", b.doc["images"].size() - 1}, {"sampler", 0}});
        texture_index[i] = static_cast<int>(b.doc["textures"].size() - 1);
    }
    if (b.doc.contains("textures")) {
        b.doc["samplers"] = nlohmann::json::array({{{"magFilter", 9729}, {"minFilter", 9987}, {"wrapS", 10497}, {"wrapT", 10497}}});
    }
    for (const Material& m : *input.materials) {
        nlohmann::json pbr = {{"baseColorFactor", m.base_color}, {"metallicFactor", 0.0}, {"roughnessFactor", 1.0}};
        if (m.texture >= 0 && std::size_t(m.texture) < texture_index.size() && texture_index[m.texture] >= 0) {
            pbr["baseColorTexture"] = {{"index", texture_index[m.texture]}};
        }
        nlohmann::json material = {{"name", m.name}, {"pbrMetallicRoughness", pbr}};
        if (m.double_sided) material["doubleSided"] = true;
        if (m.base_color[3] < 1) material["alphaMode"] = "BLEND";
        b.doc["materials"].push_back(std::move(material));
    }
    bool small_indices = true;
    for (const Primitive& p : *input.primitives) small_indices = small_indices && p.vertex_count() < 65536;
    nlohmann::json primitives = nlohmann::json::array();
    for (const Primitive& p : *input.primitives) {
        if (!p.indices.empty()) add_primitive(b, p, small_indices, primitives);
    }
    b.doc["meshes"] = nlohmann::json::array({{{"primitives", primitives}}});
    while (b.bin.size() % 4) b.bin.push_back('\0');
    b.doc["buffers"] = nlohmann::json::array({{{"byteLength", b.bin.size()}}});

    std::string json = b.doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    while (json.size() % 4) json.push_back(' ');
    std::string out;
    out.reserve(12 + 8 + json.size() + 8 + b.bin.size());
    out += "glTF";
    put_u32(out, 2);
    put_u32(out, static_cast<std::uint32_t>(12 + 8 + json.size() + 8 + b.bin.size()));
    put_u32(out, static_cast<std::uint32_t>(json.size()));
    out += "JSON";
    out += json;
    put_u32(out, static_cast<std::uint32_t>(b.bin.size()));
    out += std::string("BIN\0", 4);
    out += b.bin;
    return out;
}

}  // namespace wenyuan::model
