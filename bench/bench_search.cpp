// bench_search [items=1000000] [folder=$TMPDIR]
//
// Builds an archive of generated catalogue records, then prints: indexing throughput, index size
// against the text size, and query latency p50/p99 per query class, cold (fresh connection, the
// catalog evicted from the page cache) and warm, for top-20 queries with facets. In the same run
// it builds plain FTS5 `unicode61` and `trigram` indexes over the same text as the anchors and
// prints their build speed, size, latency and how many of the true matches they find. Between
// the two, the floor: the index's FTS5 writes alone, without the catalog (search_floor.hpp).
#include <fcntl.h>
#include <malloc.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <sstream>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "search_corpus.hpp"
#include "search_floor.hpp"
#include "wenyuan/csv.hpp"
#include "wenyuan/fields.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/search.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using wenyuan::Archive;

namespace {

struct QueryClass {
    const char* name;
    std::vector<const char*> queries;
};

const std::vector<QueryClass> kClasses = {
    {"han-1", {"瓷", "铜", "绣", "窑", "碑", "玉", "陶", "琴", "桥", "谱"}},
    {"han-2", {"青铜", "瓷器", "蜀绣", "剪纸", "川剧", "石刻", "车床", "族谱", "彩陶", "书法"}},
    {"han-4", {"川剧变脸", "青花瓷碗", "蒸汽机车", "竹编技艺", "龙舟竞渡", "碑帖拓本", "山水画作", "铁索桥梁"}},
    {"traditional", {"青銅", "蜀繡", "書法", "剪紙", "歷史", "鏡", "龍窯", "傳承人"}},
    {"pinyin", {"qingtong", "ciqi", "shuxiu", "jianzhi", "chuanju", "shike", "chechuang", "zupu"}},
    {"initials", {"qt", "cq", "sx", "jz", "cj", "sk", "zp", "qtj"}},
    {"english", {"bronze", "porcelain", "embroidery", "lathe", "opera", "mirror", "kiln", "genealogy"}},
    {"mixed", {"青铜 bronze", "川剧 opera", "瓷 blue", "lathe 车床", "蜀绣 inheritor", "kiln 龙窑"}},
    {"filtered", {"青铜 period:汉", "瓷 type:relic", "车床 year:1950..1980", "place:广汉 青铜", "category:03 碗",
                  "剪纸 type:ich", "period:明 瓷器", "year:-300..0 玉"}},
    {"sentence", {"bronze vessels of the Han dynasty found in this county", "西汉青铜鼎 出土于古墓葬",
                  "\"器身饰有精美纹样\" -西周", "李家村 竹编"}},
};

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

std::uintmax_t file_size_or_zero(const fs::path& file) {
    std::error_code error;
    const auto size = fs::file_size(file, error);
    return error ? 0 : size;
}

// Drops a file's pages from the page cache (no root needed), so that the next read is cold.
void evict(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fdatasync(fd);
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

long status_kib(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string_view(field).size());
    }
    return 0;
}

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "bench_search: %s\n", message.c_str());
    std::exit(1);
}

template <class T>
T must(wenyuan::Result<T> result, const char* what) {
    if (!result) die(std::string(what) + ": " + result.error().message);
    return std::move(*result);
}

void must(wenyuan::Result<void> result, const char* what) {
    if (!result) die(std::string(what) + ": " + result.error().message);
}

void build(const fs::path& dir, std::size_t count) {
    auto archive = must(Archive::create(dir), "create");
    wenyuan::bench::CorpusGenerator generator(20261123);
    const std::size_t batch = 20000;
    const auto start = Clock::now();
    double generating = 0;
    for (std::size_t done = 0; done < count; done += batch) {
        const auto made = Clock::now();
        std::vector<wenyuan::Item> items;
        for (std::size_t i = done; i < std::min(count, done + batch); ++i) items.push_back(generator.next());
        generating += ms_since(made);
        must(archive.add_items(items, "bench"), "add_items");
        std::fprintf(stderr, "\r  %zu / %zu items", std::min(count, done + batch), count);
    }
    const double seconds = (ms_since(start) - generating) / 1000.0;
    std::fprintf(stderr, "\n");
    std::printf("add_items (catalog rows, events and index, one transaction per %zu): %.1f s, %.0f items/s\n",
                batch, seconds, static_cast<double>(count) / seconds);
    // The index alone, built from the catalog as the anchors build theirs from the same text.
    const auto rebuilding = Clock::now();
    const std::size_t indexed = must(wenyuan::rebuild_search_index(archive, "bench"), "rebuild_search_index");
    const double rebuild_seconds = ms_since(rebuilding) / 1000.0;
    std::printf("rebuild_search_index (text, facts, both FTS5 tables, one transaction): %.1f s, %.0f items/s\n",
                rebuild_seconds, static_cast<double>(indexed) / rebuild_seconds);
}

