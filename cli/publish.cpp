// `wenyuan publish <archive> --out <dir>`: IIIF manifests, tiles, Dublin Core, GLB and WebVTT of
// the public items, as static files for any web server.
#include <cstdio>

#include "cli.hpp"
#include "wenyuan/publish.hpp"

namespace wenyuan::cli {

int run_publish(const Args& args) {
    PublishOptions options;
    options.out = args.get("out");
    if (options.out.empty()) return report("wenyuan publish: usage: wenyuan publish <archive> --out <dir> [--base-url <url>]", kUsage);
    if (args.has("base-url")) options.base_url = args.get("base-url");
    auto archive = open_archive(args.positional[0], OpenMode::read_only);
    if (!archive) return kUsage;
    auto published = publish_static(*archive, options);
    if (!published) return report(published.error());
    if (args.json()) {
        print_json({{"out", options.out.string()}, {"items", published->items}, {"images", published->images},
                    {"tiled_images", published->tiled_images}, {"models", published->models},
                    {"recordings", published->recordings}, {"captions", published->captions}, {"bytes", published->bytes}});
    } else {
        std::printf("%s: %zu item(s): %zu image(s) (%zu tiled), %zu model(s), %zu recording(s), %zu caption file(s)\n",
                    options.out.c_str(), published->items, published->images, published->tiled_images, published->models,
                    published->recordings, published->captions);
    }
    return kOk;
}

}  // namespace wenyuan::cli
