// The kiosk's configuration file: plain "key = value" lines, '#' comments.
//
// Where: --config FILE, else $WENYUAN_KIOSK_CONFIG, else $XDG_CONFIG_HOME/wenyuan/kiosk.conf
// (~/.config/wenyuan/kiosk.conf). Keys:
//   museum_name, museum_name_en   shown at the top left of home
//   idle_seconds                  to the attract loop (default 90)
//   usage_db                      the usage log (default: usage.db beside this file; never
//                                 inside the archive, which the kiosk opens read-only)
//   speech                        on / off: read captions aloud where no narration exists
//   pin_salt, pin_hash            the admin PIN: PBKDF2-HMAC-SHA256 (100,000 rounds) of the PIN
//                                 with a 16-byte random salt, both hex. Written by --set-pin.
// A missing file is not an error: every key has a default. Without a PIN, the PIN is 0000 and
// the kiosk says so in its log at start-up.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

struct Config {
    std::filesystem::path file;
    std::string museum_name = "文渊乡村博物馆";
    std::string museum_name_en = "Wenyuan Village Museum";
    double idle_seconds = 90;
    std::filesystem::path usage_db;
    bool speech = true;
    std::string pin_salt, pin_hash;

    /// True when `pin` is the admin PIN (the default 0000 when none is set). Constant time.
    bool pin_matches(const std::string& pin) const;
};

/// The config file to use: `given`, or the environment / XDG default above.
std::filesystem::path default_config_path(const std::string& given);

/// Reads the file (missing: defaults). Errors: Errc::invalid_argument for a malformed line or
/// value, naming the file and line; Errc::io when it exists but cannot be read.
Result<Config> load_config(const std::filesystem::path& file);

/// Stores a new salted PIN hash in the file, keeping its other lines; creates it (mode 0600) and
/// its folder if needed. Errors: Errc::io.
Result<void> store_pin(const std::filesystem::path& file, const std::string& pin);

/// PBKDF2-HMAC-SHA256 of the PIN with the salt (hex in, hex out).
std::string hash_pin(const std::string& pin, const std::string& salt_hex);

}  // namespace wenyuan::kiosk
