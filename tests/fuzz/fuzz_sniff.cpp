// libFuzzer harness for file-type sniffing. The first byte picks the file name and whether the
// size is known; the rest is the head of the file. See README.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "wenyuan/sniff.hpp"

#define FUZZ_CHECK(condition)                                                   \
    do {                                                                        \
        if (!(condition)) {                                                     \
            std::fprintf(stderr, "fuzz_sniff: check failed: %s\n", #condition); \
            std::abort();                                                       \
        }                                                                       \
    } while (0)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static constexpr std::string_view kNames[] = {
        "",       "a.jpg",  "b.STL", "c.tga",  "d.mp3",          "e.aac", "f.zae",
        "g.m4a",  "h.ogg",  "i.txt", "j.csv",  "k.srt",          "l.obj", "m.bin",
        "n.docx", "o.webm", "p.xml", "q.gltf", "青铜器．ＰＮＧ", "r.3ds",
    };
    if (size == 0) return 0;
    const std::string_view name = kNames[data[0] % std::size(kNames)];
    const bool size_known = data[0] & 0x80;
    const auto head = std::as_bytes(std::span(data + 1, size - 1));
    const wenyuan::Sniffed sniffed = wenyuan::sniff_bytes(
        head, name, size_known ? std::optional<std::uint64_t>(size - 1) : std::nullopt);
    FUZZ_CHECK(!sniffed.mime.empty());
    FUZZ_CHECK(sniffed.kind == wenyuan::kind_for_mime(sniffed.mime));
    FUZZ_CHECK(sniffed.kind != "other" || sniffed.mime == "application/octet-stream" ||
               sniffed.mime == "application/x-empty");
    FUZZ_CHECK(sniffed.extension_mime == wenyuan::mime_for_extension(name));
    FUZZ_CHECK(!sniffed.extension_mime.empty() || sniffed.extension_agrees);
    FUZZ_CHECK((sniffed.mime == "application/x-empty") == head.empty());
    return 0;
}
