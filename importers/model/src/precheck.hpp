// Cheap checks of a model file's own claims before Assimp sees it. Assimp spins for many
// minutes on a PLY whose header is cut off, and allocates whatever a header claims; these
// checks turn such files into clear errors at once. Pure; thread-safe.
#pragma once

#include <filesystem>

#include "wenyuan/result.hpp"

namespace wenyuan::model {

/// For PLY: the header must end (end_header), its format must be known, and the elements it
/// claims must fit in the bytes that follow it. Other formats pass unchecked.
/// Errors: Errc::corrupt "the PLY header is cut off (no end_header line)", "the header claims
/// 4000000000 vertex entries (at least 48000000000 bytes) but only 36 bytes follow it".
Result<void> precheck_model(const std::filesystem::path& file);

}  // namespace wenyuan::model
