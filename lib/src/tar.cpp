#include "wenyuan/tar.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cassert>
#include <cerrno>
#include <cstring>

namespace wenyuan {
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

// Splits `name` into ustar's prefix (≤ 155) and name (≤ 100) at a '/'. False if impossible.
bool split_name(std::string_view full, std::string_view& prefix, std::string_view& name) {
    if (full.size() <= 100) {
        prefix = {};
        name = full;
        return true;
    }
    for (std::size_t slash = full.find('/'); slash != std::string_view::npos; slash = full.find('/', slash + 1)) {
        if (slash <= 155 && full.size() - slash - 1 <= 100 && slash + 1 < full.size()) {
            prefix = full.substr(0, slash);
            name = full.substr(slash + 1);
            return true;
        }
    }
    return false;
}

std::string field_text(const char* field, std::size_t width) {
    return std::string(field, strnlen(field, width));
}

bool parse_octal(const char* field, std::size_t width, std::uint64_t& value) {
    value = 0;
    std::size_t i = 0;
    while (i < width && (field[i] == ' ' || field[i] == '\0')) ++i;
    if (i == width) return true;  // empty: zero
    bool digits = false;
    for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) {
        if (value >> 60) return false;
        value = value * 8 + static_cast<std::uint64_t>(field[i] - '0');
        digits = true;
    }
    for (; i < width; ++i) {
        if (field[i] != ' ' && field[i] != '\0') return false;
    }
    return digits;
}

}  // namespace

// ---- writer ---------------------------------------------------------------------------------

Result<TarWriter> TarWriter::create(const std::filesystem::path& file) {
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f) return fail(Errc::io, file.string() + ": cannot create: " + std::strerror(errno));
    std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
    return TarWriter(f, file);
}

TarWriter::TarWriter(TarWriter&& other) noexcept
    : file_(other.file_), path_(std::move(other.path_)), offset_(other.offset_),
      member_left_(other.member_left_), member_size_(other.member_size_) {
    other.file_ = nullptr;
}

TarWriter::~TarWriter() {
    if (file_) std::fclose(file_);
}

Result<void> TarWriter::put(const void* data, std::size_t size) {
    if (size && std::fwrite(data, 1, size, file_) != size) {
        return fail(Errc::io, path_.string() + ": cannot write: " + std::strerror(errno));
    }
    offset_ += size;
    return {};
}

Result<void> TarWriter::begin_member(std::string_view full, std::uint64_t size) {
    assert(file_ && member_left_ == 0);
    std::string_view prefix, name;
    if (full.empty() || !split_name(full, prefix, name)) {
        return fail(Errc::invalid_argument, "tar member name does not fit in ustar: " + std::string(full));
    }
    std::array<char, kBlock> header{};
    std::memcpy(header.data(), name.data(), name.size());
    octal(&header[100], 8, 0644);
    octal(&header[108], 8, 0);
    octal(&header[116], 8, 0);
    octal(&header[124], 12, size);
    octal(&header[136], 12, 0);
    std::memset(&header[148], ' ', 8);
    header[156] = '0';
    std::memcpy(&header[257], "ustar", 6);
    std::memcpy(&header[263], "00", 2);
    std::memcpy(&header[345], prefix.data(), prefix.size());
    unsigned checksum = 0;
    for (char c : header) checksum += static_cast<unsigned char>(c);
    octal(&header[148], 7, checksum);
    header[155] = ' ';
    WENYUAN_TRY(put(header.data(), kBlock));
    member_left_ = size;
    member_size_ = size;
    return {};
}

Result<void> TarWriter::write(const void* data, std::size_t size) {
    if (size > member_left_) {
        return fail(Errc::invalid_argument, path_.string() + ": tar member longer than announced");
    }
    member_left_ -= size;
    return put(data, size);
}

Result<void> TarWriter::end_member() {
    if (member_left_ != 0) {
        return fail(Errc::invalid_argument, path_.string() + ": tar member shorter than announced");
    }
    static constexpr std::array<char, kBlock> zeros{};
    return put(zeros.data(), (kBlock - member_size_ % kBlock) % kBlock);
}

Result<void> TarWriter::add(std::string_view name, std::string_view bytes) {
    WENYUAN_TRY(begin_member(name, bytes.size()));
    WENYUAN_TRY(write(bytes.data(), bytes.size()));
    return end_member();
}

Result<void> TarWriter::finish(bool sync) {
    assert(file_);
    static constexpr std::array<char, 2 * kBlock> zeros{};
    const bool written = put(zeros.data(), zeros.size()).has_value();
    const bool flushed = written && std::fflush(file_) == 0 && (!sync || ::fsync(::fileno(file_)) == 0);
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!flushed || !closed) return fail(Errc::io, path_.string() + ": cannot write: " + std::strerror(errno));
    return {};
}