// Text bytes and characters the index covers, and the size of the FTS5 tables.
void print_sizes(const fs::path& catalog) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(catalog.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    auto scalar = [&](const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        double value = -1;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
            value = sqlite3_column_double(stmt, 0);
        }
        sqlite3_finalize(stmt);
        return value;
    };
    const double bytes = scalar("SELECT sum(length(CAST(title||keywords||places||body AS BLOB))) FROM search_docs");
    const double chars = scalar("SELECT sum(length(title||keywords||places||body)) FROM search_docs");
    const double text_index = scalar("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_text_%'");
    const double pinyin_index = scalar("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_pinyin_%'");
    const double docs = scalar("SELECT sum(pgsize) FROM dbstat WHERE name = 'search_docs'");
    sqlite3_close(db);
    std::printf("indexed text: %.1f M characters, %.0f MB UTF-8\n", chars / 1e6, bytes / 1e6);
    std::printf("index size: text %.0f MB (%.2f× the text), pinyin %.0f MB (%.2f×), stored documents %.0f MB\n",
                text_index / 1e6, text_index / bytes, pinyin_index / 1e6, pinyin_index / bytes, docs / 1e6);
    std::printf("catalog.db in all: %.0f MB\n", static_cast<double>(file_size_or_zero(catalog)) / 1e6);
}

// Cold: the catalog evicted from the page cache and a freshly opened archive, so the first query
// also loads the item facts (one per class). Warm: the same queries again, ten times each.
void run_queries(const fs::path& dir) {
    std::printf("\nquery latency, top 20 with facets, kiosk reader (ms)\n");
    std::printf("%-12s %10s %8s %8s %10s\n", "class", "cold first", "warm p50", "warm p99", "matches");
    wenyuan::SearchOptions options;
    options.reader = wenyuan::Reader::kiosk;
    options.facets = true;
    std::vector<double> all_warm, all_cold;
    for (const QueryClass& query_class : kClasses) {
        evict(dir / "catalog.db");
        evict(dir / "catalog.db-wal");
        auto archive = must(Archive::open(dir, wenyuan::OpenMode::read_only), "open");
        auto start = Clock::now();
        must(wenyuan::search_items(archive, query_class.queries.front(), options), query_class.queries.front());
        const double cold = ms_since(start);
        all_cold.push_back(cold);
        std::vector<double> warm;
        std::size_t matches = 0;
        for (const char* query : query_class.queries) {
            matches += must(wenyuan::search_items(archive, query, options), query).total;  // warms the pages
            for (int i = 0; i < 10; ++i) {
                start = Clock::now();
                must(wenyuan::search_items(archive, query, options), query);
                warm.push_back(ms_since(start));
            }
        }
        all_warm.insert(all_warm.end(), warm.begin(), warm.end());
        std::printf("%-12s %10.1f %8.1f %8.1f %10zu\n", query_class.name, cold, percentile(warm, 0.5),
                    percentile(warm, 0.99), matches / query_class.queries.size());
    }
    std::printf("%-12s %10.1f %8.1f %8.1f   (cold: p50 over classes)\n", "all", percentile(all_cold, 0.5),
                percentile(all_warm, 0.5), percentile(all_warm, 0.99));

}

// Run in a process of its own (`bench_search --memory <archive>`): opens the archive read-only as
// the kiosk does and runs every query; prints the peak memory above the process before opening.
int kiosk_memory(const fs::path& dir) {
    // The allocator settings the kiosk runs with (viewer/main.cpp): buffers of 1 MB and more are
    // mappings of their own, returned when freed; two arenas.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
    mallopt(M_ARENA_MAX, 2);
    const long base_kib = status_kib("VmRSS:");
    {
        auto archive = must(Archive::open(dir, wenyuan::OpenMode::read_only), "open");
        wenyuan::SearchOptions options;
        options.reader = wenyuan::Reader::kiosk;
        options.facets = true;
        for (const QueryClass& query_class : kClasses) {
            for (const char* query : query_class.queries) must(wenyuan::search_items(archive, query, options), query);
        }
    }
    std::printf("%.1f\n", static_cast<double>(status_kib("VmHWM:") - base_kib) / 1024.0);
    return 0;
}

void print_kiosk_memory(const char* self, const fs::path& dir) {
    const std::string command = std::string("'") + self + "' --memory '" + dir.string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    char line[64] = {};
    if (!pipe || !std::fgets(line, sizeof line, pipe)) die("cannot run " + command);
    ::pclose(pipe);
    std::printf("kiosk search memory: %.0f MB at peak above the process before opening the archive "
                "(read-only open, every query above once, with facets, the kiosk's malloc settings)\n", std::atof(line));
}

