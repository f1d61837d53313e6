#include <cstdio>

#include "cli.hpp"

namespace wenyuan::cli {

int run_init(const Args& args) {
    CreateOptions options;
    options.vocabulary_dir = args.get("vocabulary");
    auto archive = Archive::create(args.positional[0], options);
    if (!archive) return report(archive.error());
    if (args.json()) {
        print_json({{"archive", archive->root().string()}, {"schema_version", archive->schema_version()}});
    } else {
        std::printf("created archive %s (catalog schema %d)\n", archive->root().c_str(), archive->schema_version());
    }
    return kOk;
}

}  // namespace wenyuan::cli
