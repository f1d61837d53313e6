#include "tar_writer.hpp"

#include <array>
#include <cassert>
#include <cerrno>
#include <cstring>

namespace wenyuan::image {
namespace {

constexpr std::size_t kBlock = 512;

void octal(char* field, std::size_t width, std::uint64_t value) {
    // width − 1 octal digits and a NUL, as ustar wants.
    for (std::size_t i = width - 1; i-- > 0;) {
        field[i] = static_cast<char>('0' + (value & 7));
        value >>= 3;
    }
    field[width - 1] = '\0';
}

}  // namespace

Result<TarWriter> TarWriter::create(const std::filesystem::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) return fail(Errc::io, file.string() + ": cannot create: " + std::strerror(errno));
    return TarWriter(f, file);
}

TarWriter::TarWriter(TarWriter&& other) noexcept : file_(other.file_), path_(std::move(other.path_)) {
    other.file_ = nullptr;
}

TarWriter::~TarWriter() {
    if (file_) std::fclose(file_);
}

Result<void> TarWriter::add(std::string_view name, std::string_view bytes) {
    assert(file_);
    if (name.empty() || name.size() > 100) {
        return fail(Errc::invalid_argument, "tar member name does not fit in 100 bytes: " + std::string(name));
    }
    std::array<char, kBlock> header{};
    std::memcpy(header.data(), name.data(), name.size());
    octal(&header[100], 8, 0644);
    octal(&header[108], 8, 0);
    octal(&header[116], 8, 0);
    octal(&header[124], 12, bytes.size());
    octal(&header[136], 12, 0);
    std::memset(&header[148], ' ', 8);
    header[156] = '0';
    std::memcpy(&header[257], "ustar", 6);
    std::memcpy(&header[263], "00", 2);
    unsigned checksum = 0;
    for (char c : header) checksum += static_cast<unsigned char>(c);
    octal(&header[148], 7, checksum);
    header[155] = ' ';

    static constexpr std::array<char, kBlock> zeros{};
    const std::size_t padding = (kBlock - bytes.size() % kBlock) % kBlock;
    if (std::fwrite(header.data(), 1, kBlock, file_) != kBlock ||
        std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size() ||
        std::fwrite(zeros.data(), 1, padding, file_) != padding) {
        return fail(Errc::io, path_.string() + ": cannot write: " + std::strerror(errno));
    }
    return {};
}

Result<void> TarWriter::finish() {
    assert(file_);
    static constexpr std::array<char, 2 * kBlock> zeros{};
    const bool written = std::fwrite(zeros.data(), 1, zeros.size(), file_) == zeros.size();
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!written || !closed) return fail(Errc::io, path_.string() + ": cannot write: " + std::strerror(errno));
    return {};
}

}  // namespace wenyuan::image