// The anchors: plain FTS5 with the unicode61 and the trigram tokenizer over the same text, in a
// database of their own. Printed: build speed, size, top-20 latency, and for the Chinese query
// classes how many of the items that really contain the query (instr over the same text) they find.
void run_anchors(const fs::path& dir) {
    const fs::path file = dir.parent_path() / (dir.filename().string() + "-anchors.db");
    fs::remove(file);
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    auto exec = [&](const std::string& sql) {
        char* message = nullptr;
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) die(sql + ": " + (message ? message : "?"));
    };
    auto count = [&](const std::string& sql, const std::string& bind) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) die(sql + ": " + sqlite3_errmsg(db));
        sqlite3_bind_text(stmt, 1, bind.c_str(), -1, SQLITE_TRANSIENT);
        std::int64_t n = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW) n = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return n;
    };
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    exec("ATTACH '" + (dir / "catalog.db").string() + "' AS cat");
    exec("CREATE TABLE docs AS SELECT item_id AS id, title || ' ' || keywords || ' ' || places || ' ' || body AS text FROM cat.search_docs");
    const double rows = static_cast<double>(count("SELECT count(*) FROM docs WHERE ?1 IS NOT NULL", "x"));
    std::printf("\nanchors: plain FTS5 over the same text (%s)\n", file.c_str());
    std::printf("%-10s %12s %10s | %s\n", "tokenizer", "build", "size", "top-20 warm p50/p99 ms per class; found/true for the Chinese classes");
    for (const char* tokenizer : {"unicode61", "trigram"}) {
        const std::string table = std::string("plain_") + tokenizer;
        const auto start = Clock::now();
        exec("CREATE VIRTUAL TABLE " + table + " USING fts5(text, tokenize = '" + tokenizer + "')");
        exec("INSERT INTO " + table + "(rowid, text) SELECT id, text FROM docs");
        const double seconds = ms_since(start) / 1000;
        const double size = static_cast<double>(count("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?1", table + "_%"));
        std::printf("%-10s %7.0f it/s %7.0f MB |", tokenizer, rows / seconds, size / 1e6);
        for (const QueryClass& query_class : kClasses) {
            std::vector<double> warm;
            std::int64_t found = 0, truth = 0;
            const bool chinese = std::string_view(query_class.name).rfind("han", 0) == 0;
            for (const char* query : query_class.queries) {
                std::string literal = "\"";
                for (const char* c = query; *c; ++c) literal += *c == '"' ? std::string("\"\"") : std::string(1, *c);
                literal += "\"";
                for (int i = 0; i < 5; ++i) {
                    const auto begin = Clock::now();
                    count("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 ORDER BY rank LIMIT 20", literal);
                    warm.push_back(ms_since(begin));
                }
                if (chinese) {
                    truth += count("SELECT count(*) FROM docs WHERE instr(text, ?1) > 0", query);
                    found += count("SELECT count(*) FROM " + table + " WHERE " + table + " MATCH ?1 AND rowid IN "
                                   "(SELECT id FROM docs WHERE instr(text, '" + std::string(query) + "') > 0)", literal);
                }
            }
            std::printf(" %s %.1f/%.1f", query_class.name, percentile(warm, 0.5), percentile(warm, 0.99));
            if (chinese) std::printf(" (%.1f%%)", truth ? 100.0 * static_cast<double>(found) / static_cast<double>(truth) : 0.0);
        }
        std::printf("\n");
    }
    sqlite3_close(db);
}

