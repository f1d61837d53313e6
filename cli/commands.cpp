// The command table. Each command lives in its own file as `int run_<name>(const Args&)`.
#include "cli.hpp"

namespace wenyuan::cli {

int run_init(const Args&);
int run_import(const Args&);
int run_list(const Args&);
int run_show(const Args&);
int run_edit(const Args&);
int run_delete(const Args&);
int run_relate(const Args&);
int run_log(const Args&);
int run_verify(const Args&);
int run_reindex(const Args&);
int run_gc(const Args&);
int run_vocab(const Args&);
int run_fields(const Args&);
int run_collections(const Args&);
int run_search(const Args&);
int run_duplicates(const Args&);
int run_segment(const Args&);
int run_exhibition(const Args&);
int run_keys(const Args&);
int run_package(const Args&);
int run_publish(const Args&);
int run_usage(const Args&);

const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"init", "create a new, empty archive folder", "<archive>", {{"vocabulary", true}}, 1, 1, run_init},
        {"import", "archive files and folders, with an optional CSV manifest",
         "<archive> <file-or-folder>... [--manifest <csv>] [--collection <name>] [--access public|internal|restricted] [--jobs N] "
         "[--access-copy] [--max-pixels N] [--option name=value]",
         {{"manifest", true}, {"collection", true}, {"access", true}, {"jobs", true}, {"access-copy", false},
          {"max-pixels", true}, {"option", true}, {"no-progress", false}},
         1, 1u << 20, run_import},
        {"list", "list the items", "<archive> [--type <type>] [--collection <name>] [--limit N] [--kiosk]",
         {{"type", true}, {"collection", true}, {"limit", true}, {"offset", true}, {"kiosk", false}}, 1, 1, run_list},
        {"search", "search in Chinese, pinyin or English, with filters such as period:汉 year:1950..1980",
         "<archive> <query> [--limit N] [--facets] [--kiosk]", {{"limit", true}, {"facets", false}, {"kiosk", false}}, 2, 2,
         run_search},
        {"show", "show one item with its assets and history", "<archive> <id>", {}, 2, 2, run_show},
        {"edit", "change an item's fields; earlier values are kept as history",
         "<archive> <id> --set field=value... [--collection <name>]", {{"set", true}, {"collection", true}}, 2, 2, run_edit},
        {"delete", "withdraw an item (kept with its history, hidden from lists and kiosks)",
         "<archive> <id> [--reason <text>]", {{"reason", true}}, 2, 2, run_delete},
        {"relate", "relate two items, e.g. an inheritor to an ICH item",
         "<archive> <id> <predicate> <other-id>", {}, 4, 4, run_relate},
        {"log", "show the event log (ingestion, derivation, edits, fixity, deletion)",
         "<archive> [--item <id>] [--limit N]", {{"item", true}, {"limit", true}}, 1, 1, run_log},
        {"verify", "re-hash every object and check the catalog against the store", "<archive>", {}, 1, 1, run_verify},
        {"gc", "remove orphan objects and temp files left by interrupted imports", "<archive>", {}, 1, 1, run_gc},
        {"reindex", "rebuild the search index from the catalog (when verify finds it out of step)", "<archive>", {}, 1, 1,
         run_reindex},
        {"vocab", "list or extend the controlled vocabularies",
         "<archive> [kind] [--add <中文名> --en <English> --code <code> --parent <parent> --years <a..b>]",
         {{"add", true}, {"en", true}, {"code", true}, {"parent", true}, {"years", true}}, 1, 2, run_vocab},
        {"fields", "list the item fields and the manifest headers they accept", "", {}, 0, 0, run_fields},
        {"collections", "list the collections (thematic databases)", "<archive>", {}, 1, 1, run_collections},
        {"duplicates", "list groups of near-duplicate images (the same relic photographed twice, rescans)",
         "<archive> [--distance <bits, 0-16, default 6>]", {{"distance", true}}, 1, 1, run_duplicates},
        {"segment", "add, list or remove timecoded segments of a recording (an aria, a craft step)",
         "add <archive> <item> <start> <end> <title> [--description <text>] | list <archive> <item> | remove <archive> <segment-id>",
         {{"description", true}}, 3, 6, run_segment},
        {"exhibition", "import, export, list, show, validate or remove the exhibitions a kiosk shows",
         "import <archive> <file.json>... | export <archive> <id> [<file.json>] | list <archive> | show <archive> <id> | "
         "validate <archive> [<file.json>...] | remove <archive> <id>",
         {}, 2, 1u << 16, run_exhibition},
        {"keys", "generate publisher keys, trust them in an archive, list the trusted ones",
         "generate [name] | trust <archive> <file.pub> | list <archive>", {}, 1, 3, run_keys},
        {"package", "export exhibitions as a signed package (BagIt tar) or apply one to a kiosk archive",
         "export <archive> --exhibition <id>... -o <file.wyp> [--with-originals] [--since <package-or-manifest>] [--key <name>] "
         "[--expires <YYYY-MM-DD>] | apply <archive> <file.wyp> [--check] | have <archive> -o <file>",
         {{"exhibition", true}, {"output", true}, {"with-originals", false}, {"since", true}, {"key", true},
          {"expires", true}, {"sequence", true}, {"check", false}},
         2, 1u << 16, run_package},
        {"publish", "write IIIF manifests, tiles, Dublin Core, GLB and WebVTT of the public items for a web server",
         "<archive> --out <dir> [--base-url <url>]", {{"out", true}, {"base-url", true}}, 1, 1, run_publish},
        {"usage", "report what visitors used at a kiosk (most and least viewed, coverage, empty searches, ratings); export it signed, merge stations",
         "report <usage.db> [--archive <archive>] [--top N] [--utc-offset <minutes>] | "
         "export <usage.db> -o <file> [--archive <archive>] [--station <name>] [--key <name>] | merge <archive> <file>...",
         {{"archive", true}, {"top", true}, {"utc-offset", true}, {"output", true}, {"station", true}, {"key", true}},
         2, 1u << 16, run_usage},
    };
    return table;
}

}  // namespace wenyuan::cli
