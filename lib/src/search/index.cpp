#include "search/index.hpp"

#include <algorithm>
#include <optional>
#include <span>
#include <system_error>

#include "archive_impl.hpp"
#include "items_sql.hpp"
#include "search/fold.hpp"
#include "search/recorded_tokens.hpp"
#include "timed_sql.hpp"
#include "wenyuan/fields.hpp"

namespace wenyuan::search {
namespace {

// Bulk writes of this many documents or more tokenize them on a second thread (RecordingWorker).
constexpr std::size_t kRecordAheadFrom = 64;

void append(std::string& out, std::string_view text) {
    if (text.empty()) return;
    if (!out.empty()) out += '\n';
    out += text;
}

void append_term(std::string& out, const Vocabulary& vocabulary, std::string_view kind, const std::string& code) {
    if (code.empty()) return;
    if (const VocabTerm* term = vocabulary.find(kind, code)) {
        append(out, term->zh);
        append(out, term->en);
    } else {
        append(out, code);
    }
}

Result<void> write_doc(const sql::Db& db, std::int64_t id, const SearchDoc& doc) {
    auto stmt = db.cached("INSERT INTO search_docs(item_id, title, keywords, places, body, pinyin) VALUES (?1,?2,?3,?4,?5,?6)");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, id).bind(2, doc.title).bind(3, doc.keywords).bind(4, doc.places).bind(5, doc.body).bind(6, doc.pinyin);
    return (*stmt)->run();
}

// Adds (or, with 'delete', removes) a document in both FTS tables.
Result<void> write_fts(const sql::Db& db, std::int64_t id, const SearchDoc& doc, bool remove) {
    auto text = db.cached(remove ? "INSERT INTO search_text(search_text, rowid, title, keywords, places, body) "
                                   "VALUES ('delete', ?1, ?2, ?3, ?4, ?5)"
                                 : "INSERT INTO search_text(rowid, title, keywords, places, body) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!text) return fail(std::move(text).error());
    WENYUAN_TRY((*text)->bind(1, id).bind(2, doc.title).bind(3, doc.keywords).bind(4, doc.places).bind(5, doc.body).run());
    auto pinyin = db.cached(remove ? "INSERT INTO search_pinyin(search_pinyin, rowid, pinyin) VALUES ('delete', ?1, ?2)"
                                   : "INSERT INTO search_pinyin(rowid, pinyin) VALUES (?1, ?2)");
    if (!pinyin) return fail(std::move(pinyin).error());
    return (*pinyin)->bind(1, id).bind(2, doc.pinyin).run();
}

// What search filters, counts and pre-ranks an item by (see facts.hpp), as stored.
struct FactsRow {
    std::string type, relic_category, ich_category, period, place, material;
    std::optional<int> year_start, year_end;
    bool is_public = false;
    std::int64_t title_chars = 0;
    std::string title_folded, title_initials;
    bool operator==(const FactsRow&) const = default;
};

std::int64_t utf8_chars(std::string_view text) {
    std::int64_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return count;
}

FactsRow facts_of(const Item& item) {
    return {item.type, item.relic_category, item.ich_category, item.period, item.place, item.material,
            item.year_start, item.year_end, item.access == Access::public_access, utf8_chars(item.title),
            fold_text(item.title + "\n" + item.title_en), initials_of(item.title)};
}

Result<void> write_facts(const sql::Db& db, std::int64_t id, const FactsRow& facts) {
    auto stmt = db.cached(
        "INSERT OR REPLACE INTO search_facts(item_id, type, relic_category, ich_category, period, place, material, "
        "year_start, year_end, public, title_chars, title_folded, title_initials) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, id).bind(2, facts.type).bind(3, facts.relic_category).bind(4, facts.ich_category).bind(5, facts.period);
    (*stmt)->bind(6, facts.place).bind(7, facts.material).bind(8, facts.year_start).bind(9, facts.year_end);
    (*stmt)->bind(10, facts.is_public ? 1 : 0).bind(11, facts.title_chars).bind(12, facts.title_folded).bind(13, facts.title_initials);
    return (*stmt)->run();
}

Result<std::optional<FactsRow>> stored_facts(const sql::Db& db, std::int64_t id) {
    auto stmt = db.cached(
        "SELECT type, relic_category, ich_category, period, place, material, year_start, year_end, public, "
        "title_chars, title_folded, title_initials FROM search_facts WHERE item_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, id);
    auto row = (*stmt)->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<FactsRow>();
    const sql::Stmt& r = **stmt;
    auto year = [&](int column) { return r.is_null(column) ? std::optional<int>() : std::optional<int>(static_cast<int>(r.int64(column))); };
    return std::optional<FactsRow>(FactsRow{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), year(6), year(7),
                                            r.int64(8) != 0, r.int64(9), r.text(10), r.text(11)});
}

Result<std::optional<SearchDoc>> stored_doc(const sql::Db& db, std::int64_t id) {
    auto stmt = db.prepare("SELECT title, keywords, places, body, pinyin FROM search_docs WHERE item_id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<SearchDoc>();
    return std::optional<SearchDoc>(SearchDoc{stmt->text(0), stmt->text(1), stmt->text(2), stmt->text(3), stmt->text(4)});
}

// FTS5 collects a transaction's new terms in memory and writes them out as a new segment when
// they pass this size (1 MB by default); fewer, larger segments mean less merging on bulk inserts.
// Costs the writer up to this much memory per table; readers are unaffected.
constexpr int kHashBytes = 32 << 20;

Result<void> configure_fulltext(const sql::Db& db, const std::string& table) {
    return db.exec("INSERT INTO " + table + "(" + table + ", rank) VALUES ('hashsize', " + std::to_string(kHashBytes) + ")");
}

// FTS5 merges segments of one level once this many are there (4 by default). 16 merges each
// byte less often: 14% less of a bulk insert's time, with queries at 200,000 items within 1–2%.
constexpr int kAutomerge = 16;

}  // namespace

SearchDoc compose_doc(const Item& item, const Vocabulary& vocabulary, bool names_in_pinyin) {
    SearchDoc doc;
    append(doc.title, item.title);
    append(doc.title, item.title_en);
    for (const std::string& keyword : item.keywords) append(doc.keywords, keyword);
    append_term(doc.keywords, vocabulary, "item_type", item.type);
    append_term(doc.keywords, vocabulary, "relic_category", item.relic_category);
    append_term(doc.keywords, vocabulary, "ich_category", item.ich_category);
    append_term(doc.keywords, vocabulary, "period", item.period);
    append(doc.places, item.place);
    append(doc.places, item.creator);
    append(doc.places, item.material);
    append(doc.body, item.description);
    append(doc.body, item.description_en);
    append(doc.body, item.date);
    append(doc.body, item.source);
    append(doc.body, item.provenance);
    doc.pinyin = item.title;
    for (const std::string& keyword : item.keywords) append(doc.pinyin, keyword);
    append(doc.pinyin, item.place);
    append(doc.pinyin, item.creator);
    // The Chinese names of its type, categories and period (version 9): ciqi finds 瓷器 items.
    if (!names_in_pinyin) return doc;
    for (const auto& [kind, code] : {std::pair{"item_type", &item.type}, std::pair{"relic_category", &item.relic_category},
                                     std::pair{"ich_category", &item.ich_category}, std::pair{"period", &item.period}}) {
        if (const VocabTerm* term = code->empty() ? nullptr : vocabulary.find(kind, *code)) append(doc.pinyin, term->zh);
    }
    return doc;
}

namespace {

// The full-text tables as of schema version 7: no prefix index (see tokenizer.hpp), and no
// per-row column sizes, which only FTS5's own bm25() reads (rank.cpp computes BM25 itself).
constexpr const char* kTextTable = R"sql(CREATE VIRTUAL TABLE search_text USING fts5(
  title, keywords, places, body,
  content = 'search_docs', content_rowid = 'item_id', tokenize = 'wenyuan', columnsize = 0
))sql";
constexpr const char* kPinyinTable = R"sql(CREATE VIRTUAL TABLE search_pinyin USING fts5(
  pinyin,
  content = 'search_docs', content_rowid = 'item_id', tokenize = 'wenyuan_pinyin', columnsize = 0
))sql";
constexpr const char* kDocsTable = R"sql(CREATE TABLE search_docs (
  item_id INTEGER PRIMARY KEY REFERENCES items(id),
  title TEXT NOT NULL, keywords TEXT NOT NULL, places TEXT NOT NULL, body TEXT NOT NULL, pinyin TEXT NOT NULL
))sql";
constexpr const char* kFactsTable = R"sql(CREATE TABLE search_facts (
  item_id INTEGER PRIMARY KEY REFERENCES items(id),
  type TEXT NOT NULL, relic_category TEXT NOT NULL, ich_category TEXT NOT NULL, period TEXT NOT NULL,
  place TEXT NOT NULL, material TEXT NOT NULL, year_start INTEGER, year_end INTEGER,
  public INTEGER NOT NULL, title_chars INTEGER NOT NULL, title_folded TEXT NOT NULL, title_initials TEXT NOT NULL
))sql";

