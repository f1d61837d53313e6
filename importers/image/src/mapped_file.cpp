#include "mapped_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace wenyuan::image {

Result<MappedFile> MappedFile::open(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(Errc::io, "cannot open: " + std::string(std::strerror(errno)));
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return fail(Errc::io, "cannot read: " + std::string(std::strerror(error)));
    }
    const auto size = static_cast<std::size_t>(info.st_size);
    void* data = size == 0 ? nullptr : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    const int error = errno;
    ::close(fd);
    if (data == MAP_FAILED) return fail(Errc::io, "cannot map: " + std::string(std::strerror(error)));
    return MappedFile(data, size);
}

}  // namespace wenyuan::image
