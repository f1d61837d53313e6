// embed: the smallest program that uses Wenyuan through its public headers only.
// usage: embed <new-archive-folder> <file>
// Creates an archive, stores the file, records it as an item, and prints the file's SHA-256.
#include <cstdio>

#include <wenyuan/archive.hpp>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <new-archive-folder> <file>\n", argv[0]);
        return 2;
    }
    auto archive = wenyuan::Archive::create(argv[1]);
    if (!archive) {
        std::fprintf(stderr, "embed: %s\n", archive.error().message.c_str());
        return 1;
    }
    auto stored = archive->store().put_file(argv[2]);
    if (!stored) {
        std::fprintf(stderr, "embed: %s\n", stored.error().message.c_str());
        return 1;
    }
    wenyuan::Item item;
    item.title = "embedded example";
    wenyuan::AssetDraft original{"original", stored->sha256, stored->size, "application/octet-stream", "file", "", "{}", {}, {}};
    auto id = archive->add_item(item, {original}, {}, "embed-sample");
    if (!id) {
        std::fprintf(stderr, "embed: %s\n", id.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", stored->sha256.c_str());
    return 0;
}
