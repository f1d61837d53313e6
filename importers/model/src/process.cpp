#include "process.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>

#include "assimp_load.hpp"
#include "glb_writer.hpp"
#include "lod.hpp"
#include "normalise.hpp"
#include "poster.hpp"
#include "precheck.hpp"
#include "textures.hpp"

namespace wenyuan::model {
namespace {

constexpr std::size_t kPosterMaxTriangles = 600'000;  // the poster is drawn from the first level below this

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point& start) {
    const auto now = Clock::now();
    const double s = std::chrono::duration<double>(now - start).count();
    start = now;
    return s;
}

Result<void> write_bytes(const std::filesystem::path& file, std::string_view bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return fail(Errc::io, file.filename().string() + ": cannot write the derivative");
    return {};
}

std::string json_dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

nlohmann::json box_json(const Box& box) { return {{"min", box.min}, {"max", box.max}}; }

nlohmann::json texture_json(const Model& model, const std::vector<PreparedTexture>& textures) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < model.textures.size(); ++i) {
        const TextureRef& ref = model.textures[i];
        nlohmann::json t = {{"reference", ref.reference}, {"embedded", ref.file.empty() && !ref.missing}};
        if (textures[i].usable()) {
            t["width"] = textures[i].source_width;
            t["height"] = textures[i].source_height;
        } else {
            t["missing"] = true;
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace

Result<std::string> process_model(const ProcessRequest& request) {
    if (request.before_parse) request.before_parse(request.file);
    nlohmann::json seconds;
    auto clock = Clock::now();
    WENYUAN_TRY(precheck_model(request.file));
    auto loaded = load_with_assimp(request.file);
    if (!loaded) return fail(std::move(loaded).error());
    Model& model = *loaded;
    seconds["parse"] = seconds_since(clock);

    const std::size_t triangles = model.triangle_count();
    normalise(model);
    seconds["normalise"] = seconds_since(clock);

    std::vector<PreparedTexture> textures = prepare_textures(model);
    seconds["textures"] = seconds_since(clock);

    nlohmann::json outputs = nlohmann::json::array();
    const std::string name = request.file.filename().string();
    const std::string stem = request.file.stem().string();
    auto glb_for = [&](const std::vector<Primitive>& primitives, int max_texture) {
        GlbInput input{&primitives, &model.materials, {}, name, model.units};
        for (const PreparedTexture& t : textures) input.images.push_back(&texture_version(t, max_texture));
        return write_glb(input);
    };
    WENYUAN_TRY(write_bytes(request.out_dir / "model.glb", glb_for(model.primitives, 0)));
    outputs.push_back({{"role", "model"}, {"file", "model.glb"}, {"mime", "model/gltf-binary"},
                       {"name", stem + ".glb"},
                       {"tech", {{"triangles", triangles}, {"vertices", model.vertex_count()}, {"units", model.units}}}});
    seconds["glb"] = seconds_since(clock);

    const std::vector<LodLevel> levels = build_lods(model);
    seconds["lods"] = seconds_since(clock);
    nlohmann::json lod_json = nlohmann::json::array();
    for (std::size_t i = 0; i < levels.size(); ++i) {
        const LodLevel& level = levels[i];
        const std::string file = "lod" + std::to_string(i) + ".glb";
        WENYUAN_TRY(write_bytes(request.out_dir / file, glb_for(level.primitives(), level.max_texture)));
        nlohmann::json tech = {{"level", i},           {"target", level.target},   {"triangles", level.triangles},
                               {"vertices", level.vertices}, {"error", level.error}, {"error_m", level.error_m},
                               {"method", level.method}, {"max_texture", level.max_texture}};
        lod_json.push_back(tech);
        outputs.push_back({{"role", "lod"}, {"file", file}, {"mime", "model/gltf-binary"},
                           {"name", stem + ".lod" + std::to_string(i) + ".glb"}, {"tech", tech}});
    }
    seconds["glb"] = seconds["glb"].get<double>() + seconds_since(clock);

    if (request.poster) {
        const LodLevel* shown = &levels.back();
        for (const LodLevel& level : levels) {
            if (level.triangles <= kPosterMaxTriangles) {
                shown = &level;
                break;
            }
        }
        auto picture = render_poster(shown->primitives(), model.materials, textures);
        if (!picture) return fail(std::move(picture).error());
        for (auto [role, side] : {std::pair{"preview", 1024}, std::pair{"thumbnail", 256}}) {
            const Image image = fit_within(*picture, side);
            auto jpeg = encode_jpeg(image, 90);
            if (!jpeg) return fail(std::move(jpeg).error());
            const std::string file = std::string(role) + ".jpg";
            WENYUAN_TRY(write_bytes(request.out_dir / file, *jpeg));
            outputs.push_back({{"role", role}, {"file", file}, {"mime", "image/jpeg"}, {"name", stem + "." + file},
                               {"tech", {{"width", image.width}, {"height", image.height}, {"lod", shown - levels.data()},
                                         {"view", "three-quarter, azimuth 35°, elevation 25°, fov 30°"}}}});
        }
        seconds["poster"] = seconds_since(clock);
    }

    int max_texture = 0, usable = 0;
    nlohmann::json texture_files = nlohmann::json::array();
    for (std::size_t i = 0; i < textures.size(); ++i) {
        if (!model.textures[i].file.empty()) texture_files.push_back(model.textures[i].file.string());
        if (!textures[i].usable()) continue;
        ++usable;
        max_texture = std::max({max_texture, textures[i].source_width, textures[i].source_height});
    }
    nlohmann::json tech = {
        {"kind", "model"},
        {"format", model.format},
        {"triangles", triangles},
        {"vertices", model.vertex_count()},
        {"primitives", model.primitives.size()},
        {"materials", model.materials.size()},
        {"bbox", box_json(model.source_bounds)},
        {"size", {model.source_bounds.max[0] - model.source_bounds.min[0], model.source_bounds.max[1] - model.source_bounds.min[1],
                  model.source_bounds.max[2] - model.source_bounds.min[2]}},
        {"units", model.units},
        {"texture_count", model.textures.size()},
        {"textures_usable", usable},
        {"max_texture_size", max_texture},
        {"has_vertex_colors", model.has_vertex_colors()},
        {"has_uvs", std::any_of(model.primitives.begin(), model.primitives.end(), [](const Primitive& p) { return !p.uvs.empty(); })},
        {"textures", texture_json(model, textures)},
        {"lods", lod_json},
    };
    if (!model.unit_source.empty()) tech["unit_source"] = model.unit_source;
    if (model.scale_to_metres != 1.0) tech["scale_to_metres"] = model.scale_to_metres;
    nlohmann::json report = {{"tech", tech}, {"warnings", model.warnings}, {"outputs", outputs},
                             {"textures", texture_files}, {"seconds", seconds}};
    return json_dump(report);
}

}  // namespace wenyuan::model
