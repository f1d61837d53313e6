#include "glb_mesh.hpp"

#include <stb_image.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>

namespace wenyuan::kiosk {
namespace {

using nlohmann::json;

std::uint32_t u32(const char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;  // GLB is little-endian, as is every machine the kiosk runs on
}

int component_size(std::int64_t type) {
    switch (type) {
        case 5120: case 5121: return 1;
        case 5122: case 5123: return 2;
        case 5125: case 5126: return 4;
        default: return 0;
    }
}

int component_count(const std::string& type) {
    if (type == "SCALAR") return 1;
    if (type == "VEC2") return 2;
    if (type == "VEC3") return 3;
    if (type == "VEC4") return 4;
    return 0;
}

// A validated accessor: every element lies inside the BIN chunk.
struct Span {
    const std::uint8_t* base = nullptr;
    std::uint64_t count = 0, stride = 0;
    std::int64_t component = 0;
    int components = 0;
    bool normalized = false;

    double get(std::uint64_t i, int c) const {
        const std::uint8_t* p = base + i * stride + std::uint64_t(c) * component_size(component);
        switch (component) {
            case 5126: { float v; std::memcpy(&v, p, 4); return std::isfinite(v) ? v : 0.0; }
            case 5121: return normalized ? *p / 255.0 : *p;
            case 5120: { std::int8_t v; std::memcpy(&v, p, 1); return normalized ? std::max(v / 127.0, -1.0) : v; }
            case 5123: { std::uint16_t v; std::memcpy(&v, p, 2); return normalized ? v / 65535.0 : v; }
            case 5122: { std::int16_t v; std::memcpy(&v, p, 2); return normalized ? std::max(v / 32767.0, -1.0) : v; }
            case 5125: { std::uint32_t v; std::memcpy(&v, p, 4); return v; }
            default: return 0;
        }
    }
    std::uint32_t index(std::uint64_t i) const {
        const std::uint8_t* p = base + i * stride;
        if (component == 5121) return *p;
        if (component == 5123) { std::uint16_t v; std::memcpy(&v, p, 2); return v; }
        std::uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
};

class Reader {
public:
    Reader(const json& doc, std::string_view bin, std::string name) : doc_(doc), bin_(bin), prefix_("model view: " + name + ": ") {}

    Unexpected corrupt(const std::string& why) const { return fail(Errc::corrupt, prefix_ + why); }
    Unexpected error(Errc code, const std::string& why) const { return fail(code, prefix_ + why); }

    // An element of a top-level array, which must be an object.
    const json* element(const char* array, std::int64_t index) const {
        auto it = doc_.find(array);
        if (it == doc_.end() || !it->is_array() || index < 0 || std::uint64_t(index) >= it->size()) return nullptr;
        const json& e = (*it)[std::size_t(index)];
        return e.is_object() ? &e : nullptr;
    }

    // A non-negative integer field; `fallback` when absent; nullopt when present but not one.
    static std::optional<std::int64_t> integer(const json& object, const char* key, std::int64_t fallback) {
        auto it = object.find(key);
        if (it == object.end()) return fallback;
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0) return std::nullopt;
        return it->get<std::int64_t>();
    }

    // The bytes of bufferView `index`, checked against the BIN chunk.
    Result<std::pair<std::string_view, std::uint64_t>> view(std::int64_t index) const {
        const json* v = element("bufferViews", index);
        if (!v) return corrupt("bufferView " + std::to_string(index) + " does not exist");
        const auto buffer = integer(*v, "buffer", -1);
        const auto offset = integer(*v, "byteOffset", 0);
        const auto length = integer(*v, "byteLength", -1);
        const auto stride = integer(*v, "byteStride", 0);
        if (!buffer || !offset || !length || !stride || *length < 0)
            return corrupt("bufferView " + std::to_string(index) + " has a bad field");
        if (*buffer != 0) return error(Errc::unsupported, "bufferView " + std::to_string(index) + " uses an external buffer");
        if (std::uint64_t(*offset) > bin_.size() || std::uint64_t(*length) > bin_.size() - std::uint64_t(*offset))
            return corrupt("bufferView " + std::to_string(index) + " lies outside the BIN chunk");
        if (*stride != 0 && (*stride < 4 || *stride > 252))
            return corrupt("bufferView " + std::to_string(index) + " has a bad byteStride");
        return std::pair{bin_.substr(std::size_t(*offset), std::size_t(*length)), std::uint64_t(*stride)};
    }

