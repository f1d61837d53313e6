// Reading members of an uncompressed POSIX tar in place: the 512-byte headers are scanned once into
// a name → (offset, size) table, then each member is one pread. This is how the kiosk streams
// deep-zoom tiles out of a `tiles` object without unpacking it (docs/images.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

class TarIndex {
public:
    /// Opens and indexes the tar. Errors: Errc::not_found, Errc::corrupt (a header whose checksum
    /// or size is wrong, or a member running past the end), naming the file.
    [[nodiscard]] static Result<TarIndex> open(const std::filesystem::path& file);

    TarIndex(TarIndex&&) noexcept;
    TarIndex& operator=(TarIndex&&) noexcept;
    ~TarIndex();

    bool contains(std::string_view name) const;
    std::size_t size() const noexcept { return members_.size(); }
    /// The member's bytes. Errors: Errc::not_found (no such member), Errc::io.
    /// Thread-safe (pread on a shared descriptor).
    Result<std::string> read(std::string_view name) const;

private:
    TarIndex() = default;
    struct Member {
        std::uint64_t offset = 0, size = 0;
    };
    int fd_ = -1;
    std::filesystem::path file_;
    std::unordered_map<std::string, Member> members_;
};

}  // namespace wenyuan::kiosk
