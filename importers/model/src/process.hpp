// Everything the model importer does to one file after the pipeline hands it over, as one
// function that runs in the isolated child: parse, normalise, textures, canonical GLB, levels of
// detail, poster. Results are files in a folder plus a JSON report, so that nothing but bytes
// crosses the process boundary.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "wenyuan/result.hpp"

namespace wenyuan::model {

struct ProcessRequest {
    std::filesystem::path file;     ///< the model to read
    std::filesystem::path out_dir;  ///< an existing, empty folder for the derivative files
    bool poster = true;
    std::function<void(const std::filesystem::path&)> before_parse;  ///< test hook, may be empty
};

/// Reads the model and writes its derivatives to request.out_dir. Returns a JSON object:
///   "tech":     the original's technical metadata (counts, bounding box, units, textures, lods);
///   "warnings": loadable-but-imperfect findings ("texture tex/a.jpg is missing …");
///   "outputs":  [{"role", "file" (in out_dir), "mime", "name", "tech"}] in asset order;
///   "textures": [absolute paths of texture files the model uses];
///   "seconds":  {"parse", "normalise", "textures", "glb", "lods", "poster"}.
/// Errors: those of load_with_assimp (the model cannot be read or has no triangles), Errc::io
/// when a file cannot be written. Thread safety: re-entrant, but the poster needs its thread's
/// GL context slot, so run it in the isolated child (run_isolated).
Result<std::string> process_model(const ProcessRequest& request);

}  // namespace wenyuan::model
