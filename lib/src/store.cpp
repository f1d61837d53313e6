#include "wenyuan/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <future>
#include <system_error>
#include <vector>

#include "fsutil.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan {
namespace {

constexpr std::size_t kBlock = 1 << 20;

// A temp file in tmp/ that is removed unless it was renamed into place.
class TempFile {
public:
    explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~TempFile() {
        if (!path_.empty()) ::unlink(path_.c_str());
    }
    const std::filesystem::path& path() const { return path_; }
    void keep() { path_.clear(); }

private:
    std::filesystem::path path_;
};

Result<fs::Fd> create_temp(const std::filesystem::path& tmp_dir, std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::create_directories(tmp_dir, ec);
    path = tmp_dir / (fs::unique_temp_name() + ".part");
    fs::Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    if (!fd) return fail(fs::errno_error(path, "store: cannot create temp file"));
    return fd;
}

}  // namespace

ObjectStore::ObjectStore(std::filesystem::path archive_root) : root_(std::move(archive_root)) {}

std::filesystem::path ObjectStore::path_of(std::string_view sha256) const {
    assert(is_sha256_hex(sha256));
    return root_ / "objects" / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

bool ObjectStore::contains(std::string_view sha256) const {
    struct stat info {};
    return is_sha256_hex(sha256) && ::stat(path_of(sha256).c_str(), &info) == 0 &&
           S_ISREG(info.st_mode);
}

namespace {

// Moves a fully written, fsync'ed temp file to its final name, unless identical bytes are
// already there. Returns whether the object was already present.
Result<bool> install_object(const ObjectStore& store, TempFile& temp, const std::string& sha256,
                            std::uint64_t size) {
    const auto target = store.path_of(sha256);
    struct stat info {};
    if (::stat(target.c_str(), &info) == 0 && static_cast<std::uint64_t>(info.st_size) == size) {
        return true;  // the temp file is removed by its owner
    }
    const auto folder = target.parent_path();
    std::error_code ec;
    const bool made_folder = std::filesystem::create_directories(folder, ec);
    if (ec) return fail(Errc::io, folder.string() + ": store: cannot create folder: " + ec.message());
    ::chmod(temp.path().c_str(), 0444);
    if (::rename(temp.path().c_str(), target.c_str()) != 0) {
        return fail(fs::errno_error(target, "store: rename into place failed"));
    }
    temp.keep();
    WENYUAN_TRY(fs::sync_directory(folder));
    if (made_folder) WENYUAN_TRY(fs::sync_directory(folder.parent_path()));
    return false;
}

}  // namespace

Result<StoredObject> ObjectStore::put_file(const std::filesystem::path& source) const {
    fs::Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (!in) return fail(fs::errno_error(source, "cannot open"));
    struct stat info {};
    if (::fstat(in.get(), &info) != 0) return fail(fs::errno_error(source, "cannot stat"));
    if (!S_ISREG(info.st_mode)) return fail(Errc::invalid_argument, source.string() + ": not a regular file");
    ::posix_fadvise(in.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

    std::filesystem::path temp_path;
    auto out = create_temp(root_ / "tmp", temp_path);
    if (!out) return fail(std::move(out).error());
    TempFile temp(temp_path);

    // Hashing overlaps writing: block i is hashed on a helper thread while it is written, and
    // block i+1 is read into the other buffer. Hash updates stay in order.
    Sha256 hash;
    std::vector<char> buffers[2] = {std::vector<char>(kBlock), std::vector<char>(kBlock)};
    std::future<void> hashing;
    std::uint64_t size = 0;
    for (int current = 0;; current ^= 1) {
        std::vector<char>& buffer = buffers[current];
        ssize_t got = 0;
        do {
            got = ::read(in.get(), buffer.data(), buffer.size());
        } while (got < 0 && errno == EINTR);
        if (got < 0) {
            if (hashing.valid()) hashing.wait();
            return fail(fs::errno_error(source, "read failed"));
        }
        if (got == 0) break;
        const auto length = static_cast<std::size_t>(got);
        if (hashing.valid()) hashing.wait();
        hashing = std::async(std::launch::async, [&hash, &buffer, length] { hash.update(buffer.data(), length); });
        auto written = fs::write_all(out->get(), {buffer.data(), length}, temp.path());
        if (!written) {
            hashing.wait();
            return fail(std::move(written).error());
        }
        size += length;
    }
    if (hashing.valid()) hashing.wait();
    if (::fsync(out->get()) != 0) return fail(fs::errno_error(temp.path(), "store: fsync failed"));
    StoredObject stored{hash.finish_hex(), size, false};
    auto present = install_object(*this, temp, stored.sha256, size);
    if (!present) return fail(std::move(present).error());
    stored.already_present = *present;
    return stored;
}

Result<StoredObject> ObjectStore::put_bytes(std::string_view bytes) const {
    StoredObject stored{sha256_bytes(bytes), bytes.size(), false};
    struct stat info {};
    if (::stat(path_of(stored.sha256).c_str(), &info) == 0 &&
        static_cast<std::uint64_t>(info.st_size) == bytes.size()) {
        stored.already_present = true;
        return stored;
    }
    std::filesystem::path temp_path;
    auto out = create_temp(root_ / "tmp", temp_path);
    if (!out) return fail(std::move(out).error());
    TempFile temp(temp_path);
    WENYUAN_TRY(fs::write_all(out->get(), bytes, temp.path()));
    if (::fsync(out->get()) != 0) return fail(fs::errno_error(temp.path(), "store: fsync failed"));
    auto present = install_object(*this, temp, stored.sha256, stored.size);
    if (!present) return fail(std::move(present).error());
    stored.already_present = *present;
    return stored;
}

Result<void> ObjectStore::check(std::string_view sha256) const {
    const auto path = path_of(sha256);
    auto actual = sha256_file(path);
    if (!actual) {
        if (actual.error().code == Errc::not_found) {
            return fail(Errc::not_found, "missing: " + path.string() + " does not exist");
        }
        return fail(std::move(actual).error());
    }
    if (*actual != sha256) {
        return fail(Errc::corrupt, "damaged: the bytes now hash to " + *actual);
    }
    return {};
}

Result<std::vector<std::string>> ObjectStore::list(
    const std::function<void(const std::filesystem::path&)>& stray) const {
    std::vector<std::string> names;
    const auto objects = root_ / "objects";
    std::error_code ec;
    if (!std::filesystem::exists(objects, ec)) return names;
    for (auto folder = std::filesystem::directory_iterator(objects, ec);
         !ec && folder != std::filesystem::directory_iterator(); folder.increment(ec)) {
        const std::string prefix = folder->path().filename().string();
        if (!folder->is_directory() || prefix.size() != 2) {
            if (stray) stray(folder->path());
            continue;
        }
        std::error_code inner;
        for (auto file = std::filesystem::directory_iterator(folder->path(), inner);
             !inner && file != std::filesystem::directory_iterator(); file.increment(inner)) {
            const std::string name = file->path().filename().string();
            if (is_sha256_hex(name) && name.compare(0, 2, prefix) == 0 && file->is_regular_file()) {
                names.push_back(name);
            } else if (stray) {
                stray(file->path());
            }
        }
        if (inner) return fail(Errc::io, folder->path().string() + ": store: cannot list: " + inner.message());
    }
    if (ec) return fail(Errc::io, objects.string() + ": store: cannot list: " + ec.message());
    std::sort(names.begin(), names.end());
    return names;
}

Result<void> ObjectStore::remove(std::string_view sha256) const {
    const auto path = path_of(sha256);
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        return fail(fs::errno_error(path, "store: cannot remove"));
    }
    return fs::sync_directory(path.parent_path());
}

std::vector<std::filesystem::path> ObjectStore::leftover_temp_files() const {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(root_ / "tmp", ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace wenyuan
