// POSIX ustar archives, written and read member by member with flat memory. Used for deep-zoom
// tile sets (docs/images.md) and for exhibition packages (docs/packages.md).
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "wenyuan/result.hpp"

namespace wenyuan {

/// Writes a ustar archive. Members are deterministic (mode 0644, owner 0, time 0), so the same
/// content gives the same bytes. Names up to 255 bytes are split into ustar's prefix and name.
/// Not thread-safe; move-only.
class TarWriter {
public:
    /// Creates (truncates) the file. Errors: Errc::io.
    static Result<TarWriter> create(const std::filesystem::path& file);
    TarWriter(TarWriter&& other) noexcept;
    TarWriter& operator=(TarWriter&&) = delete;
    ~TarWriter();

    /// Appends a regular file held in memory. Errors: Errc::io; Errc::invalid_argument for a name
    /// that does not fit.
    Result<void> add(std::string_view name, std::string_view bytes);

    /// Starts a regular file of exactly `size` bytes, to be given by write() calls and closed by
    /// end_member(). Errors: as add().
    Result<void> begin_member(std::string_view name, std::uint64_t size);
    Result<void> write(const void* data, std::size_t size);
    /// Errors: Errc::invalid_argument when the bytes written differ from the size announced.
    Result<void> end_member();

    /// Writes the two zero blocks that end an archive, flushes (and fsyncs, if `sync`) and closes.
    /// Errors: Errc::io.
    Result<void> finish(bool sync = false);

    /// Bytes written so far.
    std::uint64_t offset() const noexcept { return offset_; }

private:
    TarWriter(std::FILE* file, std::filesystem::path path) : file_(file), path_(std::move(path)) {}
    Result<void> put(const void* data, std::size_t size);
    std::FILE* file_ = nullptr;
    std::filesystem::path path_;
    std::uint64_t offset_ = 0;
    std::uint64_t member_left_ = 0;
    std::uint64_t member_size_ = 0;
};

/// One member header as read.
struct TarEntry {
    std::string name;      ///< prefix and name joined, as stored (not normalised)
    char type = '0';       ///< '0' regular file, '5' directory, '1' hard link, '2' symlink …
    std::string link;      ///< link target for types '1' and '2'
    std::uint64_t size = 0;
    std::uint64_t data_offset = 0;  ///< where the member's bytes start in the file
};

/// Reads a ustar archive sequentially. Checks every header's checksum and that members fit in
/// the file. Not thread-safe; move-only.
class TarReader {
public:
    /// Errors: Errc::not_found, Errc::io.
    static Result<TarReader> open(const std::filesystem::path& file);
    TarReader(TarReader&& other) noexcept;
    TarReader& operator=(TarReader&&) = delete;
    ~TarReader();

    /// The next member (skipping what is left of the current one), or nullopt at the end of the
    /// archive. Errors: Errc::corrupt (bad checksum, truncated archive, member past the end of
    /// the file; the message names the file and the offset), Errc::io.
    Result<std::optional<TarEntry>> next();

    /// Reads up to `size` bytes of the current member; 0 at its end. Errors: Errc::io, Errc::corrupt.
    Result<std::size_t> read(void* data, std::size_t size);

    /// The whole current member (which must be at most `limit` bytes). Errors: Errc::limit, as read().
    Result<std::string> read_all(std::size_t limit);

    std::uint64_t file_size() const noexcept { return file_size_; }
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    TarReader(int fd, std::filesystem::path path, std::uint64_t size)
        : fd_(fd), path_(std::move(path)), file_size_(size) {}
    int fd_ = -1;
    std::filesystem::path path_;
    std::uint64_t file_size_ = 0;
    std::uint64_t position_ = 0;   ///< file offset of the next unread byte
    std::uint64_t member_left_ = 0;
    std::uint64_t padding_ = 0;    ///< zero bytes after the current member's data
};

}  // namespace wenyuan
