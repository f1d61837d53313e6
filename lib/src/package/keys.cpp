// Ed25519 key files and trusted keys (libsodium).
#include "wenyuan/keys.hpp"

#include <sodium.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "../archive_impl.hpp"
#include "../clock.hpp"
#include "../fsutil.hpp"
#include "package_sql.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan {
namespace {

bool sodium_ready() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

bool from_hex(std::string_view hex, unsigned char* out, std::size_t size) {
    std::size_t written = 0;
    return hex.size() == size * 2 &&
           sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 && written == size;
}

bool valid_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.front() == '.') return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        if (!ok) return false;
    }
    return true;
}

/// Splits "<tag> <hex> <name>" into its words.
bool parse_key_line(const std::string& text, std::string_view tag, std::string& hex, std::string& name) {
    std::istringstream in(text);
    std::string word;
    if (!(in >> word) || word != tag || !(in >> hex)) return false;
    in >> name;
    return true;
}

Result<void> write_new_file(const std::filesystem::path& file, std::string_view bytes, mode_t mode) {
    fs::Fd fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd) {
        if (errno == EEXIST) return fail(Errc::already_exists, file.string() + ": a key with this name exists; not overwritten");
        return fail(fs::errno_error(file, "cannot create"));
    }
    WENYUAN_TRY(fs::write_all(fd.get(), bytes, file));
    if (::fsync(fd.get()) != 0) return fail(fs::errno_error(file, "cannot fsync"));
    return {};
}

}  // namespace

std::filesystem::path wenyuan_home() {
    if (const char* home = std::getenv("WENYUAN_HOME"); home && *home) return home;
    const char* user_home = std::getenv("HOME");
    return std::filesystem::path(user_home && *user_home ? user_home : ".") / ".wenyuan";
}

std::string key_id_of(std::string_view public_hex) {
    unsigned char raw[crypto_sign_PUBLICKEYBYTES];
    if (!from_hex(public_hex, raw, sizeof raw)) return {};
    return sha256_bytes(std::string_view(reinterpret_cast<const char*>(raw), sizeof raw)).substr(0, 16);
}

Result<SigningKey> generate_key(const std::filesystem::path& home, std::string_view name) {
    if (!valid_name(name)) {
        return fail(Errc::invalid_argument, "key name '" + std::string(name) +
                                                "': use letters, digits, '-', '_' and '.' (at most 64)");
    }
    if (!sodium_ready()) return fail(Errc::internal, "libsodium: initialisation failed");
    std::error_code ec;
    std::filesystem::create_directories(home, ec);
    if (ec) return fail(Errc::io, home.string() + ": cannot create: " + ec.message());
    ::chmod(home.c_str(), 0700);
    const auto secret_file = home / (std::string(name) + ".key");
    const auto public_file = home / (std::string(name) + ".pub");
    if (std::filesystem::exists(secret_file) || std::filesystem::exists(public_file)) {
        return fail(Errc::already_exists, secret_file.string() + ": a key with this name exists; not overwritten");
    }
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    SigningKey key;
    key.public_key.public_hex = to_hex(pk, sizeof pk);
    key.public_key.key_id = key_id_of(key.public_key.public_hex);
    key.public_key.name = std::string(name);
    key.secret_hex = to_hex(sk, sizeof sk);
    sodium_memzero(sk, sizeof sk);
    WENYUAN_TRY(write_new_file(secret_file, "wenyuan-ed25519-secret " + key.secret_hex + " " + key.public_key.name + "\n", 0600));
    WENYUAN_TRY(write_new_file(public_file, "wenyuan-ed25519 " + key.public_key.public_hex + " " + key.public_key.name + "\n", 0644));
    WENYUAN_TRY(fs::sync_directory(home));
    return key;
}

Result<SigningKey> load_signing_key(const std::filesystem::path& home, std::string_view name) {
    const auto file = home / (std::string(name) + ".key");
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
        return fail(Errc::invalid_argument, file.string() + ": secret key is readable by others; chmod 600 it");
    }
    auto text = fs::read_file(file);
    if (!text) return fail(std::move(text).error());
    SigningKey key;
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (!parse_key_line(*text, "wenyuan-ed25519-secret", key.secret_hex, key.public_key.name) ||
        !from_hex(key.secret_hex, sk, sizeof sk)) {
        return fail(Errc::corrupt, file.string() + ": not a Wenyuan secret key");
    }
    if (!sodium_ready()) return fail(Errc::internal, "libsodium: initialisation failed");
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    sodium_memzero(sk, sizeof sk);
    key.public_key.public_hex = to_hex(pk, sizeof pk);
    key.public_key.key_id = key_id_of(key.public_key.public_hex);
    if (key.public_key.name.empty()) key.public_key.name = std::string(name);
    return key;
}

Result<PublicKey> read_public_key(const std::filesystem::path& file) {
    auto text = fs::read_file(file);
    if (!text) return fail(std::move(text).error());
    PublicKey key;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    if (!parse_key_line(*text, "wenyuan-ed25519", key.public_hex, key.name) || !from_hex(key.public_hex, pk, sizeof pk)) {
        return fail(Errc::corrupt, file.string() + ": not a Wenyuan public key (expected 'wenyuan-ed25519 <hex> <name>')");
    }
    key.key_id = key_id_of(key.public_hex);
    return key;
}

std::string sign_message(const SigningKey& key, std::string_view message) {
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    if (!sodium_ready() || !from_hex(key.secret_hex, sk, sizeof sk)) return {};
    unsigned char signature[crypto_sign_BYTES];
    crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk);
    sodium_memzero(sk, sizeof sk);
    return to_hex(signature, sizeof signature);
}

bool verify_message(std::string_view public_hex, std::string_view message, std::string_view signature_hex) {
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char signature[crypto_sign_BYTES];
    if (!sodium_ready() || !from_hex(public_hex, pk, sizeof pk) || !from_hex(signature_hex, signature, sizeof signature)) {
        return false;
    }
    return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), pk) == 0;
}

Result<void> trust_key(Archive& archive, const PublicKey& key, std::string_view agent) {
    auto& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("trust a key"));
    if (key_id_of(key.public_hex) != key.key_id) return fail(Errc::invalid_argument, "key " + key.key_id + ": id does not match the key");
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    auto stmt = impl.db.prepare("INSERT OR IGNORE INTO trusted_keys(key_id, public_key, name, added_at) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) return fail(std::move(stmt).error());
    const std::string time = now_utc_iso();
    WENYUAN_TRY(stmt->bind(1, key.key_id).bind(2, key.public_hex).bind(3, key.name).bind(4, time).run());
    if (impl.db.changes() > 0) {
        Event event{0, time, "metadata_change", std::nullopt, "", std::string(agent), "success",
                    "trusted publisher key " + key.key_id + " (" + key.name + ")"};
        WENYUAN_TRY(impl.insert_event(event));
    }
    return tx->commit();
}

Result<std::vector<PublicKey>> trusted_keys(const Archive& archive) {
    auto stmt = archive.impl().db.prepare("SELECT key_id, public_key, name, added_at FROM trusted_keys ORDER BY name, key_id");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<PublicKey> keys;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        keys.push_back(PublicKey{row.text(0), row.text(1), row.text(2), row.text(3)});
    }));
    return keys;
}

}  // namespace wenyuan
