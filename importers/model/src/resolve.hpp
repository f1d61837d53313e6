// Finding the files a model refers to: "tex\青铜.JPG", "./duckCM.tga", "C:\scans\vase.jpg",
// "my%20texture.png". Pure functions over the file system; thread-safe.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace wenyuan::model {

/// The existing regular file that `reference`, as written in a model in `folder`, names; nullopt
/// when there is none. Tries, in order: the reference as written (backslashes as separators,
/// relative to `folder`, or absolute), its URI-decoded form (%20 …), the same with the letter
/// case that exists on disk, and finally the bare file name in `folder`. A name that is not UTF-8
/// is read as GB18030 (GBK), as Chinese Windows tools write it. The result must lie inside
/// `folder`'s parent (models often share a textures/ folder one level up); anything further away,
/// such as "/etc/passwd" or "../../x.jpg", is treated as missing.
std::optional<std::filesystem::path> resolve_reference(const std::filesystem::path& folder,
                                                       std::string_view reference);

/// "%E9%9D%92.jpg" → "青.jpg"; invalid escapes are kept as written.
std::string uri_decode(std::string_view text);

}  // namespace wenyuan::model
