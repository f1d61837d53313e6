#include "wenyuan/duplicates.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <numeric>
#include <unordered_map>

#include "archive_impl.hpp"

namespace wenyuan {
namespace {

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), std::size_t{0}); }
    std::size_t find(std::size_t i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

std::optional<std::uint64_t> parse_hex(const std::string& text) {
    if (text.size() != 16) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        value <<= 4;
        if (c >= '0' && c <= '9') value |= std::uint64_t(c - '0');
        else if (c >= 'a' && c <= 'f') value |= std::uint64_t(c - 'a' + 10);
        else return std::nullopt;
    }
    return value;
}

}  // namespace

Result<std::vector<DuplicateGroup>> find_near_duplicates(const Archive& archive, int max_distance) {
    assert(max_distance >= 0 && max_distance <= 16);
    const sql::Db& db = archive.impl().db;
    auto read = sql::ReadTransaction::begin(db);
    if (!read) return fail(std::move(read).error());
    auto stmt = db.prepare(
        "SELECT a.item_id, a.id, i.title, a.name, json_extract(a.tech, '$.phash') FROM assets a "
        "JOIN items i ON i.id = a.item_id WHERE a.role = 'original' AND i.deleted_at IS NULL "
        "AND json_valid(a.tech) AND json_extract(a.tech, '$.phash') IS NOT NULL ORDER BY a.item_id, a.id");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<DuplicateMember> members;
    std::vector<std::uint64_t> hashes;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        auto hash = parse_hex(row.text(4));
        if (!hash) return;
        members.push_back({row.int64(0), row.int64(1), row.text(2), row.text(3), row.text(4), 0});
        hashes.push_back(*hash);
    }));

    UnionFind groups(hashes.size());
    const int chunks = max_distance + 1;
    for (int chunk = 0; chunk < chunks; ++chunk) {
        const int low = chunk * 64 / chunks, high = (chunk + 1) * 64 / chunks;
        const std::uint64_t mask = (high - low == 64 ? ~std::uint64_t{0} : ((std::uint64_t{1} << (high - low)) - 1)) << low;
        std::unordered_map<std::uint64_t, std::vector<std::size_t>> buckets;
        for (std::size_t i = 0; i < hashes.size(); ++i) buckets[hashes[i] & mask].push_back(i);
        for (const auto& [key, bucket] : buckets) {
            for (std::size_t a = 0; a < bucket.size(); ++a) {
                for (std::size_t b = a + 1; b < bucket.size(); ++b) {
                    if (std::popcount(hashes[bucket[a]] ^ hashes[bucket[b]]) <= max_distance) {
                        groups.join(bucket[a], bucket[b]);
                    }
                }
            }
        }
    }

    std::unordered_map<std::size_t, std::size_t> group_of_root;
    std::vector<DuplicateGroup> out;
    std::vector<std::uint64_t> first_hash;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        const std::size_t root = groups.find(i);
        if (root == i) continue;  // a root is the group's first member; it is added with its first peer
        auto [it, inserted] = group_of_root.try_emplace(root, out.size());
        if (inserted) {
            out.emplace_back();
            out.back().members.push_back(members[root]);
            first_hash.push_back(hashes[root]);
        }
        DuplicateMember member = members[i];
        member.distance = std::popcount(hashes[i] ^ first_hash[it->second]);
        out[it->second].members.push_back(std::move(member));
    }
    std::stable_sort(out.begin(), out.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        return a.members.size() > b.members.size();
    });
    return out;
}

}  // namespace wenyuan
