// Import manifests: a UTF-8 CSV whose rows describe files by a path relative to the CSV.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "wenyuan/fields.hpp"
#include "wenyuan/import_pipeline.hpp"
#include "wenyuan/importer.hpp"

namespace wenyuan {

struct ManifestRow {
    std::size_t line = 0;
    std::filesystem::path file;  ///< absolute, lexically normal
    std::vector<std::pair<const FieldInfo*, std::string>> values;
    std::vector<std::string> collections;
    /// For the importer, by column: "captions" (字幕) names files; "segments" (分段, 章节) names
    /// CSV files or gives segments inline ("0:00-1:30 开场"). Several are separated by ';' or
    /// line breaks; paths are relative to the manifest (made absolute here).
    ManifestHints hints;
};

struct Manifest {
    std::filesystem::path csv;
    std::map<std::filesystem::path, ManifestRow> rows;  ///< by absolute file path
    std::vector<ImportFailure> errors;                  ///< bad rows: "manifest.csv:17", reason
    std::set<std::filesystem::path> rejected;           ///< files of bad rows: never imported
    std::vector<std::string> warnings;                  ///< unknown columns and the like
};

/// Reads and checks a manifest. Headers may be English or Chinese (文件, 名称, 描述, 类别, 年代,
/// 质地, 地点 …); `file` (文件) is required. Every value is validated against the vocabulary, so a
/// bad row is reported here and its file is not imported. Errors: an unreadable file or no
/// `file` column.
Result<Manifest> read_manifest(const std::filesystem::path& csv, const Vocabulary& vocabulary);

/// Lays a row's values over an item. Values were validated by read_manifest.
void apply_manifest_row(Item& item, const ManifestRow& row, const Vocabulary& vocabulary);

}  // namespace wenyuan
