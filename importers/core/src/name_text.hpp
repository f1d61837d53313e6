// File names as UTF-8 text for titles and asset names. Chinese Windows writes names in GBK onto
// USB sticks and into zip files, and Linux hands those bytes over as they are.
#pragma once

#include <string>
#include <string_view>

namespace wenyuan {

struct NameText {
    std::string text;  ///< always valid UTF-8
    std::string note;  ///< empty when the name was UTF-8; else how it was read, for a warning
};

/// The name's bytes as they are when they are UTF-8; otherwise read as GB18030 (a superset of GBK
/// and GB2312) when every byte decodes so; otherwise with each byte that is not UTF-8 as U+FFFD.
/// Thread-safe (each call opens its own iconv conversion).
NameText name_as_utf8(std::string_view bytes);

}  // namespace wenyuan
