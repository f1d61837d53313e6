#include "item_tags.hpp"

#include <charconv>
#include <cstdlib>

namespace wenyuan::media {
namespace {

const std::string* first_of(const std::map<std::string, std::string>& tags, std::initializer_list<const char*> keys) {
    for (const char* key : keys) {
        if (auto it = tags.find(key); it != tags.end() && !it->second.empty() && valid_utf8(it->second)) return &it->second;
    }
    return nullptr;
}

// "+31.2304+121.4737/" or "+31.2304+121.4737+012.000/".
bool parse_iso6709(const std::string& text, double& latitude, double& longitude) {
    const char* p = text.c_str();
    char* end = nullptr;
    latitude = std::strtod(p, &end);
    if (end == p || (*end != '+' && *end != '-')) return false;
    p = end;
    longitude = std::strtod(p, &end);
    if (end == p) return false;
    return latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180;
}

}  // namespace

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t width = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (width == 0 || i + width > text.size()) return false;
        if (width == 2 && c < 0xC2) return false;
        for (std::size_t k = 1; k < width; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
        }
        if (width == 3) {
            const auto d = static_cast<unsigned char>(text[i + 1]);
            if ((c == 0xE0 && d < 0xA0) || (c == 0xED && d >= 0xA0)) return false;
        }
        if (width == 4) {
            const auto d = static_cast<unsigned char>(text[i + 1]);
            if ((c == 0xF0 && d < 0x90) || (c == 0xF4 && d >= 0x90) || c > 0xF4) return false;
        }
        i += width;
    }
    return true;
}

void apply_tags(const std::map<std::string, std::string>& tags, Item& item) {
    if (const auto* title = first_of(tags, {"title"})) item.title = *title;
    if (const auto* artist = first_of(tags, {"artist", "performer", "album_artist", "composer"})) item.creator = *artist;
    if (const auto* comment = first_of(tags, {"description", "comment", "synopsis"})) item.description = *comment;
    if (const auto* date = first_of(tags, {"date", "year"})) {
        item.date = *date;
        int year = 0;
        const auto [end, error] = std::from_chars(date->data(), date->data() + std::min<std::size_t>(4, date->size()), year);
        if (error == std::errc() && end == date->data() + 4 && year > 0) item.year_start = item.year_end = year;
    }
    if (const auto* location = first_of(tags, {"location", "location-eng", "com.apple.quicktime.location.iso6709"})) {
        double latitude = 0, longitude = 0;
        if (parse_iso6709(*location, latitude, longitude)) {
            item.latitude = latitude;
            item.longitude = longitude;
        } else {
            item.place = *location;
        }
    }
}

}  // namespace wenyuan::media
