#include "fins.hpp"

#include <meshoptimizer.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace wenyuan::model {
namespace {

constexpr std::size_t kMaxFin = 64;  // the simplifier pinches off a few triangles; leave room for larger folds
constexpr double kFlat = 0.01;       // a fin's volume, as a fraction of its bounding-box diagonal cubed
constexpr int kMaxPasses = 8;        // removing one fin rarely frees another; never loop for long

using Corners = std::array<std::uint32_t, 3>;

std::uint64_t edge(std::uint32_t from, std::uint32_t to) { return std::uint64_t(from) << 32 | to; }
std::uint64_t reversed(std::uint64_t e) { return e << 32 | e >> 32; }

bool degenerate(const Corners& c) { return c[0] == c[1] || c[1] == c[2] || c[2] == c[0]; }

// Which triangles use each directed edge.
class EdgeTable {
public:
    /// Forgets the edges of the triangles marked in `removed` (the order stays sorted).
    void erase(const std::vector<bool>& removed) {
        std::erase_if(entries_, [&](const auto& entry) { return removed[entry.second]; });
    }
    void build(const std::vector<Corners>& triangles) {
        entries_.clear();
        for (std::size_t t = 0; t < triangles.size(); ++t) {
            const Corners& c = triangles[t];
            if (degenerate(c)) continue;
            for (std::size_t k = 0; k < 3; ++k) entries_.push_back({edge(c[k], c[(k + 1) % 3]), std::uint32_t(t)});
        }
        std::sort(entries_.begin(), entries_.end());
    }
    std::size_t count(std::uint64_t e) const {
        const auto [first, last] = range(e);
        return std::size_t(last - first);
    }
    /// The triangles on either side of each edge that is used more than once the same way.
    std::vector<std::uint32_t> next_to_pinches() const {
        std::vector<std::uint32_t> out;
        for (auto it = entries_.begin(); it != entries_.end();) {
            auto last = it;
            while (last != entries_.end() && last->first == it->first) ++last;
            if (last - it > 1) {
                for (auto u = it; u != last; ++u) out.push_back(u->second);
                const auto [first, end] = range(reversed(it->first));
                for (auto u = first; u != end; ++u) out.push_back(u->second);
            }
            it = last;
        }
        return out;
    }
    /// The triangle on the other side of `e` when the edge is used once each way.
    std::optional<std::uint32_t> across(std::uint64_t e) const {
        if (count(e) != 1) return std::nullopt;
        const auto [first, last] = range(reversed(e));
        if (last - first != 1) return std::nullopt;
        return first->second;
    }

private:
    using Iterator = std::vector<std::pair<std::uint64_t, std::uint32_t>>::const_iterator;
    std::pair<Iterator, Iterator> range(std::uint64_t e) const {
        const auto first = std::lower_bound(entries_.begin(), entries_.end(), std::pair<std::uint64_t, std::uint32_t>{e, 0});
        auto last = first;
        while (last != entries_.end() && last->first == e) ++last;
        return {first, last};
    }
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries_;
};

/// A pocket that passed every test but the source's: its triangles and how often it uses the
/// edges it shares with the rest.
struct Candidate {
    std::vector<std::uint32_t> triangles;
    std::vector<std::pair<std::uint64_t, std::size_t>> shared;  // directed edge, uses by the pocket
};

class FinFinder {
public:
    FinFinder(const std::vector<std::uint32_t>& simplified, const std::vector<std::uint32_t>& source,
              const std::vector<float>& positions)
        : source_(source), positions_(positions), weld_(positions.size() / 3) {
        const std::size_t vertices = weld_.size();
        const std::size_t corners =
            meshopt_generateVertexRemap(weld_.data(), nullptr, vertices, positions.data(), vertices, sizeof(float) * 3);
        vertex_of_.resize(corners);
        for (std::size_t v = vertices; v-- > 0;) vertex_of_[weld_[v]] = std::uint32_t(v);
        live_ = simplified.size() / 3;
        triangles_.resize(live_);
        uses_.assign(corners, 0);
        for (std::size_t t = 0; t < live_; ++t) {
            triangles_[t] = welded(simplified, t);
            for (const std::uint32_t c : triangles_[t]) ++uses_[c];
        }
        edges_.build(triangles_);
        removed_.assign(live_, false);
        stamp_.resize(live_);
    }

