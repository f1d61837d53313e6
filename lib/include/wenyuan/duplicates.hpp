// Near-duplicate images: the same relic photographed twice, a page scanned again.
//
// Exact copies never get this far (the store keeps one object per content hash). Importers
// record a 64-bit perceptual hash as the hex string `phash` in an original asset's technical
// metadata; two originals whose hashes differ in at most `max_distance` bits look alike.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

struct DuplicateMember {
    std::int64_t item_id = 0;
    std::int64_t asset_id = 0;
    std::string title;
    std::string name;     ///< the original's file name
    std::string phash;    ///< 16 hex digits
    int distance = 0;     ///< differing bits from the group's first member
};

struct DuplicateGroup {
    std::vector<DuplicateMember> members;  ///< two or more, by item id
};

/// Groups the originals of items that are not deleted whose perceptual hashes are within
/// `max_distance` bits of another member (single linkage), largest groups first.
/// `max_distance` must be 0–16 (asserted). Hashes are bucketed by pigeonhole, so the cost is
/// far below all pairs: split into max_distance + 1 chunks, two hashes that close agree on one.
/// Errors: Errc::io from the catalog.
/// Thread safety: as any read of the archive.
Result<std::vector<DuplicateGroup>> find_near_duplicates(const Archive& archive, int max_distance = 6);

}  // namespace wenyuan