    Result<Span> accessor(std::int64_t index) const {
        const std::string what = "accessor " + std::to_string(index);
        const json* a = element("accessors", index);
        if (!a) return corrupt(what + " does not exist");
        const auto view_index = integer(*a, "bufferView", -1);
        const auto offset = integer(*a, "byteOffset", 0);
        const auto count = integer(*a, "count", -1);
        const auto component = integer(*a, "componentType", -1);
        if (!view_index || !offset || !count || !component || *count < 1) return corrupt(what + " has a bad field");
        if (*view_index < 0) return error(Errc::unsupported, what + " has no bufferView");
        const auto type = a->find("type");
        Span span;
        span.components = type != a->end() && type->is_string() ? component_count(type->get<std::string>()) : 0;
        span.component = *component;
        const int size = component_size(*component);
        if (!span.components || !size) return corrupt(what + " has an unknown type or componentType");
        span.normalized = a->contains("normalized") && (*a)["normalized"] == true;
        auto bytes = view(*view_index);
        WENYUAN_TRY(bytes);
        const std::uint64_t element = std::uint64_t(size) * span.components;
        span.stride = bytes->second ? bytes->second : element;
        span.count = std::uint64_t(*count);
        if (span.stride < element) return corrupt(what + ": byteStride is smaller than an element");
        const std::uint64_t length = bytes->first.size();
        if (std::uint64_t(*offset) > length || span.count > length ||
            (span.count - 1) * span.stride + element > length - std::uint64_t(*offset))
            return corrupt(what + " reads past the end of bufferView " + std::to_string(*view_index));
        span.base = reinterpret_cast<const std::uint8_t*>(bytes->first.data()) + *offset;
        return span;
    }

private:
    const json& doc_;
    std::string_view bin_;
    std::string prefix_;
};

struct StbFree {
    void operator()(stbi_uc* p) const noexcept { stbi_image_free(p); }
};

MeshImage halve(const MeshImage& in) {
    MeshImage out;
    out.width = std::max(1, in.width / 2);
    out.height = std::max(1, in.height / 2);
    out.rgba.resize(std::size_t(out.width) * out.height * 4);
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            for (int c = 0; c < 4; ++c) {
                int sum = 0;
                for (int dy = 0; dy < 2; ++dy) {
                    for (int dx = 0; dx < 2; ++dx) {
                        const int sx = std::min(in.width - 1, 2 * x + dx), sy = std::min(in.height - 1, 2 * y + dy);
                        sum += in.rgba[(std::size_t(sy) * in.width + sx) * 4 + c];
                    }
                }
                out.rgba[(std::size_t(y) * out.width + x) * 4 + c] = std::uint8_t((sum + 2) / 4);
            }
        }
    }
    return out;
}

// Decodes image `index`; an error string when it cannot.
std::optional<MeshImage> decode_image(const Reader& reader, std::int64_t index, int max_side, std::string& why) {
    const json* image = reader.element("images", index);
    const auto view_index = image ? Reader::integer(*image, "bufferView", -1) : std::nullopt;
    if (!view_index || *view_index < 0) {
        why = "image " + std::to_string(index) + " is not embedded";
        return std::nullopt;
    }
    auto bytes = reader.view(*view_index);
    if (!bytes) {
        why = bytes.error().message;
        return std::nullopt;
    }
    const auto* data = reinterpret_cast<const stbi_uc*>(bytes->first.data());
    const int size = int(std::min<std::size_t>(bytes->first.size(), INT32_MAX));
    int w = 0, h = 0, channels = 0;
    if (!stbi_info_from_memory(data, size, &w, &h, &channels) || w <= 0 || h <= 0 || w > 16384 || h > 16384) {
        why = "image " + std::to_string(index) + " cannot be decoded";
        return std::nullopt;
    }
    std::unique_ptr<stbi_uc, StbFree> pixels(stbi_load_from_memory(data, size, &w, &h, &channels, 4));
    if (!pixels) {
        why = "image " + std::to_string(index) + " cannot be decoded";
        return std::nullopt;
    }
    MeshImage out{w, h, std::vector<std::uint8_t>(pixels.get(), pixels.get() + std::size_t(w) * h * 4)};
    while (out.width > max_side || out.height > max_side) out = halve(out);
    return out;
}

std::array<float, 4> base_color(const json& material) {
    std::array<float, 4> colour{1, 1, 1, 1};
    const auto pbr = material.find("pbrMetallicRoughness");
    if (pbr == material.end() || !pbr->is_object()) return colour;
    const auto factor = pbr->find("baseColorFactor");
    if (factor == pbr->end() || !factor->is_array() || factor->size() != 4) return colour;
    for (std::size_t i = 0; i < 4; ++i) {
        if ((*factor)[i].is_number()) colour[i] = std::clamp((*factor)[i].get<float>(), 0.0f, 1.0f);
    }
    return colour;
}