// Items indexed per step of a rebuild: their full-text rows are written together (PendingText).
constexpr std::size_t kRebuildBatch = 20000;

// The items with segments or caption cues (their text joins the body), ascending.
Result<std::vector<std::int64_t>> timed_item_ids(const sql::Db& db) {
    auto stmt = db.prepare("SELECT item_id FROM segments UNION SELECT item_id FROM caption_cues ORDER BY 1");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<std::int64_t> ids;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) { ids.push_back(row.int64(0)); }));
    return ids;
}

}  // namespace

Result<void> create_index(const sql::Db& db) {
    WENYUAN_TRY(db.exec(kDocsTable));
    WENYUAN_TRY(db.exec(kTextTable));
    WENYUAN_TRY(db.exec(kPinyinTable));
    WENYUAN_TRY(configure_fulltext(db, "search_text"));
    WENYUAN_TRY(configure_fulltext(db, "search_pinyin"));
    auto vocabulary = read_vocabulary(db);
    if (!vocabulary) return fail(std::move(vocabulary).error());
    auto items = db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE deleted_at IS NULL ORDER BY id");
    if (!items) return fail(std::move(items).error());
    std::vector<Item> live;
    WENYUAN_TRY(items->each([&](const sql::Stmt& row) { live.push_back(item_from_row(row)); }));
    PendingText pending;  // full text after every plain row: see PendingText
    for (const Item& item : live) {
        SearchDoc doc = compose_doc(item, *vocabulary);
        WENYUAN_TRY(write_doc(db, item.id, doc));
        pending.docs.emplace_back(item.id, std::move(doc));
    }
    return write_pending(db, pending);
}

