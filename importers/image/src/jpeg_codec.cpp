#include "jpeg_codec.hpp"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include <jpeglib.h>
#include <jerror.h>
#include <turbojpeg.h>

namespace wenyuan::image {
namespace {

struct TjDeleter {
    void operator()(void* handle) const { tjDestroy(handle); }
};
using TjHandle = std::unique_ptr<void, TjDeleter>;

tjhandle decompressor() {
    thread_local TjHandle handle(tjInitDecompress());
    return handle.get();
}

tjhandle compressor() {
    thread_local TjHandle handle(tjInitCompress());
    return handle.get();
}

// Adobe writes CMYK JPEGs inverted, so ink is 0 and paper 255: R = C·K/255.
cv::Mat bgr_from_inverted_cmyk(const cv::Mat& cmyk) {
    cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
    for (int y = 0; y < cmyk.rows; ++y) {
        const auto* in = cmyk.ptr<unsigned char>(y);
        auto* out = bgr.ptr<unsigned char>(y);
        for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
            out[0] = static_cast<unsigned char>(in[2] * in[3] / 255);
            out[1] = static_cast<unsigned char>(in[1] * in[3] / 255);
            out[2] = static_cast<unsigned char>(in[0] * in[3] / 255);
        }
    }
    return bgr;
}

tjscalingfactor choose_scale(int width, int height, int min_long_edge) {
    int count = 0;
    const tjscalingfactor* factors = tjGetScalingFactors(&count);
    tjscalingfactor best{1, 1};
    int best_edge = std::max(width, height);
    for (int i = 0; i < count; ++i) {
        const tjscalingfactor f = factors[i];
        if (f.num > f.denom) continue;
        const int edge = std::max(TJSCALED(width, f), TJSCALED(height, f));
        if (edge >= min_long_edge && edge < best_edge) {
            best = f;
            best_edge = edge;
        }
    }
    return best;
}

// libjpeg reports damaged data as warnings and goes on with grey or garbled blocks. Those are
// errors here; extraneous bytes between markers, which many old cameras write, are not.
bool is_damage(const char* message) {
    for (const char* damage : {"Premature end", "premature end", "bad Huffman", "instead of RST"}) {
        if (std::strstr(message, damage)) return true;
    }
    return false;
}
bool is_damage(int message_code) {
    return message_code == JWRN_JPEG_EOF || message_code == JWRN_HIT_MARKER || message_code == JWRN_HUFF_BAD_CODE ||
           message_code == JWRN_MUST_RESYNC;
}

}  // namespace

Result<cv::Mat> decode_jpeg(std::span<const std::byte> bytes, const ImageHeader& header, int min_long_edge) {
    tjhandle tj = decompressor();
    if (!tj) return fail(Errc::internal, "TurboJPEG could not start: " + std::string(tjGetErrorStr2(nullptr)));
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    int width = 0, height = 0, subsampling = 0, colourspace = 0;
    if (tjDecompressHeader3(tj, data, bytes.size(), &width, &height, &subsampling, &colourspace) != 0) {
        return fail(Errc::corrupt, std::string("JPEG header: ") + tjGetErrorStr2(tj));
    }
    const tjscalingfactor scale = choose_scale(width, height, min_long_edge);
    const bool cmyk = header.colour_space == "cmyk" || header.colour_space == "ycck";
    const bool gray = colourspace == TJCS_GRAY;
    const int pixel_format = cmyk ? TJPF_CMYK : gray ? TJPF_GRAY : TJPF_BGR;
    cv::Mat pixels(TJSCALED(height, scale), TJSCALED(width, scale), cmyk ? CV_8UC4 : gray ? CV_8UC1 : CV_8UC3);
    // Stop at the first warning to judge it: libjpeg reports later ones over earlier ones.
    auto decode = [&](int flags) {
        return tjDecompress2(tj, data, bytes.size(), pixels.data, pixels.cols, static_cast<int>(pixels.step),
                             pixels.rows, pixel_format, flags | TJFLAG_FASTUPSAMPLE | TJFLAG_FASTDCT | TJFLAG_LIMITSCANS);
    };
    if (decode(TJFLAG_STOPONWARNING) != 0) {
        const std::string reason = tjGetErrorStr2(tj);
        if (tjGetErrorCode(tj) != TJERR_WARNING || is_damage(reason.c_str())) {
            return fail(Errc::corrupt, "JPEG data: " + reason);
        }
        if (decode(0) != 0 && tjGetErrorCode(tj) != TJERR_WARNING) {
            return fail(Errc::corrupt, std::string("JPEG data: ") + tjGetErrorStr2(tj));
        }
    }
    return cmyk ? bgr_from_inverted_cmyk(pixels) : pixels;
}