    /// Finds the fins among the triangles not removed yet and marks them removed; returns how
    /// many triangles that was.
    std::size_t pass() {
        retry_ = false;
        std::fill(stamp_.begin(), stamp_.end(), 0);
        generation_ = 0;
        std::vector<Candidate> candidates;
        for (const std::uint32_t seed : edges_.next_to_pinches()) {
            if (stamp_[seed] != 0) continue;  // already in a piece looked at
            Candidate pocket{collect(seed), {}};
            // One triangle alone is never closed; a piece with half of all is no pocket.
            if (pocket.triangles.size() < 2 || 2 * pocket.triangles.size() >= live_) continue;
            if (hangs_off(pocket) && flat(pocket.triangles))
                candidates.push_back(std::move(pocket));
            else
                retry_ = true;
        }
        if (candidates.empty()) return 0;
        const auto in_source = pinched_in_source(candidates);
        std::unordered_map<std::uint64_t, std::size_t> taken;  // uses by the pockets removed so far
        std::size_t dropped = 0;
        for (const Candidate& pocket : candidates) {
            // shared holds both ways of each shared edge, so one way pinched in the source is enough
            const bool keeps_surface = std::all_of(pocket.shared.begin(), pocket.shared.end(), [&](const auto& s) {
                return !in_source.count(s.first) && edges_.count(s.first) - s.second - taken[s.first] >= 1;
            });
            if (!keeps_surface) {
                retry_ = true;
                continue;
            }
            for (const auto& [e, uses] : pocket.shared) taken[e] += uses;
            for (const std::uint32_t t : pocket.triangles) {
                removed_[t] = true;
                for (const std::uint32_t c : triangles_[t]) --uses_[c];
            }
            dropped += pocket.triangles.size();
        }
        if (dropped > 0) edges_.erase(removed_);
        live_ -= dropped;
        return dropped;
    }

    const std::vector<bool>& removed() const { return removed_; }

    /// Whether another pass may find more: the last one kept a small pocket next to a pinch.
    bool retry() const { return retry_; }

private:
    Corners welded(const std::vector<std::uint32_t>& indices, std::size_t t) const {
        return {weld_[indices[3 * t]], weld_[indices[3 * t + 1]], weld_[indices[3 * t + 2]]};
    }

    // The triangles connected to `seed` across edges used once each way, or none when there are
    // more than kMaxFin or they reach a triangle an earlier call visited (a piece that small is
    // found whole, so that one belongs to a larger piece). Each triangle is visited once a pass.
    std::vector<std::uint32_t> collect(std::uint32_t seed) {
        ++generation_;
        std::vector<std::uint32_t> out{seed};
        stamp_[seed] = generation_;
        for (std::size_t i = 0; i < out.size(); ++i) {
            const Corners& c = triangles_[out[i]];
            for (std::size_t k = 0; k < 3; ++k) {
                const auto next = edges_.across(edge(c[k], c[(k + 1) % 3]));
                if (!next || stamp_[*next] == generation_) continue;
                if (stamp_[*next] != 0 || out.size() == kMaxFin) return {};
                stamp_[*next] = generation_;
                out.push_back(*next);
            }
        }
        return out;
    }

    // Closed on its own, with a corner of its own, sharing only edges the rest still uses
    // evenly; fills pocket.shared.
    bool hangs_off(Candidate& pocket) const {
        std::unordered_map<std::uint64_t, std::size_t> own;
        std::unordered_map<std::uint32_t, std::size_t> own_uses;
        for (const std::uint32_t t : pocket.triangles) {
            const Corners& c = triangles_[t];
            for (std::size_t k = 0; k < 3; ++k) {
                ++own[edge(c[k], c[(k + 1) % 3])];
                ++own_uses[c[k]];
            }
        }
        const auto own_count = [&](std::uint64_t e) {
            const auto it = own.find(e);
            return it == own.end() ? std::size_t(0) : it->second;
        };
        for (const auto& [e, uses] : own) {
            if (own_count(reversed(e)) != uses) return false;  // open, or wound against itself
            const std::size_t rest = edges_.count(e) - uses;
            if (rest == 0) continue;
            if (rest != edges_.count(reversed(e)) - own_count(reversed(e))) return false;
            pocket.shared.push_back({e, uses});
        }
        return std::any_of(own_uses.begin(), own_uses.end(), [&](const auto& u) { return uses_[u.first] == u.second; });
    }

