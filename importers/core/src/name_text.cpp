#include "name_text.hpp"

#include <iconv.h>

#include <cerrno>
#include <cstring>

namespace wenyuan {
namespace {

// `bytes` converted from `encoding` to UTF-8 in `out`; true when every byte decoded. Otherwise,
// with `replace`, each byte that does not decode becomes U+FFFD and the rest goes on.
bool convert(std::string_view bytes, const char* encoding, std::string& out, bool replace = false) {
    out.clear();
    const iconv_t cd = ::iconv_open("UTF-8", encoding);
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.assign(bytes.size() * 4 + 4, '\0');  // 4 bytes of UTF-8 at most for each byte in
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size(), out_left = out.size();
    char* to = out.data();
    bool whole = true;
    while (in_left > 0 && ::iconv(cd, &in, &in_left, &to, &out_left) == static_cast<std::size_t>(-1)) {
        whole = false;
        if (!replace || (errno != EILSEQ && errno != EINVAL)) break;
        // `in` is at the byte that does not decode (or an incomplete character at the end).
        std::memcpy(to, "\xEF\xBF\xBD", 3);
        to += 3;
        out_left -= 3;
        ++in;
        --in_left;
    }
    ::iconv_close(cd);
    out.resize(out.size() - out_left);
    return whole;
}

}  // namespace

NameText name_as_utf8(std::string_view bytes) {
    NameText name;
    if (convert(bytes, "UTF-8", name.text)) return name;
    if (convert(bytes, "GB18030", name.text)) {
        name.note = "the file name is not UTF-8; read as GB18030 (GBK): " + name.text;
        return name;
    }
    convert(bytes, "UTF-8", name.text, true);
    name.note = "the file name is not UTF-8 or GB18030; undecodable bytes shown as \xEF\xBF\xBD: " + name.text;
    return name;
}

}  // namespace wenyuan
