#include "wenyuan/csv.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <system_error>

namespace wenyuan {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kSaveAsUtf8 = "save the spreadsheet as \"CSV UTF-8\" and try again";

unsigned byte_at(std::string_view text, std::size_t i) {
    return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100u;
}

std::string place(std::string_view origin, std::size_t line) {
    return std::string(origin) + ":" + std::to_string(line) + ": ";
}

bool is_line_end(std::string_view text, std::size_t i) {
    return text[i] == '\n' || (text[i] == '\r' && byte_at(text, i + 1) != '\n');
}

/// Line breaks (LF, CRLF or a lone CR) in text[from, to).
std::size_t count_line_ends(std::string_view text, std::size_t from, std::size_t to) {
    std::size_t count = 0;
    for (std::size_t i = from; i < to; ++i) count += is_line_end(text, i) ? 1 : 0;
    return count;
}

/// Length of the well-formed UTF-8 sequence at text[i], or 0 (overlong forms, surrogates and
/// code points above U+10FFFF are not well-formed).
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const unsigned lead = byte_at(text, i);
    const auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
        const unsigned b = byte_at(text, i + k);
        return b >= lo && b <= hi;
    };
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const bool ok =
            in(1, lead == 0xE0 ? 0xA0 : 0x80, lead == 0xED ? 0x9F : 0xBF) && in(2, 0x80, 0xBF);
        return ok ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const bool ok = in(1, lead == 0xF0 ? 0x90 : 0x80, lead == 0xF4 ? 0x8F : 0xBF) &&
                        in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF);
        return ok ? 4 : 0;
    }
    return 0;
}

std::size_t first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8_length(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

/// True when every non-ASCII byte pairs up as GBK/GB18030 and most pairs are GB2312 characters
/// (lead and trail 0xA1-0xFE), which UTF-8 or Latin-1 text almost never does.
bool looks_like_gbk(std::string_view text) {
    std::size_t pairs = 0, common = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned lead = byte_at(text, i), trail = byte_at(text, i + 1);
        if (lead < 0x80) {
            ++i;
        } else if (lead == 0x80 || lead == 0xFF || trail > 0xFE) {
            return false;
        } else if (trail >= 0x30 && trail <= 0x39) {  // four-byte GB18030
            const unsigned third = byte_at(text, i + 2), fourth = byte_at(text, i + 3);
            if (third < 0x81 || third > 0xFE || fourth < 0x30 || fourth > 0x39) return false;
            ++pairs;
            i += 4;
        } else {
            if (trail < 0x40 || trail == 0x7F) return false;
            ++pairs;
            common += lead >= 0xA1 && lead <= 0xF7 && trail >= 0xA1 ? 1 : 0;
            i += 2;
        }
    }
    return pairs > 0 && common * 2 >= pairs;
}

/// Refuses text that is not UTF-8 CSV, saying what it looks like instead.
Result<void> check_encoding(std::string_view text, std::string_view origin) {
    const std::string name(origin);
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
        return fail(Errc::unsupported,
                    name + ": UTF-16 text (Excel's \"Unicode Text\"), not UTF-8 CSV; " +
                        std::string(kSaveAsUtf8));
    }
    if (text.starts_with("PK\x03\x04") || text.starts_with("\xD0\xCF\x11\xE0")) {
        return fail(Errc::unsupported, name + ": an Excel or WPS workbook, not a CSV file; " +
                                           std::string(kSaveAsUtf8));
    }
    if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
        return fail(Errc::corrupt,
                    place(origin, 1 + count_line_ends(text, 0, nul)) +
                        "NUL byte in the text: this is not a CSV file (binary or UTF-16?); " +
                        std::string(kSaveAsUtf8));
    }
    const auto bad = first_invalid_utf8(text);
    if (bad == std::string_view::npos) return {};
    const std::string where = place(origin, 1 + count_line_ends(text, 0, bad));
    if (looks_like_gbk(text)) {
        return fail(Errc::unsupported,
                    where +
                        "not UTF-8: the text looks like GBK/GB18030, which Chinese Excel "
                        "and WPS write by default; " +
                        std::string(kSaveAsUtf8));
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", byte_at(text, bad));
    return fail(Errc::corrupt,
                where + "invalid UTF-8 (byte " + hex + "); " + std::string(kSaveAsUtf8));
}

