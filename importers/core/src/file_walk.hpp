// Turning the command line's files and folders into a sorted list of files to import.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "wenyuan/import_pipeline.hpp"

namespace wenyuan {

/// Every regular file named by `inputs` or found under a folder of `inputs`, as absolute,
/// lexically normal paths, sorted and without duplicates. Hidden files and folders (".name"),
/// Thumbs.db and desktop.ini are left out, and so is anything in `skip` (the archive itself, the
/// manifest). Symbolic links to files are followed; links to folders are not. Added to
/// `failures`, each with its reason, and never thrown: inputs that do not exist, inputs inside a
/// folder of `skip` (the archive), and anything met on the way that is neither a regular file nor
/// a folder (a broken or looping link, a named pipe, a device) or a folder that cannot be read.
std::vector<std::filesystem::path> walk_inputs(const std::vector<std::filesystem::path>& inputs,
                                               const std::set<std::filesystem::path>& skip,
                                               std::vector<ImportFailure>& failures);

/// Whether `path` is `folder` or lies in it, by whole components (/a/bc is not in /a/b); both
/// absolute and lexically normal.
bool inside_folder(const std::filesystem::path& path, const std::filesystem::path& folder);

/// Why `path` (absolute, lexically normal) may not be imported when it lies inside a folder of
/// `skip` ("inside the archive folder …; the archive's own files are never imported"), or nullopt.
std::optional<std::string> in_skipped_folder(const std::filesystem::path& path, const std::set<std::filesystem::path>& skip);

/// Moves the files (absolute, lexically normal) that lie in the folder of signing keys
/// (wenyuan_home(): $WENYUAN_HOME or ~/.wenyuan) from `files` to `failures`: a private key must
/// never become an item, let alone a public one in a package.
void refuse_keys_folder(std::vector<std::filesystem::path>& files, std::vector<ImportFailure>& failures);

}  // namespace wenyuan
