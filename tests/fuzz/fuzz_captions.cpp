// libFuzzer harness for the WebVTT/SRT parser: any bytes must give cues or a one-line error naming
// the file, never a crash; cues have sane times and valid UTF-8 text; warnings name the file and
// a line. See README.md.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "wenyuan/media_sidecars.hpp"

#define FUZZ_CHECK(condition)                                                      \
    do {                                                                           \
        if (!(condition)) {                                                        \
            std::fprintf(stderr, "fuzz_captions: check failed: %s\n", #condition); \
            std::abort();                                                          \
        }                                                                          \
    } while (0)

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto captions = wenyuan::parse_captions(text, "fuzz.srt");
    if (!captions) {
        const std::string& message = captions.error().message;
        FUZZ_CHECK(message.starts_with("fuzz.srt"));
        FUZZ_CHECK(message.find('\n') == std::string::npos);
        return 0;
    }
    FUZZ_CHECK(!captions->cues.empty());
    FUZZ_CHECK(captions->format == "vtt" || captions->format == "srt");
    for (const wenyuan::CaptionCue& cue : captions->cues) {
        FUZZ_CHECK(std::isfinite(cue.start) && cue.start >= 0 && cue.end >= cue.start);
        FUZZ_CHECK(!cue.text.empty() && cue.line >= 1);
    }
    for (const std::string& warning : captions->warnings) {
        FUZZ_CHECK(warning.starts_with("fuzz.srt:"));
        FUZZ_CHECK(warning.find('\n') == std::string::npos);
    }
    // The inline segment reader sees the same bytes.
    if (auto segment = wenyuan::parse_inline_segment(text)) {
        FUZZ_CHECK(segment->end >= segment->start && !segment->title.empty());
    }
    return 0;
}
