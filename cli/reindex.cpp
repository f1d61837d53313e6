#include <chrono>
#include <cstdio>

#include "cli.hpp"
#include "wenyuan/search.hpp"

namespace wenyuan::cli {

int run_reindex(const Args& args) {
    auto archive = open_archive(args.positional[0]);
    if (!archive) return kUsage;
    const auto started = std::chrono::steady_clock::now();
    auto indexed = rebuild_search_index(*archive, agent());
    if (!indexed) return report(indexed.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (args.json()) {
        print_json({{"items", *indexed}, {"seconds", seconds}});
    } else {
        std::printf("rebuilt the search index of %zu items in %.1f s\n", *indexed, seconds);
    }
    return kOk;
}

}  // namespace wenyuan::cli