bool is_blank(std::string_view cell) {
    return cell.find_first_not_of(" \t") == std::string_view::npos;
}

/// Trims ASCII spaces and tabs, U+00A0, U+3000 and U+FEFF from both ends of a header cell.
std::string trim_header(std::string_view cell) {
    static constexpr std::string_view kSpaces[] = {" ", "\t", "\xC2\xA0", "\xE3\x80\x80", kUtf8Bom};
    for (std::size_t before = cell.size() + 1; cell.size() < before;) {
        before = cell.size();
        for (std::string_view space : kSpaces) {
            if (cell.starts_with(space)) cell.remove_prefix(space.size());
            if (cell.ends_with(space)) cell.remove_suffix(space.size());
        }
    }
    return std::string(cell);
}

/// One record as read, before it is checked against the header.
struct Record {
    std::size_t line = 0;
    std::vector<std::string> cells;  ///< at most the `keep` cells asked for
    std::size_t used = 0;            ///< cells up to the last non-blank one, kept or not
};

/// Splits checked text into records. Holds views into the text, which must outlive it.
class Reader {
  public:
    Reader(std::string_view text, std::string_view origin, const CsvOptions& options)
        : text_(text), origin_(origin), options_(options) {}

    /// Reads the next record, keeping at most `keep` cells. False at the end of the text.
    Result<bool> next(Record& record, std::size_t keep) {
        if (pos_ >= text_.size()) return false;
        record.line = line_;
        record.cells.clear();
        record.used = 0;
        for (std::size_t count = 1;; ++count) {
            WENYUAN_TRY(read_field());
            if (!is_blank(field_)) record.used = count;
            if (record.cells.size() < keep) record.cells.push_back(field_);
            if (pos_ >= text_.size()) return true;
            const char end = text_[pos_++];
            if (end == options_.delimiter) continue;
            if (end == '\r' && byte_at(text_, pos_) == '\n') ++pos_;
            ++line_;
            return true;
        }
    }

  private:
    /// Reads one cell into field_ and stops at the delimiter, line end or end of text after it.
    Result<void> read_field() {
        field_.clear();
        const std::size_t start_line = line_;
        if (byte_at(text_, pos_) == '"') {
            for (++pos_;;) {
                const auto quote = text_.find('"', pos_);
                if (quote == std::string_view::npos) {
                    return fail(Errc::corrupt,
                                place(origin_, start_line) +
                                    "unterminated quoted field (opened here); a cell that "
                                    "starts with \" must end with \"");
                }
                WENYUAN_TRY(append(text_.substr(pos_, quote - pos_), start_line));
                line_ += count_line_ends(text_, pos_, quote);
                pos_ = quote + 1;
                if (byte_at(text_, pos_) != '"') break;
                WENYUAN_TRY(append("\"", start_line));
                ++pos_;
            }
        }
        std::size_t end = pos_;
        while (end < text_.size() && text_[end] != options_.delimiter && text_[end] != '\n' &&
               text_[end] != '\r') {
            ++end;
        }
        WENYUAN_TRY(append(text_.substr(pos_, end - pos_), start_line));
        pos_ = end;
        return {};
    }

    Result<void> append(std::string_view piece, std::size_t start_line) {
        if (piece.size() > options_.max_field_bytes - field_.size()) {
            return fail(Errc::limit, place(origin_, start_line) +
                                         "a cell is longer than the limit of " +
                                         std::to_string(options_.max_field_bytes) + " bytes");
        }
        field_.append(piece);
        return {};
    }

    std::string_view text_;
    std::string_view origin_;
    const CsvOptions& options_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::string field_;
};

Result<void> check_options(std::string_view text, std::string_view origin,
                           const CsvOptions& options) {
    const std::string name(origin);
    if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r') {
        return fail(Errc::invalid_argument,
                    name + ": a quote or line break cannot be the CSV delimiter");
    }
    if (text.size() > options.max_bytes) {
        return fail(Errc::limit, name + ": " + std::to_string(text.size()) +
                                     " bytes, more than the limit of " +
                                     std::to_string(options.max_bytes) + " bytes for a CSV file");
    }
    return {};
}

