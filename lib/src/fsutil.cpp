#include "fsutil.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <sstream>
#include <thread>

namespace wenyuan::fs {

Fd& Fd::operator=(Fd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

Fd::~Fd() {
    if (fd_ >= 0) ::close(fd_);
}

Error errno_error(const std::filesystem::path& path, std::string_view action) {
    const int saved = errno;
    return Error{saved == ENOENT ? Errc::not_found : Errc::io,
                 path.string() + ": " + std::string(action) + ": " + std::strerror(saved)};
}

Result<void> sync_directory(const std::filesystem::path& dir) {
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) return fail(errno_error(dir, "cannot open folder to sync"));
    if (::fsync(fd.get()) != 0) return fail(errno_error(dir, "fsync of folder failed"));
    return {};
}

Result<void> write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return fail(errno_error(path, "write failed"));
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return {};
}

Result<void> write_file_atomic(const std::filesystem::path& target, std::string_view bytes) {
    const auto temp = target.parent_path() / ("." + target.filename().string() + "." +
                                              unique_temp_name());
    {
        Fd fd(::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        if (!fd) return fail(errno_error(temp, "cannot create"));
        auto written = write_all(fd.get(), bytes, temp);
        if (!written || ::fsync(fd.get()) != 0) {
            ::unlink(temp.c_str());
            return written ? fail(errno_error(temp, "fsync failed")) : written;
        }
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        Error error = errno_error(target, "rename failed");
        ::unlink(temp.c_str());
        return fail(std::move(error));
    }
    return sync_directory(target.parent_path().empty() ? "." : target.parent_path());
}

Result<std::string> read_file(const std::filesystem::path& file) {
    Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return fail(errno_error(file, "cannot open"));
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) continue;
            return fail(errno_error(file, "read failed"));
        }
        if (got == 0) break;
        out.append(buffer, static_cast<std::size_t>(got));
    }
    return out;
}

std::string unique_temp_name() {
    static std::atomic<unsigned long> counter{0};
    thread_local std::mt19937_64 random{std::random_device{}()};
    std::ostringstream name;
    name << ::getpid() << '-' << std::hash<std::thread::id>{}(std::this_thread::get_id()) % 100000
         << '-' << counter.fetch_add(1) << '-' << std::hex << (random() & 0xffffffu);
    return name.str();
}

}  // namespace wenyuan::fs
