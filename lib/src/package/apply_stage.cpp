// Hashing a package's objects and staging the new ones in tmp/, before anything is applied.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <future>

#include "../fsutil.hpp"
#include "apply_bag.hpp"
#include "bag.hpp"
#include "wenyuan/hash.hpp"

namespace wenyuan::package {
namespace {

constexpr std::size_t kChunk = 1 << 20;

struct Pending {
    std::string path;
    Member member;
};

// Removes every staged temp file unless released.
struct StageGuard {
    std::vector<StagedObject>* staged;
    ~StageGuard() {
        if (staged) discard(*staged);
    }
};

Result<void> stage_one(const Archive& archive, const Bag& bag, int package_fd, const Pending& object, bool stage,
                       std::vector<char>& buffer, std::vector<StagedObject>& staged, std::uint64_t& done,
                       std::uint64_t total, const ProgressFn& progress) {
    const std::string sha256 = object.path.substr(std::string(bag::kObjectsDir).size());
    const bool present = archive.store().contains(sha256);
    const bool copy = stage && !present;
    fs::Fd out;
    if (copy) {
        const auto tmp = archive.root() / "tmp";
        std::error_code ec;
        std::filesystem::create_directories(tmp, ec);
        staged.push_back({sha256, tmp / (fs::unique_temp_name() + ".part")});
        out = fs::Fd(::open(staged.back().temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        if (!out) return fail(fs::errno_error(staged.back().temp, "cannot create staging file"));
    }
    bag::Sha512 sha512;
    Sha256 name_hash;
    std::uint64_t offset = object.member.offset, left = object.member.size;
    while (left > 0) {
        const ssize_t got = ::pread(package_fd, buffer.data(), std::min<std::uint64_t>(buffer.size(), left),
                                    static_cast<off_t>(offset));
        if (got < 0) return fail(fs::errno_error(bag.file, "cannot read"));
        if (got == 0) return fail(bag.error(Errc::corrupt, object.path, "truncated"));
        const auto size = static_cast<std::size_t>(got);
        // SHA-256 of new objects runs beside SHA-512 and the write: two cores, one read.
        std::future<void> side;
        if (!present) side = std::async(std::launch::async, [&] { name_hash.update(buffer.data(), size); });
        sha512.update(buffer.data(), size);
        if (copy) {
            auto written = fs::write_all(out.get(), std::string_view(buffer.data(), size), staged.back().temp);
            side.wait();
            if (!written) return fail(std::move(written).error());
        } else if (side.valid()) {
            side.wait();
        }
        offset += size;
        left -= size;
        done += size;
        if (progress) progress(done, total);
    }
    if (sha512.finish_hex() != bag.manifest.at(object.path)) {
        return fail(bag.error(Errc::corrupt, object.path, std::string("SHA-512 does not match ") + bag::kManifest));
    }
    if (!present) {
        if (name_hash.finish_hex() != sha256) {
            return fail(bag.error(Errc::corrupt, object.path, "the bytes do not hash to the object's SHA-256 name"));
        }
        // Start the writeback now; hash_and_stage fsyncs every staged file once all are staged.
        if (copy) ::sync_file_range(out.get(), 0, 0, SYNC_FILE_RANGE_WRITE);
    }
    return {};
}

}  // namespace

void discard(const std::vector<StagedObject>& staged) {
    for (const StagedObject& object : staged) ::unlink(object.temp.c_str());
}

Result<std::vector<StagedObject>> hash_and_stage(const Archive& archive, const Bag& bag, bool stage,
                                                 const ProgressFn& progress) {
    std::vector<Pending> objects;
    std::uint64_t total = 0;
    for (const auto& [path, member] : bag.members) {
        if (path.rfind(bag::kObjectsDir, 0) == 0) {
            objects.push_back({path, member});
            total += member.size;
        }
    }
    std::sort(objects.begin(), objects.end(), [](const Pending& a, const Pending& b) { return a.member.offset < b.member.offset; });
    fs::Fd package(::open(bag.file.c_str(), O_RDONLY | O_CLOEXEC));
    if (!package) return fail(fs::errno_error(bag.file, "cannot open"));
    ::posix_fadvise(package.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

    std::vector<StagedObject> staged;
    StageGuard guard{&staged};
    std::vector<char> buffer(kChunk);
    std::uint64_t done = 0;
    for (const Pending& object : objects) {
        WENYUAN_TRY(stage_one(archive, bag, package.get(), object, stage, buffer, staged, done, total, progress));
    }
    for (const StagedObject& object : staged) {
        fs::Fd fd(::open(object.temp.c_str(), O_RDONLY | O_CLOEXEC));
        if (!fd || ::fsync(fd.get()) != 0) return fail(fs::errno_error(object.temp, "cannot fsync"));
    }
    if (!staged.empty()) WENYUAN_TRY(fs::sync_directory(archive.root() / "tmp"));
    guard.staged = nullptr;
    return staged;
}

}  // namespace wenyuan::package
