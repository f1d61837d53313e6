#include "app/config.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace wenyuan::kiosk {

namespace {

constexpr int kRounds = 100000;

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

std::string hash_pin(const std::string& pin, const std::string& salt_hex) {
    unsigned char out[32];
    PKCS5_PBKDF2_HMAC(pin.data(), int(pin.size()), reinterpret_cast<const unsigned char*>(salt_hex.data()),
                      int(salt_hex.size()), kRounds, EVP_sha256(), sizeof out, out);
    return to_hex(out, sizeof out);
}

bool Config::pin_matches(const std::string& pin) const {
    if (pin_hash.empty()) return pin == "0000";
    const std::string candidate = hash_pin(pin, pin_salt);
    return candidate.size() == pin_hash.size() && CRYPTO_memcmp(candidate.data(), pin_hash.data(), pin_hash.size()) == 0;
}

std::filesystem::path default_config_path(const std::string& given) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("WENYUAN_KIOSK_CONFIG"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "wenyuan/kiosk.conf";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".config/wenyuan/kiosk.conf";
}

Result<Config> load_config(const std::filesystem::path& file) {
    Config config;
    config.file = file;
    config.usage_db = file.parent_path() / "usage.db";
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return config;
    std::ifstream in(file);
    if (!in) return fail(Errc::io, file.string() + ": cannot read the kiosk config");
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (const auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        if (trim(line).empty()) continue;
        const auto equals = line.find('=');
        const std::string where = file.string() + ":" + std::to_string(number) + ": ";
        if (equals == std::string::npos) return fail(Errc::invalid_argument, where + "expected key = value");
        const std::string key = trim(line.substr(0, equals)), value = trim(line.substr(equals + 1));
        if (key == "museum_name") config.museum_name = value;
        else if (key == "museum_name_en") config.museum_name_en = value;
        else if (key == "usage_db") config.usage_db = value;
        else if (key == "pin_salt") config.pin_salt = value;
        else if (key == "pin_hash") config.pin_hash = value;
        else if (key == "speech") {
            if (value != "on" && value != "off") return fail(Errc::invalid_argument, where + "speech must be on or off");
            config.speech = value == "on";
        } else if (key == "idle_seconds") {
            char* end = nullptr;
            config.idle_seconds = std::strtod(value.c_str(), &end);
            if (end == value.c_str() || *end || config.idle_seconds < 5)
                return fail(Errc::invalid_argument, where + "idle_seconds must be a number of at least 5");
        } else {
            return fail(Errc::invalid_argument, where + "unknown key '" + key + "'");
        }
    }
    if (config.pin_hash.empty() != config.pin_salt.empty())
        return fail(Errc::invalid_argument, file.string() + ": pin_hash and pin_salt go together (run --set-pin)");
    return config;
}

Result<void> store_pin(const std::filesystem::path& file, const std::string& pin) {
    unsigned char salt[16];
    if (RAND_bytes(salt, sizeof salt) != 1) return fail(Errc::internal, "kiosk config: no random bytes for the salt");
    const std::string salt_hex = to_hex(salt, sizeof salt);
    std::vector<std::string> kept;
    if (std::ifstream in(file); in) {
        std::string line;
        while (std::getline(in, line)) {
            const std::string key = trim(line.substr(0, line.find('=')));
            if (key != "pin_salt" && key != "pin_hash") kept.push_back(line);
        }
    }
    std::error_code ec;
    if (!file.parent_path().empty()) std::filesystem::create_directories(file.parent_path(), ec);
    const auto temp = file.string() + ".tmp";
    {
        std::ofstream out(temp, std::ios::trunc);
        if (!out) return fail(Errc::io, temp + ": cannot write the kiosk config");
        for (const std::string& line : kept) out << line << '\n';
        out << "pin_salt = " << salt_hex << '\n' << "pin_hash = " << hash_pin(pin, salt_hex) << '\n';
        if (!out.flush()) return fail(Errc::io, temp + ": cannot write the kiosk config");
    }
    ::chmod(temp.c_str(), 0600);
    std::filesystem::rename(temp, file, ec);
    if (ec) return fail(Errc::io, file.string() + ": " + ec.message());
    return {};
}

}  // namespace wenyuan::kiosk
