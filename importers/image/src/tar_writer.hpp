// Writes a POSIX ustar archive member by member, as a deep-zoom tile set is made.
//
// The archive is deterministic (mode 0644, owner 0, time 0), so the same tiles give the same
// bytes and the same object hash. Not thread-safe.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>

#include "wenyuan/result.hpp"

namespace wenyuan::image {

class TarWriter {
public:
    /// Creates (truncates) the file. Errors: Errc::io.
    static Result<TarWriter> create(const std::filesystem::path& file);
    TarWriter(TarWriter&& other) noexcept;
    TarWriter& operator=(TarWriter&&) = delete;
    ~TarWriter();

    /// Appends a regular file. `name` is a relative path of at most 100 bytes.
    /// Errors: Errc::io; Errc::invalid_argument for a name that does not fit.
    Result<void> add(std::string_view name, std::string_view bytes);
    /// Writes the two zero blocks that end an archive, flushes and closes. Errors: Errc::io.
    Result<void> finish();

private:
    TarWriter(std::FILE* file, std::filesystem::path path) : file_(file), path_(std::move(path)) {}
    std::FILE* file_ = nullptr;
    std::filesystem::path path_;
};

}  // namespace wenyuan::image