Result<void> reindex_item(const sql::Db& db, std::int64_t id, const Vocabulary& vocabulary) {
    auto old = stored_doc(db, id);
    if (!old) return fail(std::move(old).error());
    if (*old) {
        WENYUAN_TRY(write_fts(db, id, **old, true));
        auto remove = db.prepare("DELETE FROM search_docs WHERE item_id = ?1");
        if (!remove) return fail(std::move(remove).error());
        WENYUAN_TRY(remove->bind(1, id).run());
    }
    auto forget = db.cached("DELETE FROM search_facts WHERE item_id = ?1");
    if (!forget) return fail(std::move(forget).error());
    WENYUAN_TRY((*forget)->bind(1, id).run());
    auto item = db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE id = ?1 AND deleted_at IS NULL");
    if (!item) return fail(std::move(item).error());
    item->bind(1, id);
    auto row = item->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return {};  // deleted or gone: nothing to index
    return index_new_item(db, item_from_row(*item), vocabulary, true);
}

Result<void> index_new_item(const sql::Db& db, const Item& item, const Vocabulary& vocabulary, bool has_timed,
                            PendingText* pending) {
    SearchDoc doc = compose_doc(item, vocabulary);
    if (has_timed) {
        auto timed = timed_text(db, item.id);
        if (!timed) return fail(std::move(timed).error());
        append(doc.body, *timed);
    }
    WENYUAN_TRY(write_doc(db, item.id, doc));
    WENYUAN_TRY(write_facts(db, item.id, facts_of(item)));
    if (pending) {
        pending->docs.emplace_back(item.id, std::move(doc));
        return {};
    }
    return write_fts(db, item.id, doc, false);
}

