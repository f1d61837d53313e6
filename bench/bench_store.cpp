// bench_store: SHA-256 hashing and object-store ingest against `sha256sum` and `cp` + `sync`.
//
// usage: bench_store [megabytes=1024] [folder=$TMPDIR]
// Prints GB/s for: our streaming hash (OpenSSL EVP), sha256sum on the same file, put_file
// (hash while copying, fsync, rename, fsync of the folder), and cp followed by sync.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "wenyuan/hash.hpp"
#include "wenyuan/store.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double time_command(const std::string& command) {
    const auto start = std::chrono::steady_clock::now();
    const int status = std::system(command.c_str());
    if (status != 0) std::fprintf(stderr, "bench_store: `%s` exited with %d\n", command.c_str(), status);
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t megabytes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1024;
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path folder = std::filesystem::path(argc > 2 ? argv[2] : (tmp ? tmp : "/tmp")) /
                                         ("wenyuan-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto file = folder / "payload.bin";
    {
        std::mt19937_64 random(1);
        std::vector<std::uint64_t> block(1 << 17);
        std::ofstream out(file, std::ios::binary);
        for (std::size_t written = 0; written < megabytes; ++written) {
            for (auto& word : block) word = random();
            out.write(reinterpret_cast<const char*>(block.data()), static_cast<std::streamsize>(block.size() * 8));
        }
    }
    const double gigabytes = static_cast<double>(megabytes) / 1024.0;
    std::printf("bench_store: %zu MiB file in %s (warm page cache)\n", megabytes, folder.c_str());
    std::printf("%-44s %8s %8s\n", "operation", "seconds", "GB/s");
    auto row = [&](const char* name, double seconds) { std::printf("%-44s %8.3f %8.2f\n", name, seconds, gigabytes / seconds); };

    (void)wenyuan::sha256_file(file);  // warm the cache
    auto start = std::chrono::steady_clock::now();
    const auto ours = wenyuan::sha256_file(file);
    const double hash_seconds = seconds_since(start);
    row("wenyuan sha256_file (OpenSSL EVP)", hash_seconds);
    const double peer_seconds = time_command("sha256sum '" + file.string() + "' > /dev/null");
    row("peer: sha256sum", peer_seconds);
    std::printf("ratio: wenyuan hash is %.2fx sha256sum\n", peer_seconds / hash_seconds);

    wenyuan::ObjectStore store(folder / "archive");
    start = std::chrono::steady_clock::now();
    const auto stored = store.put_file(file);
    const double put_seconds = seconds_since(start);
    if (!stored || !ours || stored->sha256 != *ours) {
        std::fprintf(stderr, "bench_store: put_file failed or hashed differently\n");
        return 1;
    }
    row("wenyuan put_file (hash+copy+fsync+rename)", put_seconds);
    const double copy_seconds = time_command("cp '" + file.string() + "' '" + (folder / "copy.bin").string() + "' && sync");
    row("peer: cp + sync", copy_seconds);
    std::printf("ratio: wenyuan put_file is %.2fx cp+sync\n", copy_seconds / put_seconds);

    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(folder, ec); !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_write, std::filesystem::perm_options::add, ec);
    }
    std::filesystem::remove_all(folder, ec);
    return 0;
}
