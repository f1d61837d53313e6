#include "search_floor.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>

#include "search/fts5_tokenizer.hpp"
#include "search/index.hpp"
#include "sqlite.hpp"

namespace wenyuan::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatch = 20000;  // as rebuild_index writes them

template <class T>
T must(Result<T> result, const char* what) {
    if (!result) {
        std::fprintf(stderr, "bench_search: full-text floor: %s: %s\n", what, result.error().message.c_str());
        std::exit(1);
    }
    if constexpr (!std::is_void_v<T>) return std::move(*result);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void time_writes(const fs::path& catalog_file, const fs::path& scratch) {
    auto catalog = must(sql::Db::open(catalog_file, true, false), "open the catalog");
    auto db = must(sql::Db::open(scratch, false, true), "create the scratch database");
    must(search::register_search_tokenizers(db.get()), "register the tokenizers");
    must(db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536"), "pragmas");
    must(search::create_fulltext(db), "create the tables");

    auto docs = must(catalog.prepare("SELECT item_id, title, keywords, places, body, pinyin FROM search_docs ORDER BY item_id"),
                     "read the stored text");
    auto transaction = must(sql::Transaction::begin(db), "begin");
    search::PendingText pending;
    double writing = 0;
    std::size_t items = 0;
    auto write = [&] {
        const auto start = Clock::now();
        must(search::write_pending(db, pending), "write");
        writing += seconds_since(start);
    };
    must(docs.each([&](const sql::Stmt& row) {
        pending.docs.emplace_back(row.int64(0), search::SearchDoc{row.text(1), row.text(2), row.text(3), row.text(4), row.text(5)});
        ++items;
        if (pending.docs.size() == kBatch) write();
    }), "read the stored text");
    write();
    const auto committing = Clock::now();
    must(transaction.commit(), "commit");
    writing += seconds_since(committing);
    std::printf("floor: the index's FTS5 writes alone (both tables, tokens recorded on a second thread, no catalog "
                "row, stored text or facts, one transaction): %.1f s, %.0f items/s\n",
                writing, static_cast<double>(items) / writing);
}

}  // namespace

void print_fulltext_floor(const fs::path& dir) {
    const fs::path scratch = dir.parent_path() / (dir.filename().string() + "-fulltext.db");
    auto remove_scratch = [&] {
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(scratch.string() + suffix);
    };
    remove_scratch();  // left by an earlier run that stopped on an error
    time_writes(dir / "catalog.db", scratch);
    remove_scratch();
}

}  // namespace wenyuan::bench
