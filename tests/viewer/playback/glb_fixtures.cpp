#include "glb_fixtures.hpp"

#include <cmath>
#include <fstream>

#include "glb_writer.hpp"
#include "image_codec.hpp"

namespace wenyuan::test {

std::string sphere_glb(const SphereSpec& spec) {
    model::Primitive p;
    const int s = spec.segments, r = spec.rings;
    for (int j = 0; j < r; ++j) {
        const double theta = M_PI * j / (r - 1);
        for (int i = 0; i <= s; ++i) {
            const double phi = 2 * M_PI * i / s;
            const float nx = float(std::sin(theta) * std::cos(phi)), ny = float(std::cos(theta)),
                        nz = float(std::sin(theta) * std::sin(phi));
            p.positions.insert(p.positions.end(), {spec.centre[0] + spec.radius * nx, spec.centre[1] + spec.radius * ny,
                                                   spec.centre[2] + spec.radius * nz});
            p.normals.insert(p.normals.end(), {nx, ny, nz});
            if (spec.checker_texture > 0) p.uvs.insert(p.uvs.end(), {float(i) / s * 4, float(j) / (r - 1) * 2});
        }
    }
    for (int j = 0; j + 1 < r; ++j) {
        for (int i = 0; i < s; ++i) {
            const std::uint32_t a = j * (s + 1) + i, b = a + 1, c = a + (s + 1), d = c + 1;
            p.indices.insert(p.indices.end(), {a, b, c, b, d, c});
        }
    }
    std::vector<model::Primitive> primitives{std::move(p)};
    model::Material material;
    material.name = "釉";
    material.base_color = spec.colour;
    model::EncodedImage png;
    if (spec.checker_texture > 0) {
        material.texture = 0;
        model::Image image{spec.checker_texture, spec.checker_texture, 3, {}};
        image.pixels.resize(std::size_t(image.width) * image.height * 3);
        for (int y = 0; y < image.height; ++y) {
            for (int x = 0; x < image.width; ++x) {
                const bool dark = ((x * 8 / image.width) + (y * 8 / image.height)) % 2 == 0;
                for (int c = 0; c < 3; ++c) image.pixels[(std::size_t(y) * image.width + x) * 3 + c] = dark ? 20 : 235;
            }
        }
        png.bytes = model::encode_png(image).value_or("");
        png.mime = "image/png";
        png.width = png.height = spec.checker_texture;
    }
    std::vector<model::Material> materials{material};
    model::GlbInput input;
    input.primitives = &primitives;
    input.materials = &materials;
    if (spec.checker_texture > 0) input.images.push_back(&png);
    input.name = "sphere";
    return model::write_glb(input);
}

std::size_t write_sphere_glb(const std::filesystem::path& file, const SphereSpec& spec) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << sphere_glb(spec);
    return std::size_t(2) * spec.segments * (spec.rings - 1);
}

}  // namespace wenyuan::test
