#include "manifest.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <system_error>

#include "file_walk.hpp"
#include "wenyuan/csv.hpp"

namespace wenyuan {
namespace {

enum class Column { file, collection, field, companion, unknown };

bool is_one_of(std::string_view header, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) {
        if (header.size() == name.size() &&
            std::equal(header.begin(), header.end(), name.begin(),
                       [](char a, char b) {
                           return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
                       })) {
            return true;
        }
    }
    return false;
}

Column classify(std::string_view header, const FieldInfo*& field) {
    field = nullptr;
    if (is_one_of(header, {"file", "path", "filename", "文件", "文件名", "路径"})) return Column::file;
    if (is_one_of(header, {"collection", "collections", "集合", "专题库", "专题"})) return Column::collection;
    if (is_one_of(header, {"captions", "subtitles", "字幕"}) || is_one_of(header, {"segments", "chapters", "分段", "章节"})) {
        return Column::companion;
    }
    field = find_field(header);
    return field ? Column::field : Column::unknown;
}

// Parts of a cell separated by ';' (full-width too) or line breaks, trimmed; commas stay, since
// titles and file names have them.
std::vector<std::string> split_list(std::string_view cell) {
    std::vector<std::string> parts;
    std::string current;
    auto flush = [&] {
        const auto first = current.find_first_not_of(" \t\r");
        const auto last = current.find_last_not_of(" \t\r");
        if (first != std::string::npos) parts.push_back(current.substr(first, last - first + 1));
        current.clear();
    };
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (cell[i] == ';' || cell[i] == '\n') {
            flush();
        } else if (cell.compare(i, 3, "；") == 0) {
            flush();
            i += 2;
        } else {
            current += cell[i];
        }
    }
    flush();
    return parts;
}

// One line for all of them: staff who list scans on a USB stick by absolute path would otherwise
// get a line per row, and anyone else sees that the spreadsheet reaches beyond its folder.
std::string outside_warning(const std::string& name, const std::vector<std::string>& rows) {
    constexpr std::size_t kShown = 3;
    std::string text = name + ": " + std::to_string(rows.size()) + (rows.size() == 1 ? " row names a file" : " rows name files") +
                       " outside the manifest's folder (";
    for (std::size_t i = 0; i < std::min(rows.size(), kShown); ++i) text += (i ? "; " : "") + rows[i];
    if (rows.size() > kShown) text += "; …";
    return text + "); imported as named";
}

}  // namespace

Result<Manifest> read_manifest(const std::filesystem::path& csv, const Vocabulary& vocabulary) {
    auto table = read_csv_file(csv);
    if (!table) return fail(std::move(table).error());
    Manifest manifest;
    manifest.csv = csv;
    const std::string name = csv.filename().string();
    for (const CsvRowError& error : table->row_errors) {
        manifest.errors.push_back({name + ":" + std::to_string(error.line), error.reason});
    }
    std::vector<Column> columns;
    std::vector<const FieldInfo*> fields;
    int file_column = -1;
    for (std::size_t i = 0; i < table->header.size(); ++i) {
        const FieldInfo* field = nullptr;
        columns.push_back(classify(table->header[i], field));
        fields.push_back(field);
        if (columns.back() == Column::file && file_column < 0) file_column = static_cast<int>(i);
        if (columns.back() == Column::unknown && !table->header[i].empty()) {
            manifest.warnings.push_back(name + ": column '" + table->header[i] +
                                        "' is not a known field and is ignored (see `wenyuan fields`)");
        }
    }
    if (file_column < 0) {
        return fail(Errc::invalid_argument, name + ": no 'file' (文件) column; each row must name the file it describes");
    }
    const auto base = std::filesystem::absolute(csv).lexically_normal().parent_path();
    std::map<std::string, std::size_t> key_lines;  // each key (编号) and the row that has it
    std::vector<std::string> outside;              // rows naming a file outside the CSV's folder
    for (const CsvRow& row : table->rows) {
        const std::string where = name + ":" + std::to_string(row.line);
        const std::string& cell = row.cells[static_cast<std::size_t>(file_column)];
        if (cell.empty()) {
            manifest.errors.push_back({where, "the file cell is empty"});
            continue;
        }
        ManifestRow parsed;
        parsed.line = row.line;
        parsed.file = (base / std::filesystem::path(cell)).lexically_normal();
        Item scratch;
        std::string problem;
        for (std::size_t i = 0; i < columns.size() && i < row.cells.size(); ++i) {
            if (columns[i] == Column::companion && !row.cells[i].empty()) {
                const bool captions = is_one_of(table->header[i], {"captions", "subtitles", "字幕"});
                const std::string column = captions ? "captions" : "segments";
                for (const std::string& part : split_list(row.cells[i])) {
                    const auto path = (base / std::filesystem::path(part)).lexically_normal();
                    std::error_code exists_ec;
                    if (std::filesystem::is_regular_file(path, exists_ec)) {
                        parsed.hints.files[column].push_back(path);
                    } else if (!captions && part.find('-') != std::string::npos) {
                        parsed.hints.values[column].push_back(part);  // an inline segment
                    } else {
                        problem = table->header[i] + ": file '" + part + "' not found next to the manifest";
                        break;
                    }
                }
                if (!problem.empty()) break;
            }
            if (columns[i] == Column::collection && !row.cells[i].empty()) {
                for (auto& collection : split_keywords(row.cells[i])) parsed.collections.push_back(collection);
            }
            if (columns[i] != Column::field || row.cells[i].empty()) continue;
            if (auto set = set_field(scratch, *fields[i], row.cells[i], vocabulary); !set) {
                problem = set.error().message;
                break;
            }
            parsed.values.emplace_back(fields[i], row.cells[i]);
        }
        std::error_code ec;
        if (problem.empty() && !std::filesystem::is_regular_file(parsed.file, ec)) {
            problem = "file '" + cell + "' not found next to the manifest";
        }
        if (problem.empty() && manifest.rows.count(parsed.file)) {
            problem = "file '" + cell + "' is already described on line " +
                      std::to_string(manifest.rows[parsed.file].line);
        }
        for (const auto& [field, value] : parsed.values) {
            if (!problem.empty() || field->name != "key") continue;
            if (auto [first, added] = key_lines.emplace(value, row.line); !added) {
                problem = "key '" + value + "' is already used on line " + std::to_string(first->second);
            }
        }
        if (!problem.empty()) {
            manifest.errors.push_back({where, problem});
            manifest.rejected.insert(parsed.file);
            continue;
        }
        if (!inside_folder(parsed.file, base)) outside.push_back("line " + std::to_string(row.line) + ": " + cell);
        manifest.rows.emplace(parsed.file, std::move(parsed));
    }
    if (!outside.empty()) manifest.warnings.push_back(outside_warning(name, outside));
    return manifest;
}

void apply_manifest_row(Item& item, const ManifestRow& row, const Vocabulary& vocabulary) {
    for (const auto& [field, value] : row.values) {
        auto set = set_field(item, *field, value, vocabulary);
        assert(set && "manifest values are validated when read");
        (void)set;
    }
}

}  // namespace wenyuan
