// Reading the CSV files that museum staff export from Excel or WPS: manifests, vocabularies.
//
// RFC 4180 with the leniency that real spreadsheets need: UTF-8 with or without a byte-order
// mark, CRLF, LF or lone-CR line ends, quoted cells holding delimiters, doubled quotes ("") and
// line breaks, trailing empty lines, short rows. What cannot be read correctly is refused with a
// one-line message that names the file and line and says what to do: text that is not UTF-8
// (GBK/GB18030 from Chinese Excel is recognised and named), UTF-16 and workbooks, NUL bytes, an
// unterminated quote, and anything over the limits in CsvOptions.
//
// Every function here is pure (no globals, no caches) and safe to call from many threads at once.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/result.hpp"

namespace wenyuan {

/// One data row.
struct CsvRow {
    std::size_t line = 0;  ///< 1-based physical line on which the row starts
    std::vector<std::string>
        cells;  ///< exactly CsvTable::header.size() cells, short rows padded with ""
};

/// A row that was left out; the other rows are still read.
struct CsvRowError {
    std::size_t line = 0;  ///< 1-based physical line on which the row starts
    std::string message;   ///< the whole line to show: "manifest.csv:17: 4 cells but the header has
                           ///< 3 columns …"
    std::string
        reason;  ///< the same without "origin:line: ", for callers that print the place themselves
};

struct CsvTable {
    /// Column names from the first row that has one, trimmed of spaces, tabs, U+00A0, U+3000 and
    /// byte-order marks at both ends. Trailing columns with no name are dropped; never empty.
    std::vector<std::string> header;
    std::vector<CsvRow> rows;  ///< data rows in file order; blank rows are skipped
    std::vector<CsvRowError>
        row_errors;  ///< rows with more non-blank cells than the header, in file order
};

/// Limits that keep a hostile or mistaken file from taking all memory. Memory use is bounded by
/// about max_bytes × 2 + max_cells × sizeof(std::string).
struct CsvOptions {
    std::size_t max_bytes = std::size_t{256} << 20;      ///< the whole text
    std::size_t max_field_bytes = std::size_t{1} << 20;  ///< one cell, after unquoting
    std::size_t max_columns = 16384;               ///< named header columns (Excel's own maximum)
    std::size_t max_cells = std::size_t{1} << 24;  ///< rows × columns in the result
    std::size_t max_row_errors = 1000;             ///< more bad rows than this fail the whole file
    char delimiter = ',';  ///< ',' for CSV, '\t' for TSV, ';' for some locales
};

/// Parses CSV text. `origin_name` starts every message ("manifest.csv:17: …"), usually the file
/// name as the user gave it. A UTF-8 byte-order mark at the start is skipped.
///
/// Header: the first row with a column name in it; rows before it are skipped.
/// Data rows: blank rows (every cell empty or only spaces and tabs) are skipped; shorter rows are
/// padded with empty cells; extra cells that are blank are dropped (Excel writes "a,b,,," for
/// formatted but empty columns); a row with a non-blank cell beyond the header becomes a
/// CsvRowError and reading goes on. Data cells are returned exactly as written, unquoted, without
/// trimming; line breaks inside quoted cells are kept as they are in the file. Text after a
/// closing quote is appended to the cell and a quote inside an unquoted cell is kept, as Excel
/// does.
///
/// Errors (the whole file is refused):
/// - Errc::unsupported: not UTF-8 but GBK/GB18030 (message says "looks like GBK"), UTF-16, or an
///   Excel workbook (.xlsx/.xls) rather than CSV; the message says to save as "CSV UTF-8".
/// - Errc::corrupt: other invalid UTF-8, a NUL byte, or a quoted cell that never ends (the message
///   names the line where it was opened: "manifest.csv:17: unterminated quoted field (opened
///   here)").
/// - Errc::invalid_argument: no header row (empty file or only blank lines), or a delimiter that
///   is a quote, CR or LF.
/// - Errc::limit: a CsvOptions limit was exceeded; the message names it.
Result<CsvTable> parse_csv(std::string_view text, std::string_view origin_name,
                           const CsvOptions& options = {});

/// Reads a whole file and parses it with parse_csv; messages start with `file` as given.
/// Errors: those of parse_csv, and Errc::not_found (no such file), Errc::invalid_argument (a
/// folder), Errc::unsupported (not a regular file, such as a FIFO, which is never opened),
/// Errc::limit (larger than max_bytes, checked before reading), Errc::io (cannot be read).
Result<CsvTable> read_csv_file(const std::filesystem::path& file, const CsvOptions& options = {});

}  // namespace wenyuan
