// An independent BagIt (RFC 8493) checker for the tests, written from the RFC alone and sharing no
// code with lib/src/package: a minimal ustar reader, and the checks a bag must pass (bagit.txt,
// payload manifests complete in both directions, every checksum, tag manifests, Payload-Oxum).
// Also reads and rewrites tar files so that the tamper tests can damage packages.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wenyuan::test {

struct TarMember {
    std::string name;
    char type = '0';
    std::string link;
    std::string data;
};

/// Every member of a (small) ustar file, in order. Throws std::runtime_error on a bad header.
std::vector<TarMember> read_tar(const std::filesystem::path& file);

/// Writes members as a ustar file (names longer than 100 bytes use the prefix field).
void write_tar(const std::filesystem::path& file, const std::vector<TarMember>& members);

/// The problems RFC 8493 finds in the bag serialised in `file` (empty: a valid bag).
std::vector<std::string> check_bagit(const std::filesystem::path& file);

/// Lowercase hex SHA-512 of bytes (OpenSSL, one shot).
std::string sha512_hex(const std::string& bytes);

}  // namespace wenyuan::test
