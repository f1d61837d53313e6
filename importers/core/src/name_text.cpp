#include "name_text.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>

namespace wenyuan {
namespace {

// The whole of `bytes` converted from `encoding` to UTF-8; false when any byte does not decode.
bool convert(std::string_view bytes, const char* encoding, std::string& out) {
    const iconv_t cd = ::iconv_open("UTF-8", encoding);
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.assign(bytes.size() * 4 + 4, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size(), out_left = out.size();
    char* to = out.data();
    const bool whole = ::iconv(cd, &in, &in_left, &to, &out_left) != static_cast<std::size_t>(-1) && in_left == 0;
    ::iconv_close(cd);
    out.resize(out.size() - out_left);
    return whole;
}

// Each byte that does not start or continue a UTF-8 character becomes U+FFFD.
std::string replace_invalid(std::string_view bytes) {
    const iconv_t cd = ::iconv_open("UTF-8", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::string(bytes.size(), '?');
    std::string out(bytes.size() * 3 + 4, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size(), out_left = out.size();
    char* to = out.data();
    while (in_left > 0) {
        if (::iconv(cd, &in, &in_left, &to, &out_left) != static_cast<std::size_t>(-1)) break;
        if (errno != EILSEQ && errno != EINVAL) break;  // E2BIG cannot happen: 3 bytes out per byte in
        // `in` is at the byte that does not decode (or an incomplete character at the end).
        std::memcpy(to, "\xEF\xBF\xBD", 3);
        to += 3;
        out_left -= 3;
        ++in;
        --in_left;
    }
    ::iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

}  // namespace

NameText name_as_utf8(std::string_view bytes) {
    NameText name;
    if (convert(bytes, "UTF-8", name.text)) return name;
    if (convert(bytes, "GB18030", name.text)) {
        name.note = "the file name is not UTF-8; read as GB18030 (GBK): " + name.text;
        return name;
    }
    name.text = replace_invalid(bytes);
    name.note = "the file name is not UTF-8 or GB18030; undecodable bytes shown as \xEF\xBF\xBD: " + name.text;
    return name;
}

}  // namespace wenyuan