Result<void> write_pending(const sql::Db& db, PendingText& pending) {
    struct Clear {
        PendingText& pending;
        ~Clear() { pending.docs.clear(); }
    } clear{pending};
    const auto& docs = pending.docs;
    std::optional<RecordingWorker> worker;
    if (docs.size() >= kRecordAheadFrom) {
        try {
            worker.emplace(docs.size(), 5, [&docs](std::size_t i, std::span<RecordedTokens> slots) {
                const SearchDoc& doc = docs[i].second;
                slots[0].record(TokenizerKind::content, doc.title);
                slots[1].record(TokenizerKind::content, doc.keywords);
                slots[2].record(TokenizerKind::content, doc.places);
                slots[3].record(TokenizerKind::content, doc.body);
                slots[4].record(TokenizerKind::pinyin, doc.pinyin);
            });
        } catch (const std::system_error&) {
            // no thread: the tokenizers do all the work on this one
        }
    }
    for (std::size_t i = 0; i < docs.size(); ++i) {
        if (!worker) {
            WENYUAN_TRY(write_fts(db, docs[i].first, docs[i].second, false));
            continue;
        }
        ReplayScope replay(worker->wait(i));
        WENYUAN_TRY(write_fts(db, docs[i].first, docs[i].second, false));
        worker->release(i);
    }
    return {};
}

Result<void> create_facts(const sql::Db& db) {
    WENYUAN_TRY(db.exec(kFactsTable));
    auto items = db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE deleted_at IS NULL ORDER BY id");
    if (!items) return fail(std::move(items).error());
    std::vector<Item> live;
    WENYUAN_TRY(items->each([&](const sql::Stmt& row) { live.push_back(item_from_row(row)); }));
    for (const Item& item : live) WENYUAN_TRY(write_facts(db, item.id, facts_of(item)));
    // Version 3 also indexes pairs of initials (^qt for 青铜): re-read the pinyin of every item.
    return db.exec("INSERT INTO search_pinyin(search_pinyin) VALUES ('rebuild')");
}

Result<void> recreate_fulltext(const sql::Db& db) {
    for (const auto& [table, definition] : {std::pair{"search_text", kTextTable}, std::pair{"search_pinyin", kPinyinTable}}) {
        std::string stored;
        {  // finished before the table is dropped ("database table is locked" otherwise)
            auto stmt = db.prepare("SELECT sql FROM sqlite_master WHERE name = ?1");
            if (!stmt) return fail(std::move(stmt).error());
            stmt->bind(1, table);
            auto row = stmt->step();
            if (!row) return fail(std::move(row).error());
            if (*row) stored = stmt->text(0);
        }
        if (stored == definition) continue;  // created by this version already
        const std::string name = table;
        WENYUAN_TRY(db.exec("DROP TABLE IF EXISTS " + name));
        WENYUAN_TRY(db.exec(definition));
        WENYUAN_TRY(configure_fulltext(db, name));
        WENYUAN_TRY(db.exec("INSERT INTO " + name + "(" + name + ") VALUES ('rebuild')"));
    }
    return {};
}

Result<void> configure_merging(const sql::Db& db) {
    for (const std::string table : {"search_text", "search_pinyin"}) {
        WENYUAN_TRY(db.exec("INSERT INTO " + table + "(" + table + ", rank) VALUES ('automerge', " + std::to_string(kAutomerge) + ")"));
    }
    return {};
}

Result<void> create_fulltext(const sql::Db& db) {
    for (const char* table : {kTextTable, kPinyinTable}) WENYUAN_TRY(db.exec(table));
    WENYUAN_TRY(configure_fulltext(db, "search_text"));
    WENYUAN_TRY(configure_fulltext(db, "search_pinyin"));
    return configure_merging(db);
}

Result<void> index_names_and_syllable_pairs(const sql::Db& db) {
    auto vocabulary = read_vocabulary(db);
    if (!vocabulary) return fail(std::move(vocabulary).error());
    return rebuild_index(db, *vocabulary);
}