/// Reads up to the first record with a column name into table.header.
Result<void> read_header(Reader& reader, std::string_view origin, const CsvOptions& options,
                         CsvTable& table) {
    const std::size_t keep =
        std::min(options.max_columns, std::numeric_limits<std::size_t>::max() - 1) + 1;
    for (Record record;;) {
        auto more = reader.next(record, keep);
        if (!more) return fail(std::move(more).error());
        if (!*more) {
            return fail(
                Errc::invalid_argument,
                std::string(origin) +
                    ": no header row (the file is empty); the first row must name the columns");
        }
        if (record.used > options.max_columns) {
            return fail(Errc::limit, place(origin, record.line) + "more than " +
                                         std::to_string(options.max_columns) +
                                         " columns in the header");
        }
        record.cells.resize(record.used);
        for (const std::string& cell : record.cells) table.header.push_back(trim_header(cell));
        while (!table.header.empty() && table.header.back().empty()) table.header.pop_back();
        if (!table.header.empty()) return {};
    }
}

}  // namespace

Result<CsvTable> parse_csv(std::string_view text, std::string_view origin_name,
                           const CsvOptions& options) {
    WENYUAN_TRY(check_options(text, origin_name, options));
    if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
    WENYUAN_TRY(check_encoding(text, origin_name));

    CsvTable table;
    Reader reader(text, origin_name, options);
    WENYUAN_TRY(read_header(reader, origin_name, options, table));
    const std::size_t width = table.header.size();
    const std::size_t max_rows = options.max_cells / width;
    for (Record record;;) {
        auto more = reader.next(record, width);
        if (!more) return fail(std::move(more).error());
        if (!*more) break;
        if (record.used == 0) continue;
        if (record.used > width) {
            const std::string delimiter = options.delimiter == '\t'
                                              ? std::string("a tab")
                                              : "'" + std::string(1, options.delimiter) + "'";
            std::string reason = std::to_string(record.used) + " cells but the header has " +
                                 std::to_string(width) + " columns; a cell that contains " +
                                 delimiter + " must be in double quotes";
            if (table.row_errors.size() >= options.max_row_errors) {
                return fail(Errc::limit, place(origin_name, record.line) + reason + " (more than " +
                                             std::to_string(options.max_row_errors) +
                                             " bad rows: is this the right delimiter?)");
            }
            table.row_errors.push_back(
                {record.line, place(origin_name, record.line) + reason, std::move(reason)});
            continue;
        }
        if (table.rows.size() >= max_rows) {
            return fail(Errc::limit, place(origin_name, record.line) + "more than " +
                                         std::to_string(options.max_cells) + " cells in the table");
        }
        record.cells.resize(width);
        table.rows.push_back({record.line, std::move(record.cells)});
    }
    return table;
}

Result<CsvTable> read_csv_file(const std::filesystem::path& file, const CsvOptions& options) {
    const std::string name = file.string();
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (status.type() == std::filesystem::file_type::not_found) {
        return fail(Errc::not_found, name + ": no such file");
    }
    if (ec) return fail(Errc::io, name + ": " + ec.message());
    if (std::filesystem::is_directory(status)) {
        return fail(Errc::invalid_argument, name + ": a folder, not a CSV file");
    }
    if (!std::filesystem::is_regular_file(status)) {
        return fail(Errc::unsupported, name + ": not a regular file");
    }
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Errc::io, name + ": " + ec.message());
    if (size > options.max_bytes) {
        return fail(Errc::limit, name + ": " + std::to_string(size) +
                                     " bytes, more than the limit of " +
                                     std::to_string(options.max_bytes) + " bytes for a CSV file");
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(Errc::io, name + ": cannot open: " + std::strerror(errno));
    // Read to the end but stop past the limit: the file may have grown since it was measured.
    std::string text;
    text.reserve(static_cast<std::size_t>(size));
    std::vector<char> buffer(std::size_t{1} << 16);
    while (in && text.size() <= options.max_bytes) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        text.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return fail(Errc::io, name + ": cannot read: " + std::strerror(errno));
    return parse_csv(text, name, options);
}

}  // namespace wenyuan
