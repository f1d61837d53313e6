// Streaming readers for TIFF (libtiff) and PNG (libpng); JPEG's is in jpeg_codec.cpp.
#include <png.h>
#include <tiffio.h>

#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <vector>

#include "jpeg_codec.hpp"
#include "row_reader.hpp"

namespace wenyuan::image {
namespace {

// ---- TIFF ----------------------------------------------------------------------------------

int remember_tiff_error(TIFF*, void* user_data, const char* module, const char* format, va_list args) {
    auto* message = static_cast<std::string*>(user_data);
    if (!message->empty()) return 1;  // the first error is the cause
    char text[512];
    std::vsnprintf(text, sizeof text, format, args);
    *message = std::string(module ? module : "libtiff") + ": " + text;
    return 1;
}
int ignore_tiff_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

class TiffRowReader final : public RowReader {
public:
    static Result<std::unique_ptr<RowReader>> open(const std::filesystem::path& file) {
        std::unique_ptr<TiffRowReader> reader(new TiffRowReader());
        TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
        TIFFOpenOptionsSetErrorHandlerExtR(options, &remember_tiff_error, &reader->error_);
        TIFFOpenOptionsSetWarningHandlerExtR(options, &ignore_tiff_warning, nullptr);
        TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t{1} << 30);
        reader->tiff_ = TIFFOpenExt(file.c_str(), "r", options);
        TIFFOpenOptionsFree(options);
        if (!reader->tiff_) return fail(Errc::corrupt, "TIFF: " + reader->reason("cannot be opened"));
        char message[1024] = {};
        if (!TIFFRGBAImageOK(reader->tiff_, message) || !TIFFRGBAImageBegin(&reader->image_, reader->tiff_, 0, message)) {
            return fail(Errc::unsupported, std::string("TIFF layout libtiff cannot read as colour: ") + message);
        }
        reader->begun_ = true;
        reader->image_.req_orientation = ORIENTATION_TOPLEFT;
        return std::unique_ptr<RowReader>(std::move(reader));
    }
    ~TiffRowReader() override {
        if (begun_) TIFFRGBAImageEnd(&image_);
        if (tiff_) TIFFClose(tiff_);
    }
    int width() const noexcept override { return static_cast<int>(image_.width); }
    int height() const noexcept override { return static_cast<int>(image_.height); }

    Result<cv::Mat> read(int rows) override {
        const int count = std::min(rows, height() - next_row_);
        if (count <= 0) return cv::Mat();
        raster_.resize(std::size_t(width()) * std::size_t(count));
        image_.row_offset = next_row_;
        image_.col_offset = 0;
        if (!TIFFRGBAImageGet(&image_, raster_.data(), image_.width, std::uint32_t(count))) {
            return fail(Errc::corrupt, "TIFF data: " + reason("could not be decoded"));
        }
        next_row_ += count;
        cv::Mat band(count, width(), CV_8UC3);
        for (int y = 0; y < count; ++y) {
            const std::uint32_t* in = &raster_[std::size_t(y) * std::size_t(width())];
            auto* out = band.ptr<unsigned char>(y);
            for (int x = 0; x < width(); ++x, out += 3) {
                const std::uint32_t p = in[x], alpha = TIFFGetA(p);
                out[0] = static_cast<unsigned char>((TIFFGetB(p) * alpha + 255 * (255 - alpha)) / 255);
                out[1] = static_cast<unsigned char>((TIFFGetG(p) * alpha + 255 * (255 - alpha)) / 255);
                out[2] = static_cast<unsigned char>((TIFFGetR(p) * alpha + 255 * (255 - alpha)) / 255);
            }
        }
        return band;
    }

private:
    TiffRowReader() = default;
    std::string reason(const char* fallback) const { return error_.empty() ? fallback : error_; }
    TIFF* tiff_ = nullptr;
    TIFFRGBAImage image_{};
    bool begun_ = false;
    int next_row_ = 0;
    std::vector<std::uint32_t> raster_;
    std::string error_;
};

// ---- PNG -----------------------------------------------------------------------------------

class PngRowReader final : public RowReader {
public:
    static Result<std::unique_ptr<RowReader>> open(const std::filesystem::path& file) {
        std::unique_ptr<PngRowReader> reader(new PngRowReader());
        reader->file_ = std::fopen(file.c_str(), "rb");
        if (!reader->file_) return fail(Errc::io, "cannot open: " + std::string(std::strerror(errno)));
        reader->png_ = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader.get(), &on_error, &on_warning);
        if (reader->png_) reader->info_ = png_create_info_struct(reader->png_);
        if (!reader->png_ || !reader->info_) return fail(Errc::internal, "libpng could not start");
        if (!start(reader.get())) return fail(Errc::corrupt, "PNG: " + reader->error_);
        return std::unique_ptr<RowReader>(std::move(reader));
    }
    ~PngRowReader() override {
        if (png_) png_destroy_read_struct(&png_, info_ ? &info_ : nullptr, nullptr);
        if (file_) std::fclose(file_);
    }
    int width() const noexcept override { return width_; }
    int height() const noexcept override { return height_; }