// Recall on the correctness set (tests/lib/fixtures): the share of expected items each engine
// finds, per class, for the classes a plain FTS5 table can be asked at all (no filters, no access
// levels, no hostile input). Ours is run through search_items(); the anchors get each query as
// one FTS5 string over the same text.
void print_test_set_recall(const fs::path& work) {
    const fs::path fixtures = fs::path(WENYUAN_SOURCE_DIR) / "tests/lib/fixtures";
    const fs::path dir = work / "wenyuan-bench-search-testset";
    fs::remove_all(dir);
    auto archive = must(Archive::create(dir), "create");
    auto table = must(wenyuan::read_csv_file(fixtures / "search_catalog.csv"), "search_catalog.csv");
    std::vector<wenyuan::Item> items;
    for (const wenyuan::CsvRow& row : table.rows) {
        wenyuan::Item item;
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            if (!row.cells[c].empty()) must(wenyuan::set_field(item, *wenyuan::find_field(table.header[c]), row.cells[c], archive.vocabulary()), "field");
        }
        items.push_back(item);
    }
    const auto ids = must(archive.add_items(items, "bench"), "add_items");
    std::map<std::int64_t, std::string> key_of;
    for (std::size_t i = 0; i < ids.size(); ++i) key_of[ids[i]] = items[i].key;

    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    sqlite3_exec(db, ("ATTACH '" + (dir / "catalog.db").string() + "' AS cat").c_str(), nullptr, nullptr, nullptr);
    for (const char* tokenizer : {"unicode61", "trigram"}) {
        const std::string t = std::string("plain_") + tokenizer;
        sqlite3_exec(db, ("CREATE VIRTUAL TABLE " + t + " USING fts5(text, tokenize = '" + tokenizer + "'); INSERT INTO " + t +
                          "(rowid, text) SELECT item_id, title || ' ' || keywords || ' ' || places || ' ' || body FROM cat.search_docs")
                             .c_str(), nullptr, nullptr, nullptr);
    }
    auto anchor = [&](const std::string& t, const std::string& query) {
        std::set<std::string> keys;
        std::string literal = "\"";
        for (char c : query) literal += c == '"' ? std::string("\"\"") : std::string(1, c);
        literal += "\"";
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, ("SELECT rowid FROM " + t + " WHERE " + t + " MATCH ?1").c_str(), -1, &stmt, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(stmt, 1, literal.c_str(), -1, SQLITE_TRANSIENT);
            while (sqlite3_step(stmt) == SQLITE_ROW) keys.insert(key_of[sqlite3_column_int64(stmt, 0)]);
        }
        sqlite3_finalize(stmt);
        return keys;
    };

    std::map<std::string, std::array<double, 4>> recall;  // class → expected, ours, unicode61, trigram
    std::ifstream cases(fixtures / "search_queries.tsv");
    for (std::string line; std::getline(cases, line);) {
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) cells.push_back(line.substr(start, tab - start));
        cells.push_back(line.substr(start));
        if (line.empty() || line[0] == '#' || cells.size() != 4) continue;
        const std::string& kind = cells[0];
        if (kind == "filter" || kind == "access" || kind == "hostile" || kind == "exclusion" || cells[3] == "-") continue;
        std::set<std::string> expected;
        std::istringstream words(cells[3]);
        for (std::string word; words >> word;) expected.insert(word);
        wenyuan::SearchOptions options;
        options.limit = 1000;
        std::set<std::string> ours;
        for (const auto& hit : must(wenyuan::search_items(archive, cells[1], options), "search").hits) ours.insert(key_of[hit.id]);
        auto hits = [&](const std::set<std::string>& found) {
            double n = 0;
            for (const std::string& key : expected) n += found.count(key) ? 1 : 0;
            return n;
        };
        auto& r = recall[kind];
        r[0] += static_cast<double>(expected.size());
        r[1] += hits(ours);
        r[2] += hits(anchor("plain_unicode61", cells[1]));
        r[3] += hits(anchor("plain_trigram", cells[1]));
    }
    sqlite3_close(db);
    std::printf("\nrecall on the correctness set (tests/lib/fixtures/search_queries.tsv), share of expected items found\n");
    std::printf("%-12s %8s %8s %10s %8s\n", "class", "expected", "ours", "unicode61", "trigram");
    for (const auto& [kind, r] : recall) {
        std::printf("%-12s %8.0f %7.0f%% %9.0f%% %7.0f%%\n", kind.c_str(), r[0], 100 * r[1] / r[0], 100 * r[2] / r[0], 100 * r[3] / r[0]);
    }
    fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[1]) == "--memory") return kiosk_memory(argv[2]);
    if (argc == 3 && std::string_view(argv[1]) == "--recall") {
        print_test_set_recall(argv[2]);
        return 0;
    }
    const std::size_t count = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    const fs::path base = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path();
    const fs::path dir = base / ("wenyuan-bench-search-" + std::to_string(count));
    std::printf("bench_search: %zu generated records in %s (SQLite %s)\n", count, dir.c_str(), sqlite3_libversion());
    if (argc > 3 && std::string_view(argv[3]) == "optimize") {
        auto archive = must(Archive::open(dir), "open");
        const auto start = Clock::now();
        must(wenyuan::optimize_search_index(archive), "optimize");
        std::printf("optimize_search_index: %.1f s\n", ms_since(start) / 1000);
    }
    if (!fs::exists(dir / "catalog.db")) {
        fs::remove_all(dir);
        build(dir, count);
    } else {
        std::printf("reusing the archive built by an earlier run (delete it to measure indexing again)\n");
    }
    if (std::getenv("BUILD_ONLY")) return 0;
    print_sizes(dir / "catalog.db");
    run_queries(dir);
    print_kiosk_memory(argv[0], dir);
    wenyuan::bench::print_fulltext_floor(dir);
    run_anchors(dir);
    print_test_set_recall(base);
    return 0;
}