Result<std::string> encode_jpeg(const cv::Mat& pixels, int quality) {
    assert(pixels.type() == CV_8UC3 || pixels.type() == CV_8UC1);
    tjhandle tj = compressor();
    if (!tj) return fail(Errc::internal, "TurboJPEG could not start: " + std::string(tjGetErrorStr2(nullptr)));
    const bool gray = pixels.type() == CV_8UC1;
    unsigned char* out = nullptr;
    unsigned long size = 0;
    const int status = tjCompress2(tj, pixels.data, pixels.cols, static_cast<int>(pixels.step), pixels.rows,
                                   gray ? TJPF_GRAY : TJPF_BGR, &out, &size, gray ? TJSAMP_GRAY : TJSAMP_420, quality,
                                   TJFLAG_FASTDCT);
    std::unique_ptr<unsigned char, decltype(&tjFree)> owned(out, &tjFree);
    if (status != 0) return fail(Errc::internal, std::string("JPEG encoding: ") + tjGetErrorStr2(tj));
    return std::string(reinterpret_cast<const char*>(out), size);
}

// ---- the scanline reader -------------------------------------------------------------------

struct JpegRowReader::State {
    struct ErrorManager {
        jpeg_error_mgr base;
        std::jmp_buf jump;
        char message[JMSG_LENGTH_MAX] = {};
    };
    jpeg_decompress_struct info{};
    ErrorManager error{};
    std::FILE* file = nullptr;
    bool created = false;
    bool cmyk = false;
    cv::Mat band;

    ~State() {
        if (created) jpeg_destroy_decompress(&info);
        if (file) std::fclose(file);
    }

    static void on_error(j_common_ptr common) {
        auto* manager = reinterpret_cast<ErrorManager*>(common->err);
        common->err->format_message(common, manager->message);
        std::longjmp(manager->jump, 1);
    }
    static void on_message(j_common_ptr common, int level) {
        if (level < 0 && is_damage(common->err->msg_code)) on_error(common);
    }
    static bool start_decompress(State* s);
    static bool read_scanlines(State* s, unsigned char** rows, int count, int* got);
};

// No C++ object with a destructor lives in these frames, so longjmp out of libjpeg is safe.
bool JpegRowReader::State::start_decompress(State* s) {
    if (setjmp(s->error.jump)) return false;
    jpeg_create_decompress(&s->info);
    s->created = true;
    jpeg_stdio_src(&s->info, s->file);
    jpeg_read_header(&s->info, TRUE);
    s->cmyk = s->info.jpeg_color_space == JCS_CMYK || s->info.jpeg_color_space == JCS_YCCK;
    s->info.out_color_space = s->cmyk ? JCS_CMYK : s->info.jpeg_color_space == JCS_GRAYSCALE ? JCS_GRAYSCALE : JCS_EXT_BGR;
    s->info.do_fancy_upsampling = FALSE;
    s->info.dct_method = JDCT_IFAST;
    jpeg_start_decompress(&s->info);
    return true;
}

bool JpegRowReader::State::read_scanlines(State* s, unsigned char** rows, int count, int* got) {
    if (setjmp(s->error.jump)) return false;
    *got = 0;
    while (*got < count && s->info.output_scanline < s->info.output_height) {
        *got += static_cast<int>(jpeg_read_scanlines(&s->info, rows + *got, static_cast<JDIMENSION>(count - *got)));
    }
    return true;
}

JpegRowReader::JpegRowReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
JpegRowReader::~JpegRowReader() = default;

Result<std::unique_ptr<JpegRowReader>> JpegRowReader::open(const std::filesystem::path& file) {
    auto state = std::make_unique<State>();
    state->file = std::fopen(file.c_str(), "rb");
    if (!state->file) return fail(Errc::io, "cannot open: " + std::string(std::strerror(errno)));
    state->info.err = jpeg_std_error(&state->error.base);
    state->error.base.error_exit = &State::on_error;
    state->error.base.emit_message = &State::on_message;
    if (!State::start_decompress(state.get())) return fail(Errc::corrupt, std::string("JPEG: ") + state->error.message);
    return std::unique_ptr<JpegRowReader>(new JpegRowReader(std::move(state)));
}

int JpegRowReader::width() const noexcept { return static_cast<int>(state_->info.output_width); }
int JpegRowReader::height() const noexcept { return static_cast<int>(state_->info.output_height); }
int JpegRowReader::channels() const noexcept { return state_->info.out_color_space == JCS_GRAYSCALE ? 1 : 3; }

Result<cv::Mat> JpegRowReader::read(int rows) {
    const int left = height() - static_cast<int>(state_->info.output_scanline);
    const int count = std::min(rows, left);
    if (count <= 0) return cv::Mat();
    const int components = state_->cmyk ? 4 : channels();
    // Reuse the last band's memory when its caller has let it go: no page faults per band.
    if (state_->band.rows != count || state_->band.u == nullptr || state_->band.u->refcount > 1) {
        state_->band = cv::Mat(count, width(), CV_8UC(components));
    }
    cv::Mat band = state_->band;
    std::vector<unsigned char*> pointers(static_cast<std::size_t>(count));
    for (int y = 0; y < count; ++y) pointers[static_cast<std::size_t>(y)] = band.ptr<unsigned char>(y);
    int got = 0;
    if (!State::read_scanlines(state_.get(), pointers.data(), count, &got)) {
        return fail(Errc::corrupt, std::string("JPEG data: ") + state_->error.message);
    }
    return state_->cmyk ? bgr_from_inverted_cmyk(band) : band;
}

}  // namespace wenyuan::image
