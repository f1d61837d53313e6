// BagIt pieces shared by package export and apply: SHA-512, manifests, bag-info and member
// paths. Private to the library.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan::bag {

inline constexpr const char* kBagitTxt = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
inline constexpr const char* kManifest = "manifest-sha512.txt";
inline constexpr const char* kTagManifest = "tagmanifest-sha512.txt";
inline constexpr const char* kSignature = "signature-ed25519.txt";
inline constexpr const char* kPackageJson = "data/package.json";
inline constexpr const char* kObjectsDir = "data/objects/";

/// Incremental SHA-512 (OpenSSL EVP). Move-only; not thread-safe.
class Sha512 {
public:
    Sha512();
    ~Sha512();
    Sha512(Sha512&&) noexcept;
    void update(const void* data, std::size_t size);
    std::string finish_hex();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};
std::string sha512_bytes(std::string_view bytes);

/// "<hash>  <path>\n" per entry, in the given order.
std::string format_manifest(const std::vector<std::pair<std::string, std::string>>& entries);

/// path → hash. Errors: Errc::corrupt naming `origin` and the line (malformed line, a hash that
/// is not 128 hex digits, a path listed twice).
Result<std::map<std::string, std::string>> parse_manifest(std::string_view text, std::string_view origin);

/// Labels and values of bag-info.txt (continuation lines joined). Errors: Errc::corrupt.
Result<std::multimap<std::string, std::string>> parse_bag_info(std::string_view text, std::string_view origin);

/// The path of a tar member inside the bag ("data/objects/…"), or an error saying why the name
/// is unsafe: absolute, "..", "." or empty components, backslashes, control bytes, or outside the
/// bag folder `bag_name` (set from the first member when empty). A leading "./" (as some tar
/// tools write) is taken off first; "./" or "." alone gives "" (the root, not a file).
Result<std::string> member_path(std::string_view tar_name, std::string& bag_name);

/// "YYYY-MM-DD" → "YYYY-MM-DDT23:59:59Z"; an ISO time is kept. Errors: Errc::invalid_argument.
Result<std::string> normalise_expiry(std::string_view text);

/// The ISO time `days` after now.
std::string days_from_now(int days);

}  // namespace wenyuan::bag