    Result<cv::Mat> read(int rows) override {
        const int count = std::min(rows, height_ - next_row_);
        if (count <= 0) return cv::Mat();
        cv::Mat decoded(count, width_, CV_8UC(channels_));
        if (!read_rows(this, decoded)) return fail(Errc::corrupt, "PNG data: " + error_);
        next_row_ += count;
        if (channels_ == 3) return decoded;
        cv::Mat band(count, width_, CV_8UC3);
        for (int y = 0; y < count; ++y) {
            const auto* in = decoded.ptr<unsigned char>(y);
            auto* out = band.ptr<unsigned char>(y);
            for (int x = 0; x < width_; ++x, in += 4, out += 3) {
                for (int c = 0; c < 3; ++c) out[c] = static_cast<unsigned char>((in[c] * in[3] + 255 * (255 - in[3])) / 255);
            }
        }
        return band;
    }

private:
    PngRowReader() = default;

    static void on_error(png_structp png, png_const_charp message) {
        auto* self = static_cast<PngRowReader*>(png_get_error_ptr(png));
        // libpng's own reader says only "Read Error" when the file ends early.
        self->error_ = std::strcmp(message, "Read Error") == 0 ? "truncated: the file ends before its last row" : message;
        png_longjmp(png, 1);
    }
    static void on_warning(png_structp, png_const_charp) {}

    // No C++ object with a destructor lives in these frames, so longjmp out of libpng is safe.
    static bool start(PngRowReader* self) {
        if (setjmp(png_jmpbuf(self->png_))) return false;
        png_init_io(self->png_, self->file_);
        png_read_info(self->png_, self->info_);
        png_set_expand(self->png_);       // palette and low-bit gray to 8-bit, tRNS to alpha
        png_set_strip_16(self->png_);
        png_set_gray_to_rgb(self->png_);
        png_set_bgr(self->png_);
        png_read_update_info(self->png_, self->info_);
        self->width_ = static_cast<int>(png_get_image_width(self->png_, self->info_));
        self->height_ = static_cast<int>(png_get_image_height(self->png_, self->info_));
        self->channels_ = png_get_channels(self->png_, self->info_);
        return self->channels_ == 3 || self->channels_ == 4;
    }
    static bool read_rows(PngRowReader* self, cv::Mat& rows) {
        if (setjmp(png_jmpbuf(self->png_))) return false;
        for (int y = 0; y < rows.rows; ++y) png_read_row(self->png_, rows.ptr<png_byte>(y), nullptr);
        return true;
    }

    std::FILE* file_ = nullptr;
    png_structp png_ = nullptr;
    png_infop info_ = nullptr;
    int width_ = 0, height_ = 0, channels_ = 0, next_row_ = 0;
    std::string error_ = "unexpected layout";
};

}  // namespace

bool can_stream(const ImageHeader& header) {
    return header.format == Format::jpeg || header.format == Format::tiff ||
           (header.format == Format::png && !header.interlaced);
}

Result<std::unique_ptr<RowReader>> open_row_reader(const std::filesystem::path& file, const ImageHeader& header) {
    switch (header.format) {
    case Format::jpeg: {
        auto reader = JpegRowReader::open(file);
        if (!reader) return fail(std::move(reader).error());
        return std::unique_ptr<RowReader>(std::move(*reader));
    }
    case Format::tiff: return TiffRowReader::open(file);
    case Format::png: return PngRowReader::open(file);
    default: return fail(Errc::unsupported, std::string(format_name(header.format)) + " cannot be streamed");
    }
}

}  // namespace wenyuan::image
