// Model files made by our own code, for the model importer's tests and benchmark: a bumpy
// sphere as binary PLY with vertex colours (a scan), a textured grid as OBJ + MTL + JPEG.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace wenyuan::test {

/// A sphere of `segments` × `rings` quads with a deterministic bumpy surface, written as binary
/// little-endian PLY with float x y z and uchar red green blue. Returns the triangle count
/// (2 × segments × (rings − 1)). The rows stop half a row short of the poles, leaving a pinhole
/// at each (the two rims add up to 2.6 % of the bounding-box diagonal at 400 rings, 1 % at
/// 1,000); the triangles are wound clockwise seen from outside.
std::size_t write_scan_ply(const std::filesystem::path& file, int segments, int rings, bool colours = true);

/// An `n` × `n` quad grid in the XY plane (open borders, 2 n² triangles), with UVs and a
/// material whose map_Kd is `texture_name` (relative to the OBJ's folder; may hold folders and
/// Chinese characters). Writes <folder>/<stem>.obj, <stem>.mtl and the texture as a
/// `texture_side`-pixel JPEG checkerboard unless texture_side is 0 (a missing texture).
std::size_t write_textured_obj(const std::filesystem::path& folder, const std::string& stem,
                               const std::string& texture_name, int n, int texture_side = 64);

/// A JPEG checkerboard of side × side pixels.
void write_checker_jpeg(const std::filesystem::path& file, int side);

}  // namespace wenyuan::test
