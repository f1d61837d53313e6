#include "file_walk.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <system_error>

#include "wenyuan/keys.hpp"

namespace wenyuan {
namespace {

namespace fs = std::filesystem;

bool ignored_name(const fs::path& path) {
    const std::string name = path.filename().string();
    return name.empty() || name[0] == '.' || name == "Thumbs.db" || name == "desktop.ini";
}

// Absolute and lexically normal, without a trailing separator ("a/b/" is "a/b").
fs::path normal(const fs::path& path) {
    std::error_code ec;
    auto absolute = fs::absolute(path, ec);
    fs::path out = (ec ? path : absolute).lexically_normal();
    return out.has_filename() || !out.has_relative_path() ? out : out.parent_path();
}

// Why `path` (whose status is `status`, or whose status could not be read: `error`) is neither a
// regular file nor a folder, in words for museum staff.
std::string not_importable(const fs::path& path, fs::file_status status, std::error_code error) {
    if (error && error != std::errc::no_such_file_or_directory) return "cannot read it: " + error.message();
    std::error_code ec;
    if (!fs::exists(status)) {
        if (fs::is_symlink(fs::symlink_status(path, ec))) {
            return "a symbolic link to '" + fs::read_symlink(path, ec).string() + "', which does not exist";
        }
        return "no such file or folder";
    }
    switch (status.type()) {
    case fs::file_type::fifo: return "not a regular file or folder (a named pipe)";
    case fs::file_type::socket: return "not a regular file or folder (a socket)";
    case fs::file_type::block:
    case fs::file_type::character: return "not a regular file or folder (a device)";
    default: return "not a regular file or folder";
    }
}

// Adds the regular files under `root` to `files`; entries that cannot be imported go to
// `failures`, named by their path.
void walk_folder(const fs::path& root, const std::set<fs::path>& skipped, std::vector<fs::path>& files,
                 std::vector<ImportFailure>& failures) {
    std::error_code ec;
    auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto path = it->path().lexically_normal();
        std::error_code status_error;
        const fs::file_status status = it->status(status_error);
        if (ignored_name(path) || skipped.count(path)) {
            if (fs::is_directory(status) && !status_error) it.disable_recursion_pending();
            continue;
        }
        if (fs::is_regular_file(status) && !status_error) {
            files.push_back(path);
        } else if (fs::is_directory(status) && !status_error) {
            if (::access(path.c_str(), R_OK | X_OK) != 0) {
                failures.push_back({path.string(), std::string("cannot read the folder: ") + std::strerror(errno)});
            }
        } else {
            failures.push_back({path.string(), not_importable(path, status, status_error)});
        }
    }
    if (ec) failures.push_back({root.string(), "cannot walk the folder: " + ec.message()});
}

}  // namespace

bool inside_folder(const fs::path& path, const fs::path& folder) {
    auto [end, rest] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
    return end == folder.end();
}

std::optional<std::string> in_skipped_folder(const fs::path& path, const std::set<fs::path>& skipped) {
    const auto folder = std::find_if(skipped.begin(), skipped.end(), [&](const fs::path& skip_path) {
        std::error_code dir_ec;
        return fs::is_directory(skip_path, dir_ec) && inside_folder(path, normal(skip_path));
    });
    if (folder == skipped.end()) return std::nullopt;
    return "inside the archive folder " + folder->string() + "; the archive's own files are never imported";
}

void refuse_keys_folder(std::vector<fs::path>& files, std::vector<ImportFailure>& failures) {
    const fs::path keys = normal(wenyuan_home());
    std::erase_if(files, [&](const fs::path& file) {
        if (!inside_folder(file, keys)) return false;
        failures.push_back({file.string(), "inside " + keys.string() + ", the folder of signing keys ($WENYUAN_HOME); its files are never imported"});
        return true;
    });
}

std::vector<fs::path> walk_inputs(const std::vector<fs::path>& inputs, const std::set<fs::path>& skip,
                                  std::vector<ImportFailure>& failures) {
    std::set<fs::path> skipped;
    for (const auto& path : skip) skipped.insert(normal(path));
    std::vector<fs::path> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        const auto root = normal(input);
        const auto status = fs::status(root, ec);
        if (ec || !fs::exists(status)) {
            failures.push_back({input.string(), not_importable(root, status, ec)});
            continue;
        }
        if (auto refused = in_skipped_folder(root, skipped)) {
            failures.push_back({input.string(), *refused});
            continue;
        }
        if (fs::is_regular_file(status)) {
            if (!skipped.count(root)) files.push_back(root);
        } else if (fs::is_directory(status)) {
            walk_folder(root, skipped, files, failures);
        } else {
            failures.push_back({input.string(), not_importable(root, status, ec)});
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}


}  // namespace wenyuan
