// libFuzzer harness for the CSV reader: any bytes must give a table or a one-line error, never a
// crash, and a table must keep the documented shape. See README.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "wenyuan/csv.hpp"

#define FUZZ_CHECK(condition)                                                 \
    do {                                                                      \
        if (!(condition)) {                                                   \
            std::fprintf(stderr, "fuzz_csv: check failed: %s\n", #condition); \
            std::abort();                                                     \
        }                                                                     \
    } while (0)

namespace {

void check(const wenyuan::Result<wenyuan::CsvTable>& table, std::string_view origin) {
    if (!table) {
        const std::string& message = table.error().message;
        FUZZ_CHECK(message.starts_with(origin));
        FUZZ_CHECK(message.find('\n') == std::string::npos);
        return;
    }
    FUZZ_CHECK(!table->header.empty());
    std::size_t previous = 0;
    for (const wenyuan::CsvRow& row : table->rows) {
        FUZZ_CHECK(row.cells.size() == table->header.size());
        FUZZ_CHECK(row.line > previous);
        previous = row.line;
    }
    for (const wenyuan::CsvRowError& error : table->row_errors) {
        FUZZ_CHECK(error.line >= 1);
        FUZZ_CHECK(error.message.starts_with(origin) && error.message.ends_with(error.reason));
    }
}

/// Writes a parsed table back with every cell quoted; reading that must give the same cells.
void check_round_trip(const wenyuan::CsvTable& table) {
    std::string text;
    const auto write_row = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            text += i ? ",\"" : "\"";
            for (const char c : cells[i])
                text += c == '"' ? std::string("\"\"") : std::string(1, c);
            text += '"';
        }
        text += "\r\n";
    };
    write_row(table.header);
    for (const wenyuan::CsvRow& row : table.rows) write_row(row.cells);
    const auto again = wenyuan::parse_csv(text, "again.csv");
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->header == table.header);
    FUZZ_CHECK(again->rows.size() == table.rows.size());
    for (std::size_t i = 0; i < table.rows.size(); ++i)
        FUZZ_CHECK(again->rows[i].cells == table.rows[i].cells);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto table = wenyuan::parse_csv(text, "fuzz.csv");
    check(table, "fuzz.csv");
    if (table) check_round_trip(*table);
    // Small limits, so that the fuzzer reaches them, and the other delimiter.
    wenyuan::CsvOptions small;
    small.max_bytes = 1500;
    small.max_field_bytes = 40;
    small.max_columns = 8;
    small.max_cells = 64;
    small.max_row_errors = 4;
    small.delimiter = '\t';
    check(wenyuan::parse_csv(text, "small.tsv", small), "small.tsv");
    return 0;
}
