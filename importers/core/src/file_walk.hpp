// Turning the command line's files and folders into a sorted list of files to import.
#pragma once

#include <filesystem>
#include <set>
#include <vector>

#include "wenyuan/import_pipeline.hpp"

namespace wenyuan {

/// Every regular file named by `inputs` or found under a folder of `inputs`, as absolute,
/// lexically normal paths, sorted and without duplicates. Hidden files and folders (".name"),
/// Thumbs.db and desktop.ini are left out, and so is anything in `skip` (the archive itself, the
/// manifest). Inputs that do not exist are added to `failures`.
std::vector<std::filesystem::path> walk_inputs(const std::vector<std::filesystem::path>& inputs,
                                               const std::set<std::filesystem::path>& skip,
                                               std::vector<ImportFailure>& failures);

/// Removes from `files` (sorted, as walk_inputs returns them) every file that another planned
/// file claims as its companion (ImporterRegistry::companions_of: an OBJ's .mtl and textures),
/// unless the file was named itself in `inputs`. Returns how many were removed.
std::size_t drop_companions(std::vector<std::filesystem::path>& files,
                            const std::vector<std::filesystem::path>& inputs,
                            const ImporterRegistry& registry);

}  // namespace wenyuan