// ---- reader ---------------------------------------------------------------------------------

Result<TarReader> TarReader::open(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return fail(errno == ENOENT ? Errc::not_found : Errc::io,
                    file.string() + ": cannot open: " + std::strerror(errno));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(fd);
        return fail(Errc::invalid_argument, file.string() + ": not a regular file");
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return TarReader(fd, file, static_cast<std::uint64_t>(info.st_size));
}

TarReader::TarReader(TarReader&& other) noexcept
    : fd_(other.fd_), path_(std::move(other.path_)), file_size_(other.file_size_),
      position_(other.position_), member_left_(other.member_left_), padding_(other.padding_) {
    other.fd_ = -1;
}

TarReader::~TarReader() {
    if (fd_ >= 0) ::close(fd_);
}

Result<std::optional<TarEntry>> TarReader::next() {
    const std::string where = path_.string() + ": ";
    position_ += member_left_ + padding_;
    member_left_ = padding_ = 0;
    if (position_ + kBlock > file_size_) {
        return fail(Errc::corrupt, where + "truncated: the archive has no end marker (offset " +
                                       std::to_string(position_) + ")");
    }
    std::array<char, kBlock> header{};
    const ssize_t got = ::pread(fd_, header.data(), kBlock, static_cast<off_t>(position_));
    if (got != static_cast<ssize_t>(kBlock)) return fail(Errc::io, where + "cannot read: " + std::strerror(errno));
    const std::uint64_t header_at = position_;
    position_ += kBlock;
    bool all_zero = true;
    for (char c : header) all_zero = all_zero && c == 0;
    if (all_zero) return std::optional<TarEntry>();

    const std::string at = " (header at offset " + std::to_string(header_at) + ")";
    std::uint64_t stored = 0;
    if (!parse_octal(&header[148], 8, stored)) return fail(Errc::corrupt, where + "unreadable header checksum" + at);
    unsigned sum = 0;
    for (std::size_t i = 0; i < kBlock; ++i) {
        sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(header[i]);
    }
    if (sum != stored) return fail(Errc::corrupt, where + "header checksum mismatch" + at);

    TarEntry entry;
    entry.type = header[156] == '\0' ? '0' : header[156];
    const std::string name = field_text(&header[0], 100);
    const std::string prefix = std::memcmp(&header[257], "ustar", 5) == 0 ? field_text(&header[345], 155) : "";
    entry.name = prefix.empty() ? name : prefix + "/" + name;
    entry.link = field_text(&header[157], 100);
    if (!parse_octal(&header[124], 12, entry.size)) return fail(Errc::corrupt, where + "unreadable member size" + at);
    entry.data_offset = position_;
    if (entry.size > file_size_ - position_) {
        return fail(Errc::corrupt, where + entry.name + ": member runs past the end of the file (truncated)");
    }
    member_left_ = entry.size;
    padding_ = (kBlock - entry.size % kBlock) % kBlock;
    if (entry.type != '0' && entry.type != '7') {  // only regular files carry data we read
        position_ += member_left_;
        member_left_ = 0;
        padding_ = (kBlock - entry.size % kBlock) % kBlock;
    }
    return std::optional<TarEntry>(std::move(entry));
}

Result<std::size_t> TarReader::read(void* data, std::size_t size) {
    if (size > member_left_) size = static_cast<std::size_t>(member_left_);
    if (size == 0) return std::size_t{0};
    const ssize_t got = ::pread(fd_, data, size, static_cast<off_t>(position_));
    if (got < 0) return fail(Errc::io, path_.string() + ": cannot read: " + std::strerror(errno));
    if (got == 0) return fail(Errc::corrupt, path_.string() + ": truncated");
    position_ += static_cast<std::uint64_t>(got);
    member_left_ -= static_cast<std::uint64_t>(got);
    return static_cast<std::size_t>(got);
}

Result<std::string> TarReader::read_all(std::size_t limit) {
    if (member_left_ > limit) {
        return fail(Errc::limit, path_.string() + ": member of " + std::to_string(member_left_) +
                                     " bytes is larger than the " + std::to_string(limit) + " allowed");
    }
    std::string bytes(static_cast<std::size_t>(member_left_), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto got = read(bytes.data() + done, bytes.size() - done);
        if (!got) return fail(std::move(got).error());
        done += *got;
    }
    return bytes;
}

}  // namespace wenyuan
