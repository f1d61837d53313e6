// `wenyuan package export|apply`: signed exhibition packages for kiosks (docs/packages.md).
#include <cstdio>

#include "cli.hpp"
#include "progress_bar.hpp"
#include "wenyuan/package.hpp"

namespace wenyuan::cli {
namespace {

constexpr const char* kUsageText =
    "wenyuan package: usage: wenyuan package export <archive> --exhibition <id>... -o <file.wyp> [--with-originals] "
    "[--since <package-or-manifest>] [--key <name>] [--expires <YYYY-MM-DD>] | apply <archive> <file.wyp> [--check] | have <archive> -o <file>";

int export_command(const Args& args) {
    if (args.positional.size() < 2) return report(kUsageText, kUsage);
    ExportOptions options;
    options.exhibitions = args.all("exhibition");
    options.output = args.get("output");
    for (std::size_t i = 2; i < args.positional.size(); ++i) {  // "-o file" and more ids after --exhibition
        if (args.positional[i] == "-o" && i + 1 < args.positional.size()) options.output = args.positional[++i];
        else options.exhibitions.push_back(args.positional[i]);
    }
    if (options.output.empty() || options.exhibitions.empty()) return report(kUsageText, kUsage);
    options.with_originals = args.has("with-originals");
    options.since = args.get("since");
    options.expires = args.get("expires");
    if (args.has("sequence")) {
        try {
            options.sequence = std::stoll(args.get("sequence"));
        } catch (...) {
            return report("wenyuan package: --sequence '" + args.get("sequence") + "' is not a number", kUsage);
        }
    }
    auto key = load_signing_key(wenyuan_home(), args.get("key", "publisher"));
    if (!key) return report(key.error(), kUsage);
    options.key = std::move(*key);
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return kUsage;
    auto made = export_package(*archive, options);
    if (!made) return report(made.error());
    if (args.json()) {
        print_json({{"file", options.output.string()}, {"name", made->name}, {"exhibitions", made->exhibitions},
                    {"items", made->items}, {"objects", made->objects}, {"objects_skipped", made->objects_skipped},
                    {"withdrawn", made->withdrawn},
                    {"payload_bytes", made->payload_bytes}, {"package_bytes", made->package_bytes},
                    {"sequence", made->sequence}, {"key_id", made->key_id}, {"created", made->created},
                    {"expires", made->expires}, {"dropped", made->dropped}});
    } else {
        for (const std::string& line : made->dropped) print_line("wenyuan: left out: ", line);
        std::printf("%s: %zu exhibition(s), %zu item(s), %zu object(s) (%zu left out as already there), %zu withdrawn, "
                    "%llu bytes, sequence %lld, expires %s\n",
                    options.output.c_str(), made->exhibitions, made->items, made->objects, made->objects_skipped, made->withdrawn,
                    static_cast<unsigned long long>(made->package_bytes), static_cast<long long>(made->sequence),
                    made->expires.c_str());
    }
    return kOk;
}

// What an archive already holds, for `export --since` at the sender: one object hash a line.
int have_command(const Args& args) {
    std::string output = args.get("output");
    if (args.positional.size() == 4 && args.positional[2] == "-o") output = args.positional[3];
    if (args.positional.size() < 2 || output.empty()) return report(kUsageText, kUsage);
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return kUsage;
    auto objects = archive->store().list();
    if (!objects) return report(objects.error());
    std::string text;
    for (const std::string& sha : *objects) text += sha + "\n";
    std::FILE* out = std::fopen(output.c_str(), "wb");
    if (!out || std::fwrite(text.data(), 1, text.size(), out) != text.size() || std::fclose(out) != 0) {
        return report(output + ": cannot write");
    }
    if (args.json()) print_json({{"file", output}, {"objects", objects->size()}});
    else std::printf("%s: %zu object(s) this archive holds\n", output.c_str(), objects->size());
    return kOk;
}

int apply_command(const Args& args) {
    if (args.positional.size() != 3) return report(kUsageText, kUsage);
    auto archive = open_archive(args.positional[1], args.has("check") ? OpenMode::read_only : OpenMode::read_write);
    if (!archive) return kUsage;
    ApplyOptions options;
    options.check_only = args.has("check");
    auto applied = apply_package(*archive, args.positional[2], agent(), options);
    if (!applied) return report(applied.error());
    if (args.json()) {
        print_json({{"file", args.positional[2]}, {"name", applied->name}, {"key_id", applied->key_id},
                    {"sequence", applied->sequence}, {"created", applied->created}, {"expires", applied->expires},
                    {"checked_only", options.check_only}, {"already_applied", applied->already_applied},
                    {"exhibitions", applied->exhibitions}, {"items_added", applied->items_added},
                    {"items_updated", applied->items_updated}, {"items_unchanged", applied->items_unchanged},
                    {"items_withdrawn", applied->items_withdrawn}, {"segments_removed", applied->segments_removed},
                    {"objects_staged", applied->objects_staged},
                    {"objects_present", applied->objects_present}, {"bytes_staged", applied->bytes_staged}});
    } else if (applied->already_applied) {
        std::printf("%s: already applied (sequence %lld); nothing changed\n", args.positional[2].c_str(),
                    static_cast<long long>(applied->sequence));
    } else {
        std::printf("%s: %s %zu exhibition(s), %zu item(s) added, %zu updated, %zu withdrawn, %zu object(s) stored, "
                    "%zu already there\n",
                    args.positional[2].c_str(), options.check_only ? "valid;" : "applied", applied->exhibitions,
                    applied->items_added, applied->items_updated, applied->items_withdrawn, applied->objects_staged,
                    applied->objects_present);
    }
    return kOk;
}

}  // namespace

int run_package(const Args& args) {
    const std::string& action = args.positional[0];
    if (action == "export") return export_command(args);
    if (action == "apply") return apply_command(args);
    if (action == "have") return have_command(args);
    return report(kUsageText, kUsage);
}

}  // namespace wenyuan::cli