    bool flat(const std::vector<std::uint32_t>& pocket) const {
        const float* origin = position(triangles_[pocket.front()][0]);
        double volume = 0, lo[3] = {0, 0, 0}, hi[3] = {0, 0, 0};
        for (const std::uint32_t t : pocket) {
            double q[3][3];
            for (std::size_t k = 0; k < 3; ++k) {
                const float* p = position(triangles_[t][k]);
                for (std::size_t d = 0; d < 3; ++d) {
                    q[k][d] = double(p[d]) - origin[d];
                    lo[d] = std::min(lo[d], q[k][d]);
                    hi[d] = std::max(hi[d], q[k][d]);
                }
            }
            volume += q[0][0] * (q[1][1] * q[2][2] - q[1][2] * q[2][1]) - q[0][1] * (q[1][0] * q[2][2] - q[1][2] * q[2][0]) +
                      q[0][2] * (q[1][0] * q[2][1] - q[1][1] * q[2][0]);
        }
        const double diagonal = std::hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]);
        return std::abs(volume) / 6 <= kFlat * diagonal * diagonal * diagonal;
    }

    // The candidates' shared edges that the source already used more than once the same way.
    std::unordered_set<std::uint64_t> pinched_in_source(const std::vector<Candidate>& candidates) const {
        std::unordered_map<std::uint64_t, std::size_t> uses;
        std::vector<bool> starts(vertex_of_.size(), false);  // a quick test before the lookup
        for (const Candidate& pocket : candidates) {
            for (const auto& s : pocket.shared) {
                uses[s.first] = 0;
                starts[s.first >> 32] = true;
            }
        }
        for (std::size_t t = 0; t < source_.size() / 3; ++t) {
            const Corners c = welded(source_, t);
            for (std::size_t k = 0; k < 3; ++k) {
                if (!starts[c[k]]) continue;
                if (auto it = uses.find(edge(c[k], c[(k + 1) % 3])); it != uses.end()) ++it->second;
            }
        }
        std::unordered_set<std::uint64_t> out;
        for (const auto& [e, n] : uses)
            if (n > 1) out.insert(e);
        return out;
    }

    const float* position(std::uint32_t corner) const { return &positions_[3 * std::size_t(vertex_of_[corner])]; }

    const std::vector<std::uint32_t>& source_;
    const std::vector<float>& positions_;
    std::vector<std::uint32_t> weld_;       ///< vertex → corner (one per distinct position)
    std::vector<std::uint32_t> vertex_of_;  ///< corner → one of its vertices
    std::vector<Corners> triangles_;        ///< the simplified triangles by corners
    std::vector<bool> removed_;             ///< the triangles found to be fins so far
    std::size_t live_ = 0;                  ///< triangles not removed
    std::vector<std::size_t> uses_;         ///< triangles not removed per corner
    EdgeTable edges_;
    std::vector<std::uint32_t> stamp_;  ///< the collect() call that visited a triangle, 0 for none
    std::uint32_t generation_ = 0;
    bool retry_ = false;  ///< a small pocket stayed: removing the others may free it
};

}  // namespace

std::size_t remove_fins(std::vector<std::uint32_t>& simplified, const std::vector<std::uint32_t>& source,
                        const std::vector<float>& positions) {
    if (simplified.empty() || positions.empty()) return 0;
    FinFinder finder(simplified, source, positions);
    std::size_t removed = 0;
    for (int pass = 0; pass < kMaxPasses; ++pass) {
        const std::size_t dropped = finder.pass();
        removed += dropped;
        if (dropped == 0 || !finder.retry()) break;
    }
    if (removed == 0) return 0;
    std::size_t kept = 0;
    for (std::size_t t = 0; t < finder.removed().size(); ++t) {
        if (finder.removed()[t]) continue;
        std::copy_n(simplified.begin() + std::ptrdiff_t(3 * t), 3, simplified.begin() + std::ptrdiff_t(3 * kept));
        ++kept;
    }
    simplified.resize(3 * kept);
    return removed;
}

}  // namespace wenyuan::model
