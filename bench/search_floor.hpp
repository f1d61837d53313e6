// The floor under bench_search's indexing figures: the index's FTS5 writes alone.
#pragma once

#include <filesystem>

namespace wenyuan::bench {

/// Writes the stored text of every item of the archive at `dir` into the two full-text tables of
/// a scratch database beside it, exactly as a rebuild does (the library's tables, tokenizers,
/// batches and token recording on a second thread, the catalog's journal and sync settings, one
/// transaction), but with no catalog row, stored text or facts. Prints the time and items/s: what
/// one SQLite writer can index at most with this token set. Exits on errors.
void print_fulltext_floor(const std::filesystem::path& dir);

}  // namespace wenyuan::bench
