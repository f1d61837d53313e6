// libFuzzer harness for the image importer's header and EXIF parsers: the bytes are the head of
// an image file. See README.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "exif.hpp"
#include "image_header.hpp"

#define FUZZ_CHECK(condition)                                                          \
    do {                                                                               \
        if (!(condition)) {                                                            \
            std::fprintf(stderr, "fuzz_image_header: check failed: %s\n", #condition); \
            std::abort();                                                              \
        }                                                                              \
    } while (0)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = std::as_bytes(std::span(data, size));
    const auto header = wenyuan::image::read_image_header(bytes);
    if (!header) {
        const std::string& message = header.error().message;
        FUZZ_CHECK(!message.empty() && message.find('\n') == std::string::npos);
        return 0;
    }
    FUZZ_CHECK(header->format != wenyuan::image::Format::unknown);
    FUZZ_CHECK(header->orientation >= 1 && header->orientation <= 8);
    if (!header->exif.empty()) {
        FUZZ_CHECK(header->exif.data() >= bytes.data() &&
                   header->exif.data() + header->exif.size() <= bytes.data() + bytes.size());
        const wenyuan::image::ExifInfo exif = wenyuan::image::read_exif(header->exif);
        FUZZ_CHECK(exif.orientation >= 1 && exif.orientation <= 8);
        FUZZ_CHECK(!exif.latitude || (*exif.latitude >= -90 && *exif.latitude <= 90));
        FUZZ_CHECK(exif.capture_time.empty() || exif.capture_time.size() == 19);
    }
    return 0;
}
