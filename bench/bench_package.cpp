// bench_package: package export and apply against `tar` + `sha512sum` of the same bytes, and a
// no-change delta of a 10,000-item exhibition.
//
// usage: bench_package [megabytes=1024] [delta-items=10000 (0: skip part 2)] [folder=$TMPDIR]
// Part 1 stores `megabytes` of random objects (4 MiB previews of public items in one exhibition),
// then times, warm page cache, one after the other:
//   export  (read objects, SHA-512, write one tar, fsync)  vs  tar -cf + sha512sum of the objects
//   apply   (read the tar, SHA-512 + SHA-256, write + fsync objects, one transaction)
//                                                          vs  tar -xf + sha512sum + sync of the files
// and prints the ratio anchor/ours (the target is ≥ 0.7). Part 2 makes an exhibition of
// `delta-items` items, exports it, and times a second export with --since the first (nothing
// changed; the target is < 2 s) and its apply.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/keys.hpp"
#include "wenyuan/package.hpp"

namespace {

using namespace wenyuan;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

double time_command(const std::string& command) {
    const auto start = Clock::now();
    const int status = std::system(command.c_str());
    if (status != 0) std::fprintf(stderr, "bench_package: `%s` exited with %d\n", command.c_str(), status);
    return seconds_since(start);
}

template <class T>
T must(Result<T> result, const char* what) {
    if (!result) {
        std::fprintf(stderr, "bench_package: %s: %s\n", what, result.error().message.c_str());
        std::exit(1);
    }
    return std::move(*result);
}

void must(Result<void> result, const char* what) {
    if (!result) {
        std::fprintf(stderr, "bench_package: %s: %s\n", what, result.error().message.c_str());
        std::exit(1);
    }
}

// An exhibition of `count` items, each with a preview of `size` random bytes (or one shared
// preview when `shared`).
void fill(Archive& archive, std::size_t count, std::size_t size, bool shared, const std::string& slug) {
    std::mt19937_64 random(count);
    std::string bytes(size, '\0');
    StoredObject object;
    Exhibition e;
    e.slug = slug;
    e.title = "基准展览";
    e.sections.push_back(Section{"第一厅", "", "", "", {}});
    for (std::size_t i = 0; i < count; ++i) {
        if (!shared || i == 0) {
            for (std::size_t w = 0; w + 8 <= bytes.size(); w += 8) {
                const std::uint64_t v = random();
                std::memcpy(bytes.data() + w, &v, 8);
            }
            object = must(archive.store().put_bytes(bytes), "put");
        }
        Item item;
        item.title = "展品 " + std::to_string(i);
        item.access = Access::public_access;
        AssetDraft preview{"preview", object.sha256, object.size, "image/jpeg", "p.jpg", "", R"({"width":640,"height":480})", {}, {}};
        const auto id = must(archive.add_item(item, {preview}, {}, "bench"), "add item");
        Exhibit exhibit;
        exhibit.item.id = id;
        e.sections[0].exhibits.push_back(exhibit);
    }
    must(save_exhibition(archive, e, "bench"), "save exhibition");
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t megabytes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1024;
    const std::size_t delta_items = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000;
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path folder = std::filesystem::path(argc > 3 ? argv[3] : (tmp ? tmp : "/tmp")) /
                                         ("wenyuan-bench-package-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto key = must(generate_key(folder / "home", "bench"), "key");

    // ---- part 1: a large package ------------------------------------------------------------
    constexpr std::size_t kObject = 4u << 20;
    const std::size_t objects = std::max<std::size_t>(1, (megabytes << 20) / kObject);
    {
        auto county = must(Archive::create(folder / "county"), "create");
        fill(county, objects, kObject, false, "big");
    }
    auto county = must(Archive::open(folder / "county", OpenMode::read_only), "open");
    const std::string objects_dir = (folder / "county" / "objects").string();
    std::printf("bench_package: %zu objects of %zu MiB (%zu MiB) in %s, warm page cache\n", objects, kObject >> 20,
                objects * (kObject >> 20), folder.c_str());
    std::printf("%-58s %8s %8s\n", "operation", "seconds", "MB/s");
    const double mb = static_cast<double>(objects * kObject) / 1e6;
    auto row = [&](const char* name, double seconds) { std::printf("%-58s %8.3f %8.1f\n", name, seconds, mb / seconds); };

    time_command("cat " + objects_dir + "/*/* > /dev/null");  // warm the cache
    const double tar_create = time_command("cd " + objects_dir + " && tar -cf " + (folder / "anchor.tar").string() +
                                           " */* && sha512sum */* > /dev/null && sync " + (folder / "anchor.tar").string());
    row("anchor: tar -cf + sha512sum + sync", tar_create);
    std::filesystem::remove(folder / "anchor.tar");  // disk: at 5 GB every copy counts
    ExportOptions options;
    options.exhibitions = {"big"};
    options.output = folder / "big.wyp";
    options.key = key;
    auto start = Clock::now();
    must(export_package(county, options), "export");
    const double exported = seconds_since(start);
    row("wenyuan package export (SHA-512, tar, fsync)", exported);

    const auto unpacked = folder / "unpacked";
    std::filesystem::create_directories(unpacked);
    const double tar_extract = time_command("tar -xf " + options.output.string() + " -C " + unpacked.string() +
                                            " && sha512sum " + unpacked.string() + "/big/data/objects/* > /dev/null && sync -f " +
                                            unpacked.string());
    row("anchor: tar -xf + sha512sum + sync", tar_extract);
    std::filesystem::remove_all(unpacked);
    auto kiosk = must(Archive::create(folder / "kiosk"), "create kiosk");
    must(trust_key(kiosk, key.public_key, "bench"), "trust");
    start = Clock::now();
    must(apply_package(kiosk, options.output, "bench"), "apply");
    const double applied = seconds_since(start);
    row("wenyuan package apply (SHA-512 + SHA-256, fsync, commit)", applied);
    std::printf("export: %.2fx the anchor, apply: %.2fx the anchor (target >= 0.7x)\n", tar_create / exported,
                tar_extract / applied);
    std::filesystem::remove_all(folder / "kiosk");
    std::filesystem::remove(options.output);
    std::filesystem::remove_all(folder / "county");
    if (delta_items == 0) {
        std::filesystem::remove_all(folder);
        return 0;
    }

    // ---- part 2: a no-change delta of many items ---------------------------------------------
    {
        auto many = must(Archive::create(folder / "many"), "create");
        start = Clock::now();
        fill(many, delta_items, 4096, true, "many");
        std::printf("\n%zu items in one exhibition made in %.1f s\n", delta_items, seconds_since(start));
    }
    auto many = must(Archive::open(folder / "many", OpenMode::read_only), "open");
    ExportOptions base;
    base.exhibitions = {"many"};
    base.output = folder / "many.wyp";
    base.key = key;
    base.sequence = 1;
    start = Clock::now();
    must(export_package(many, base), "export base");
    std::printf("%-58s %8.3f\n", "full export of the 10,000-item exhibition", seconds_since(start));
    ExportOptions delta = base;
    delta.output = folder / "many-delta.wyp";
    delta.since = base.output;
    delta.sequence = 2;
    start = Clock::now();
    const auto report = must(export_package(many, delta), "export delta");
    std::printf("%-58s %8.3f  (%zu objects, %llu bytes; target < 2 s)\n", "no-change delta export (--since the base)",
                seconds_since(start), report.objects, static_cast<unsigned long long>(report.package_bytes));
    auto kiosk2 = must(Archive::create(folder / "kiosk2"), "create kiosk");
    must(trust_key(kiosk2, key.public_key, "bench"), "trust");
    start = Clock::now();
    must(apply_package(kiosk2, base.output, "bench"), "apply base");
    std::printf("%-58s %8.3f\n", "apply of the base (10,000 items inserted)", seconds_since(start));
    start = Clock::now();
    must(apply_package(kiosk2, delta.output, "bench"), "apply delta");
    std::printf("%-58s %8.3f\n", "apply of the no-change delta (10,000 items compared)", seconds_since(start));
    std::filesystem::remove_all(folder);
    return 0;
}
