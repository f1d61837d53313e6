#include "search/fts5_tokenizer.hpp"

#include <sqlite3.h>

#include <memory>
#include <new>
#include <string>

#include "search/fts5_ids.hpp"
#include "search/recorded_tokens.hpp"
#include "search/tokenizer.hpp"

namespace wenyuan::search {
namespace {

using TokenizeFn = void (*)(std::string_view, TokenMode, const TokenSink&);

// What a tokenizer instance is: the pContext given at registration, and Fts5Tokenizer* itself.
struct Kind {
    TokenizeFn tokenize;
    TokenizerKind kind;
};
constexpr Kind kContent{tokenize_text, TokenizerKind::content};
constexpr Kind kPinyin{tokenize_pinyin, TokenizerKind::pinyin};

TokenMode mode_of(int flags) {
    if (!(flags & FTS5_TOKENIZE_QUERY)) return TokenMode::document;  // DOCUMENT or AUX
    return (flags & FTS5_TOKENIZE_PREFIX) ? TokenMode::prefix_query : TokenMode::query;
}

int create(void* context, const char** /*args*/, int arg_count, Fts5Tokenizer** out) noexcept {
    *out = nullptr;
    if (arg_count != 0) return SQLITE_ERROR;
    *out = reinterpret_cast<Fts5Tokenizer*>(const_cast<Kind*>(static_cast<const Kind*>(context)));
    return SQLITE_OK;
}

void destroy(Fts5Tokenizer*) noexcept {}  // instances are the static Kind objects

using TokenCallback = int (*)(void*, int, const char*, int, int, int);

// Runs from inside SQLite: nothing may be thrown past it.
int tokenize(Fts5Tokenizer* tokenizer, void* context, int flags, const char* text, int size,
             TokenCallback token) noexcept {
    const Kind* kind = reinterpret_cast<const Kind*>(tokenizer);
    int rc = SQLITE_OK;
    try {
        const std::string_view input(text ? text : "",
                                     text && size > 0 ? static_cast<std::size_t>(size) : 0);
        if (flags == FTS5_TOKENIZE_DOCUMENT) {  // a row being written: tokenized ahead of time?
            if (const RecordedTokens* recorded = find_recording(kind->kind, input)) {
                for (const RecordedTokens::Entry& t : recorded->tokens) {
                    rc = token(context, t.colocated ? FTS5_TOKEN_COLOCATED : 0, recorded->text.data() + t.offset,
                               static_cast<int>(t.size), static_cast<int>(t.start), static_cast<int>(t.end));
                    if (rc != SQLITE_OK) return rc;
                }
                return SQLITE_OK;
            }
        }
        kind->tokenize(input, mode_of(flags), [&](const Token& t) {
            rc = token(context, t.colocated ? FTS5_TOKEN_COLOCATED : 0, t.text.data(),
                       static_cast<int>(t.text.size()), static_cast<int>(t.start),
                       static_cast<int>(t.end));
            return rc == SQLITE_OK;
        });
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;
    } catch (...) {
        return SQLITE_ERROR;
    }
    return rc;
}

const fts5_tokenizer kMethods{create, destroy, tokenize};  // FTS5 copies it

fts5_api* fts5_api_of(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK) return nullptr;
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
    sqlite3_bind_pointer(stmt.get(), 1, &api, "fts5_api_ptr", nullptr);
    sqlite3_step(stmt.get());
    return api;
}

}  // namespace

Result<void> register_search_tokenizers(sqlite3* db) {
    fts5_api* api = fts5_api_of(db);
    if (!api || api->iVersion < 2)
        return fail(Errc::unsupported, "search: this SQLite has no FTS5 (or too old a version)");
    for (const auto& [name, kind] :
         {std::pair{"wenyuan", &kContent}, std::pair{"wenyuan_pinyin", &kPinyin}}) {
        const int rc = api->xCreateTokenizer(api, name, const_cast<Kind*>(kind),
                                             const_cast<fts5_tokenizer*>(&kMethods), nullptr);
        if (rc != SQLITE_OK) {
            return fail(Errc::internal, std::string("search: cannot register the FTS5 tokenizer ") +
                                            name + ": " + sqlite3_errstr(rc));
        }
    }
    return register_id_collector(api);
}

}  // namespace wenyuan::search
