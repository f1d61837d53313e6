// A deterministic generator of realistic catalogue records for the search benchmark: relics,
// documents, industrial heritage, intangible heritage, inheritors and village stories, with
// Chinese and English titles, descriptions built from heritage vocabulary, some traditional
// characters, places, periods, years and access levels.
#pragma once

#include <cstdint>
#include <random>

#include "wenyuan/item.hpp"

namespace wenyuan::bench {

class CorpusGenerator {
public:
    explicit CorpusGenerator(std::uint64_t seed) : random_(seed) {}

    /// The next record. Titles, keywords and descriptions average about 127 characters of text.
    Item next();

private:
    std::mt19937_64 random_;
    std::uint64_t count_ = 0;
};

}  // namespace wenyuan::bench
