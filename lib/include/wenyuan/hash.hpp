// SHA-256 of files and byte streams, through OpenSSL's EVP interface.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "wenyuan/result.hpp"

namespace wenyuan {

/// Incremental SHA-256. Feed bytes with update(), then call finish_hex() once.
/// Not thread-safe: use one Sha256 per thread. Move-only.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void update(const void* data, std::size_t size);
    /// The digest as 64 lowercase hex characters. The object must not be used afterwards.
    std::string finish_hex();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// Hashes a whole file by streaming it in 1 MiB blocks (memory stays flat for any size).
/// Errors: Errc::not_found, Errc::io. Thread-safe.
Result<std::string> sha256_file(const std::filesystem::path& file);

/// Hashes bytes in memory. Thread-safe.
std::string sha256_bytes(std::string_view bytes);

/// True when `text` is 64 lowercase hex characters, the only form object names take.
bool is_sha256_hex(std::string_view text) noexcept;

}  // namespace wenyuan
