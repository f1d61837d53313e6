#include "media/tar_index.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace wenyuan::kiosk {

namespace {

std::uint64_t octal(const char* field, std::size_t width, bool& ok) {
    std::uint64_t value = 0;
    std::size_t i = 0;
    while (i < width && field[i] == ' ') ++i;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) value = value * 8 + std::uint64_t(field[i] - '0');
    if (i < width && field[i] != ' ' && field[i] != '\0') ok = false;
    return value;
}

bool pread_all(int fd, char* out, std::size_t size, std::uint64_t offset) {
    while (size > 0) {
        const ssize_t got = ::pread(fd, out, size, off_t(offset));
        if (got <= 0) return false;
        out += got, size -= std::size_t(got), offset += std::uint64_t(got);
    }
    return true;
}

}  // namespace

TarIndex::TarIndex(TarIndex&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), file_(std::move(other.file_)), members_(std::move(other.members_)) {}

TarIndex& TarIndex::operator=(TarIndex&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        file_ = std::move(other.file_);
        members_ = std::move(other.members_);
    }
    return *this;
}

TarIndex::~TarIndex() {
    if (fd_ >= 0) ::close(fd_);
}

Result<TarIndex> TarIndex::open(const std::filesystem::path& file) {
    TarIndex tar;
    tar.file_ = file;
    tar.fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (tar.fd_ < 0) return fail(Errc::not_found, file.string() + ": cannot open the tile archive");
    struct stat st {};
    if (fstat(tar.fd_, &st) != 0) return fail(Errc::io, file.string() + ": cannot stat the tile archive");
    const std::uint64_t end = std::uint64_t(st.st_size);
    std::uint64_t offset = 0;
    char header[512];
    while (offset + 512 <= end) {
        if (!pread_all(tar.fd_, header, 512, offset)) return fail(Errc::io, file.string() + ": read failed");
        if (header[0] == '\0') break;  // end-of-archive blocks
        bool ok = true;
        const std::uint64_t size = octal(header + 124, 12, ok);
        const std::uint64_t checksum = octal(header + 148, 8, ok);
        std::uint64_t sum = 0;
        for (int i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
        if (!ok || sum != checksum)
            return fail(Errc::corrupt, file.string() + ": bad tar header at byte " + std::to_string(offset));
        if (offset + 512 + size > end)
            return fail(Errc::corrupt, file.string() + ": a member runs past the end (truncated tar)");
        std::string name(header, strnlen(header, 100));
        if (std::memcmp(header + 257, "ustar", 5) == 0 && header[345] != '\0')
            name = std::string(header + 345, strnlen(header + 345, 155)) + "/" + name;
        const char type = header[156];
        if (type == '0' || type == '\0') tar.members_[name] = {offset + 512, size};
        offset += 512 + (size + 511) / 512 * 512;
    }
    return tar;
}

bool TarIndex::contains(std::string_view name) const { return members_.count(std::string(name)) != 0; }

Result<std::string> TarIndex::read(std::string_view name) const {
    const auto found = members_.find(std::string(name));
    if (found == members_.end()) return fail(Errc::not_found, file_.string() + ": no member " + std::string(name));
    std::string bytes(found->second.size, '\0');
    if (!pread_all(fd_, bytes.data(), bytes.size(), found->second.offset))
        return fail(Errc::io, file_.string() + ": cannot read " + std::string(name));
    return bytes;
}

}  // namespace wenyuan::kiosk