Result<MeshData> parse_unchecked(std::string_view bytes, const std::string& name, const GlbLimits& limits,
                                 const std::atomic<bool>* cancel) {
    const std::string prefix = "model view: " + name + ": ";
    if (bytes.size() < 20 || bytes.substr(0, 4) != "glTF") return fail(Errc::corrupt, prefix + "not a GLB file");
    if (u32(bytes.data() + 4) != 2) return fail(Errc::unsupported, prefix + "glTF version " + std::to_string(u32(bytes.data() + 4)));
    const std::size_t total = std::min<std::size_t>(bytes.size(), u32(bytes.data() + 8));
    const std::uint64_t json_length = u32(bytes.data() + 12);
    if (u32(bytes.data() + 16) != 0x4E4F534A || 20 + json_length > total)
        return fail(Errc::corrupt, prefix + "the JSON chunk is missing or truncated");
    std::string_view bin;
    const std::uint64_t bin_at = 20 + ((json_length + 3) & ~std::uint64_t(3));
    if (bin_at + 8 <= total && u32(bytes.data() + bin_at + 4) == 0x004E4942) {
        const std::uint64_t bin_length = u32(bytes.data() + bin_at);
        if (bin_at + 8 + bin_length > total) return fail(Errc::corrupt, prefix + "the BIN chunk is truncated");
        bin = bytes.substr(std::size_t(bin_at + 8), std::size_t(bin_length));
    }
    const json doc = json::parse(bytes.begin() + 20, bytes.begin() + 20 + std::ptrdiff_t(json_length), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return fail(Errc::corrupt, prefix + "the JSON chunk is not valid JSON");
    const Reader reader(doc, bin, name);

    MeshData out;
    std::vector<int> image_slot;  // glTF image index → out.images index (-1: failed, -2: not tried)
    if (auto images = doc.find("images"); images != doc.end() && images->is_array()) image_slot.assign(images->size(), -2);
    auto texture_image = [&](const json& material) -> int {
        const json* pbr = material.contains("pbrMetallicRoughness") && material["pbrMetallicRoughness"].is_object()
                              ? &material["pbrMetallicRoughness"] : nullptr;
        if (!pbr || !pbr->contains("baseColorTexture") || !(*pbr)["baseColorTexture"].is_object()) return -1;
        const auto texture_index = Reader::integer((*pbr)["baseColorTexture"], "index", -1);
        const json* texture = texture_index ? reader.element("textures", *texture_index) : nullptr;
        const auto source = texture ? Reader::integer(*texture, "source", -1) : std::nullopt;
        if (!source || *source < 0 || std::size_t(*source) >= image_slot.size()) {
            out.warnings.push_back(prefix + "a material's texture does not exist; drawn without it");
            return -1;
        }
        int& slot = image_slot[std::size_t(*source)];
        if (slot == -2) {
            std::string why;
            if (auto image = decode_image(reader, *source, std::max(1, limits.max_texture_size), why)) {
                out.images.push_back(std::move(*image));
                slot = int(out.images.size() - 1);
            } else {
                out.warnings.push_back(prefix + why + "; drawn without it");
                slot = -1;
            }
        }
        return slot;
    };

    const auto meshes = doc.find("meshes");
    if (meshes == doc.end() || !meshes->is_array()) return fail(Errc::unsupported, prefix + "no mesh");
    bool first = true;
    for (const json& mesh : *meshes) {
        const auto primitives = mesh.is_object() ? mesh.find("primitives") : mesh.end();
        if (!mesh.is_object() || primitives == mesh.end() || !primitives->is_array()) continue;
        for (const json& primitive : *primitives) {
            if (cancel && cancel->load()) return fail(Errc::internal, prefix + "cancelled");
            if (!primitive.is_object()) return reader.corrupt("a primitive is not an object");
            const auto mode = Reader::integer(primitive, "mode", 4);
            if (!mode || *mode != 4) {
                out.warnings.push_back(prefix + "a primitive that is not triangles was skipped");
                continue;
            }
            const auto attributes = primitive.find("attributes");
            if (attributes == primitive.end() || !attributes->is_object()) return reader.corrupt("a primitive has no attributes");
            auto attribute = [&](const char* key) -> Result<std::optional<Span>> {
                const auto index = Reader::integer(*attributes, key, -1);
                if (!index) return reader.corrupt(std::string("attribute ") + key + " is not an accessor index");
                if (*index < 0) return std::optional<Span>{};
                auto span = reader.accessor(*index);
                WENYUAN_TRY(span);
                return std::optional<Span>{*span};
            };
            auto position = attribute("POSITION");
            WENYUAN_TRY(position);
            if (!*position || (*position)->components != 3 || (*position)->component != 5126)
                return reader.corrupt("a primitive has no float VEC3 POSITION");
            auto normal = attribute("NORMAL");
            WENYUAN_TRY(normal);
            auto uv = attribute("TEXCOORD_0");
            WENYUAN_TRY(uv);
            auto colour = attribute("COLOR_0");
            WENYUAN_TRY(colour);
            const std::uint64_t n = (*position)->count;
            for (const auto* other : {&*normal, &*uv, &*colour}) {
                if (*other && (*other)->count != n) return reader.corrupt("attribute counts differ within a primitive");
            }
            MeshPart part;
            const auto indices_index = Reader::integer(primitive, "indices", -1);
            if (!indices_index) return reader.corrupt("a primitive's indices is not an accessor index");
            if (*indices_index >= 0) {
                auto indices = reader.accessor(*indices_index);
                WENYUAN_TRY(indices);
                if (indices->components != 1 || indices->component == 5126 || indices->component == 5120 ||
                    indices->component == 5122)
                    return reader.corrupt("accessor " + std::to_string(*indices_index) + " is not an index accessor");
                const std::uint64_t count = indices->count - indices->count % 3;
                if (out.triangles + count / 3 > limits.max_triangles)
                    return reader.error(Errc::limit, "more than " + std::to_string(limits.max_triangles) + " triangles");
                part.indices.resize(count);
                for (std::uint64_t i = 0; i < count; ++i) {
                    const std::uint32_t v = indices->index(i);
                    if (v >= n) return reader.corrupt("index " + std::to_string(v) + " is past the " + std::to_string(n) + " vertices");
                    part.indices[i] = v;
                }
            } else {
                const std::uint64_t count = n - n % 3;
                if (out.triangles + count / 3 > limits.max_triangles)
                    return reader.error(Errc::limit, "more than " + std::to_string(limits.max_triangles) + " triangles");
                part.indices.resize(count);
                for (std::uint64_t i = 0; i < count; ++i) part.indices[i] = std::uint32_t(i);
            }
            if (part.indices.empty()) continue;
            part.vertices.resize(n);
            for (std::uint64_t i = 0; i < n; ++i) {
                if ((i & 0xffff) == 0 && cancel && cancel->load()) return fail(Errc::internal, prefix + "cancelled");
                MeshVertex& v = part.vertices[i];
                for (int c = 0; c < 3; ++c) v.position[c] = float((*position)->get(i, c));
                for (int c = 0; c < 3; ++c) v.normal[c] = *normal && (*normal)->components >= 3 ? float((*normal)->get(i, c)) : (c == 2 ? 1.f : 0.f);
                for (int c = 0; c < 2; ++c) v.uv[c] = *uv && (*uv)->components >= 2 ? float((*uv)->get(i, c)) : 0.f;
                for (int c = 0; c < 4; ++c) {
                    double value = 1.0;
                    if (*colour && c < (*colour)->components) {
                        value = (*colour)->get(i, c);
                        if ((*colour)->component != 5126 && !(*colour)->normalized) value /= (*colour)->component == 5121 ? 255.0 : 65535.0;
                    }
                    v.color[c] = std::uint8_t(std::lround(std::clamp(value, 0.0, 1.0) * 255));
                }
                for (int c = 0; c < 3; ++c) {
                    out.min[c] = first ? v.position[c] : std::min(out.min[c], v.position[c]);
                    out.max[c] = first ? v.position[c] : std::max(out.max[c], v.position[c]);
                }
                first = false;
            }
            const auto material_index = Reader::integer(primitive, "material", -1);
            const json* material = material_index && *material_index >= 0 ? reader.element("materials", *material_index) : nullptr;
            if (material) {
                part.base_color = base_color(*material);
                part.image = texture_image(*material);
                part.blend = material->contains("alphaMode") && (*material)["alphaMode"] == "BLEND";
            }
            out.triangles += part.indices.size() / 3;
            out.parts.push_back(std::move(part));
        }
    }
    if (out.parts.empty()) return fail(Errc::unsupported, prefix + "no triangles to show");
    return out;
}

}  // namespace

Result<MeshData> parse_glb(std::string_view bytes, const std::string& name, const GlbLimits& limits,
                           const std::atomic<bool>* cancel) {
    try {
        return parse_unchecked(bytes, name, limits, cancel);
    } catch (const std::bad_alloc&) {
        return fail(Errc::limit, "model view: " + name + ": out of memory");
    } catch (const std::exception& e) {  // a JSON field of the wrong type that slipped past the checks
        return fail(Errc::corrupt, "model view: " + name + ": " + e.what());
    }
}

Result<MeshData> load_glb(const std::filesystem::path& file, const GlbLimits& limits, const std::atomic<bool>* cancel) {
    const std::string name = file.filename().string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Errc::not_found, "model view: " + name + ": " + ec.message());
    if (size > limits.max_file_bytes) return fail(Errc::limit, "model view: " + name + ": the file is too large");
    std::ifstream in(file, std::ios::binary);
    std::string bytes(size, '\0');
    if (!in || !in.read(bytes.data(), std::streamsize(size))) return fail(Errc::io, "model view: " + name + ": cannot read the file");
    return parse_glb(bytes, name, limits, cancel);
}

}  // namespace wenyuan::kiosk
