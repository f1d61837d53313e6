// Helpers shared by the tests: temp folders on real disk, files, running programs.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::test {

/// A fresh folder under $TMPDIR (or /tmp), removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(std::string_view name) const { return path_ / std::string(name); }

private:
    std::filesystem::path path_;
};

/// Writes bytes to a file, creating parent folders.
void write_file(const std::filesystem::path& file, std::string_view bytes);
std::string read_file(const std::filesystem::path& file);

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs a program with arguments (no shell), capturing stdout and stderr.
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

/// build/bin/<name>
std::filesystem::path binary(std::string_view name);

/// ../shared/data/<relative>
std::filesystem::path shared_data(std::string_view relative);

}  // namespace wenyuan::test
