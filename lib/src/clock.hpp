// Wall-clock time for catalog records. Private to the library.
#pragma once

#include <string>

namespace wenyuan {

/// Now in UTC as ISO 8601 with milliseconds: "2026-11-23T02:40:00.123Z". The environment
/// variable WENYUAN_FIXED_TIME, if set, is returned instead (for golden tests).
std::string now_utc_iso();

/// 32 random hex digits for item uids.
std::string random_uid();

}  // namespace wenyuan
