// The EXIF facts the catalog records: orientation, capture time, camera and GPS.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace wenyuan::image {

struct ExifInfo {
    int orientation = 1;        ///< 1–8; 1 when absent or out of range
    std::string capture_time;   ///< ISO 8601 local time "2019-05-04T10:31:02", or empty
    std::string camera_make;
    std::string camera_model;
    std::optional<double> latitude, longitude, altitude;  ///< degrees (north, east positive), metres
    double dpi_x = 0, dpi_y = 0;
};

/// Reads an EXIF TIFF block (the bytes after "Exif\0\0" in a JPEG APP1 segment, a PNG eXIf
/// chunk, or a whole TIFF file's start). Malformed data yields what could be read, never an
/// error: EXIF is advisory. Thread-safe.
ExifInfo read_exif(std::span<const std::byte> tiff_block);

}  // namespace wenyuan::image
