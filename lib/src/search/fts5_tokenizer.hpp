// The FTS5 tokenizers of the search index. Private to the library.
#pragma once

#include "wenyuan/result.hpp"

struct sqlite3;

namespace wenyuan::search {

/// Registers two FTS5 tokenizers on the connection (see tokenizer.hpp for their tokens):
///   wenyuan          content columns: Han unigrams and bigrams folded to simplified, and words
///                    folded to lower-case ASCII;
///   wenyuan_pinyin   the pinyin column: toneless readings and ^-prefixed initials of Han text.
/// FTS5 gives one tokenizer to a whole table, so the pinyin column lives in a table of its own
/// (`tokenize = 'wenyuan_pinyin'`). Neither tokenizer takes arguments. Also registers the
/// auxiliary function `wenyuan_ids` (fts5_ids.hpp).
///
/// Tokenizers are per connection: call this on every connection before it reads or writes a table
/// that uses them (FTS5 fails with "no such tokenizer" otherwise). Registering again replaces the
/// earlier registration. Errors: Errc::unsupported when this SQLite has no FTS5, Errc::internal
/// when registration fails. Not thread-safe for one connection, like sqlite3 itself.
Result<void> register_search_tokenizers(sqlite3* db);

}  // namespace wenyuan::search
