// Publisher keys: Ed25519 (libsodium) key pairs that sign exhibition packages, and the keys an
// archive trusts. Key files live in $WENYUAN_HOME (default ~/.wenyuan):
//   <name>.key   "wenyuan-ed25519-secret <128 hex digits> <name>"   mode 0600
//   <name>.pub   "wenyuan-ed25519 <64 hex digits> <name>"
// A key's id is the first 16 hex digits of the SHA-256 of its 32 public-key bytes.
// Trusted keys live in the archive's catalog (schema version 6).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

struct PublicKey {
    std::string key_id;      ///< 16 hex digits
    std::string public_hex;  ///< 64 hex digits
    std::string name;        ///< the name it was generated under
    std::string added_at;    ///< when an archive started trusting it (trusted_keys only)
};

struct SigningKey {
    PublicKey public_key;
    std::string secret_hex;  ///< 128 hex digits (libsodium's seed + public key)
};

/// $WENYUAN_HOME, or ~/.wenyuan when unset. Pure apart from reading the environment.
std::filesystem::path wenyuan_home();

/// Generates a key pair and writes `<name>.key` (mode 0600) and `<name>.pub` in `home` (created,
/// mode 0700). `name`: letters, digits, '-', '_' and '.'. Errors: Errc::invalid_argument (bad
/// name), Errc::already_exists (never overwrites a key), Errc::io. Thread-safe.
Result<SigningKey> generate_key(const std::filesystem::path& home, std::string_view name);

/// Reads `<name>.key` from `home`. Errors: Errc::not_found, Errc::corrupt (malformed file),
/// Errc::invalid_argument (the file is readable by others than its owner), Errc::io.
Result<SigningKey> load_signing_key(const std::filesystem::path& home, std::string_view name);

/// Reads a .pub file. Errors: Errc::not_found, Errc::corrupt, Errc::io.
Result<PublicKey> read_public_key(const std::filesystem::path& file);

/// The key id of a public key given in hex. Pure.
std::string key_id_of(std::string_view public_hex);

/// The detached Ed25519 signature of `message`, as 128 hex digits. Thread-safe.
std::string sign_message(const SigningKey& key, std::string_view message);

/// True when `signature_hex` is a valid signature of `message` by `public_hex`. Thread-safe.
bool verify_message(std::string_view public_hex, std::string_view message, std::string_view signature_hex);

/// Makes the archive accept packages signed by `key` (idempotent). Errors: Errc::invalid_argument
/// (read-only archive), Errc::io.
Result<void> trust_key(Archive& archive, const PublicKey& key, std::string_view agent);

/// The keys the archive trusts, by name. Errors: Errc::io.
Result<std::vector<PublicKey>> trusted_keys(const Archive& archive);

}  // namespace wenyuan