Result<void> rebuild_index(const sql::Db& db, const Vocabulary& vocabulary) {
    // The freed pages held the old index of the same text (still in the catalog): zeroing them,
    // as this SQLite build does for every deleted row by default, would only double the writes.
    auto secure = db.scalar("PRAGMA secure_delete");
    if (!secure) return fail(std::move(secure).error());
    WENYUAN_TRY(db.exec("PRAGMA secure_delete = 0"));
    struct Restore {
        const sql::Db& db;
        std::int64_t secure;
        ~Restore() { (void)db.exec("PRAGMA secure_delete = " + std::to_string(secure)); }
    } restore{db, *secure};
    for (const char* table : {"search_text", "search_pinyin", "search_docs", "search_facts"}) {
        WENYUAN_TRY(db.exec(std::string("DROP TABLE IF EXISTS ") + table));
    }
    for (const char* table : {kDocsTable, kFactsTable}) WENYUAN_TRY(db.exec(table));
    WENYUAN_TRY(create_fulltext(db));
    auto timed_items = timed_item_ids(db);
    if (!timed_items) return fail(std::move(timed_items).error());
    auto items = db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE deleted_at IS NULL ORDER BY id");
    if (!items) return fail(std::move(items).error());
    PendingText pending;
    Result<void> failure;
    WENYUAN_TRY(items->each([&](const sql::Stmt& row) {
        if (!failure) return;
        const Item item = item_from_row(row);
        failure = index_new_item(db, item, vocabulary, std::binary_search(timed_items->begin(), timed_items->end(), item.id), &pending);
        if (failure && pending.docs.size() >= kRebuildBatch) failure = write_pending(db, pending);
    }));
    WENYUAN_TRY(failure);
    return write_pending(db, pending);
}

Result<void> check_index(const sql::Db& db, bool read_only, int schema_version, const Vocabulary& vocabulary,
                         std::vector<VerifyProblem>& problems, std::vector<std::string>& notes) {
    auto timed_items = timed_item_ids(db);
    if (!timed_items) return fail(std::move(timed_items).error());
    auto items = db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE deleted_at IS NULL ORDER BY id");
    if (!items) return fail(std::move(items).error());
    std::size_t live = 0;
    Result<void> failure;
    WENYUAN_TRY(items->each([&](const sql::Stmt& row) {
        const Item item = item_from_row(row);
        ++live;
        auto stored = stored_doc(db, item.id);
        if (!stored) {
            failure = fail(std::move(stored).error());
            return;
        }
        const std::string name = "item " + std::to_string(item.id);
        if (!*stored) {
            problems.push_back({"search index", name + " is not indexed"});
            return;
        }
        SearchDoc expected = compose_doc(item, vocabulary, schema_version >= kNamesInPinyinFrom);
        if (std::binary_search(timed_items->begin(), timed_items->end(), item.id)) {
            auto text = timed_text(db, item.id);
            if (!text) {
                failure = fail(std::move(text).error());
                return;
            }
            append(expected.body, *text);
        }
        const SearchDoc& actual = **stored;
        if (expected.title != actual.title || expected.keywords != actual.keywords || expected.places != actual.places ||
            expected.body != actual.body || expected.pinyin != actual.pinyin) {
            problems.push_back({"search index", name + " is indexed with outdated text"});
        }
        auto facts = stored_facts(db, item.id);
        if (!facts) {
            failure = fail(std::move(facts).error());
            return;
        }
        if (!*facts || !(**facts == facts_of(item))) {
            problems.push_back({"search index", name + " has missing or outdated search facts"});
        }
    }));
    WENYUAN_TRY(failure);
    for (const char* table : {"search_docs", "search_facts"}) {
        auto indexed = db.scalar(std::string("SELECT count(*) FROM ") + table);
        if (!indexed) return fail(std::move(indexed).error());
        if (static_cast<std::size_t>(*indexed) != live) {
            problems.push_back({"search index", std::string(table) + ": " + std::to_string(*indexed) + " rows for " +
                                                    std::to_string(live) + " live items"});
        }
    }
    if (read_only) {
        notes.push_back("the search index's own FTS5 structure check needs a writable archive and was skipped; "
                        "its content was checked against the catalog");
        return {};
    }
    for (const char* table : {"search_text", "search_pinyin"}) {
        const std::string check = std::string("INSERT INTO ") + table + "(" + table + ", rank) VALUES ('integrity-check', 1)";
        if (auto integrity = db.exec(check); !integrity) {
            problems.push_back({"search index", std::string(table) + ": FTS5 integrity check failed: " + integrity.error().message});
        }
    }
    return {};
}

}  // namespace wenyuan::search
