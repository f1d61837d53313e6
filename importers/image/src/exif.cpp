#include "exif.hpp"

#include <libexif/exif-data.h>
#include <libexif/exif-tag.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

namespace wenyuan::image {
namespace {

struct ExifDataDeleter {
    void operator()(ExifData* data) const { exif_data_unref(data); }
};
using ExifDataPtr = std::unique_ptr<ExifData, ExifDataDeleter>;

// GPS tags share numbers with others (GPSLatitude is 2, as InteroperabilityVersion), so these
// are looked up in the GPS directory only.
constexpr auto kGpsLatitudeRef = static_cast<ExifTag>(1);
constexpr auto kGpsLatitude = static_cast<ExifTag>(2);
constexpr auto kGpsLongitudeRef = static_cast<ExifTag>(3);
constexpr auto kGpsLongitude = static_cast<ExifTag>(4);
constexpr auto kGpsAltitudeRef = static_cast<ExifTag>(5);
constexpr auto kGpsAltitude = static_cast<ExifTag>(6);

ExifEntry* entry(ExifData* data, ExifIfd ifd, ExifTag tag) { return exif_content_get_entry(data->ifd[ifd], tag); }

std::string ascii(ExifEntry* e) {
    if (!e || e->format != EXIF_FORMAT_ASCII || !e->data) return {};
    std::string text(reinterpret_cast<const char*>(e->data), strnlen(reinterpret_cast<const char*>(e->data), e->size));
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.pop_back();
    for (char& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) c = '?';
    }
    return text;
}

std::optional<double> rational(ExifEntry* e, ExifByteOrder order, unsigned index = 0) {
    if (!e || e->format != EXIF_FORMAT_RATIONAL || e->components <= index || !e->data ||
        e->size < (index + 1) * 8) {
        return std::nullopt;
    }
    const ExifRational value = exif_get_rational(e->data + index * 8, order);
    if (value.denominator == 0) return std::nullopt;
    return double(value.numerator) / value.denominator;
}

std::optional<double> degrees(ExifEntry* e, ExifEntry* ref, ExifByteOrder order) {
    auto d = rational(e, order, 0), m = rational(e, order, 1), s = rational(e, order, 2);
    if (!d || !m || !s) return std::nullopt;
    double value = *d + *m / 60 + *s / 3600;
    const std::string hemisphere = ascii(ref);
    if (hemisphere == "S" || hemisphere == "W") value = -value;
    return value;
}

// "2019:05:04 10:31:02" → "2019-05-04T10:31:02"; anything else is dropped.
std::string iso_time(const std::string& exif_time) {
    if (exif_time.size() < 19 || exif_time[4] != ':' || exif_time[7] != ':' || exif_time[10] != ' ') return {};
    if (exif_time.compare(0, 4, "0000") == 0) return {};
    std::string iso = exif_time.substr(0, 19);
    iso[4] = '-';
    iso[7] = '-';
    iso[10] = 'T';
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u}) {
        if (iso[i] < '0' || iso[i] > '9') return {};
    }
    return iso;
}

}  // namespace

ExifInfo read_exif(std::span<const std::byte> tiff_block) {
    ExifInfo info;
    if (tiff_block.size() < 8) return info;
    std::vector<unsigned char> buffer(6 + tiff_block.size());
    std::memcpy(buffer.data(), "Exif\0\0", 6);
    std::memcpy(buffer.data() + 6, tiff_block.data(), tiff_block.size());

    ExifDataPtr data(exif_data_new());
    if (!data) return info;
    exif_data_unset_option(data.get(), EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);  // read, do not "fix"
    exif_data_load_data(data.get(), buffer.data(), static_cast<unsigned>(buffer.size()));
    const ExifByteOrder order = exif_data_get_byte_order(data.get());

    if (ExifEntry* e = entry(data.get(), EXIF_IFD_0, EXIF_TAG_ORIENTATION);
        e && e->format == EXIF_FORMAT_SHORT && e->size >= 2) {
        const int orientation = exif_get_short(e->data, order);
        if (orientation >= 1 && orientation <= 8) info.orientation = orientation;
    }
    info.capture_time = iso_time(ascii(entry(data.get(), EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL)));
    if (info.capture_time.empty()) info.capture_time = iso_time(ascii(entry(data.get(), EXIF_IFD_0, EXIF_TAG_DATE_TIME)));
    info.camera_make = ascii(entry(data.get(), EXIF_IFD_0, EXIF_TAG_MAKE));
    info.camera_model = ascii(entry(data.get(), EXIF_IFD_0, EXIF_TAG_MODEL));

    info.latitude = degrees(entry(data.get(), EXIF_IFD_GPS, kGpsLatitude),
                            entry(data.get(), EXIF_IFD_GPS, kGpsLatitudeRef), order);
    info.longitude = degrees(entry(data.get(), EXIF_IFD_GPS, kGpsLongitude),
                             entry(data.get(), EXIF_IFD_GPS, kGpsLongitudeRef), order);
    if (!info.latitude || !info.longitude || std::abs(*info.latitude) > 90 || std::abs(*info.longitude) > 180) {
        info.latitude.reset();
        info.longitude.reset();
    } else if (auto altitude = rational(entry(data.get(), EXIF_IFD_GPS, kGpsAltitude), order)) {
        ExifEntry* ref = entry(data.get(), EXIF_IFD_GPS, kGpsAltitudeRef);
        const bool below_sea = ref && ref->size >= 1 && ref->data && ref->data[0] == 1;
        info.altitude = below_sea ? -*altitude : *altitude;
    }

    const auto x = rational(entry(data.get(), EXIF_IFD_0, EXIF_TAG_X_RESOLUTION), order);
    const auto y = rational(entry(data.get(), EXIF_IFD_0, EXIF_TAG_Y_RESOLUTION), order);
    int unit = 2;
    if (ExifEntry* e = entry(data.get(), EXIF_IFD_0, EXIF_TAG_RESOLUTION_UNIT);
        e && e->format == EXIF_FORMAT_SHORT && e->size >= 2) {
        unit = exif_get_short(e->data, order);
    }
    const double scale = unit == 2 ? 1.0 : unit == 3 ? 2.54 : 0.0;
    if (x && y) {
        info.dpi_x = *x * scale;
        info.dpi_y = *y * scale;
    }
    return info;
}

}  // namespace wenyuan::image
