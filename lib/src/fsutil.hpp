// File-system helpers that make writes durable. Private to the library.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "wenyuan/result.hpp"

namespace wenyuan::fs {

/// A file descriptor closed on destruction.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    ~Fd();
    int get() const noexcept { return fd_; }
    int release() noexcept { int fd = fd_; fd_ = -1; return fd; }
    explicit operator bool() const noexcept { return fd_ >= 0; }

private:
    int fd_ = -1;
};

/// "<path>: <strerror(errno)>" as an Errc::io (or not_found for ENOENT) error.
Error errno_error(const std::filesystem::path& path, std::string_view action);

/// fsyncs a directory so that a rename or create inside it survives a power cut.
Result<void> sync_directory(const std::filesystem::path& dir);

/// Writes all bytes to fd, retrying short writes. Errors name `path`.
Result<void> write_all(int fd, std::string_view bytes, const std::filesystem::path& path);

/// Writes `bytes` to `target` durably: temp file beside it, fsync, rename, fsync of the folder.
Result<void> write_file_atomic(const std::filesystem::path& target, std::string_view bytes);

/// Reads a whole (small) file. Errors: not_found, io.
Result<std::string> read_file(const std::filesystem::path& file);

/// A unique name for a temp file: "<pid>-<thread>-<counter>-<random>".
std::string unique_temp_name();

}  // namespace wenyuan::fs
