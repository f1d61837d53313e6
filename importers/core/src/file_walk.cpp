#include "file_walk.hpp"

#include <algorithm>
#include <system_error>

namespace wenyuan {
namespace {

bool ignored_name(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    return name.empty() || name[0] == '.' || name == "Thumbs.db" || name == "desktop.ini";
}

std::filesystem::path normal(const std::filesystem::path& path) {
    std::error_code ec;
    auto absolute = std::filesystem::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal();
}

}  // namespace

std::vector<std::filesystem::path> walk_inputs(const std::vector<std::filesystem::path>& inputs,
                                               const std::set<std::filesystem::path>& skip,
                                               std::vector<ImportFailure>& failures) {
    std::set<std::filesystem::path> skipped;
    for (const auto& path : skip) skipped.insert(normal(path));
    std::vector<std::filesystem::path> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        const auto root = normal(input);
        const auto status = std::filesystem::status(root, ec);
        if (ec || !std::filesystem::exists(status)) {
            failures.push_back({input.string(), "no such file or folder"});
            continue;
        }
        if (std::filesystem::is_regular_file(status)) {
            if (!skipped.count(root)) files.push_back(root);
            continue;
        }
        if (!std::filesystem::is_directory(status)) {
            failures.push_back({input.string(), "not a regular file or folder"});
            continue;
        }
        auto it = std::filesystem::recursive_directory_iterator(
            root, std::filesystem::directory_options::skip_permission_denied, ec);
        for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
            const auto path = it->path().lexically_normal();
            if (ignored_name(path) || skipped.count(path)) {
                if (it->is_directory()) it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file()) files.push_back(path);
        }
        if (ec) failures.push_back({input.string(), "cannot walk the folder: " + ec.message()});
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}


}  // namespace wenyuan
